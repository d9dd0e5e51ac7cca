"""The versions of one policy text: what a version is, its status and the period it is in force.

A version is one distinct `effective` date along a file's first-parent commit
chain; its text is the file at the last commit that still carries that date
(`reading.py` reads them from git). Published versions are immutable: once in
force, a version's text changes only with a `correction` reason
(`is_uncorrected_edit`, the one place that rule is written).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property

from policysite.history.policy_file import PolicySource
from policysite.history.repository import Commit


class Status(StrEnum):
    UPCOMING = "upcoming"
    CURRENT = "current"
    SUPERSEDED = "superseded"
    #: The policy was withdrawn (its file deleted): this version was the one in force then,
    #: or was to take effect after it; or this version was withdrawn before it took effect.
    WITHDRAWN = "withdrawn"
    #: Announced, then moved to another day before it took effect (`Retraction.moved_to`).
    MOVED = "moved"


@dataclass(frozen=True)
class Withdrawal:
    """A policy withdrawn: its file deleted, in `commit`, effective on `day`; if it was
    added again later, `until` is the day its next version took effect."""

    day: date
    commit: Commit
    until: date | None = None
    #: The commit that added it again.
    restored: Commit | None = None


@dataclass(frozen=True)
class Rename:
    """A policy's file renamed to another policy id, in `commit`."""

    former: str
    now: str
    lang: str
    commit: Commit


@dataclass(frozen=True)
class Correction:
    """A change to the text of a version already in force, with its reason."""

    commit: Commit
    reason: str
    previous: PolicySource


@dataclass(frozen=True)
class Image:
    """An image file a version shows, from the repository beside the policy: published once
    per content (`addresses.image_file`), whatever later commits do to the file
    (`history/images.py`)."""

    #: As the text's Markdown reads it (`logo.png`, `img/map.png`, percent-encoded).
    src: str
    #: Its path in the repository.
    path: str
    #: The name it is published under (its own, with its format's suffix).
    name: str
    #: Its media type, by its bytes (`image/png`, …).
    media_type: str
    data: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Version:
    """One version of a policy in one language, identified by its effective date."""

    effective: date
    lang: str
    source: PolicySource
    #: Blob sha of the text served for this version.
    blob: str
    #: Every commit that carried this effective date, oldest first.
    commits: tuple[Commit, ...]
    corrections: tuple[Correction, ...] = ()
    #: sha256 of the file's bytes as served for this version, for the manifest.
    sha256: str = ""
    #: The file's exact bytes, published as `<version>/policy.md` for anyone to hash.
    data: bytes = field(default=b"", repr=False, compare=False)
    #: The images the text shows, from the repository, as the version publishes them.
    images: tuple[Image, ...] = field(default=(), compare=False)
    #: A translation that gives no `urgent:` reason of its own carries its authoritative
    #: version's, with that text's language: it takes effect with the same notice.
    urgent_of_original: tuple[str, str] | None = field(default=None, compare=False)
    #: The last commit before its day that changed its text substantially: it is
    #: announced again (`notice.is_reworded`).
    reworded: Commit | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        return self.effective.isoformat()

    @property
    def title(self) -> str:
        return self.source.front.title

    @property
    def summary(self) -> str | None:
        return self.source.front.summary

    @property
    def urgent(self) -> str | None:
        """Why it takes effect with less notice than promised (`history/notice.py`): its
        own reason, or a translation's authoritative version's."""
        if self.source.front.urgent:
            return self.source.front.urgent
        return self.urgent_of_original[0] if self.urgent_of_original else None

    @property
    def urgent_lang(self) -> str:
        """The language `urgent` is written in."""
        if self.source.front.urgent or self.urgent_of_original is None:
            return self.lang
        return self.urgent_of_original[1]

    @property
    def translates(self) -> str:
        """The id of the authoritative version this text is (its own id in that language)."""
        front = self.source.front
        return (front.translation_of or front.effective).isoformat()


@dataclass(frozen=True)
class Retraction:
    """An upcoming version taken back before its day: moved to another day (`moved_to`),
    or withdrawn (None). Its address stays, saying so, with the text announced."""

    version: Version
    moved_to: date | None
    #: The commit that moved or withdrew it.
    commit: Commit

    @property
    def status(self) -> Status:
        return Status.MOVED if self.moved_to else Status.WITHDRAWN


