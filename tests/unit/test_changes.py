"""Lineage and change kinds on crafted pairs of versions, redlines, and their properties."""

from __future__ import annotations

from itertools import combinations, pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from policysite.compare.analysis import text_changes
from policysite.compare.changes import (
    ChangeKind,
    Located,
    VersionChanges,
    compare,
    compare_known,
    moved_sections,
)
from policysite.compare.lineage import slug, translated_lineage
from policysite.compare.redline import WORD_LIMIT, Op, new_text, old_text, redline, tokenize
from policysite.compare.sections import parse_sections

PARAGRAPH_A = (
    "Біз дербес деректерді олар жиналған мақсаттарға жету үшін қажетті мерзім ішінде ғана "
    "сақтаймыз. Тіркелгі жойылғаннан кейін деректер 30 күн ішінде жойылады."
)
PARAGRAPH_B = (
    "Сайт cookie файлдарын пайдаланушыларды аутентификациялау, сайтты пайдалануды талдау және "
    "мазмұнды дербестендіру үшін пайдаланады."
)
PARAGRAPH_C = "Сұрақтар бойынша privacy@example.kz мекенжайына хабарласыңыз."


def versions(*markdowns: str) -> list[list[Located]]:
    """Each text's sections with their lineage ids, as the site analyses a policy."""
    return [list(located) for located, _changes in text_changes(markdowns)]


def kinds(old: str, new: str) -> dict[str, tuple[str, ...]]:
    """Heading (as it is now, or was) -> its kinds, for the change from `old` to `new`."""
    changes = text_changes([old, new])[1][1]
    assert changes is not None
    return {
        (c.section.heading or "preamble"): tuple(str(k) for k in c.kinds) for c in changes.sections
    }


def doc(*sections: tuple[str, str]) -> str:
    return "\n\n".join(f"## {heading}\n\n{body}" for heading, body in sections) + "\n"


def test_renumbering_alone_is_only_renumbered() -> None:
    old = doc(("1. Мерзім", PARAGRAPH_A), ("2. Cookie", PARAGRAPH_B))
    new = doc(("2. Мерзім", PARAGRAPH_A), ("3. Cookie", PARAGRAPH_B))
    assert kinds(old, new) == {"2. Мерзім": ("renumbered",), "3. Cookie": ("renumbered",)}


def test_an_inserted_section_renumbers_the_later_ones_without_changing_them() -> None:
    old = doc(("1. Мерзім", PARAGRAPH_A), ("2. Cookie", PARAGRAPH_B), ("3. Байланыс", PARAGRAPH_C))
    new = doc(
        ("1. Мерзім", PARAGRAPH_A),
        ("2. Жаңа бөлім", "Мүлде жаңа мәтін, бұрын болмаған ереже."),
        ("3. Cookie", PARAGRAPH_B),
        ("4. Байланыс", PARAGRAPH_C),
    )
    assert kinds(old, new) == {
        "1. Мерзім": ("unchanged",),
        "2. Жаңа бөлім": ("added",),
        "3. Cookie": ("renumbered",),
        "4. Байланыс": ("renumbered",),
    }


def test_a_moved_section_is_moved_not_removed_and_added() -> None:
    old = doc(("Мерзім", PARAGRAPH_A), ("Cookie", PARAGRAPH_B), ("Байланыс", PARAGRAPH_C))
    new = doc(("Байланыс", PARAGRAPH_C), ("Мерзім", PARAGRAPH_A), ("Cookie", PARAGRAPH_B))
    assert kinds(old, new) == {
        "Байланыс": ("moved",),
        "Мерзім": ("unchanged",),
        "Cookie": ("unchanged",),
    }


def test_a_numbered_section_moved_up_is_moved_and_renumbered_the_rest_renumbered() -> None:
    old = doc(("1. Мерзім", PARAGRAPH_A), ("2. Cookie", PARAGRAPH_B), ("3. Байланыс", PARAGRAPH_C))
    new = doc(("1. Байланыс", PARAGRAPH_C), ("2. Мерзім", PARAGRAPH_A), ("3. Cookie", PARAGRAPH_B))
    assert kinds(old, new) == {
        "1. Байланыс": ("renumbered", "moved"),
        "2. Мерзім": ("renumbered",),
        "3. Cookie": ("renumbered",),
    }


