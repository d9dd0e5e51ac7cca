"""Incremental builds, `mkdocs build --dirty` as `make site` runs it: only the pages whose
source changed are rendered, and the site ends as a full build of the same commit makes it.

What the pipeline makes again on a rebuild, and its cache: tests/integration/test_rebuilds.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support.project import SAMPLE_DAY, copy_site_config
from support.repos import KK, OTHER, V1, GitRepo, policy, two_policies
from support.sites import mkdocs_build


def _files(site: Path) -> dict[str, bytes]:
    # 404.html is left out: mkdocs-static-i18n gives it the language links of whichever
    # page the previous language's build rendered last, so even two full builds of
    # different commits with the same 404 page differ there (noted in README).
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.name != "404.html"
    }


def _rendered(done: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    found = re.search(r"policysite: (\d+) of (\d+) pages rendered", done.stdout + done.stderr)
    assert found, done.stdout + done.stderr
    return int(found[1]), int(found[2])


def test_an_incremental_build_renders_only_changed_pages_and_ends_as_a_full_one(
    repo: GitRepo, tmp_path: Path
) -> None:
    copy_site_config(repo.root)
    two_policies(repo)
    site = tmp_path / "site"
    first = mkdocs_build(repo.root, site, SAMPLE_DAY, dirty=True)
    assert "full build" in first.stdout + first.stderr
    everything = _rendered(first)[1]
    assert _rendered(first) == (everything, everything)

    untouched = [
        site / "beta/terms/2024-03-01/index.html",
        site / "en/beta/terms/history/index.html",
    ]
    written = [page.stat().st_mtime_ns for page in untouched]

    timelines = site / "acme/privacy/sections"
    upcoming = V1.replace("түзету", "жою").replace("## 2.", "## 2. Мерзім\n\nБір жыл.\n\n## 3.")
    repo.commit({KK: policy("2027-01-01", upcoming)}, "acme: upcoming", "2026-11-01T10:00:00+00:00")
    second = mkdocs_build(repo.root, site, SAMPLE_DAY, dirty=True)
    assert "incremental build" in second.stdout + second.stderr
    rendered, pages = _rendered(second)
    assert rendered < pages, (rendered, pages)
    # The other policy's pages were not rendered again.
    assert [page.stat().st_mtime_ns for page in untouched] == written
    assert (site / "acme/privacy/2027-01-01/changes/index.html").is_file()
    assert_same_as_a_full_build(repo.root, site, tmp_path / "full-1")

    assert (timelines / "merzim" / "index.html").is_file(), "the new section has its timeline"

    # The upcoming version is edited before it takes effect: the new section is dropped,
    # and its timeline, in every language, is no longer made, so it is gone from the site.
    edited = V1.replace("түзету", "жою")
    repo.commit({KK: policy("2027-01-01", edited)}, "acme: edited", "2026-11-02T10:00:00+00:00")
    third = mkdocs_build(repo.root, site, SAMPLE_DAY, dirty=True)
    assert "incremental build" in third.stdout + third.stderr
    for prefix in ("", "ru/", "en/"):
        assert not (site / f"{prefix}acme/privacy/sections/merzim").exists()
    assert_same_as_a_full_build(repo.root, site, tmp_path / "full-2")

    # A policy withdrawn leaves the navigation of every page: a full build. Its pages stay.
    repo.commit({OTHER: None}, "beta withdrawn", "2026-11-03T10:00:00+00:00")
    fourth = mkdocs_build(repo.root, site, SAMPLE_DAY, dirty=True)
    assert "full build" in fourth.stdout + fourth.stderr
    assert "has been withdrawn" in (site / "en/beta/terms/index.html").read_text(encoding="utf-8")
    assert_same_as_a_full_build(repo.root, site, tmp_path / "full-3")


def assert_same_as_a_full_build(root: Path, site: Path, work: Path) -> None:
    fresh = work / "repo"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("build", ".cache"))
    mkdocs_build(fresh, work / "site", SAMPLE_DAY)
    ours, full = _files(site), _files(work / "site")
    assert sorted(ours) == sorted(full)
    assert [name for name in full if ours[name] != full[name]] == []


def test_a_changed_theme_makes_a_full_build_and_a_failed_one_leaves_the_site_alone(
    repo: GitRepo, tmp_path: Path
) -> None:
    copy_site_config(repo.root)
    two_policies(repo)
    site = tmp_path / "site"
    mkdocs_build(repo.root, site, SAMPLE_DAY, dirty=True)
    main = repo.root / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# edited #}\n", encoding="utf-8")
    themed = mkdocs_build(repo.root, site, SAMPLE_DAY, dirty=True)
    assert "full build" in themed.stdout + themed.stderr
    assert _rendered(themed)[0] == _rendered(themed)[1]

    page = site / "acme/privacy/index.html"
    published = page.read_bytes(), page.stat().st_mtime_ns
    repo.commit({KK: "---\ntitle: broken\n---\n"}, "broken", "2025-02-01T10:00:00+00:00")
    with pytest.raises(AssertionError, match="front matter has no 'effective'"):
        mkdocs_build(repo.root, site, SAMPLE_DAY, dirty=True)
    assert (page.read_bytes(), page.stat().st_mtime_ns) == published
    repo.commit({KK: policy("2025-03-01", V1)}, "fixed", "2025-02-02T10:00:00+00:00")
    after = mkdocs_build(repo.root, site, SAMPLE_DAY, dirty=True)
    assert "incremental build" in after.stdout + after.stderr
    assert_same_as_a_full_build(repo.root, site, tmp_path / "full")
