"""Rebuilds: a policy whose texts did not change is neither analysed nor rendered again,
and what a rebuild stages is exactly what a build from nothing stages."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
from support.pipeline import build_pipeline
from support.project import copy_site_config
from support.repos import KK, OTHER, V1, GitRepo, policy, two_policies

from policysite.errors import ConfigError
from policysite.mkdocs.incremental import Incremental
from policysite.pipeline import cache as cache_module
from policysite.pipeline.cache import AnalysisCache


def staged(root: Path) -> dict[str, bytes]:
    folder = root / "build" / "docs"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_rebuild_of_the_same_commit_makes_no_policy_again(repo: GitRepo) -> None:
    two_policies(repo)
    first = build_pipeline(repo.root)
    before = staged(repo.root)
    second = build_pipeline(repo.root)
    assert (first.made, second.made) == (6, 0)  # 2 policies x 3 languages, then none
    assert second.stage_report.written == 0
    assert staged(repo.root) == before
    assert [p.path for p in second.pages] == [p.path for p in first.pages]


def test_a_new_version_remakes_its_policy_only_and_stages_what_a_fresh_build_does(
    repo: GitRepo, tmp_path: Path
) -> None:
    two_policies(repo)
    build_pipeline(repo.root)
    repo.commit(
        {KK: policy("2025-03-01", V1.replace("түзету", "жою"))}, "v2", "2025-02-01T10:00:00+00:00"
    )
    rebuilt = build_pipeline(repo.root)
    assert rebuilt.made == 3  # acme, in each language
    assert "acme/privacy/2025-03-01/changes/index.kk.md" in {p.path for p in rebuilt.pages}
    changes = rebuilt.read("acme/privacy/2025-03-01/changes/index.ru.md")
    assert '</span>түзету<span class="ps-sr">]</span></del>' in changes

    fresh = tmp_path / "fresh"
    shutil.copytree(repo.root, fresh, ignore=shutil.ignore_patterns("build", ".cache"))
    build_pipeline(fresh)
    assert staged(repo.root) == staged(fresh)


def test_a_staged_page_deleted_by_hand_is_made_again(repo: GitRepo) -> None:
    two_policies(repo)
    build_pipeline(repo.root)
    page = repo.root / "build" / "docs" / "acme" / "privacy" / "2024-03-01" / "index.kk.md"
    text = page.read_text(encoding="utf-8")
    page.unlink()
    again = build_pipeline(repo.root)
    assert again.made == 1
    assert page.read_text(encoding="utf-8") == text


def test_pages_no_longer_made_leave_nothing_staged(repo: GitRepo) -> None:
    """A policy deleted is withdrawn and keeps its pages; one that a branch switch takes
    out of the history altogether leaves nothing behind."""
    repo.commit({KK: policy("2024-03-01", V1)}, "alpha", "2024-02-01T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "with-beta")
    repo.commit(
        {OTHER: policy("2024-03-01", V1, title="Шарттар")}, "beta", "2024-02-02T10:00:00+00:00"
    )
    build_pipeline(repo.root)
    assert [name for name in staged(repo.root) if name.startswith("beta/")]
    repo.git("checkout", "-q", "main")
    build_pipeline(repo.root)
    assert not [name for name in staged(repo.root) if name.startswith("beta/")]


def test_a_build_that_stopped_halfway_is_followed_by_a_full_one(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    state = Incremental(tmp_path / "cache", site)
    assert state.begin("print-1", clean=True) is False  # never built here: full
    assert list(site.iterdir()) == []
    state.finish("print-1", ["index.html"])
    assert state.begin("print-1", clean=True) is True  # same inputs: keep the pages
    (site / "index.html").write_text("half", encoding="utf-8")
    # ... and this build stops before `finish`: the next one must not trust the folder.
    assert state.begin("print-1", clean=True) is False
    assert list(site.iterdir()) == []


def test_the_search_index_keeps_what_was_not_rendered_and_never_an_earlier_text(
    tmp_path: Path,
) -> None:
    state = Incremental(tmp_path / "cache", tmp_path / "site")
    order = {"": 0, "a/": 1, "b/": 2}
    old_a = [{"location": "a/", "text": "old"}, {"location": "a/#gone", "text": "a section"}]
    first = [{"location": "", "text": "home"}, *old_a, {"location": "b/", "text": "b"}]
    assert state.merge_search_index({"docs": first}, set(order), order)["docs"] == first
    # Only a/ rendered again, its section removed: its new entry, the others as they were.
    new_a = {"location": "a/", "text": "new"}
    merged = state.merge_search_index({"docs": [new_a]}, {"a/"}, order)["docs"]
    assert merged == [first[0], new_a, first[3]]
    # MkDocs' index holds a page's earlier text beside its new one, or a page this build did
    # not render (its search plugin carried its last index): refused, nothing written.
    for docs, page in (([*old_a, new_a], "/a/"), ([new_a, first[3]], "/b/")):
        with pytest.raises(ConfigError, match=f"entries of an earlier build .*'{page}' first"):
            state.merge_search_index({"docs": docs}, {"a/"}, order)
    assert state.merge_search_index({"docs": [new_a]}, {"a/"}, order)["docs"] == merged


def test_cache_entries_unused_for_a_month_are_removed(tmp_path: Path) -> None:
    old, used, fresh = (hashlib.sha256(name.encode()).hexdigest() for name in "abc")
    AnalysisCache(tmp_path).store(old, old)
    AnalysisCache(tmp_path).store(used, used)
    AnalysisCache(tmp_path).store(fresh, fresh)
    month_ago = time.time() - 31 * 86400
    for key in (old, used):
        path = tmp_path / key[:2] / f"{key}.pickle"
        os.utime(path, (month_ago, month_ago))
    cache = AnalysisCache(tmp_path)  # a later build: nothing in memory
    assert cache.load(used) == used  # read today: kept
    assert cache.prune() == 1
    assert (cache.load(old), cache.load(used), cache.load(fresh)) == (None, used, fresh)


def test_a_new_version_of_a_library_makes_every_output_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `make lock` and a new `.venv`, nothing made by the old libraries is reused:
    markdown-it-py parses the texts, anyascii makes the ids, Babel writes the dates."""
    repo = GitRepo(tmp_path)
    repo.git("init", "-q", "-b", "main")
    copy_site_config(tmp_path)
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    assert build_pipeline(tmp_path).made == 3  # the policy in kk, ru and en
    assert build_pipeline(tmp_path).made == 0  # all of it from the cache
    installed = cache_module.dependency_versions()
    upgraded = tuple(
        (name, "99.0" if name == "markdown-it-py" else version) for name, version in installed
    )
    assert upgraded != installed
    monkeypatch.setattr(cache_module, "dependency_versions", lambda: upgraded)
    cache_module.code_fingerprint.cache_clear()
    try:
        assert build_pipeline(tmp_path).made == 3
    finally:
        cache_module.code_fingerprint.cache_clear()


