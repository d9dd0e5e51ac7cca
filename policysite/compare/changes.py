"""What changed between two versions of a policy, section by section.

Each version's sections are keyed by lineage id (`lineage.py`) into a dict of
number, title and text; deepdiff compares the two dicts, so a section whose
number alone changed is `renumbered` and nothing else. A text (or heading) whose
words a reader sees unchanged is `formatted`, never `modified`: what changed is
said in words (`text.formatting_changes`). `moved` is a change of
order among the sections both versions share: those outside the longest
subsequence kept in order have moved.

The compare page tells the same kinds from each version's sections.json
(`overrides/assets/javascripts/policysite/compare_rules.js`, `compareVersions`);
`tests/test_compare_rules_js.py` runs both on the same random versions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from deepdiff import DeepDiff

from policysite.compare.lineage import normalize
from policysite.compare.sections import Section
from policysite.compare.text import (
    FormattingChange,
    formatting_changes,
    heading_runs,
    visible_text,
)


class ChangeKind(StrEnum):
    """Kinds in the order a reader is told them."""

    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"
    #: The words are the same; a link's target, an image's address or the formatting changed.
    FORMATTED = "formatted"
    RENAMED = "renamed"
    RENUMBERED = "renumbered"
    MOVED = "moved"
    UNCHANGED = "unchanged"


_ORDER = {kind: index for index, kind in enumerate(ChangeKind)}
#: Kinds whose sections show the redline of their text.
TEXT_KINDS = {ChangeKind.MODIFIED, ChangeKind.ADDED, ChangeKind.REMOVED}
_FIELD_KIND = {"title": ChangeKind.RENAMED, "number": ChangeKind.RENUMBERED}


@dataclass(frozen=True)
class Located:
    """A section of one version with its lineage id."""

    lineage: str
    section: Section


@dataclass(frozen=True)
class SectionChange:
    lineage: str
    kinds: tuple[ChangeKind, ...]
    old: Section | None
    new: Section | None

    @property
    def text_changed(self) -> bool:
        """Whether the text has a redline to show: modified, added or removed (the marks
        are made where they are shown, `render/blocks.py`)."""
        return bool(set(self.kinds) & TEXT_KINDS)

    @property
    def changed(self) -> bool:
        return self.kinds != (ChangeKind.UNCHANGED,)

    @property
    def formatting(self) -> tuple[FormattingChange, ...]:
        """What changed that the words do not show, for a `formatted` section."""
        if ChangeKind.FORMATTED not in self.kinds or self.old is None or self.new is None:
            return ()
        return formatting_changes(
            self.old.body, self.new.body, self.old.markup or "", self.new.markup or ""
        )

    @property
    def section(self) -> Section:
        """The section as it is now, or as it was if it was removed."""
        found = self.new or self.old
        assert found is not None
        return found


@dataclass(frozen=True)
class VersionChanges:
    """Every section's change between two versions, in the new version's order.

    A removed section stands where it stood, after the sections that preceded it.
    """

    sections: tuple[SectionChange, ...]

    def counts(self) -> dict[ChangeKind, int]:
        """How many sections have each kind (a renamed and modified section counts twice)."""
        counter = Counter(kind for change in self.sections for kind in change.kinds)
        return {kind: counter[kind] for kind in ChangeKind if counter[kind]}

    @property
    def changed(self) -> tuple[SectionChange, ...]:
        return tuple(change for change in self.sections if change.changed)


@lru_cache(maxsize=8192)
def _fields(section: Section) -> dict[str, str]:
    """What deepdiff compares (every version is compared twice: as the new and the old)."""
    return {
        "number": section.number or "",
        "title": normalize(section.title),
        "markup": repr(heading_runs(section.markup or "")),
        "text": normalize(section.body),
    }


#: Each section's fields that differ between two versions (`_fields`), by lineage; a
#: lineage on one side only is "added" or "removed".
ChangedFields = dict[str, set[str]]


def compare(old: Sequence[Located], new: Sequence[Located]) -> VersionChanges:
    """The change of each section from `old` to `new` (both in reading order), the fields
    that differ told by deepdiff."""
    return _changes(old, new, _deepdiff_fields)


def compare_known(old: Sequence[Located], new: Sequence[Located]) -> VersionChanges:
    """What `compare` says, the fields that differ told by equality of the fields each
    section's analysis already computed (`_fields`, kept): no second deepdiff pass for a
    pair of versions that are not consecutive (since.json: a version accepted long ago
    against the one in force). tests/unit/test_changes.py checks that both say the same."""
    return _changes(old, new, _equal_fields)


def _deepdiff_fields(
    old_fields: dict[str, dict[str, str]], new_fields: dict[str, dict[str, str]]
) -> ChangedFields:
    # Most sections of a new version are the old ones word for word: deepdiff is
    # given only the sections that differ at all, or are on one side only.
    same = {k for k in old_fields.keys() & new_fields.keys() if old_fields[k] == new_fields[k]}
    diff = DeepDiff(
        {k: v for k, v in old_fields.items() if k not in same},
        {k: v for k, v in new_fields.items() if k not in same},
        view="tree",
        # Always key by key: by default deepdiff reports a dict that shares few keys
        # with the other as one changed value.
        threshold_to_diff_deeper=0,
    )
    changed: ChangedFields = {}
    for level in diff.get("values_changed", []):
        lineage, field = (str(part) for part in level.path(output_format="list"))
        changed.setdefault(lineage, set()).add(field)
    return changed


def _equal_fields(
    old_fields: dict[str, dict[str, str]], new_fields: dict[str, dict[str, str]]
) -> ChangedFields:
    changed: ChangedFields = {}
    for lineage in old_fields.keys() & new_fields.keys():
        old, now = old_fields[lineage], new_fields[lineage]
        if old != now:
            changed[lineage] = {field for field in old if old[field] != now[field]}
    return changed


def _changes(
    old: Sequence[Located],
    new: Sequence[Located],
    differ: Callable[[dict[str, dict[str, str]], dict[str, dict[str, str]]], ChangedFields],
) -> VersionChanges:
    before = {located.lineage: located.section for located in old}
    after = {located.lineage: located.section for located in new}
    kinds: dict[str, set[ChangeKind]] = {lineage: set() for lineage in (*before, *after)}
    for lineage in before.keys() - after.keys():
        kinds[lineage].add(ChangeKind.REMOVED)
    for lineage in after.keys() - before.keys():
        kinds[lineage].add(ChangeKind.ADDED)
    changed = differ(
        {lineage: _fields(s) for lineage, s in before.items()},
        {lineage: _fields(s) for lineage, s in after.items()},
    )
    for lineage, fields in changed.items():
        for field in fields:
            if field == "text" and visible_text(before[lineage].body) == visible_text(
                after[lineage].body
            ):
                kinds[lineage].add(ChangeKind.FORMATTED)
            elif field != "markup":
                kinds[lineage].add(_FIELD_KIND.get(field, ChangeKind.MODIFIED))
    for lineage, fields in changed.items():
        renamed = {ChangeKind.RENAMED, ChangeKind.RENUMBERED} & kinds[lineage]
        if "markup" in fields and not renamed:
            kinds[lineage].add(ChangeKind.FORMATTED)

    for lineage in moved_sections([x.lineage for x in old], [x.lineage for x in new]):
        kinds[lineage].add(ChangeKind.MOVED)

    changes = []
    for lineage in _reading_order(old, new):
        found = kinds[lineage] or {ChangeKind.UNCHANGED}
        ordered = tuple(sorted(found, key=_ORDER.__getitem__))
        changes.append(SectionChange(lineage, ordered, before.get(lineage), after.get(lineage)))
    return VersionChanges(tuple(changes))


def moved_sections(old_order: Sequence[str], new_order: Sequence[str]) -> set[str]:
    """Sections both versions share that left the longest run kept in order.

    The longest common subsequence is found by dynamic programming with one
    tie-break, written the same way in the compare page's script (`compare_rules.js`), so
    that the browser and the build call the same section moved (general-purpose diff libraries
    break ties each their own way): keep the section that comes first in the old order.
    """
    shared = set(old_order) & set(new_order)
    a = [lineage for lineage in old_order if lineage in shared]
    b = [lineage for lineage in new_order if lineage in shared]
    # longest[i][j]: length of the longest common subsequence of a[i:] and b[j:].
    longest = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            longest[i][j] = (
                longest[i + 1][j + 1] + 1
                if a[i] == b[j]
                else max(longest[i + 1][j], longest[i][j + 1])
            )
    kept: set[str] = set()
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            kept.add(a[i])
            i, j = i + 1, j + 1
        elif longest[i][j + 1] >= longest[i + 1][j]:
            j += 1
        else:
            i += 1
    return shared - kept


def _reading_order(old: Sequence[Located], new: Sequence[Located]) -> list[str]:
    """The new version's order, each removed section after the one that preceded it."""
    present = {located.lineage for located in new}
    order = [located.lineage for located in new]
    insert_at = 0
    for located in old:
        if located.lineage in present:
            insert_at = order.index(located.lineage) + 1
        else:
            order.insert(insert_at, located.lineage)
            insert_at += 1
    return order
