"""Advance notice: when each version was announced, and the site's promise of notice.

A version is announced the day it first becomes public. That is a fact the site
records, not one read from commit dates (anyone can set those): each deploy takes
the days over from the live site's manifest, and a version that is not there yet
is announced on the day of the build. Without a published manifest (a local
build, the first deploy) the day of the first commit that carried the version
stands in, marked as an estimate.

`extra.policysite.notice_days` promises readers that many days between a
version's announcement and its effective date. A version that may not wait says
why in its front matter (`urgent: <reason>`). The first version of a policy
changes nothing anyone agreed to, and needs no notice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher
from zoneinfo import ZoneInfo

from policysite.errors import Problem
from policysite.history.policy_file import PolicySource
from policysite.history.texts import History
from policysite.history.versions import Version

#: (policy id, version id)
VersionKey = tuple[str, str]


@dataclass(frozen=True)
class Announcement:
    day: date
    #: The day of the version's first commit: the site has no record of its publication.
    estimated: bool
    #: Announced again: its text changed substantially after it was first announced.
    again: bool = False
    #: The commits the live site published its text from (a manifest's record).
    published_from: frozenset[str] = frozenset()


#: Why a version listed by the live site is announced again.
REWORDED = "its text changed substantially since it was announced, so it is announced again"


def estimate(version: Version, today: date, zone: ZoneInfo) -> Announcement:
    """The day of the first commit that carried `version`, or of the last one that changed
    its text substantially before its day (never after `today`: a clock in the future does
    not announce anything later than the build that publishes it)."""
    commit = version.reworded or (version.commits[0] if version.commits else None)
    first = commit.committed.astimezone(zone).date() if commit else today
    return Announcement(min(first, today), estimated=True, again=version.reworded is not None)


def changed_since(version: Version, listed: Announcement | None, today: date) -> bool:
    """Whether the live site announced another text for `version` than the one it has now:
    its text changed substantially after the commit the site published, or another text
    took its day (the one announced was taken back). Versions in force are never judged
    again."""
    if listed is None or not listed.published_from or version.effective <= today:
        return False
    shas = [commit.sha for commit in version.commits]
    seen = [index for index, sha in enumerate(shas) if sha in listed.published_from]
    if not seen:
        return True  # another text than the one the site announced for that day
    return version.reworded is not None and shas.index(version.reworded.sha) > max(seen)


def announcements(
    history: History,
    published: Mapping[VersionKey, Announcement | None] | None,
    today: date,
    zone: ZoneInfo,
) -> dict[VersionKey, Announcement]:
    """Every version's announcement. `published`: the versions of the live site's
    manifest with the day it records (None where it records none, as manifests before
    format 3 did); None when there is no published manifest."""
    listed = _under_current_ids(published, history) if published is not None else None
    origins = moved_from(history)
    found: dict[VersionKey, Announcement] = {}
    for policy, version in _versions(history):
        key = (policy, version.id)
        if listed is not None and key not in listed:
            # New to the live site; a moved version rewritten is announced again.
            again = key in origins and version.reworded is not None
            found[key] = Announcement(today, estimated=False, again=again)
        elif listed is not None and changed_since(version, listed[key], today):
            found[key] = Announcement(today, estimated=False, again=True)
        else:
            found[key] = (listed or {}).get(key) or estimate(version, today, zone)
    # A version moved to another day keeps the day it was announced on: postponed, it
    # gives more notice; brought forward, it is judged by that day (`late_versions`).
    for key, origin in origins.items():
        if key not in found or origin not in found or found[key].again:
            continue
        if found[origin].day < found[key].day:
            found[key] = found[origin]
    return found


def moved_from(history: History) -> dict[VersionKey, VersionKey]:
    """Each version that is an upcoming version moved to another day (postponed or
    brought forward, in one step or several), and the version first announced for it."""
    found: dict[VersionKey, VersionKey] = {}
    for policy in history.policies():
        text = history.view(policy, history.authoritative)
        for version in (*text.versions, *(r.version for r in text.retracted)):
            earlier = text.moved_from(version.id)
            if earlier:
                found[(policy, version.id)] = (policy, earlier[-1])
    return found


def _under_current_ids(
    published: Mapping[VersionKey, Announcement | None], history: History
) -> dict[VersionKey, Announcement | None]:
    """`published` with a renamed policy's versions under its current id as well."""
    listed = dict(published)
    for former, now in history.moves.items():
        for (policy, version_id), found in published.items():
            if policy == former:
                listed.setdefault((now, version_id), found)
    return listed


