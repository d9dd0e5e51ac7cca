"""A policy's versions analysed: each version's sections with lineage ids, and its changes.

This is the one comparison path: the site's pages, the pull-request summary, the
benchmark and the tests all compare versions through `Analyses` (or, for loose
texts, `text_changes`), which locate sections with `locate` and compare them
with `changes.compare`.

Lineage is worked out on the authoritative text, whose versions every
translation follows; a translated version takes the ids of the version it
translates. Changes are shown in the reader's language when both versions are
translated, else in the authoritative language (`LanguageChanges.lang` says which):
`compared_as_read` decides it, for the changes pages and, through the compare page's
data (`compare/rules.py`), for the compare page's script.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

from policysite.compare.changes import Located, VersionChanges, compare
from policysite.compare.lineage import LineageState, continue_lineage, translated_lineage
from policysite.compare.sections import Document, parse_sections
from policysite.history.texts import History
from policysite.history.versions import PolicyText, Version


class StepStore(Protocol):
    """Where analysis steps are kept between builds (`pipeline/cache.py` is one): a step is
    found by a key chained from the step before it, so a new version costs one step."""

    def step_key(
        self, view: PolicyText, index: int, previous: str | None, original: str | None
    ) -> str: ...

    def load(self, key: str) -> Any | None: ...

    def store(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class VersionSections:
    version: Version
    document: Document
    located: tuple[Located, ...]

    @property
    def lineage_ids(self) -> tuple[str, ...]:
        return tuple(x.lineage for x in self.located)


@dataclass(frozen=True)
class LanguageChanges:
    """The changes a version made, and the language they are shown in."""

    lang: str
    changes: VersionChanges


def compared_as_read(old_lang: str, new_lang: str) -> bool:
    """Whether two versions whose texts (as a reader of one language gets them) are in
    `old_lang` and `new_lang` are compared in those texts; else they are compared in the
    authoritative texts. Both in the reader's language, or both untranslated: as read.
    One translated and the other not: in the authoritative language, never across two
    languages."""
    return old_lang == new_lang


def _document(version: Version) -> Document:
    return parse_sections(version.source.body, version.source.body_line)


class PolicyAnalysis:
    """Sections, lineage and changes of one policy as a reader of one language gets it.

    Worked out version by version, oldest first: each version's sections, lineage
    ids and changes depend only on it and the versions before it, so each step is
    cached under a key chained from the previous step's (`cache.py`). A new version
    costs one step; an edited upcoming version, the steps from it on.
    """

    versions: tuple[VersionSections, ...]

    def __init__(
        self,
        view: PolicyText,
        original: PolicyAnalysis | None = None,
        cache: StepStore | None = None,
    ) -> None:
        self.view = view
        self._original = original
        self._positions = {v.id: i for i, v in enumerate(view.versions)}
        versions: list[VersionSections] = []
        changes: list[LanguageChanges] = []
        self.step_keys: list[str] = []
        state = LineageState()
        key: str | None = None
        for index, version in enumerate(view.versions):
            theirs = original.versions[index] if original else None
            if cache is not None:
                key = cache.step_key(
                    view, index, key, original.step_keys[index] if original else None
                )
                self.step_keys.append(key)
            found = cache.load(key) if cache is not None and key is not None else None
            if found is not None:
                document, ids, state, change = found
                sections = _located(version, document, ids)
            else:
                before = versions[-1] if versions else None
                sections, state = self._step(version, before, theirs, state)
                change = None
                if before is not None:
                    change = self._change(before, sections, index, original)
                if cache is not None and key is not None:
                    cache.store(key, (sections.document, list(sections.lineage_ids), state, change))
            versions.append(
                theirs if theirs is not None and theirs.version is version else sections
            )
            if change is not None:
                changes.append(change)
        self.versions = tuple(versions)
        self._changes = changes
        self._state = state

    @staticmethod
    def _step(
        version: Version,
        before: VersionSections | None,
        theirs: VersionSections | None,
        state: LineageState,
    ) -> tuple[VersionSections, LineageState]:
        """A version's sections and lineage ids, and the lineage state after it."""
        if theirs is not None:
            if theirs.version is version:
                return theirs, state
            return _translated(version, theirs), state
        document = _document(version)
        located, state = locate(document, before.located if before else (), state)
        return VersionSections(version, document, located), state

    @staticmethod
    def _change(
        before: VersionSections,
        after: VersionSections,
        index: int,
        original: PolicyAnalysis | None,
    ) -> LanguageChanges:
        """What a version changed, in its language when both versions are in it."""
        if original is None or compared_as_read(before.version.lang, after.version.lang):
            return LanguageChanges(after.version.lang, compare_versions(before, after))
        found = original.changes(index)
        assert found is not None
        return found

    @property
    def original(self) -> PolicyAnalysis:
        return self._original or self

    def index(self, version: Version) -> int:
        return self._positions[version.id]

    @property
    def ids(self) -> Collection[str]:
        """The ids of the versions this analysis holds."""
        return self._positions.keys()

    def position(self, version_id: str) -> int:
        """The place of version `version_id` (an authoritative version's id) in this analysis."""
        return self._positions[version_id]

    def changes(self, index: int) -> LanguageChanges | None:
        """What version `index` changed against the one before it (None for the first)."""
        if index == 0:
            return None
        return self._changes[index - 1]

    def aside(
        self, version: Version, base: Version | None
    ) -> tuple[VersionSections, VersionChanges | None]:
        """A text outside the line of versions (an uncommitted draft, a version moved or
        withdrawn before its day): its sections, and its changes against `base`, a version
        of this analysis (None: every section is new)."""
        document = _document(version)
        before = self.versions[self.index(base)] if base is not None else None
        # Its sections keep the ids the line gives them: matched with the version before
        # it, or with none, with the first one.
        reference = before or (self.versions[0] if self.versions else None)
        located, _state = locate(document, reference.located if reference else (), self._state)
        sections = VersionSections(version, document, located)
        return sections, compare_versions(before, sections)

    @property
    def earlier_ids(self) -> dict[str, str]:
        """Lineage id -> the id the section had when headings were read as written, where
        they differ (`lineage.LineageState.earlier`): its published addresses stay."""
        return dict(self.original._state.earlier)

    @cached_property
    def lineages_with_history(self) -> frozenset[str]:
        """Sections that changed in some version: the ones with a timeline page.

        Decided on the authoritative text, so every language has the same pages; every
        section of a version moved or withdrawn before its day counts.
        """
        original = self.original
        changed = {
            change.lineage
            for index in range(1, len(original.versions))
            for change in original._changes[index - 1].changes.sections
            if change.changed
        }
        for retraction in original.view.retracted:
            # Every section of a version taken back has a timeline, whatever it is compared
            # with: the version before it may be taken back later, and a timeline once
            # published stays.
            sections, _changes = original.aside(retraction.version, None)
            changed.update(located.lineage for located in sections.located)
        return frozenset(changed)


