"""Whole sites as a deploy builds them: byte for byte the same twice, from a shallow clone,
and put in place by `make site` only whole, one build at a time."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup
from support.project import PROJECT, SAMPLE_DAY, copy_site_config, epoch
from support.repos import GitRepo, policy
from support.sites import mkdocs_build

KK = "policies/acme/privacy.kk.md"


def make_site_in(repo: GitRepo) -> tuple[list[str], dict[str, str]]:
    """Give `repo` this project's Makefile and a first version; the `make site` command
    (with the project's venv) and its environment."""
    copy_site_config(repo.root)
    for name in ("Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copy(PROJECT / name, repo.root / name)
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    venv = str(Path(sys.executable).parent.parent)
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(date(2026, 11, 22))}
    # -o: the scratch copy of the lock file must not reinstall the project's venv.
    return ["make", "--no-print-directory", "site", f"VENV={venv}", "-o", f"{venv}/.installed"], env


def test_make_site_replaces_the_site_only_when_the_build_succeeds(repo: GitRepo) -> None:
    command, env = make_site_in(repo)

    def make_site() -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, cwd=repo.root, env=env, capture_output=True, text=True)

    assert make_site().returncode == 0, "the first build must succeed"
    published = (repo.root / "site/acme/privacy/index.html").read_bytes()
    repo.commit({KK: "---\ntitle: broken\n---\n"}, "broken", "2024-02-02T10:00:00+00:00")
    failed = make_site()
    assert failed.returncode != 0
    assert "front matter has no 'effective'" in failed.stdout + failed.stderr
    # The last good site is still there, whole.
    assert (repo.root / "site/acme/privacy/index.html").read_bytes() == published
    assert (repo.root / "site/manifest.json").is_file()


def test_two_make_site_at_once_leave_one_whole_site(repo: GitRepo) -> None:
    """Both start while a third holds the Makefile's lock (as a build under way would):
    each says it waits, and they then run one after the other."""
    command, env = make_site_in(repo)
    lock = repo.root / "build" / ".make-site.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        runs = [
            subprocess.Popen(
                command, cwd=repo.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
            )
            for _ in range(2)
        ]
        # Each prints that it waits, then blocks on the lock until it is released.
        said = [run.stdout.readline().decode() if run.stdout else "" for run in runs]
    outputs = [
        first + run.communicate(timeout=300)[0].decode()
        for first, run in zip(said, runs, strict=True)
    ]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all("waiting for it to finish" in first for first in said), said
    site = repo.root / "site"
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    expected = sorted(
        p.relative_to(repo.root / "build/site").as_posix()
        for p in (repo.root / "build/site").rglob("*")
        if p.is_file()
    )
    assert built == expected and "index.html" in built
    assert not (site / "site").exists()
    assert not (repo.root / ".site.tmp").exists() and not (repo.root / ".site.old").exists()


def test_two_builds_of_one_commit_are_byte_identical(sample_site: Path, tmp_path: Path) -> None:
    """Another clone, in another folder, built again as of the same day: not a byte differs."""
    clone = tmp_path / "elsewhere" / "clone"
    subprocess.run(["git", "clone", "-q", str(PROJECT), str(clone)], check=True)
    copy_site_config(clone)
    again = tmp_path / "site"
    mkdocs_build(clone, again, SAMPLE_DAY)
    first = {p.relative_to(sample_site): p for p in sample_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    differing = [
        str(name) for name, path in first.items() if path.read_bytes() != second[name].read_bytes()
    ]
    assert differing == []
    assert {
        "manifest.json",
        "search/search_index.json",
        "getx/privacy/2024-03-01/sections.json",
    } <= {str(name) for name in first}


def test_a_shallow_clone_of_the_sample_builds_with_mkdocs(tmp_path: Path) -> None:
    """The pages of translations before the cut pass `mkdocs build --strict` (every link
    and anchor they print resolves) and are served at their versions' addresses."""
    root = tmp_path / "sample"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{PROJECT}", str(root)], check=True
    )
    copy_site_config(root)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "allow_incomplete_history: false", "allow_incomplete_history: true"
        )
    )
    mkdocs_build(root, tmp_path / "site", SAMPLE_DAY)
    page = (tmp_path / "site/en/getx/privacy/2025-06-01/index.html").read_text()
    assert "The Kazakh text of this version could not be read" in page
    assert BeautifulSoup(page, "html.parser").select('[hreflang="ru"]')
    assert "History incomplete" in page
