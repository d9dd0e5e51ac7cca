"""A published address keeps its text in the built site: a renamed policy's old addresses
redirect to the new ones, and a long document through a messy history (renamed, a
neighbour withdrawn, a version announced then reverted, a branch merged) keeps every one."""

from __future__ import annotations

import json
from pathlib import Path

from support.project import SAMPLE_DAY, copy_site_config
from support.repos import GitRepo, policy
from support.sites import mkdocs_build

from policysite.history.repository import Repository
from policysite.tools.permanence import check_permanence

COOKIES = "policies/acme/cookies.kk.md"


def test_the_old_addresses_of_a_renamed_policy_redirect_in_the_built_site(
    repo: GitRepo, tmp_path: Path
) -> None:
    copy_site_config(repo.root)
    repo.commit({COOKIES: policy("2024-03-01", title="Cookies")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.git("mv", COOKIES, "policies/acme/cookie-policy.kk.md")
    repo.commit({}, "rename", "2025-06-01T10:00:00+00:00")
    site = tmp_path / "site"
    mkdocs_build(repo.root, site, SAMPLE_DAY)
    page = (site / "ru/acme/cookies/2024-03-01/index.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in page and "Страница перемещена" in page
    assert '<meta http-equiv="refresh" content="0; url=../../cookie-policy/2024-03-01/">' in page
    assert "location.hash" in page  # the #fragment of a cited section is kept
    assert (
        '<link rel="canonical" href="http://127.0.0.1:8000/ru/acme/cookie-policy/2024-03-01/">'
        in page
    )
    text = site / "acme/cookies/2024-03-01/policy.md"
    assert text.read_bytes() == (site / "acme/cookie-policy/2024-03-01/policy.md").read_bytes()
    assert (site / "en/acme/cookies/feed.xml").is_file()


def long_terms(sections: int, variant: int = 0) -> str:
    """A long English terms of service as real ones are written: Setext headings, `1\\.`
    escapes, nested lists, many links, tables; about 1.5 KB a section."""
    words = ["we", "collect", "personal", "data", "when", "you", "use", "the", "service", "and"]
    parts = ["Terms of Service\n================\n", "Please read these terms carefully.\n"]
    for n in range(1, sections + 1):
        parts += [
            f"{n}\\. Section {n} about {'payments' if n % 3 == 0 else 'data'}\n--------------\n",
            f"See [the privacy notice](https://example.com/privacy#s{n}) and [the FAQ](/faq/).\n",
            "* First item with **bold** text\n"
            f"    * nested item with a [link](https://example.com/{n})\n"
            "        * deeper item with `code`\n* Second item\n",
            f"| Column | Meaning |\n|---|---|\n| a | alpha {n + variant} |\n| b | beta |\n",
            " ".join(words[(n * k) % len(words)] for k in range(150)) + ".\n",
        ]
    return "\n".join(parts)


def test_a_long_english_document_through_a_messy_history_keeps_its_addresses(
    repo: GitRepo, tmp_path: Path
) -> None:
    """Renamed, a neighbour withdrawn, a version announced then reverted, a branch merged:
    every build is strict and the deploy check accepts each step."""
    copy_site_config(repo.root)
    terms = "policies/acme/terms.kk.md"
    repo.commit(
        {terms: policy("2024-01-01", long_terms(40), title="Terms of Service")},
        "import the terms",
        "2023-12-01T10:00:00+00:00",
    )
    repo.commit(
        {terms: policy("2024-06-01", long_terms(42, 1), title="Terms of Service")},
        "v2",
        "2024-05-01T10:00:00+00:00",
    )
    repo.commit(
        {COOKIES: policy("2024-01-01", title="Cookies")}, "cookies", "2024-01-02T10:00:00+00:00"
    )
    mkdocs_build(repo.root, tmp_path / "before", SAMPLE_DAY)
    moved = "policies/acme/terms-of-service.kk.md"
    repo.git("mv", terms, moved)
    repo.commit({}, "rename the terms", "2024-07-01T10:00:00+00:00")
    repo.commit({COOKIES: None}, "withdraw the cookie policy", "2024-08-01T10:00:00+00:00")
    repo.commit(
        {moved: policy("2027-02-01", long_terms(43, 2), title="Terms of Service")},
        "announce",
        "2026-10-01T10:00:00+00:00",
    )
    repo.git("revert", "--no-edit", "HEAD", when="2026-10-02T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit(
        {moved: policy("2026-12-01", long_terms(44, 3), title="Terms of Service")},
        "v3",
        "2026-10-03T10:00:00+00:00",
    )
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "--no-edit", "feature", when="2026-10-04T10:00:00+00:00")
    mkdocs_build(repo.root, tmp_path / "after", SAMPLE_DAY)
    before = json.loads((tmp_path / "before/manifest.json").read_text(encoding="utf-8"))
    after = json.loads((tmp_path / "after/manifest.json").read_text(encoding="utf-8"))
    with Repository(repo.root) as git:
        assert check_permanence(before, after, git) == []
    site = tmp_path / "after"
    redirect = (site / "en/acme/terms/2024-06-01/index.html").read_text(encoding="utf-8")
    assert "url=../../terms-of-service/2024-06-01/" in redirect
    assert "withdrawn" in (site / "en/acme/cookies/index.html").read_text(encoding="utf-8")
    changes = (site / "acme/terms-of-service/2024-06-01/changes/index.html").read_text(
        encoding="utf-8"
    )
    assert (
        changes.count("<ins>") > 40
    )  # one table cell changed in each of 40 sections, and two added
    assert "withdrawn before it took effect" in (
        site / "en/acme/terms-of-service/2027-02-01/index.html"
    ).read_text(encoding="utf-8")
    # What changed since the first version, for an app: each of the 40 sections whose
    # table changed, and the two added; the former id answers with the same file.
    since = json.loads(
        (site / "acme/terms-of-service/2024-01-01/since.json").read_text(encoding="utf-8")
    )
    assert since["in_force"]["id"] == "2024-06-01" and since["ask_again"] is True
    kinds = [tuple(section["kinds"]) for section in since["sections"]]
    assert kinds.count(("modified",)) == 40 and kinds.count(("added",)) == 2
    assert [v["id"] for v in since["upcoming"]] == ["2026-12-01"]
    assert (site / "acme/terms/2024-01-01/since.json").read_bytes() == (
        site / "acme/terms-of-service/2024-01-01/since.json"
    ).read_bytes()
    # The version announced and reverted: accepted by someone in between, it is compared
    # with the text in force and says it was taken back.
    taken = json.loads(
        (site / "acme/terms-of-service/2027-02-01/since.json").read_text(encoding="utf-8")
    )
    assert taken["taken_back"] == {"moved_to": None} and taken["compare_url"] is None
    assert taken["ask_again"] is True and taken["sections"]
