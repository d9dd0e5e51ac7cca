"""Real documents read right (tests/corpus.py): headings shown as their authors wrote them
and never as Markdown source, every reported change visible, every in-document link
leading to a section that is there."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urljoin

import markdown
import pytest
from bs4 import BeautifulSoup
from corpus import make_repository, terms
from hypothesis import given, settings
from hypothesis import strategies as st
from support import GitRepo, copy_site_config, mkdocs_build, policy

from policysite.compare.analysis import text_changes
from policysite.compare.changes import ChangeKind
from policysite.compare.sections import parse_sections
from policysite.mkdocs.project import load_project
from policysite.render.templating import heading_html, heading_markdown
from policysite.tools.lint import lint

EN = "policies/acme/terms.en.md"
KK = "policies/acme/terms.kk.md"
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
    changes = (site / "en/acme/terms/2025-03-01/changes/index.html").read_text()
    assert 'href="../#definitions"' in changes  # a part of the text links the version page
    version = BeautifulSoup(
        (site / "en/acme/terms/2025-03-01/index.html").read_text(), "html.parser"
    )
    dead = [span.get_text() for span in version.select(".ps-dead-link")]
    assert dead == ["the full text", "our logo"]  # the old site's links, shown as text
    log = (site.parent / "build.log").read_text()
    assert "6 link(s) in 3 version(s) lead nowhere on this site" in log, log


def test_sections_read_headings_as_a_reader_does() -> None:
    doc = parse_sections("## [**Welcome!**](#welcome)\n\nText.\n\n## **1. Definitions**\n\nMore.\n")
    welcome, definitions = doc.sections
    assert (welcome.number, welcome.title, welcome.markup) == (
        None,
        "Welcome!",
        "[**Welcome!**](#welcome)",
    )
    assert (definitions.number, definitions.title) == ("1.", "Definitions")
    [(located, _)] = text_changes([terms(0)])
    ids = [x.lineage for x in located]
    assert ids[:5] == [
        "preamble",
        "welcome",
        "definitions",
        "s-2-use-of-the-service",
        "your-account",
    ]


def test_a_section_keeps_the_address_its_id_had_before(site: Path) -> None:
    """Ids made before headings were read as plain text (`welcome-welcome`) stay anchors."""
    page = (site / "en/acme/terms/2025-03-01/index.html").read_text()
    assert 'id="welcome-welcome"' in page and 'id="s-1-definitions"' in page
    manifest = json.loads((site / "manifest.json").read_text())["addresses"]
    former = "/en/acme/terms/sections/your-account-your-account/"
    assert manifest[former] == {"moved_to": "/en/acme/terms/sections/your-account/"}
    redirect = (site / former.strip("/") / "index.html").read_text()
    assert "../your-account/" in redirect


def test_lint_refuses_a_new_text_whose_relative_links_lead_nowhere(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    repo.git("init", "-q", "-b", "main")
    copy_site_config(tmp_path)
    repo.commit(
        {KK: policy("2024-03-01", terms(0), title="Шарттар")}, "v1", "2024-02-01T10:00:00+00:00"
    )
    assert not [p for p in lint(load_project(tmp_path)).problems if "leads nowhere" in p.message]
    new = terms(1, old_site=True).replace("[Clause 4](#4-clause-4)", "[Clause 4](#clause-forty)")
    (tmp_path / KK).write_text(policy("2027-03-01", new, title="Шарттар"))
    problems = [str(p) for p in lint(load_project(tmp_path)).problems]
    dead = [p for p in problems if "leads nowhere" in p or "names no section" in p]
    assert len(dead) == 3, problems
    assert any("'doc' leads nowhere" in p and p.startswith(f"{KK}:") for p in dead)
    assert any("'#clause-forty' names no section" in p for p in dead)
    fixed = new.replace("(doc)", "(https://example.com/doc)").replace(
        "(logos/a.png)", "(privacy.kk.md)"
    )
    (tmp_path / "policies/acme/privacy.kk.md").write_text(policy("2024-03-01", "## 1. A\n\nB.\n"))
    (tmp_path / KK).write_text(
        policy("2027-03-01", fixed.replace("#clause-forty", "#4-clause-4"), title="Шарттар")
    )
    problems = [str(p) for p in lint(load_project(tmp_path)).problems]
    assert not [p for p in problems if "leads nowhere" in p or "names no section" in p], problems


def test_formatted_is_its_own_kind() -> None:
    [_, (_, changes)] = text_changes(
        ["## A\n\nSee [x](https://a.example).\n", "## A\n\nSee [x](https://b.example).\n"]
    )
    assert changes is not None
    [change] = changes.changed
    assert change.kinds == (ChangeKind.FORMATTED,)
    assert [(f.kind, f.old, f.new) for f in change.formatting] == [
        ("link", "https://a.example", "https://b.example")
    ]


_PIECES = st.sampled_from(
    [
        "**bold**", "*emphasis*", "`co*de`", "[link](#x)", "[**strong link**](https://e.example/a_b)",
        "1\\.", "5.1", "a_b", "C#", "<br>", "x<sup>2</sup>", "&amp;", "x{y}", "[x]", "\\*",
        "![alt](p.png)", "[](https://e.example)", "{: .c}", "==mark==", "~~s~~", "<i>no</i>",
    ]
)  # fmt: skip
_WORDS = st.text(alphabet="abcXYZ қаз-ру.,:()!?'\"", min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | _WORDS, min_size=1, max_size=6))
def test_a_heading_reads_the_same_wherever_it_is_shown(parts: list[str]) -> None:
    """The heading on the version page (through Python-Markdown, as MkDocs renders it),
    on the other pages (HTML) and as plain text (titles, JSON) read the same words."""
    written = " ".join(parts).strip()
    sections = [s for s in parse_sections(f"## {written}\n\nText.\n").sections if s.level]
    if not sections:
        return  # the line is not a heading (e.g. only spaces)
    [section] = sections

    def words(html: str) -> str:
        soup = BeautifulSoup(html, "html.parser")
        for br in soup.find_all("br"):
            br.replace_with(" ")
        return " ".join(soup.get_text().split())

    page = markdown.Markdown(extensions=["toc", "attr_list"]).convert(
        f"## {heading_markdown(section.heading_markup)} {{#x}}"
    )
    assert (
        words(page)
        == words(heading_html(section.heading_markup))
        == " ".join(section.heading.split())
    )
    assert page.startswith('<h2 id="x">'), page