def _located(version: Version, document: Document, ids: list[str]) -> VersionSections:
    return VersionSections(
        version,
        document,
        tuple(Located(lid, s) for lid, s in zip(ids, document.sections, strict=True)),
    )


def _translated(version: Version, original: VersionSections) -> VersionSections:
    document = _document(version)
    ids = translated_lineage(
        [x.section for x in original.located], original.lineage_ids, document.sections
    )
    return _located(version, document, ids)


def locate(
    document: Document, before: Sequence[Located], state: LineageState
) -> tuple[tuple[Located, ...], LineageState]:
    """A version's sections with their lineage ids, continuing those of the version
    `before` it (and of sections removed earlier, from `state`); the state after it."""
    ids, state = continue_lineage(
        [x.section for x in before], [x.lineage for x in before], document.sections, state
    )
    located = tuple(Located(lid, s) for lid, s in zip(ids, document.sections, strict=True))
    return located, state


def compare_versions(before: VersionSections | None, after: VersionSections) -> VersionChanges:
    """What changed from one analysed version to another, section by section (from
    nothing: every section added)."""
    return compare(before.located if before is not None else (), after.located)


def text_changes(
    markdowns: Sequence[str],
) -> list[tuple[tuple[Located, ...], VersionChanges | None]]:
    """Consecutive texts of one policy (Markdown bodies, oldest first), analysed as the
    site analyses a policy's versions: each text's sections and what it changed."""
    state = LineageState()
    result: list[tuple[tuple[Located, ...], VersionChanges | None]] = []
    before: tuple[Located, ...] | None = None
    for markdown in markdowns:
        located, state = locate(parse_sections(markdown), before or (), state)
        result.append((located, compare(before, located) if before is not None else None))
        before = located
    return result


class Analyses:
    """Every policy's analysis in every language, each worked out once per build
    (the authoritative language's first: every translation's starts from it)."""

    def __init__(self, history: History, store: StepStore | None = None) -> None:
        self.history = history
        self.store = store
        self._done: dict[tuple[str, str], PolicyAnalysis] = {}

    def of(self, policy: str, lang: str) -> PolicyAnalysis:
        """Sections, lineage and changes of `policy` as read in `lang`."""
        key = (policy, lang)
        if key not in self._done:
            authoritative = self.history.authoritative
            original = None if lang == authoritative else self.of(policy, authoritative)
            self._done[key] = PolicyAnalysis(self.history.view(policy, lang), original, self.store)
        return self._done[key]
