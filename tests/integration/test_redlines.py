"""Redlines of the text as readers see it: blocks, formatting, folded context, spacing.

The realistic fixture is an English terms of service as converters write them (Setext
headings, `1\\.` escapes, a linked table of contents, nested lists, a table, a quote),
in two versions with the edits real revisions make.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from support.pipeline import build_pipeline
from support.project import PROJECT
from support.repos import GitRepo, policy

from policysite.compare.analysis import text_changes
from policysite.compare.blocks import Block, BlockOp, compare_blocks
from policysite.compare.sections import split_number
from policysite.compare.text import section_blocks
from policysite.render.blocks import redline_html
from policysite.render.strings import Strings

TERMS = PROJECT / "tests" / "fixtures" / "terms"
EN = Strings("en")
KK = "policies/acme/privacy.kk.md"

#: What Markdown source looks like when it reaches a reader.
SYNTAX = re.compile(r"\]\(|\*\*|\\[!-/:-@\[-`{-~]|^\s*[-*+]\s", re.MULTILINE)


def terms_changes() -> dict[str, BeautifulSoup]:
    """Each changed section of the fixture's second version, its redline parsed."""
    v1, v2 = ((TERMS / name).read_text() for name in ("v1.md", "v2.md"))
    changes = text_changes([v1, v2])[1][1]
    assert changes is not None
    return {
        c.lineage: BeautifulSoup(
            str(redline_html(c.old.body if c.old else "", c.new.body if c.new else "", EN)),
            "html.parser",
        )
        for c in changes.changed
    }


def marks(soup: BeautifulSoup) -> list[str]:
    """`del:word` and `ins:word` of each mark, its screen-reader words left out."""
    found = []
    for mark in soup.select("del, ins"):
        text = "".join(mark.find_all(string=True, recursive=False))
        found.append(f"{mark.name}:{text}")
    return found


def reader_text(soup: BeautifulSoup) -> str:
    """The text of each block as a line, its marker (shown apart, as a list's) left out."""
    for hidden in soup.select(".ps-sr, .ps-b__marker"):
        hidden.decompose()
    return "\n".join(block.get_text() for block in soup.select(".ps-b"))


def test_a_redline_shows_no_markdown_syntax() -> None:
    sections = terms_changes()
    assert len(sections) >= 7
    for lineage, soup in sections.items():
        assert not SYNTAX.search(reader_text(soup)), lineage


def test_blocks_keep_their_markers_links_and_formatting() -> None:
    text = (TERMS / "v1.md").read_text()
    blocks = section_blocks(text.split("3\\. Acceptable use\n---")[1].split("4\\.")[0])
    items = [b for b in blocks if b.kind == "li"]
    assert [(b.depth, b.marker) for b in items[:3]] == [(1, "•"), (2, "•"), (2, "•")]
    quote = next(b for b in blocks if b.runs and b.runs[0][0].startswith("Reports"))
    assert quote.depth == 1 and quote.quote and ("abuse@northwind.example", "strong") in quote.runs
    assert not any(b.quote for b in items)
    numbered = section_blocks("Intro.\n\n3. three\n4. four\n   - nested\n")
    assert [(b.kind, b.depth, b.marker) for b in numbered] == [
        ("p", 0, ""),
        ("li", 1, "3."),
        ("li", 1, "4."),
        ("li", 2, "•"),
    ]
    [row_a, row_b] = section_blocks("| Plan | Fee |\n|---|---|\n| *Starter* | 2 500 ₸ |\n")
    assert row_a.kind == "tr" and row_b.runs == (("Starter", "em"), ("\t", "td"), ("2 500 ₸", ""))
    [escaped] = section_blocks("1\\. Scope, see [the FAQ](/faq/) and `code`<br>next\n")
    assert escaped.runs == (
        ("1. Scope, see ", ""),
        ("the FAQ", "a=/faq/"),
        (" and ", ""),
        ("code", "code"),
        ("\n", "br"),
        ("next", ""),
    )