def _versions(history: History) -> Iterable[tuple[str, Version]]:
    """Every version of every policy in the authoritative language, taken-back ones too."""
    for policy in history.policies():
        text = history.view(policy, history.authoritative)
        for version in (*text.versions, *(r.version for r in text.retracted)):
            yield policy, version


def earliest_effective(announced: date, notice_days: int) -> date:
    return announced + timedelta(days=notice_days)


def notice_problem(
    source: PolicySource, announced: date, notice_days: int, first: bool = False, why: str = ""
) -> Problem | None:
    """What is wrong with a version (its file as `source`) made public on `announced`, if
    it takes effect with less notice than the site promises and is neither urgent nor a
    policy's `first`; `why` says why it is announced on that day."""
    front = source.front
    if notice_days <= 0 or first or front.urgent:
        return None
    earliest = earliest_effective(announced, notice_days)
    if front.effective >= earliest:
        return None
    days = (front.effective - announced).days
    given = f"{days} days after" if days >= 0 else f"{-days} days before"
    return Problem(
        source.path,
        source.key_lines.get("effective"),
        f"version {front.effective} would take effect {given} it is made public ({announced})"
        + (f" ({why})" if why else "")
        + f"; the site promises {notice_days} days of notice (extra.policysite.notice_days). "
        f"Set 'effective: {earliest}' or later, or, if it may not wait (a court order, a "
        "security fix), add 'urgent: <reason>', which readers are shown",
    )


def late_versions(
    history: History,
    published: Mapping[VersionKey, Announcement | None],
    today: date,
    notice_days: int,
) -> list[Problem]:
    """The versions a deploy would publish for the first time today with less notice than
    promised (a pull request merged after its window closed). Versions the live site
    already shows are never refused, whatever notice they had."""
    listed = _under_current_ids(published, history)
    origins = moved_from(history)
    problems = []
    for policy in history.policies():
        versions = history.view(policy, history.authoritative).versions
        for index, version in enumerate(versions):
            key = (policy, version.id)
            origin = origins.get(key)
            if key in listed:
                again = changed_since(version, listed[key], today)
                if not again:
                    continue
            else:  # moved (and rewritten in the move or since, if so)
                again = origin is not None and version.reworded is not None
            announced = today
            if origin is not None and origin in listed and not again:
                # Moved from a version the live site announced: judged by that day.
                first = listed[origin]
                announced = first.day if first is not None else version.effective
            why = REWORDED if again else ""
            problem = notice_problem(version.source, announced, notice_days, index == 0, why)
            if problem is not None:
                problems.append(problem)
    return problems


#: A version's text changed by more than this share of its words, and by at least
#: `REWORDED_WORDS` words, says substantially other things: a placeholder written out, a
#: section added or rewritten; not a typo fixed or a sentence mended.
REWORDED_SHARE = 0.1
REWORDED_WORDS = 5


def is_reworded(before: PolicySource, after: PolicySource) -> bool:
    """Whether `after` says substantially other things than `before`: a version's text so
    changed before its day is announced again (`history/notice.py`)."""
    if before.body == after.body:
        return False
    # Lines first, then the words of the lines that differ: exact (no "junk" heuristic,
    # which miscounts the common words of long texts) and fast on 150 KB texts.
    old, new = before.body.splitlines(), after.body.splitlines()
    changed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            was, now = " ".join(old[i1:i2]).split(), " ".join(new[j1:j2]).split()
            words = SequenceMatcher(None, was, now, autojunk=False).get_matching_blocks()
            changed += max(len(was), len(now)) - sum(block.size for block in words)
    size = max(len(before.body.split()), len(after.body.split()))
    return changed >= REWORDED_WORDS and changed > REWORDED_SHARE * size