@dataclass(frozen=True)
class PolicyText:
    """One policy in one language: its file and its versions, oldest first."""

    policy: str
    lang: str
    path: str
    versions: tuple[Version, ...]
    #: The policy was withdrawn; its versions stay published with that status.
    withdrawn: Withdrawal | None = None
    #: Upcoming versions moved or withdrawn before their day (not among `versions`).
    retracted: tuple[Retraction, ...] = ()
    #: Earlier withdrawals of a policy added again since, oldest first (`Withdrawal.until`).
    past_withdrawals: tuple[Withdrawal, ...] = ()
    #: Each time an upcoming version left its day, in the order of the commits: the id it
    #: had, the id it was moved to (None: taken back), and the commit. A day may be left,
    #: taken again and left again: only the whole sequence tells which version stands where.
    moves: tuple[tuple[str, str | None, Commit], ...] = ()

    def withdrawn_by(self, today: date) -> Withdrawal | None:
        """The withdrawal, once its day has come."""
        return self.withdrawn if self.withdrawn and self.withdrawn.day <= today else None

    def version(self, version_id: str) -> Version | None:
        index = self._positions.get(version_id)
        return None if index is None else self.versions[index]

    def translating(self, version_id: str) -> Version | None:
        """The latest version of this text that translates authoritative version `version_id`."""
        return self._translations.get(version_id)

    @cached_property
    def _translations(self) -> dict[str, Version]:
        return {v.translates: v for v in self.versions}  # the latest one wins

    def current(self, today: date) -> Version | None:
        """The version in force on `today`: the latest one not after it (none once the
        policy is withdrawn)."""
        if self.withdrawn_by(today):
            return None
        in_force = [v for v in self.versions if v.effective <= today]
        if not in_force:
            return None
        end = self.last_day(in_force[-1], today)
        return None if end is not None and end < today else in_force[-1]

    @property
    def named_by(self) -> Version:
        """The version whose title names the policy for a reader of this text: the newest
        one in the text's own language (a view's newest version may not be translated
        yet), else the newest."""
        own = [v for v in self.versions if v.lang == self.lang]
        return own[-1] if own else self.versions[-1]

    def upcoming(self, today: date) -> tuple[Version, ...]:
        if self.withdrawn_by(today):
            return ()
        return tuple(v for v in self.versions if v.effective > today)

    def status(self, version: Version, today: date) -> Status:
        withdrawn = self.withdrawn_by(today)
        end = withdrawn.day if withdrawn else today
        successor = self.successor(version)
        if withdrawn and (version.effective >= end or not successor or successor.effective > end):
            return Status.WITHDRAWN  # in force when the policy was withdrawn, or never
        if any(self._ended_by(version, past) for past in self.past_withdrawals):
            return Status.WITHDRAWN  # in force when the policy was withdrawn, added again since
        if version.effective > today:
            return Status.UPCOMING
        in_force = successor is None or successor.effective > today
        return Status.CURRENT if in_force else Status.SUPERSEDED

    def moved_from(self, version_id: str) -> tuple[str, ...]:
        """The days the upcoming version now at `version_id` was announced for before it
        was moved there (postponed or brought forward, once or several times), the latest
        first; empty when it was never moved. Of a version taken back or moved on since
        (`retracted`): the days it had before it left `version_id`."""
        moves = self.moves
        if self.version(version_id) is None:
            left = [index for index, (was, _now, _commit) in enumerate(moves) if was == version_id]
            moves = moves[: left[-1]] if left else moves
        earlier: list[str] = []
        at = version_id
        for was, now, _commit in reversed(moves):
            if was == at:
                break  # the day was left since: what stands there now came anew
            if now == at:
                earlier.append(was)
                at = was
        return tuple(earlier)

    def shown_as(self, version_id: str) -> str:
        """The id a version moved before its day (once or several times) stands at now;
        its own id when it was never moved (or was taken back)."""
        at = version_id
        for was, now, _commit in self.moves:
            if was == at and now is not None:
                at = now
        return at

    @cached_property
    def _positions(self) -> dict[str, int]:
        # Pages ask for neighbours of every version: a lookup, not a scan of the list.
        return {version.id: index for index, version in enumerate(self.versions)}

    def line_before(self, version: Version) -> Version | None:
        """The last version of the line before `version`'s day (a version taken back before
        its day is compared with it)."""
        before = [v for v in self.versions if v.effective < version.effective]
        return before[-1] if before else None

    def successor(self, version: Version) -> Version | None:
        index = self._positions[version.id]
        return self.versions[index + 1] if index + 1 < len(self.versions) else None

    def last_day(self, version: Version, today: date) -> date | None:
        """The last day `version` is in force, as scheduled on `today`: the day before
        its successor takes effect or the policy was withdrawn (None: no end in sight)."""
        successor = self.successor(version)
        withdrawn = self.withdrawn_by(today)
        ends = [
            day
            for day in (
                successor.effective if successor else None,
                withdrawn.day if withdrawn else None,
                *(past.day for past in self.past_withdrawals if self._ended_by(version, past)),
            )
            if day is not None
        ]
        return min(ends) - timedelta(days=1) if ends else None

    def withdrawal_of(self, version: Version, today: date) -> Withdrawal | None:
        """The withdrawal that ended `version`, or came before its day (None: none did)."""
        if self.status(version, today) != Status.WITHDRAWN:
            return None
        past = [w for w in self.past_withdrawals if self._ended_by(version, w)]
        return past[0] if past else self.withdrawn_by(today)

    def _ended_by(self, version: Version, withdrawal: Withdrawal) -> bool:
        """Whether `version` was in force (or to take effect) when `withdrawal` came."""
        successor = self.successor(version)
        return version.effective <= withdrawal.day and (
            successor is None or successor.effective > withdrawal.day
        )