def test_the_realistic_fixture_marks_what_changed_and_nothing_else() -> None:
    sections = terms_changes()
    assert marks(sections["preamble"])[:2] == ["del:March", "ins:September"]
    # The table of contents: one entry added, two renumbered; every entry is a link.
    toc = sections["preamble"]
    assert "ins:6. Artificial intelligence features" in marks(toc)
    assert all(a["href"].startswith("#") for a in toc.select(".ps-b--li a"))
    # A number changed is marked whole, a word keeps its stem.
    assert marks(sections["s-1-who-we-are"]) == [
        "del:12 Abai",
        "ins:45 Dostyk",
        "del:050000",
        "ins:050010",
    ]
    account = sections["s-2-your-account"]
    assert (
        "ins:you will tell us at once if you suspect that your account has been misused; and"
        in (marks(account))
    )
    assert account.select_one(".ps-b--delete").get_text().strip().startswith("[deleted: An organ")
    table = sections["s-4-fees-and-payment"]
    row = table.select(".ps-b--tr.ps-b--change .ps-cell")
    assert [cell.get_text(" ", strip=True) for cell in row][1:] == [
        "[deleted: 9 ] [inserted: 11 ] 900 ₸",
        "[deleted: 500 GB ] [inserted: 1 TB ]",
    ]


def test_a_changed_link_target_is_a_change_of_the_link() -> None:
    policy_section = terms_changes()["s-3-acceptable-use"]
    links = [
        (a["href"], a.find(["del", "ins"]).name)
        for a in policy_section.select("a")
        if a.find(["del", "ins"])
    ]
    assert links == [
        ("https://northwind.example/legal/content", "del"),
        ("https://northwind.example/legal/content-policy", "ins"),
    ]


def test_unchanged_blocks_away_from_a_change_fold_without_script() -> None:
    long = " ".join(["Unchanged words of a long paragraph."] * 10)
    old = f"Lead-in:\n\n{long}\n\n- one\n- two\n- three\n- four\n\nLast words.\n"
    new = old.replace("Last words.", "Last words, changed.")
    soup = BeautifulSoup(str(redline_html(old, new, EN)), "html.parser")
    [fold] = soup.select("details.ps-fold")
    assert fold.summary.get_text() == "5 unchanged paragraphs"
    assert len(fold.select(".ps-b")) == 5
    # The short item before the change stays as context; the change follows.
    shown = [b.get_text(" ", strip=True) for b in soup.find_all("div", recursive=False)]
    assert shown[-2:] == ["• four", "Last words [inserted: , changed ] ."]
    russian = BeautifulSoup(str(redline_html(old, new, Strings("ru"))), "html.parser")
    assert russian.select_one("summary").get_text() == "5 абзацев без изменений"


def test_kazakh_suffixes_are_marked_narrowly_inside_blocks() -> None:
    soup = BeautifulSoup(
        str(redline_html("- Деректерді түзету.\n", "- Деректерін түзету.\n", Strings("kk"))),
        "html.parser",
    )
    assert marks(soup) == ["del:ді", "ins:ін"]
    assert soup.select_one(".ps-b__marker").get_text() == "•"


