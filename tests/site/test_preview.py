"""The live preview: uncommitted policy files as drafts in `mkdocs serve`, never published."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support.pipeline import build_pipeline
from support.project import copy_site_config
from support.repos import GitRepo, policy
from support.sites import fetch_until, make_serve, mkdocs_build

KK = "policies/acme/privacy.kk.md"
V1 = "## 1. Жалпы\n\nДеректерді түзету.\n\n## 2. Байланыс\n\nХат.\n"


@pytest.fixture
def edited(repo: GitRepo) -> GitRepo:
    copy_site_config(repo.root)
    repo.commit({KK: policy("2024-03-01", V1)}, "v1", "2024-02-01T10:00:00+00:00")
    # An editor's unsaved work: a new section, not committed.
    repo.write(
        {
            KK: policy(
                "2027-01-01",
                V1.replace("## 2. Байланыс", "## 2. Мерзім\n\nЖаңа.\n\n## 3. Байланыс"),
            )
        }
    )
    return repo


def pages(repo: GitRepo, drafts: bool) -> dict[str, str]:
    site = build_pipeline(repo.root, drafts=drafts)
    return {page.path: site.read(page.path) for page in site.pages}


def test_a_draft_is_previewed_with_its_changes_against_the_version_in_force(
    edited: GitRepo,
) -> None:
    found = pages(edited, drafts=True)
    draft = found["acme/privacy/draft/index.kk.md"]
    assert '!!! danger "Жоба — жарияланбаған"' in draft
    assert "policies/acme/privacy.kk.md" in draft and "make serve" in draft
    changes = found["acme/privacy/draft/changes/index.kk.md"]
    assert 'data-kinds="added"' in changes and 'data-kinds="renumbered"' in changes
    assert '!!! danger "Коммит жасалмаған жоба бар"' in found["acme/privacy/index.kk.md"]
    # The draft is Kazakh: no Russian or English draft page.
    assert "acme/privacy/draft/index.ru.md" not in found


def test_a_draft_of_an_upcoming_version_shows_only_what_the_edit_changes(repo: GitRepo) -> None:
    """Issue 31: one word changed in an upcoming version showed every change it already had
    against the version in force; the line naming the pair ended in a dangling "·"."""
    copy_site_config(repo.root)
    repo.commit({KK: policy("2024-03-01", V1)}, "v1", "2024-02-01T10:00:00+00:00")
    upcoming = V1.replace("## 2. Байланыс", "## 2. Мерзім\n\nЖаңа.\n\n## 3. Байланыс")
    repo.commit({KK: policy("2099-01-01", upcoming)}, "v2", "2026-11-01T10:00:00+00:00")
    repo.write({KK: policy("2099-01-01", upcoming.replace("Хат.", "Хат жазыңыз."))})
    found = pages(repo, drafts=True)
    changes = BeautifulSoup(found["acme/privacy/draft/changes/index.kk.md"], "html.parser")
    kinds = [node["data-kinds"] for node in changes.select("[data-kinds]")]
    assert kinds.count("unchanged") == 2 and kinds.count("modified") == 1, kinds
    assert "added" not in kinds and "renumbered" not in kinds
    compared = next(line for line in changes.get_text().splitlines() if "→" in line)
    assert "2099" in compared and not compared.rstrip().endswith("·")
    draft = found["acme/privacy/draft/index.kk.md"]
    assert "/acme/privacy/2099-01-01/" in draft  # the address it will have, to cite
    assert "(2099-01-01/changes" not in draft


def test_a_build_for_publishing_never_shows_a_draft(edited: GitRepo, tmp_path: Path) -> None:
    assert not [path for path in pages(edited, drafts=False) if "/draft/" in path]
    site = tmp_path / "site"
    mkdocs_build(edited.root, site, date(2026, 11, 22))
    assert not (site / "acme/privacy/draft").exists()
    assert "Коммит жасалмаған" not in (site / "acme/privacy/index.html").read_text("utf-8")


def kinds_of(html: str) -> set[str]:
    """The change kinds a changes page shows."""
    soup = BeautifulSoup(html, "html.parser")
    return {kind for tag in soup.select("[data-kinds]") for kind in str(tag["data-kinds"]).split()}


@pytest.fixture
def served(edited: GitRepo) -> Iterator[str]:
    with make_serve(edited.root) as url:
        yield url


def test_make_serve_rebuilds_the_draft_when_the_file_is_saved(edited: GitRepo, served: str) -> None:
    kinds = kinds_of(fetch_until(f"{served}/acme/privacy/draft/changes/", "Мерзім"))
    assert "added" in kinds
    edited.write({KK: policy("2027-01-01", V1.replace("Хат.", "Хат жазыңыз."))})
    kinds = kinds_of(fetch_until(f"{served}/acme/privacy/draft/changes/", "жазыңыз"))
    assert "added" not in kinds and "modified" in kinds
    # Only what the save changed was rendered again; the rest is served as it was, and
    # the search index still holds every page.
    log = (edited.root / "serve.log").read_text("utf-8")
    first, again = (int(n) for n in re.findall(r"(\d+) of \d+ pages rendered", log)[:2])
    assert 0 < again < first
    index = fetch_until(f"{served}/search/search_index.json", '"docs"')
    assert fetch_until(f"{served}/acme/privacy/", "Хат") and len(json.loads(index)["docs"]) > 5


def test_make_serve_leaves_no_records_of_its_site_behind(edited: GitRepo) -> None:
    sites = edited.root / ".cache" / "policysite" / "sites"
    with make_serve(edited.root) as url:
        fetch_until(f"{url}/acme/privacy/draft/", "Хат")
        assert list(sites.glob("*.json"))  # kept while it serves, for its rebuilds
    # Its site folder is gone with it, and so are the records of it.
    assert not list(sites.glob("*.json"))
