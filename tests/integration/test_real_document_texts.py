"""Real documents (tests/support/corpus.py) read right before any build: headings read as
a reader reads them, a changed link target is a change of formatting, a heading reads the
same wherever it is shown, and lint refuses a new text whose links lead nowhere."""

from __future__ import annotations

from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from support.corpus import terms
from support.project import copy_site_config
from support.repos import GitRepo, policy

from policysite.compare.analysis import text_changes
from policysite.compare.changes import ChangeKind
from policysite.compare.sections import parse_sections
from policysite.mkdocs.project import load_project
from policysite.render.templating import heading_html, heading_markdown
from policysite.tools.lint import lint

EN = "policies/acme/terms.en.md"
KK = "policies/acme/terms.kk.md"


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