_TEXT = st.lists(
    st.sampled_from(["word", "сөз", "деректер", "деректерді", "1.", " ", "  ", "\n", "**b**"]),
    max_size=25,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(old=_TEXT, new=_TEXT)
def test_marks_never_cover_the_spaces_around_words(old: str, new: str) -> None:
    soup = BeautifulSoup(str(redline_html(old, new, EN)), "html.parser")
    for mark in soup.select("del, ins"):
        text = "".join(mark.find_all(string=True, recursive=False))
        assert text and text == text.strip(), (old, new, str(mark))


def test_blocks_are_paired_with_the_block_they_resemble() -> None:
    def para(text: str) -> Block:
        return Block("p", 0, "", ((text, ""),))

    old = [para("We keep data for five years."), para("Contact us by post.")]
    new = [
        para("A new first paragraph about something else entirely."),
        para("We keep data for three years."),
        para("Contact us by post."),
    ]
    ops = [(c.op, c.new and c.new.runs[0][0][:8]) for c in compare_blocks(old, new)]
    assert ops == [
        (BlockOp.INSERT, "A new fi"),
        (BlockOp.CHANGE, "We keep "),
        (BlockOp.EQUAL, "Contact "),
    ]


def test_escaped_heading_numbers_are_numbers() -> None:
    assert split_number("6\\. Termination") == ("6.", "Termination")
    assert split_number("5\\.1\\. Cookies \\*and\\* tags") == ("5.1.", "Cookies *and* tags")


def test_escaped_heading_numbers_keep_the_ids_they_were_published_with() -> None:
    """Section ids, and so the timeline addresses, of a text with `6\\.` headings are made
    as before numbers were read out of them: `s-6-termination`, not `termination`."""
    v1, v2 = ((TERMS / name).read_text() for name in ("v1.md", "v2.md"))
    (located, _), (renumbered, changes) = text_changes([v1, v2])
    ids = [x.lineage for x in located]
    assert ids[:3] == ["preamble", "s-1-who-we-are", "s-2-your-account"]
    assert "s-6-termination" in ids
    # Renumbered to 7. in the next version, the section keeps its id and says so.
    termination = next(x for x in renumbered if x.section.title == "Termination")
    assert termination.lineage == "s-6-termination" and termination.section.number == "7."
    assert changes is not None
    kinds = {c.lineage: c.kinds for c in changes.sections}
    assert "renumbered" in kinds["s-6-termination"] and "renamed" not in kinds["s-6-termination"]


def test_section_timelines_say_when_changes_are_in_the_original(repo: GitRepo) -> None:
    kk, ru = "policies/acme/privacy.kk.md", "policies/acme/privacy.ru.md"
    repo.commit(
        {kk: policy("2024-03-01", "## 1. Жалпы\n\nБір.\n")}, "v1", "2024-02-01T10:00:00+00:00"
    )
    repo.commit(
        {ru: policy("2024-03-01", "## 1. Общие\n\nОдин.\n")}, "ru", "2024-02-02T10:00:00+00:00"
    )
    repo.commit(
        {kk: policy("2025-03-01", "## 1. Жалпы\n\nЕкі.\n")}, "v2", "2025-02-01T10:00:00+00:00"
    )
    site = build_pipeline(repo.root)
    timeline = site.read("acme/privacy/sections/zhalpy/index.ru.md")
    assert '!!! note "Часть изменений показана в подлинном тексте"' in timeline
    assert "!!! note" not in site.read("acme/privacy/sections/zhalpy/index.kk.md")


def test_the_preamble_has_the_anchor_its_links_point_to(repo: GitRepo) -> None:
    kk = "policies/acme/privacy.kk.md"
    repo.commit(
        {kk: policy("2024-03-01", "Кіріспе.\n\n## 1. Жалпы\n\nБір.\n")},
        "v1",
        "2024-02-01T10:00:00+00:00",
    )
    repo.commit(
        {kk: policy("2025-03-01", "Жаңа кіріспе.\n\n## 1. Жалпы\n\nБір.\n")},
        "v2",
        "2025-02-01T10:00:00+00:00",
    )
    site = build_pipeline(repo.root)
    assert "#preamble" in site.read("acme/privacy/sections/preamble/index.kk.md")
    assert '<div class="ps-section-text" id="preamble">' in site.read(
        "acme/privacy/2025-03-01/index.kk.md"
    )


_PIECES = st.sampled_from(
    [
        "- item", "  - nested", "1. one", "3) three", "> quote", "| a | b |\n|---|---|\n| 1 | 2 |",
        "**bold**", "*em*", "`code`", "[link](https://example.kz/a)", "<https://example.kz>",
        "![img](pic.png)", "Setext\n---", "```\nfence\n```", "    indented", "***", "1\\.",
        "x<br>y", "<sup>2</sup>", "<b>raw</b>", "[ref][1]\n\n[1]: https://example.kz", "\\*",
        "деректерді", "деректерін", " ", "\n", "\t", "&amp;", "a\u00a0b",
    ]
)  # fmt: skip
_ANY_MARKDOWN = st.lists(
    st.one_of(_PIECES, st.text(alphabet=st.characters(codec="utf-8"), max_size=12)), max_size=14
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(old=_ANY_MARKDOWN, new=_ANY_MARKDOWN)
def test_any_markdown_gets_a_redline_whose_sides_are_the_two_texts(old: str, new: str) -> None:
    """Whatever the Markdown, the redline renders, and its old side (equal and deleted
    text) and new side (equal and inserted text) are each text's blocks, word for word."""
    soup = BeautifulSoup(str(redline_html(old, new, EN)), "html.parser")
    for hidden in soup.select(".ps-sr, .ps-b__marker, .ps-b--hr, summary, .ps-change__rewritten"):
        hidden.decompose()

    def side(drop: str) -> str:
        copy = BeautifulSoup(str(soup), "html.parser")
        for mark in copy.select(drop):
            mark.decompose()
        return " ".join(copy.get_text(" ").split())

    def text(markdown: str) -> str:
        words = [t for b in section_blocks(markdown) for t, s in b.runs if s not in ("td", "th")]
        return " ".join(" ".join(words).split())

    assert side("ins").replace(" ", "") == text(old).replace(" ", "")
    assert side("del").replace(" ", "") == text(new).replace(" ", "")