def test_a_renamed_section_keeps_its_lineage() -> None:
    old = doc(("1. Cookie файлдары", PARAGRAPH_B))
    new = doc(("1. Cookie файлдары және ұқсас технологиялар", PARAGRAPH_B))
    before, after = versions(old, new)
    assert before[0].lineage == after[0].lineage == "cookie-fayldary"
    assert kinds(old, new) == {"1. Cookie файлдары және ұқсас технологиялар": ("renamed",)}


def test_a_renamed_and_reworded_section_is_both() -> None:
    old = doc(("5. Сақтау", PARAGRAPH_A))
    new = doc(("5. Деректерді сақтау мерзімі", PARAGRAPH_A.replace("30 күн", "14 күн")))
    assert kinds(old, new) == {"5. Деректерді сақтау мерзімі": ("modified", "renamed")}


def test_an_explicit_anchor_keeps_a_section_through_a_complete_rewrite() -> None:
    old = "## Cookie {#cookies}\n\n" + PARAGRAPH_B + "\n"
    new = "## Технологиялар {#cookies}\n\n" + PARAGRAPH_C + "\n"
    before, after = versions(old, new)
    assert before[0].lineage == after[0].lineage == "cookies"
    assert kinds(old, new) == {"Технологиялар": ("modified", "renamed")}


def test_unrelated_sections_are_removed_and_added() -> None:
    old = doc(("Мерзім", PARAGRAPH_A))
    new = doc(("Байланыс", PARAGRAPH_C))
    assert kinds(old, new) == {"Мерзім": ("removed",), "Байланыс": ("added",)}


def test_a_split_section_continues_in_the_closer_half_and_the_other_is_added() -> None:
    old = doc(("Деректер", PARAGRAPH_A + "\n\n" + PARAGRAPH_B))
    new = doc(("Деректерді сақтау", PARAGRAPH_A), ("Cookie", PARAGRAPH_B))
    found = kinds(old, new)
    assert sorted(found.values()) == [("added",), ("modified", "renamed")]


def test_merged_sections_continue_in_one_and_the_other_is_removed() -> None:
    old = doc(("Мерзім", PARAGRAPH_A), ("Cookie", PARAGRAPH_B))
    new = doc(("Мерзім", PARAGRAPH_A + "\n\n" + PARAGRAPH_B))
    assert kinds(old, new) == {"Мерзім": ("modified",), "Cookie": ("removed",)}


def test_duplicate_titles_match_in_order() -> None:
    old = doc(("1. Жалпы", PARAGRAPH_A), ("2. Cookie", PARAGRAPH_B), ("3. Жалпы", PARAGRAPH_C))
    new = doc(("1. Жалпы", PARAGRAPH_A), ("2. Жалпы", PARAGRAPH_C))
    before, after = versions(old, new)
    assert [x.lineage for x in before] == ["zhalpy", "cookie", "zhalpy-2"]
    assert [x.lineage for x in after] == ["zhalpy", "zhalpy-2"]
    assert kinds(old, new) == {
        "1. Жалпы": ("unchanged",),
        "2. Cookie": ("removed",),
        "2. Жалпы": ("renumbered",),
    }


def test_a_preamble_can_appear_and_empty_texts_compare_cleanly() -> None:
    old = doc(("1. Мерзім", PARAGRAPH_A))
    new = "Кіріспе сөз.\n\n" + old
    assert kinds(old, new) == {"preamble": ("added",), "1. Мерзім": ("unchanged",)}
    assert kinds("", "") == {}
    assert kinds("", old) == {"1. Мерзім": ("added",)}


def test_reflowed_text_is_unchanged() -> None:
    old = doc(("Мерзім", PARAGRAPH_A))
    new = doc(("Мерзім", PARAGRAPH_A.replace(". ", ".\n")))
    assert kinds(old, new) == {"Мерзім": ("unchanged",)}


