"""Real documents read right in the built site (tests/support/corpus.py): headings shown
as their authors wrote them and never as Markdown source, every reported change visible,
every in-document link leading to a section that is there."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup
from support.corpus import make_repository
from support.sites import mkdocs_build

#: Markdown source a reader should never see: emphasis, a link, an escaped number.
SOURCE = re.compile(r"\*\*|\]\(|\\[.*_\[]|\[\*\*")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("real") / "repo"
    root.mkdir()
    make_repository(root)
    built = root.parent / "site"
    done = mkdocs_build(root, built, date(2026, 11, 22))
    (root.parent / "build.log").write_text(done.stdout + done.stderr)
    return built


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "en/acme/terms").rglob("index.html"))


def test_headings_are_shown_as_written_never_as_source(site: Path) -> None:
    page = BeautifulSoup((site / "en/acme/terms/2025-03-01/index.html").read_text(), "html.parser")
    welcome = page.find(id="welcome")
    assert welcome is not None and welcome.name == "h2"
    assert welcome.find("a", href="#welcome").find("strong").get_text() == "Welcome!"
    assert page.find(id="definitions").find("strong").get_text() == "1. Definitions"
    assert page.find(id="s-2-use-of-the-service").find("em").get_text() == "Service"
    toc = " ".join(a.get_text(" ", strip=True) for a in page.select(".md-nav--secondary a"))
    assert "Welcome!" in toc and "[" not in toc and "**" not in toc
    assert page.select_one(".md-nav--secondary strong") is not None  # formatting kept there too
    # A link beside other text in a heading shows its text: an entry of the table of
    # contents is a link, and a link inside it would split it.
    assert page.select(".md-nav--secondary a a") == []
    entries = [" ".join(a.get_text(" ").split()) for a in page.select(".md-nav--secondary a")]
    assert "3. Your account" in entries
    for path in _pages(site):
        text = BeautifulSoup(path.read_text(), "html.parser").get_text(" ")
        assert not SOURCE.search(text), f"{path}: Markdown source shown: {SOURCE.search(text)}"
    assert "Welcome!" in (site / "en/acme/terms/2025-03-01/index.html").read_text()


def test_titles_are_plain_text_where_only_text_fits(site: Path) -> None:
    since = json.loads((site / "en/acme/terms/2024-03-01/since.json").read_text())
    titles = {s["lineage"]: s["title"] for s in since["sections"]}
    assert titles["your-account"] == "Your account"
    sections = json.loads((site / "en/acme/terms/2025-03-01/sections.json").read_text())
    welcome = next(s for s in sections["sections"] if s["lineage"] == "welcome")
    assert welcome["title"] == "Welcome!" and welcome["heading"] == [
        ["Welcome!", "a=#welcome strong"]
    ]
    assert sections["links"]["#1-definitions"] == {"section": "definitions"}
    assert sections["links"]["doc"] is None
    timeline = BeautifulSoup(
        (site / "en/acme/terms/sections/your-account/index.html").read_text(), "html.parser"
    )
    assert timeline.title is not None and "`" not in timeline.title.get_text()


def test_every_reported_change_is_visible(site: Path) -> None:
    for version in ("2025-03-01", "2026-03-01"):
        page = BeautifulSoup(
            (site / f"en/acme/terms/{version}/changes/index.html").read_text(), "html.parser"
        )
        changed = page.select("section.ps-change")
        assert changed
        for section in changed:
            kinds = section["data-kinds"].split()
            marks = section.select("ins, del")
            said = [
                li.get_text(" ", strip=True) for li in section.select(".ps-change__formatting li")
            ]
            assert marks or said or set(kinds) - {"modified", "formatted"}, (
                f"{version}: {section['id']} is {kinds} and shows nothing"
            )
            if "formatted" in kinds:
                assert said, f"{version}: {section['id']} is formatted and says nothing"
    preamble = BeautifulSoup(
        (site / "en/acme/terms/2025-03-01/changes/index.html").read_text(), "html.parser"
    ).find(id="preamble")
    said = preamble.select_one(".ps-change__formatting").get_text(" ", strip=True)
    assert "https://example.com/v0 → https://example.com/v1" in said
    assert "https://example.com/legal → https://example.com/legal/" in said
    emphasis = BeautifulSoup(
        (site / "en/acme/terms/2026-03-01/changes/index.html").read_text(), "html.parser"
    ).find(id="s-2-use-of-the-service")
    assert emphasis["data-kinds"] == "formatted"
    assert "only the formatting" in emphasis.get_text()
    since = json.loads((site / "en/acme/terms/2024-03-01/since.json").read_text())
    preamble_change = next(s for s in since["sections"] if s["lineage"] == "preamble")
    assert preamble_change["kinds"] == ["formatted"]
    assert {
        "kind": "link",
        "text": "",
        "old": "https://example.com/v0",
        "new": "https://example.com/v1",
    } in preamble_change["formatting"]


def test_in_document_links_reach_their_sections(site: Path) -> None:
    checked = 0
    for path in _pages(site):
        page = BeautifulSoup(path.read_text(), "html.parser")
        for a in page.select(".md-content a[href]"):
            href = a["href"]
            if "#" not in href or href.startswith(("http", "mailto:")) or "?" in href:
                continue
            target_url, _, fragment = urljoin(path.as_posix(), href).partition("#")
            target = Path(unquote(target_url))
            if target.is_dir() or not target.suffix:
                target = target / "index.html"
            assert target.is_file(), f"{path}: {href} leads to no page"
            ids = {
                tag["id"] for tag in BeautifulSoup(target.read_text(), "html.parser").select("[id]")
            }
            assert unquote(fragment) in ids, f"{path}: {href} names no anchor there"
            checked += 1
    assert checked > 50
    changes = BeautifulSoup(
        (site / "en/acme/terms/2025-03-01/changes/index.html").read_text(), "html.parser"
    )
    # A part of the text links the version page.
    assert changes.select('article a[href="../#definitions"]')
    version = BeautifulSoup(
        (site / "en/acme/terms/2025-03-01/index.html").read_text(), "html.parser"
    )
    dead = [span.get_text() for span in version.select(".ps-dead-link")]
    assert dead == ["the full text", "our logo"]  # the old site's links, shown as text
    log = (site.parent / "build.log").read_text()
    assert "6 link(s) in 3 version(s) lead nowhere on this site" in log, log


def test_a_section_keeps_the_address_its_id_had_before(site: Path) -> None:
    """Ids made before headings were read as plain text (`welcome-welcome`) stay anchors."""
    page = BeautifulSoup((site / "en/acme/terms/2025-03-01/index.html").read_text(), "html.parser")
    assert page.select("#welcome-welcome") and page.select("#s-1-definitions")
    manifest = json.loads((site / "manifest.json").read_text())["addresses"]
    former = "/en/acme/terms/sections/your-account-your-account/"
    assert manifest[former] == {"moved_to": "/en/acme/terms/sections/your-account/"}
    redirect = (site / former.strip("/") / "index.html").read_text()
    assert "../your-account/" in redirect
