"""Section identity across versions: which section of one version is which of the next.

A section keeps its lineage through renumbering, renaming, moving and
rewording. Sections of consecutive versions are matched by explicit `{#id}`,
then by title without its number, then by text similarity (rapidfuzz); then
with the sections removed in any earlier version (a section restored keeps its
id); what is left is added or removed. A lineage id is given once, where the section first
appears, and is its anchor on every version page from then on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz import fuzz

from policysite.compare.sections import Section

#: Least similarity (0-100, rapidfuzz's normalised Indel ratio) for two sections whose
#: titles differ to count as one section reworded. Measured on the sample policies and
#: tests/unit/test_changes.py: a reworded section scores 90-99, each half of a section split
#: in two 62-70, two different sections of one policy 34 at the median and 47 at most.
SIMILARITY_THRESHOLD = 58.0

PREAMBLE_ID = "preamble"

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Text as a reader compares it: whitespace folded, case ignored for titles by callers."""
    return _SPACE.sub(" ", text).strip()


def _title_key(section: Section) -> str:
    return normalize(section.title).casefold().rstrip(".:;")


def match_sections(old: Sequence[Section], new: Sequence[Section]) -> dict[int, int]:
    """Match the sections of two versions: new index -> old index, one to one."""
    matched: dict[int, int] = {}
    taken: set[int] = set()

    def pair(new_index: int, old_index: int) -> None:
        matched[new_index] = old_index
        taken.add(old_index)

    # The preamble is the preamble.
    for j, section in enumerate(new):
        if section.is_preamble:
            i = next((i for i, s in enumerate(old) if s.is_preamble), None)
            if i is not None:
                pair(j, i)

    # Explicit anchors: the editor said which section this is.
    old_anchors = {s.anchor: i for i, s in enumerate(old) if s.anchor}
    for j, section in enumerate(new):
        i = old_anchors.get(section.anchor) if section.anchor else None
        if j not in matched and i is not None and i not in taken:
            pair(j, i)

    # The same title (number aside): the n-th occurrence matches the n-th.
    old_titles: dict[str, list[int]] = defaultdict(list)
    for i, section in enumerate(old):
        if i not in taken and not section.is_preamble and _title_key(section):
            old_titles[_title_key(section)].append(i)
    for j, section in enumerate(new):
        if j in matched or section.is_preamble or not _title_key(section):
            continue
        candidates = old_titles.get(_title_key(section))
        if candidates:
            pair(j, candidates.pop(0))

    # Text similarity for the rest: the most similar pairs first.
    rest_old = [i for i, s in enumerate(old) if i not in taken and not s.is_preamble]
    rest_new = [j for j, s in enumerate(new) if j not in matched and not s.is_preamble]
    texts_old = {i: _comparable(old[i]) for i in rest_old}
    texts_new = {j: _comparable(new[j]) for j in rest_new}
    ranked = sorted(
        (
            (score, -abs(j - i), j, i)
            for j in rest_new
            for i in rest_old
            if (score := fuzz.ratio(texts_new[j], texts_old[i], score_cutoff=SIMILARITY_THRESHOLD))
        ),
        reverse=True,
    )
    for _score, _distance, j, i in ranked:
        if j not in matched and i not in taken:
            pair(j, i)
    return matched


def _comparable(section: Section) -> str:
    """What similarity is measured on: the text, or the title where there is little text."""
    body = normalize(section.body)
    return body if len(body) >= 40 else f"{normalize(section.title)} {body}"


def slug(text: str) -> str:
    """ASCII anchor from a title: Kazakh and Russian transliterated (`Қауіпсіздік` -> `qauipsizdik`)."""
    words = re.findall(r"[a-z0-9]+", anyascii(text).lower())
    result = "-".join(words)[:60].rstrip("-")
    return f"s-{result}" if result[:1].isdigit() else result


def _base_id(section: Section) -> str:
    if section.is_preamble:
        return PREAMBLE_ID
    if section.anchor:
        return section.anchor
    if section.written:  # an escaped number: the id as it has always been made
        return slug(section.written)
    return slug(section.title) or slug(f"section {section.number or ''}") or "section"


def _earlier_base_id(section: Section) -> str:
    """The base id a section got when headings were read as written (`[Welcome](#w)`
    whole, `Section.earlier_title`)."""
    if section.earlier_title is None:
        return _base_id(section)
    return slug(section.earlier_title) or "section"


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


@dataclass(frozen=True)
class LineageState:
    """What lineage keeps from one version to the next: every id given so far, and the
    last form of each section no longer present, so a section restored later takes its
    id (and its timeline) back."""

    used: frozenset[str] = frozenset()
    retired: tuple[tuple[str, Section], ...] = ()
    #: The ids sections had when headings were read as written, where they differ from
    #: the ones given now (lineage id -> that id), and every such id given so far: their
    #: published addresses are kept (`render/policy_pages.py`).
    earlier: tuple[tuple[str, str], ...] = ()
    earlier_used: frozenset[str] = frozenset()


def continue_lineage(
    previous: Sequence[Section],
    previous_ids: Sequence[str],
    sections: Sequence[Section],
    state: LineageState,
) -> tuple[list[str], LineageState]:
    """Lineage ids for `sections`, the version after `previous`, and the state after it.

    Sections are matched with the previous version's first, then with the sections
    removed in any earlier version; the rest get new ids, unlike any given before."""
    matches = match_sections(previous, sections)
    found: list[str | None] = [
        previous_ids[matches[j]] if j in matches else None for j in range(len(sections))
    ]
    rest = [j for j, lid in enumerate(found) if lid is None]
    if rest and state.retired:
        back = match_sections([s for _, s in state.retired], [sections[j] for j in rest])
        for k, i in back.items():
            found[rest[k]] = state.retired[i][0]
    used, earlier_used = set(state.used), set(state.earlier_used)
    earlier = dict(state.earlier)
    ids: list[str] = []
    for section, lid in zip(sections, found, strict=True):
        if lid is None:
            lid = _unique(_base_id(section), used)
            then = _unique(_earlier_base_id(section), earlier_used)
            if then != lid:
                earlier[lid] = then
        ids.append(lid)
    used.update(ids)
    earlier_used.update(earlier.get(lid, lid) for lid in ids)
    present = set(ids)
    retired = {lid: section for lid, section in state.retired if lid not in present}
    for lid, section in zip(previous_ids, previous, strict=True):
        if lid not in present:
            retired[lid] = section
    return ids, LineageState(
        frozenset(used), tuple(retired.items()), tuple(earlier.items()), frozenset(earlier_used)
    )


def translated_lineage(
    original: Sequence[Section], original_ids: Sequence[str], translation: Sequence[Section]
) -> list[str]:
    """Lineage ids for a translation's sections, taken from the version it translates.

    A translation has the original's structure: sections pair by position when
    the outlines agree (same count, same numbers), else by number; a section
    with no counterpart gets an id of its own.
    """
    if len(original) == len(translation) and all(
        a.number == b.number and a.is_preamble == b.is_preamble
        for a, b in zip(original, translation, strict=True)
    ):
        return list(original_ids)
    by_number = {s.number: lid for s, lid in zip(original, original_ids, strict=True) if s.number}
    used = set(original_ids)
    ids: list[str] = []
    for section in translation:
        if section.is_preamble and any(s.is_preamble for s in original):
            ids.append(PREAMBLE_ID)
        elif (
            section.number and section.number in by_number and by_number[section.number] not in ids
        ):
            ids.append(by_number[section.number])
        else:
            ids.append(_unique(_base_id(section), used))
    return ids
