"""Since when each block of a version has said what it says: its origin.

A block's origin is the earliest version from which its text is unchanged along its
section's lineage: version by version, a section's blocks are aligned with the same
section's blocks in the version before (`blocks.compare_blocks`, the alignment the
changes pages show), and a block the alignment finds equal keeps its origin. So a
section renumbered, renamed or moved keeps the origins of its blocks; a block whose
words changed at all (a Kazakh suffix included), or whose formatting changed (a link's
target), starts again at the version that changed it, as does every block of a section
new or restored in that version (it was not in the text in between). A heading is a
block too: its title, number aside.

Versions are compared as the changes pages compare them (`analysis.compared_as_read`):
in the reader's language when both are translated. Where the line crosses languages (a
translation after an untranslated version, or the reverse), a block takes the origin of
the authoritative text's block it translates: the same block where the version is not
translated; the block at the same place where the section has as many blocks in both
languages; else the latest origin of the section's authoritative blocks, which never
claims a wording older than it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from policysite.compare.analysis import PolicyAnalysis, VersionSections, compared_as_read
from policysite.compare.blocks import BlockOp, compare_blocks
from policysite.compare.changes import Located
from policysite.compare.lineage import normalize
from policysite.compare.text import section_blocks
from policysite.history.versions import Version


@dataclass(frozen=True)
class SectionOrigins:
    """Where each part of one section of a version comes from, as places in the
    analysis' line of versions."""

    lineage: str
    #: The heading's title (None: the preamble, which has no heading).
    heading: int | None
    #: One per block of the section's text (`text.section_blocks`), in reading order.
    blocks: tuple[int, ...]

    @property
    def places(self) -> tuple[int, ...]:
        """Every origin in the section, heading first."""
        return (*(() if self.heading is None else (self.heading,)), *self.blocks)


#: The origins of one version's sections, in their order.
VersionOrigins = tuple[SectionOrigins, ...]


#: Each analysis' origins, worked out once (its pages, and its translations', ask).
_found: WeakKeyDictionary[PolicyAnalysis, tuple[VersionOrigins, ...]] = WeakKeyDictionary()


def origins(analysis: PolicyAnalysis) -> tuple[VersionOrigins, ...]:
    """The origins of every version of `analysis`, oldest first."""
    if analysis not in _found:
        _found[analysis] = _origins(analysis)
    return _found[analysis]


def _origins(analysis: PolicyAnalysis) -> tuple[VersionOrigins, ...]:
    theirs = origins(analysis.original) if analysis.original is not analysis else None
    found: list[VersionOrigins] = []
    for index, sections in enumerate(analysis.versions):
        before = analysis.versions[index - 1] if index else None
        if before is None or compared_as_read(before.version.lang, sections.version.lang):
            earlier = found[-1] if found else ()
            found.append(_continued(index, before, earlier, sections))
        else:
            assert theirs is not None  # a line crosses languages only in a translation
            found.append(_translated(index, sections, analysis.original.versions[index], theirs))
    return tuple(found)


def _continued(
    index: int,
    before: VersionSections | None,
    earlier: VersionOrigins,
    sections: VersionSections,
) -> VersionOrigins:
    """Version `index`'s origins, compared with the version before it, in one language."""
    previous = (
        {x.lineage: (x, o) for x, o in zip(before.located, earlier, strict=True)} if before else {}
    )
    return tuple(
        _section(index, located, previous.get(located.lineage)) for located in sections.located
    )


def _section(
    index: int, located: Located, previous: tuple[Located, SectionOrigins] | None
) -> SectionOrigins:
    section = located.section
    blocks = section_blocks(section.body)
    heading = None if section.is_preamble else index
    if previous is None:
        return SectionOrigins(located.lineage, heading, (index,) * len(blocks))
    old, old_origins = previous
    same_title = normalize(old.section.title) == normalize(section.title)
    if heading is not None and old_origins.heading is not None and same_title:
        heading = old_origins.heading
    if old.section.body == section.body:
        return SectionOrigins(located.lineage, heading, old_origins.blocks)
    old_blocks = iter(old_origins.blocks)
    kept: list[int] = []
    for change in compare_blocks(section_blocks(old.section.body), blocks):
        origin = next(old_blocks) if change.old is not None else index
        if change.new is not None:
            kept.append(origin if change.op == BlockOp.EQUAL else index)
    return SectionOrigins(located.lineage, heading, tuple(kept))


def _translated(
    index: int,
    sections: VersionSections,
    original: VersionSections,
    theirs: Sequence[VersionOrigins],
) -> VersionOrigins:
    """Version `index`'s origins where the version before it is in another language: from
    the authoritative text's origins of the same version."""
    if sections is original:
        return theirs[index]
    return _mapped(index, sections, theirs[index])


def _mapped(place: int, sections: VersionSections, source: VersionOrigins) -> VersionOrigins:
    """The origins of a translation's sections (at `place`), from those of the text it
    translates (`source`): part by part where a section has as many parts in both, else
    the latest of the section's (a section of its own dates from `place`)."""
    by_lineage = {o.lineage: o for o in source}
    found: list[SectionOrigins] = []
    for located in sections.located:
        count = len(section_blocks(located.section.body))
        heading = None if located.section.is_preamble else place
        theirs = by_lineage.get(located.lineage)
        if theirs is None:
            found.append(SectionOrigins(located.lineage, heading, (place,) * count))
            continue
        if heading is not None:
            heading = theirs.heading if theirs.heading is not None else place
        if len(theirs.blocks) == count:
            blocks = theirs.blocks
        else:
            blocks = (max(theirs.blocks, default=place),) * count
        found.append(SectionOrigins(located.lineage, heading, blocks))
    return tuple(found)


def aside_origins(
    analysis: PolicyAnalysis, sections: VersionSections, base: Version | None, place: int
) -> VersionOrigins:
    """The origins of a text outside the line of versions (a version taken back before its
    day, `analysis.aside`), compared with `base`, the version of the line before it; its
    own wording is at `place` (a place after the line's)."""
    if base is None:
        return _continued(place, None, (), sections)
    index = analysis.index(base)
    before = analysis.versions[index]
    if compared_as_read(before.version.lang, sections.version.lang):
        return _continued(place, before, origins(analysis)[index], sections)
    # A translation after an untranslated version, or the reverse: from the authoritative
    # text's origins of the same version taken back.
    original = analysis.original
    # At the day it was taken back (a translation of a version later moved names the
    # day it was moved to as the one it translates).
    taken_back = {r.version.id: r.version for r in original.view.retracted}
    authoritative = taken_back.get(sections.version.id) or taken_back.get(
        sections.version.translates
    )
    if authoritative is None:
        return _continued(place, None, (), sections)
    theirs, _changes = original.aside(authoritative, original.versions[index].version)
    found = aside_origins(original, theirs, original.versions[index].version, place)
    return found if theirs.version is sections.version else _mapped(place, sections, found)
