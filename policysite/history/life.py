"""A policy's life as one ordered record: what happened to it and when, derived once from
its history (`History`, read from git by `reading.py`).

Created; each version announced, edited before its day, postponed, brought forward or
taken back, taking effect, corrected; translations added, updated, removed; renamed to
another id; withdrawn and added again. The pull request's summary says in words what a
change adds to this record (`Life.since`), and `check-permanence` names from it why a
published address is gone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from zoneinfo import ZoneInfo

from policysite.history.repository import Commit
from policysite.history.texts import History
from policysite.history.versions import PolicyText, Version

#: The day a commit was made, in the site's time zone.
DayOf = Callable[[Commit], date]


class Happening(StrEnum):
    """What happened, in the order things happen within one commit (a rename with a new
    version, a policy added again with its version)."""

    TOOK_EFFECT = "took_effect"
    RENAMED = "renamed"
    WITHDRAWN = "withdrawn"
    ADDED_AGAIN = "added_again"
    #: An upcoming version withdrawn before its day.
    TAKEN_BACK = "taken_back"
    POSTPONED = "postponed"
    BROUGHT_FORWARD = "brought_forward"
    CREATED = "created"
    ANNOUNCED = "announced"
    #: An upcoming version's text changed before its day.
    EDITED = "edited"
    CORRECTED = "corrected"
    TRANSLATION_ADDED = "translation_added"
    TRANSLATION_UPDATED = "translation_updated"
    TRANSLATION_REMOVED = "translation_removed"


@dataclass(frozen=True)
class Event:
    """One thing that happened to a policy."""

    day: date
    happening: Happening
    lang: str
    #: The version it concerns (None: the policy as a whole).
    version: str | None = None
    #: The commit that did it (None: a day that came, as a version taking effect).
    commit: Commit | None = None
    #: What else it names: a moved version's new day, a renamed policy's former id, a
    #: correction's reason.
    detail: str | None = None

    @property
    def key(self) -> tuple[str, str, str | None, str | None]:
        """What happened, whichever commit did it (a pull request's commits are new)."""
        return (self.happening, self.lang, self.version, self.detail)


@dataclass(frozen=True)
class Life:
    """Everything that happened to one policy, in the order it happened."""

    policy: str
    events: tuple[Event, ...]

    def since(self, before: Life | None) -> list[Event]:
        """The events of this record that `before` (the same policy's record at an earlier
        state, or under its former id) does not have: what a change did."""
        known = Counter(event.key for event in before.events) if before else Counter()
        new = []
        for event in self.events:
            if known[event.key]:
                known[event.key] -= 1
            else:
                new.append(event)
        return new

    def of(self, *happenings: Happening) -> list[Event]:
        return [event for event in self.events if event.happening in happenings]


def lives(history: History, today: date, zone: ZoneInfo) -> dict[str, Life]:
    """Every policy's record as of `today` (a version takes effect when its day comes)."""

    def day(commit: Commit) -> date:
        return commit.committed.astimezone(zone).date()

    found: dict[str, Life] = {}
    for policy in history.policies():
        events: list[Event] = []
        for lang, text in history.languages_of(policy).items():
            if lang == history.authoritative:
                events.extend(_original(text, today, day))
            else:
                events.extend(_translation(text, day))
        for rename in history.renames:
            if rename.now == policy and rename.lang == history.authoritative:
                events.append(
                    Event(
                        day(rename.commit),
                        Happening.RENAMED,
                        rename.lang,
                        None,
                        rename.commit,
                        rename.former,
                    )
                )
        order = list(Happening)
        # By day; on one day, a version taking effect (at its start) before the commits.
        events.sort(
            key=lambda e: (
                e.day,
                e.commit is not None,
                e.commit.committed.timestamp() if e.commit else 0.0,
                order.index(e.happening),
            )
        )
        found[policy] = Life(policy, tuple(events))
    return found


def _original(text: PolicyText, today: date, day: DayOf) -> Iterator[Event]:
    """The authoritative text's events: its versions, taken-back ones and withdrawals."""
    lang = text.lang
    # A version moved to another day is the same announcement (`POSTPONED`, …).
    moved = {date.fromisoformat(now) for _was, now, _commit in text.moves if now}
    every = [*text.versions, *(r.version for r in text.retracted)]
    #: The version the policy was created with (it may have moved since).
    announced = [v for v in every if v.commits and v.effective not in moved]
    created = min(announced, key=lambda v: v.commits[0].committed) if announced else None
    for version in text.versions:
        if version.effective not in moved:
            yield from _announced(version, lang, day, first=version is created)
        corrected = {c.commit.sha: c for c in version.corrections}
        for commit in version.commits[1:]:
            if commit.sha in corrected:
                reason = corrected[commit.sha].reason
                yield Event(day(commit), Happening.CORRECTED, lang, version.id, commit, reason)
            elif day(commit) < version.effective:
                yield Event(day(commit), Happening.EDITED, lang, version.id, commit)
        end = text.last_day(version, today)
        if version.effective <= today and (end is None or end >= version.effective):
            yield Event(version.effective, Happening.TOOK_EFFECT, lang, version.id)
    for retraction in text.retracted:
        if retraction.version.effective not in moved:
            yield from _announced(
                retraction.version, lang, day, first=retraction.version is created
            )
    # Every move in order: a day may be left, taken again and left again.
    for was, now, commit in text.moves:
        happening = (
            Happening.TAKEN_BACK
            if now is None
            else Happening.POSTPONED
            if now > was
            else Happening.BROUGHT_FORWARD
        )
        yield Event(day(commit), happening, lang, was, commit, now)
    for withdrawal in (*text.past_withdrawals, *([text.withdrawn] if text.withdrawn else [])):
        yield Event(withdrawal.day, Happening.WITHDRAWN, lang, None, withdrawal.commit)
        if withdrawal.restored is not None:
            restored = withdrawal.restored
            yield Event(day(restored), Happening.ADDED_AGAIN, lang, None, restored)


def _announced(version: Version, lang: str, day: DayOf, first: bool) -> Iterator[Event]:
    """The commit that first carried a version: the policy created, or a version announced."""
    if version.commits:
        commit = version.commits[0]
        happening = Happening.CREATED if first else Happening.ANNOUNCED
        yield Event(day(commit), happening, lang, version.id, commit)


def _translation(text: PolicyText, day: DayOf) -> Iterator[Event]:
    """A translation's events: each version's text added, then updated; its file removed."""
    for version in text.versions:
        for index, commit in enumerate(version.commits):
            happening = Happening.TRANSLATION_ADDED if index == 0 else Happening.TRANSLATION_UPDATED
            yield Event(day(commit), happening, text.lang, version.translates, commit)
    if text.withdrawn is not None:
        gone = text.withdrawn
        yield Event(gone.day, Happening.TRANSLATION_REMOVED, text.lang, None, gone.commit)
