"""Markdown -> sections: headings, numbers, anchors, mixed levels, and both seeds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from support.project import PROJECT, SEEDS

from policysite.compare.analysis import text_changes
from policysite.compare.sections import parse_sections, split_number
from policysite.history.policy_file import parse_source
from policysite.tools.importing import flat_text_to_markdown


def anchors(markdown: str) -> list[str]:
    """The anchors (lineage ids) of a text's sections, as the site gives them."""
    ((located, _changes),) = text_changes([markdown])
    return [x.lineage for x in located]


SEED_FLAT = SEEDS / "000_9b0efcd6cd6de7b2.txt"
SEED_MARKDOWN = SEEDS / "004_912b1523da581d53.txt"


def outline(markdown: str) -> list[tuple[str | None, str, int]]:
    return [(s.number, s.title, s.depth) for s in parse_sections(markdown).sections]


def test_seed_004_mixed_heading_levels_are_twelve_sibling_sections() -> None:
    document = parse_sections(SEED_MARKDOWN.read_text(encoding="utf-8"))
    assert document.title == "ҚҰПИЯЛЫЛЫҚ САЯСАТЫ"
    sections = document.sections
    # Sections 1-4 are `###` and 5-12 are `##`: a reader sees twelve siblings.
    assert [s.level for s in sections] == [3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2]
    assert [s.depth for s in sections] == [1] * 12
    assert [s.number for s in sections] == [f"{n}." for n in range(1, 13)]
    assert sections[0].title == "Жалпы шарттар"
    assert sections[11].title == "Контактілер"
    assert sections[6].line == 59  # `## 7. Басқа сайттарға сілтемелер` in the seed file
    assert sections[3].body.count("\n- ") == 11  # the list survives its blank line
    assert "export.kz@meestgroup.com" in sections[11].body


def test_seed_000_flat_text_imports_into_its_ten_sections() -> None:
    markdown = flat_text_to_markdown(SEED_FLAT.read_text(encoding="utf-8"))
    sections = parse_sections(markdown).sections
    assert [(s.number, s.title) for s in sections] == [
        ("1.", "Жалпы ережелер"),
        ("2.", "Терминдер мен анықтамалар"),
        ("3.", "Жиналатын деректер"),
        ("4.", "Деректерді жинау мақсаттары"),
        ("5.", "Деректердің қауіпсіздігі"),
        ("6.", "Деректерді үшінші тұлғаларға беру"),
        ("7.", "Пайдаланушылардың құқықтары"),
        ("8.", "Cookie файлдары"),
        ("9.", "Құпиялылық саясатын өзгерту"),
        ("10.", "Байланыс ақпараты"),
    ]
    assert sections[0].body.startswith("Осы Құпиялылық саясаты https://getxkz.com/")
    assert sections[2].body.startswith("Сайтты пайдалану кезінде біз")
    assert sections[2].body.count("\n- ") == 7


def test_the_first_sample_version_is_the_imported_seed_text() -> None:
    """The sample getx policy starts as the seed, word for word."""
    first = PROJECT / "policies" / "getx" / "privacy.kk.md"
    import subprocess

    root_commit = subprocess.run(
        ["git", "log", "--format=%H", "--diff-filter=A", "--", str(first)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    data = subprocess.run(
        ["git", "show", f"{root_commit}:policies/getx/privacy.kk.md"],
        cwd=PROJECT,
        capture_output=True,
        check=True,
    ).stdout
    source = parse_source("policies/getx/privacy.kk.md", data)
    assert source.body.lstrip("\n") == flat_text_to_markdown(SEED_FLAT.read_text(encoding="utf-8"))


def test_a_hash_inside_a_code_fence_is_not_a_heading() -> None:
    markdown = "## 1. Real\n\n```\n# not a heading\n```\n\n    # indented code\n\n## 2. Next\n"
    assert outline(markdown) == [("1.", "Real", 1), ("2.", "Next", 1)]
    assert "# not a heading" in parse_sections(markdown).sections[0].body


def test_numbers_are_split_from_titles() -> None:
    assert split_number("5. Cookies") == ("5.", "Cookies")
    assert split_number("5.1. Session cookies") == ("5.1.", "Session cookies")
    assert split_number("5.1 Session cookies") == ("5.1", "Session cookies")
    assert split_number("V. Деректер") == ("V.", "Деректер")
    assert split_number("5) Байланыс") == ("5)", "Байланыс")
    assert split_number("Cookies") == (None, "Cookies")
    assert split_number("2025 жылғы өзгерістер") == (None, "2025 жылғы өзгерістер")


def test_sub_numbers_nest_under_their_section_whatever_the_heading_levels() -> None:
    markdown = "## 1. A\n\n## 1.1. A one\n\n## 1.2. A two\n\n### 2. B\n\n#### Note\n\ntext\n"
    assert outline(markdown) == [
        ("1.", "A", 1),
        ("1.1.", "A one", 2),
        ("1.2.", "A two", 2),
        ("2.", "B", 1),
        (None, "Note", 2),
    ]


def test_explicit_anchors_win_and_every_anchor_is_unique() -> None:
    markdown = (
        "Intro text.\n\n## 1. Cookies {#cookies}\n\nA\n\n## 2. Cookies\n\nB\n\n## 3. Cookies\n"
    )
    document = parse_sections(markdown)
    preamble, *sections = document.sections
    assert preamble.is_preamble and preamble.body == "Intro text."
    assert sections[0].anchor == "cookies" and sections[0].title == "Cookies"
    assert anchors(markdown) == [
        "preamble",
        "cookies",
        "cookies-2",
        "cookies-3",
    ]


def test_anchors_of_kazakh_titles_are_readable_ascii() -> None:
    assert anchors("## 5. Деректердің қауіпсіздігі\n\nМәтін.\n") == ["derekterding-qauipsizdigi"]


def test_text_with_no_headings_is_one_preamble() -> None:
    (only,) = parse_sections("Just text.\n\nMore text.\n").sections
    assert only.is_preamble and only.body == "Just text.\n\nMore text."
    assert parse_sections("").sections == ()
    assert parse_sections("\n\n   \n").sections == ()


def test_lines_are_counted_from_the_file() -> None:
    source = "---\ntitle: T\neffective: 2024-01-01\n---\n\n## 1. A\n\nx\n\n## 2. B\n"
    parsed = parse_source("p.kk.md", source.encode())
    lines = [s.line for s in parse_sections(parsed.body, parsed.body_line).sections]
    assert lines == [6, 10]


@given(st.text())
def test_the_parser_never_fails_and_keeps_every_heading(markdown: str) -> None:
    document = parse_sections(markdown)
    ids = anchors(markdown)
    assert len(set(ids)) == len(ids)
    headings = [s for s in document.sections if not s.is_preamble]
    assert all(s.depth >= 1 for s in headings)


@given(
    st.lists(st.sampled_from(["## 1. A", "### 2. B", "# Title", "text ә ғ қ", "- item", "```", ""]))
)
def test_section_bodies_keep_every_text_line(lines: list[str]) -> None:
    markdown = "\n".join(lines)
    document = parse_sections(markdown)
    kept = "\n".join(s.body for s in document.sections)
    for line in lines:
        if line in ("text ә ғ қ", "- item"):
            assert line in kept