def test_lineage_ids_are_stable_across_many_versions() -> None:
    v1 = doc(("1. Мерзім", PARAGRAPH_A), ("2. Cookie", PARAGRAPH_B))
    v2 = doc(("1. Кіріспе", PARAGRAPH_C), ("2. Мерзім", PARAGRAPH_A), ("3. Cookie", PARAGRAPH_B))
    v3 = doc(
        ("1. Кіріспе", PARAGRAPH_C), ("2. Сақтау мерзімі", PARAGRAPH_A), ("3. Cookie", PARAGRAPH_B)
    )
    ids = [[x.lineage for x in v] for v in versions(v1, v2, v3)]
    assert ids == [
        ["merzim", "cookie"],
        ["kirispe", "merzim", "cookie"],
        ["kirispe", "merzim", "cookie"],
    ]


def test_a_translation_takes_the_lineage_of_the_version_it_translates() -> None:
    kk = parse_sections(doc(("1. Мерзім", PARAGRAPH_A), ("2. Cookie", PARAGRAPH_B))).sections
    ru = parse_sections(doc(("1. Срок", "Текст."), ("2. Файлы cookie", "Текст."))).sections
    assert translated_lineage(kk, ["merzim", "cookie"], ru) == ["merzim", "cookie"]
    shorter = parse_sections(doc(("2. Файлы cookie", "Текст."))).sections
    assert translated_lineage(kk, ["merzim", "cookie"], shorter) == ["cookie"]


def test_counts_count_every_kind() -> None:
    old = doc(("1. Мерзім", PARAGRAPH_A), ("2. Cookie", PARAGRAPH_B))
    new = doc(
        ("1. Кіріспе", PARAGRAPH_C),
        ("2. Мерзім", PARAGRAPH_A + " Қосымша."),
        ("3. Cookie", PARAGRAPH_B),
    )
    changes = compare(*versions(old, new))
    assert changes.counts() == {
        ChangeKind.ADDED: 1,
        ChangeKind.MODIFIED: 1,
        ChangeKind.RENUMBERED: 2,
    }


def test_slugs_are_readable_ascii() -> None:
    assert slug("Деректердің қауіпсіздігі") == "derekterding-qauipsizdigi"
    assert slug("18 жасқа толмаған тұлғалар") == "s-18-zhasqa-tolmaghan-tulghalar"
    assert slug("") == ""


# Redlines ------------------------------------------------------------------


def pieces(old: str, new: str) -> list[tuple[str, str]]:
    return [(p.op.value, p.text) for p in redline(old, new)]


def test_a_changed_kazakh_suffix_marks_the_suffix_only() -> None:
    assert pieces("деректерді түзету", "деректерін түзету") == [
        ("equal", "деректер"),
        ("delete", "ді"),
        ("insert", "ін"),
        ("equal", " түзету"),
    ]
    assert pieces("Құпиялық саясаты", "Құпиялылық саясаты") == [
        ("equal", "Құпиялы"),
        ("insert", "лы"),
        ("equal", "қ саясаты"),
    ]


def test_a_different_word_is_replaced_whole() -> None:
    assert pieces("12. Контактілер", "12. Байланыс ақпараты") == [
        ("equal", "12. "),
        ("delete", "Контактілер"),
        ("insert", "Байланыс ақпараты"),
    ]


def test_inserted_and_deleted_words_keep_punctuation_and_spaces() -> None:
    changed = [p for p in pieces("A, B, C.", "A, C.") if p[0] != "equal"]
    assert changed in ([("delete", "B, ")], [("delete", ", B")])


@given(st.text(), st.text())
def test_a_redline_turns_the_old_text_into_the_new(old: str, new: str) -> None:
    result = redline(old, new)
    assert old_text(result) == old
    assert new_text(result) == new
    assert all(piece.text for piece in result)


@given(st.text())
def test_a_text_compared_with_itself_has_no_changes(text: str) -> None:
    assert all(piece.op == Op.EQUAL for piece in redline(text, text))
    (same,) = versions(text)
    changes: VersionChanges = compare(same, same)
    assert all(c.kinds == (ChangeKind.UNCHANGED,) for c in changes.sections)


