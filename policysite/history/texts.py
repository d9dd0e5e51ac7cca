"""Every policy text of the repository, and each policy as the readers of each language get
it: the authoritative versions, each in the reader's language where it is translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from policysite.history.versions import Correction, PolicyText, Rename, Version


class IncompleteHistory(StrEnum):
    """Why the history read is not the whole history."""

    SHALLOW = "shallow"
    NO_GIT = "no-git"


class TranslationState(StrEnum):
    ORIGINAL = "original"
    CURRENT = "current"
    OUTDATED = "outdated"
    MISSING = "missing"


@dataclass(frozen=True)
class TranslationStatus:
    """A language's text of a policy against the authoritative version in force."""

    state: TranslationState
    #: The authoritative version the newest translation follows (None: no translation).
    follows: Version | None
    #: The authoritative version in force, which prevails over any translation.
    prevailing: Version | None


@dataclass(frozen=True)
class History:
    """Every policy text found in the repository, keyed by (policy id, language); made
    once by `reading.py`, never changed after."""

    texts: Mapping[tuple[str, str], PolicyText]
    #: The language whose text is authoritative; every policy has a text in it.
    authoritative: str
    #: Things an editor may want to know that do not stop the build.
    notes: tuple[str, ...] = ()
    #: Set when earlier versions may be missing (allowed by `allow_incomplete_history`).
    incomplete: IncompleteHistory | None = None
    #: Uncommitted policy files as they are on disk, for the live preview only.
    drafts: Mapping[tuple[str, str], Version] = field(default_factory=dict)
    #: Policies renamed: each former id and the id it is now. Every address of the
    #: former id keeps answering, with a redirect to the same page under the new one.
    moves: Mapping[str, str] = field(default_factory=dict)
    #: Every rename of a policy file to another policy id, in the order they were made.
    renames: tuple[Rename, ...] = ()
    #: With an incomplete history: translations of versions whose authoritative text is
    #: before the cut, by (policy, language). Each is shown alone, as what can be known.
    before_cut: Mapping[tuple[str, str], tuple[Version, ...]] = field(default_factory=dict)
    _views: dict[tuple[str, str], PolicyText] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def policies(self) -> list[str]:
        return sorted({policy for policy, _ in self.texts})

    def text(self, policy: str, lang: str) -> PolicyText | None:
        return self.texts.get((policy, lang))

    def languages_of(self, policy: str) -> dict[str, PolicyText]:
        """The policy's text in each language it exists in."""
        return {lang: text for (p, lang), text in sorted(self.texts.items()) if p == policy}

    def view(self, policy: str, lang: str) -> PolicyText:
        """Every version of the policy as a reader of `lang` gets it.

        The versions are the authoritative text's; each is the translation
        with the same effective date where there is one, else the
        authoritative version itself (its `lang` says which it is). Made once: every
        page of the policy asks for it.
        """
        if (policy, lang) not in self._views:
            self._views[(policy, lang)] = self._view(policy, lang)
        return self._views[(policy, lang)]

    def _view(self, policy: str, lang: str) -> PolicyText:
        original = self.texts[(policy, self.authoritative)]
        if lang == self.authoritative:
            return original
        translation = self.texts.get((policy, lang))
        if translation is None:
            return PolicyText(
                policy,
                lang,
                original.path,
                original.versions,
                original.withdrawn,
                original.retracted,
                original.past_withdrawals,
                original.moves,
            )

        # A translation published later still stands at its original's address, and
        # follows a version moved to another day (once or several times).
        def read(version: Version) -> Version:
            found = [
                text
                for origin in dict.fromkeys((version.id, *original.moved_from(version.id)))
                if (text := translation.translating(origin)) is not None
            ]
            if not found:
                return version
            inherited = (version.urgent, version.lang) if version.urgent else None
            shown = replace(found[0], effective=version.effective, urgent_of_original=inherited)
            return _after_followed(shown, found[1]) if len(found) > 1 else shown

        versions = tuple(read(version) for version in original.versions)
        retracted = tuple(replace(r, version=read(r.version)) for r in original.retracted)
        return PolicyText(
            policy,
            lang,
            translation.path,
            versions,
            original.withdrawn,
            retracted,
            original.past_withdrawals,
            original.moves,
        )

    def translation_status(self, policy: str, lang: str, today: date) -> TranslationStatus:
        """Whether the policy's text in `lang` follows the authoritative version in force."""
        original = self.texts[(policy, self.authoritative)]
        in_force = original.current(today)
        if lang == self.authoritative:
            return TranslationStatus(TranslationState.ORIGINAL, in_force, in_force)
        translation = self.texts.get((policy, lang))
        if translation is None:
            return TranslationStatus(TranslationState.MISSING, None, in_force)
        if in_force is None or translation.translating(in_force.id) is not None:
            return TranslationStatus(TranslationState.CURRENT, in_force, in_force)
        older = [
            v
            for v in original.versions
            if v.effective < in_force.effective and translation.translating(v.id)
        ]
        if not older:
            return TranslationStatus(TranslationState.MISSING, None, in_force)
        return TranslationStatus(TranslationState.OUTDATED, older[-1], in_force)


def _after_followed(shown: Version, followed: Version) -> Version:
    """A translation of a version, where the text of the day it was moved from stood
    before: written once the version was in force, it replaced a published text, and the
    `correction:` it gives is recorded as such (without one, `check-permanence` refuses it)."""
    first = shown.commits[0] if shown.commits else None
    reason = shown.source.front.correction
    if first is None or reason is None or first.committed.date() < shown.effective:
        return shown
    if any(correction.commit == first for correction in shown.corrections):
        return shown
    earlier = Correction(first, reason, followed.source)
    return replace(shown, corrections=(earlier, *shown.corrections))
