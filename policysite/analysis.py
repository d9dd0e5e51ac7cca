"""A policy's versions analysed: each version's sections with lineage ids, and its changes.

Lineage is worked out on the authoritative text, whose versions every
translation follows; a translated version takes the ids of the version it
translates. Changes are shown in the reader's language when both versions are
translated, else in the authoritative language (`VersionChanges.lang` says which).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from policysite.cache import AnalysisCache
from policysite.changes import Located, VersionChanges, compare
from policysite.history import PolicyText, Version
from policysite.lineage import assign_lineage, continue_lineage, translated_lineage
from policysite.sections import Document, parse_sections


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


def _document(version: Version) -> Document:
    return parse_sections(version.source.body, version.source.body_line)


class PolicyAnalysis:
    """Sections, lineage and changes of one policy as a reader of one language gets it."""

    def __init__(
        self,
        view: PolicyText,
        original: PolicyAnalysis | None = None,
        cache: AnalysisCache | None = None,
    ) -> None:
        self.view = view
        self._original = original
        self._positions = {v.id: i for i, v in enumerate(view.versions)}
        key = self.cache_key = None
        if cache is not None:
            # A translation's lineage follows the original's, so its key holds the original's.
            key = cache.key(
                view.policy,
                view.lang,
                [(v.id, v.lang, v.sha256) for v in view.versions],
                original.cache_key if original else None,
            )
            self.cache_key = key
            cached = cache.load(key)
            if cached is not None:
                documents, ids, changes = cached
                self.versions = tuple(
                    _located(v, d, i) for v, d, i in zip(view.versions, documents, ids, strict=True)
                )
                self.__dict__["_changes"] = changes
                return
        if original is None:
            documents = [_document(v) for v in view.versions]
            ids = assign_lineage([d.sections for d in documents])
            self.versions = tuple(
                _located(version, document, lineage)
                for version, document, lineage in zip(view.versions, documents, ids, strict=True)
            )
        else:
            self.versions = tuple(
                theirs if version is theirs.version else _translated(version, theirs)
                for version, theirs in zip(view.versions, original.versions, strict=True)
            )
        if cache is not None and key is not None:
            cache.store(
                key,
                (
                    [v.document for v in self.versions],
                    [list(v.lineage_ids) for v in self.versions],
                    self._changes,
                ),
            )

    @property
    def original(self) -> PolicyAnalysis:
        return self._original or self

    def index(self, version: Version) -> int:
        return self._positions[version.id]

    def changes(self, index: int) -> LanguageChanges | None:
        """What version `index` changed against the one before it (None for the first)."""
        if index == 0:
            return None
        return self._changes[index - 1]

    def draft(
        self, draft: Version, base: Version | None
    ) -> tuple[VersionSections, VersionChanges | None]:
        """An uncommitted draft's sections, and its changes against `base` (a version of
        this analysis in the draft's language), for the live preview."""
        document = _document(draft)
        used = {lid for v in self.versions for lid in v.lineage_ids}
        if base is None:
            ids = continue_lineage((), [], document.sections, used)
            return _located(draft, document, ids), None
        before = self.versions[self.index(base)]
        ids = continue_lineage(
            [x.section for x in before.located], before.lineage_ids, document.sections, used
        )
        sections = _located(draft, document, ids)
        return sections, compare(before.located, sections.located)

    @cached_property
    def lineages_with_history(self) -> frozenset[str]:
        """Sections that changed in some version: the ones with a timeline page.

        Decided on the authoritative text, so every language has the same pages.
        """
        original = self.original
        return frozenset(
            change.lineage
            for index in range(1, len(original.versions))
            for change in original._changes[index - 1].changes.sections
            if change.changed
        )

    @cached_property
    def _changes(self) -> list[LanguageChanges]:
        result = []
        for before, after in pairwise(self.versions):
            if before.version.lang == after.version.lang:
                result.append(
                    LanguageChanges(after.version.lang, compare(before.located, after.located))
                )
            else:
                index = self.index(after.version)
                original = self.original.changes(index)
                assert original is not None
                result.append(original)
        return result


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