_MARKDOWN = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "## 1. Мерзім",
                "## 2. Cookie",
                "### 2.1. Сессия",
                "# Саясат",
                "## Байланыс {#contact}",
            ]
        ),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    ),
    max_size=12,
).map("\n\n".join)


@settings(max_examples=200)
@given(_MARKDOWN, _MARKDOWN, _MARKDOWN)
def test_lineage_and_changes_never_fail_on_arbitrary_text(a: str, b: str, c: str) -> None:
    history = versions(a, b, c)
    for before, after in pairwise(history):
        changes = compare(before, after)
        assert {x.lineage for x in before} | {x.lineage for x in after} == {
            c.lineage for c in changes.sections
        }
        for change in changes.sections:
            if change.text_changed:
                old, new = (s.body if s else "" for s in (change.old, change.new))
                assert new_text(redline(old, new)) == new and old_text(redline(old, new)) == old
    for version in history:
        assert len({x.lineage for x in version}) == len(version)


#: Texts whose sections are renamed, renumbered, moved, reworded, and formatted without a
#: word changed (bold, a link's target, a heading's markup).
_EDITED = st.lists(
    st.sampled_from(
        [
            "## 1. Мерзім",
            "## 2. Мерзім",
            "## **1.** Мерзім",
            "## 3. Cookie",
            "## [Cookie](#cookie)",
            "## Байланыс {#contact}",
            "## Хабарласу {#contact}",
            PARAGRAPH_A,
            PARAGRAPH_A.replace("30 күн", "60 күн"),
            PARAGRAPH_B,
            PARAGRAPH_B.replace("cookie", "**cookie**"),
            PARAGRAPH_C,
            PARAGRAPH_C.replace("privacy@example.kz", "[privacy@example.kz](mailto:a@b.kz)"),
        ]
    ),
    max_size=10,
).map("\n\n".join)


@settings(max_examples=150)
@given(st.lists(_EDITED, min_size=2, max_size=5))
def test_the_known_fields_tell_any_two_versions_apart_as_deepdiff_does(texts: list[str]) -> None:
    """since.json compares a version with the one in force by the fields the analysis
    already computed (`compare_known`); it says what `compare` says, kinds and order."""
    history = versions(*texts)
    for before, after in combinations(history, 2):
        assert compare_known(before, after) == compare(before, after)


@given(st.permutations(list("abcdefg")), st.sets(st.sampled_from(list("abcdefg"))))
def test_sections_not_moved_keep_their_order(order: list[str], dropped: set[str]) -> None:
    old = list("abcdefg")
    new = [x for x in order if x not in dropped]
    moved = moved_sections(old, new)
    kept_old = [x for x in old if x in new and x not in moved]
    kept_new = [x for x in new if x not in moved]
    assert kept_old == kept_new
    assert moved <= set(new)
    if new == [x for x in old if x in new]:
        assert moved == set()


def test_a_long_section_is_compared_line_by_line_and_marks_only_what_changed() -> None:
    paragraphs = [f"Параграф {n}: " + " ".join(["деректер өңделеді"] * 60) for n in range(80)]
    old = "\n\n".join(paragraphs)
    assert len(tokenize(old)) > WORD_LIMIT
    paragraphs[30] = paragraphs[30].replace("өңделеді", "сақталады", 1)
    new = "\n\n".join(paragraphs)
    pieces = redline(old, new)
    assert old_text(pieces) == old and new_text(pieces) == new
    changed = [(p.op, p.text) for p in pieces if p.op != Op.EQUAL]
    assert changed == [(Op.DELETE, "өңделеді"), (Op.INSERT, "сақталады")]


def test_a_long_section_rewritten_in_one_line_is_shown_whole() -> None:
    old = " ".join(["бірінші"] * 4000)
    new = " ".join(["екінші"] * 4000)
    pieces = redline(old, new)
    assert [(p.op, p.text) for p in pieces] == [(Op.DELETE, old), (Op.INSERT, new)]
