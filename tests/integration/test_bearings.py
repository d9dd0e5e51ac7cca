"""A reader's bearings (issue 17): titles in the reader's language, the history's commits
and labels."""

from __future__ import annotations

import pytest
from support.pipeline import build_pipeline
from support.repos import GitRepo, policy

from policysite.addresses import is_local_address
from policysite.mkdocs.theme import with_site_search

KK, RU, EN = (f"policies/acme/privacy.{lang}.md" for lang in ("kk", "ru", "en"))


def test_titles_are_in_the_readers_language_where_a_translation_exists(repo: GitRepo) -> None:
    repo.commit({KK: policy("2024-03-01", title="Құпиялылық")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit(
        {RU: policy("2024-03-01", title="Конфиденциальность")}, "ru", "2024-02-02T10:00:00+00:00"
    )
    # A newer Kazakh version, not yet translated: the Russian pages keep the Russian title.
    repo.commit({KK: policy("2025-03-01", "## 1. General\n\nЕкі.\n", title="Құпиялылық")}, "v2",
                "2025-02-01T10:00:00+00:00")  # fmt: skip
    site = build_pipeline(repo.root)
    for page in ("compare", "on", "history"):
        russian = site.read(f"acme/privacy/{page}/index.ru.md")
        assert "Конфиденциальность" in russian.split("---")[1], page  # the page's title
        assert "Құпиялылық" not in russian, page
    assert "{: .ps-version-label }" in site.read("acme/privacy/compare/index.ru.md")
    # No English text at all: the Kazakh title, marked as Kazakh.
    english = site.read("acme/privacy/compare/index.en.md")
    assert "Құпиялылық\n{: .ps-version-label lang=kk }" in english
    assert "<title>Конфиденциальность</title>" in site.read("acme/privacy/feed.ru.xml")


def test_commits_link_to_the_repository_when_it_is_known(repo: GitRepo) -> None:
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    sha = repo.git("rev-parse", "HEAD").strip()
    plain = build_pipeline(repo.root).read("acme/privacy/history/index.en.md")
    assert f"`{sha[:7]}` ·" in plain and "/commit/" not in plain
    linked = build_pipeline(repo.root, repo_url="https://github.com/acme/policies/").read(
        "acme/privacy/history/index.en.md"
    )
    assert f"[`{sha[:7]}`](https://github.com/acme/policies/commit/{sha}) ·" in linked


def test_the_first_version_is_not_labelled_twice(repo: GitRepo) -> None:
    repo.commit(
        {KK: policy("2024-03-01", summary="Алғашқы нұсқа.")}, "v1", "2024-02-01T10:00:00+00:00"
    )
    history = build_pipeline(repo.root).read("acme/privacy/history/index.en.md")
    assert "Алғашқы нұсқа." in history
    assert "The first published version of the policy" not in history


def test_a_local_site_address_is_recognised() -> None:
    for local in ("", "http://127.0.0.1:8000/", "http://localhost/", "http://[::1]:8000/"):
        assert is_local_address(local), local
    for public in ("https://policies.example.kz/", "https://127example.kz/"):
        assert not is_local_address(public), public


def test_pages_name_the_site_s_search_worker_and_a_moved_one_stops_the_build() -> None:
    config = '{"base": "..", "search": "../assets/javascripts/workers/search.a7633da7.min.js"}'
    assert with_site_search(config) == (
        '{"base": "..", "search": "../assets/javascripts/policysite/search_worker.js"}'
    )
    with pytest.raises(ValueError, match="no search worker"):
        with_site_search('{"base": "..", "search": "../search/worker.js"}')