def test_a_lost_search_record_is_said_and_the_next_build_renders_everything(
    tmp_path: Path,
) -> None:
    """The last build's search index cannot be read (deleted, damaged): the pages this
    build kept would be missing from search. That is said, with its cause, and the build
    is recorded as not complete, so the next one renders every page."""
    site = tmp_path / "site"
    site.mkdir()
    state = Incremental(tmp_path / "cache", site)
    order = {"a/": 0, "b/": 1}
    state.begin("fingerprint", clean=True)
    first = [{"location": "a/", "text": "A"}, {"location": "b/", "text": "B"}]
    state.merge_search_index({"docs": first}, set(order), order)
    state.finish("fingerprint", ["a/index.html", "b/index.html"])
    next(iter((tmp_path / "cache" / "sites").glob("*.search.json"))).write_text("{damaged")
    again = Incremental(tmp_path / "cache", site)
    assert again.begin("fingerprint", clean=True)  # the pages are kept ...
    merged = again.merge_search_index({"docs": [first[0]]}, {"a/"}, order)
    assert merged["docs"] == [first[0]]
    (note,) = again.notes  # ... b/ is not in the index, and that is said
    assert "cannot be read (not a search index" in note and "1 pages" in note, note
    assert "the next build renders every page again" in note
    again.finish("fingerprint", ["a/index.html", "b/index.html"])
    assert not Incremental(tmp_path / "cache", site).begin("fingerprint", clean=True)
