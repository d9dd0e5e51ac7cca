"""What a pull request does to each policy it touches (`Touched`, each a `Step`): the
versions it adds, moves or edits, with what the site will show each changed, and what it
adds to a policy's life said in a sentence (renamed, withdrawn, added again, …), read from
the policies' records (`history/life.py`). `pr_summary.py` checks and renders them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from zoneinfo import ZoneInfo

from policysite.compare.analysis import Analyses, LanguageChanges, compare_versions
from policysite.errors import Problem
from policysite.history.life import Happening, lives
from policysite.history.notice import is_reworded
from policysite.history.policy_file import parse_policy_path
from policysite.history.revisions import is_uncorrected_edit
from policysite.history.texts import History
from policysite.history.versions import Version


class Step(StrEnum):
    NEW_POLICY = "new_policy"
    NEW_VERSION = "new_version"
    UPCOMING = "upcoming"
    UPCOMING_EDITED = "upcoming_edited"
    CORRECTION = "correction"
    REMOVED = "removed"
    RENAMED = "renamed"
    POSTPONED = "postponed"
    BROUGHT_FORWARD = "brought_forward"
    WITHDRAWN = "withdrawn"
    ADDED_AGAIN = "added_again"
    TAKEN_BACK = "taken_back"
    TRANSLATION_ADDED = "translation_added"
    TRANSLATION_REMOVED = "translation_removed"

    @property
    def said(self) -> bool:
        """Said in a sentence: the policy's versions stay as they are."""
        return self in _SAID.values()


#: What a change adds to a policy's life (`history/life.py`) that is said in a sentence.
_SAID = {
    Happening.RENAMED: Step.RENAMED,
    Happening.WITHDRAWN: Step.WITHDRAWN,
    Happening.ADDED_AGAIN: Step.ADDED_AGAIN,
    Happening.TAKEN_BACK: Step.TAKEN_BACK,
    Happening.TRANSLATION_REMOVED: Step.TRANSLATION_REMOVED,
}


@dataclass(frozen=True)
class Touched:
    """One thing the pull request does to one policy in one language."""

    policy: str
    lang: str
    step: Step
    version: Version | None
    #: What the site will show it changed (in the language it shows it in).
    changes: LanguageChanges | None
    #: The id the policy had before this change renamed it.
    former: str | None = None
    #: The upcoming version this one is, moved to another day by this change.
    moved: Version | None = None
    #: An upcoming version whose text this change alters substantially: announced again.
    reworded: bool = False


def said_steps(
    before: History | None, after: History | None, now: date, zone: ZoneInfo
) -> Iterator[Touched]:
    """What the change adds to each policy's life that is said in a sentence: a rename, a
    withdrawal, a policy added again, an upcoming version taken back, a translation
    removed (`history/life.py`)."""
    if after is None:
        return
    earlier = lives(before, now, zone) if before else {}
    for policy, life in lives(after, now, zone).items():
        former = next((was for was, is_now in after.moves.items() if is_now == policy), None)
        was = earlier.get(policy) or (earlier.get(former) if former else None)
        for event in life.since(was):
            step = _SAID.get(event.happening)
            if step is None:
                continue
            text = after.text(policy, event.lang)
            version = text.version(event.version) if text and event.version else None
            if version is None and text is not None:
                taken_back = [r.version for r in text.retracted if r.version.id == event.version]
                version = taken_back[0] if taken_back else text.versions[-1]
            yield Touched(policy, event.lang, step, version, None, event.detail)


def version_steps(
    changed: list[str],
    folder: str,
    languages: tuple[str, ...],
    before: History | None,
    after: History | None,
    now: date,
    problems: list[Problem],
) -> Iterator[Touched]:
    """What the change does to each policy file it touches, with what the site will show
    each version changed: the site's own analysis of the histories before and after."""
    seen: set[tuple[str, str]] = set()
    analysed_after = Analyses(after) if after else None
    analysed_before = Analyses(before) if before else None
    for path in changed:
        where = parse_policy_path(path.removeprefix(folder + "/"), languages)
        if isinstance(where, str) or (where.policy, where.lang) in seen:
            continue
        seen.add((where.policy, where.lang))
        old = before.text(where.policy, where.lang) if before else None
        new = after.text(where.policy, where.lang) if after else None
        # A renamed policy: its history goes on under the new id (the id it had before
        # this change, of all it ever had).
        formers = [
            was for was, now in (after.moves if after else {}).items() if now == where.policy
        ]
        former = next(
            (was for was in formers if before and before.languages_of(was)),
            formers[0] if formers else None,
        )
        if old is None and former is not None and before is not None:
            old = before.text(former, where.lang)
        authoritative = after is not None and where.lang == after.authoritative
        if new is None or after is None or analysed_after is None:
            renamed = after is not None and where.policy in after.moves  # said as a rename
            if old is not None and after is not None and authoritative and not renamed:
                yield Touched(where.policy, where.lang, Step.REMOVED, old.versions[-1], None)
            continue
        if new.withdrawn is not None:
            continue  # said from the policy's life (`said_steps`)
        if not authoritative and old is not None and old.withdrawn is not None:
            # A deleted translation put back: its texts are those it published.
            yield Touched(where.policy, where.lang, Step.TRANSLATION_ADDED, new.versions[-1], None)
        analysis = analysed_after.of(where.policy, where.lang)
        old_ids = {v.id: v for v in old.versions} if old else {}
        # The authoritative versions there were: a translation of one of them is "added".
        original = (
            before.text(where.policy, before.authoritative)
            or (before.text(former, before.authoritative) if former else None)
            if before
            else None
        )
        originals = {v.id for v in original.versions} if original and not authoritative else set()
        taken_back = {r.version.id: r.version for r in new.retracted}
        for index, version in enumerate(new.versions):
            # The version's place among the policy's versions as its readers get them (a
            # translation of a version moved since stands at its new day).
            shown_id = _shown_as(after, where.policy, version.translates)
            if shown_id not in analysis.ids:
                continue  # translates a version withdrawn before its day
            position = analysis.position(shown_id)
            if version.id not in old_ids:
                # The day it was moved from by the last move (a day may be left and taken
                # again: only the moves in order tell), as it stood before this change.
                came_from = next(iter(new.moved_from(version.id)), None)
                origin = old_ids.get(came_from or "") or taken_back.get(came_from or "")
                step = (
                    (
                        Step.POSTPONED
                        if version.effective > origin.effective
                        else Step.BROUGHT_FORWARD
                    )
                    if origin is not None and origin.id in old_ids
                    else Step.TRANSLATION_ADDED
                    if version.translates in originals
                    else Step.NEW_POLICY
                    if index == 0
                    else Step.UPCOMING
                    if version.effective > now
                    else Step.NEW_VERSION
                )
                changes = analysis.changes(position) if index else None
                if changes is None:  # a new policy: every section is added
                    first = compare_versions(None, analysis.versions[position])
                    changes = LanguageChanges(where.lang, first)
                reworded = origin is not None and is_reworded(origin.source, version.source)
                yield Touched(
                    where.policy,
                    where.lang,
                    step,
                    version,
                    changes,
                    moved=origin,
                    reworded=reworded,
                )
            elif old_ids[version.id].sha256 != version.sha256 and analysed_before:
                in_force = date.fromisoformat(version.translates) <= now
                step = Step.CORRECTION if in_force else Step.UPCOMING_EDITED
                published = old_ids[version.id].source
                if in_force and is_uncorrected_edit(
                    published, version.source, published.front.correction
                ):
                    # Judged by the day of the check: the commits' own dates say nothing of
                    # when this change is published.
                    problems.append(
                        Problem(
                            version.source.path,
                            version.source.key_lines.get("effective"),
                            f"version {version.translates} is in force (as of {now}), and this "
                            "change alters what it publishes without a 'correction:' reason of "
                            "its own; publish it as a new version with a later 'effective' "
                            "date, or add 'correction: <why>' if it corrects a mistake",
                        )
                    )
                earlier = analysed_before.of(where.policy, where.lang)
                was_id = old_ids[version.id].translates
                was_id = _shown_as(before, where.policy, was_id) if before else was_id
                was = earlier.versions[earlier.position(was_id)] if was_id in earlier.ids else None
                changes = LanguageChanges(
                    where.lang, compare_versions(was, analysis.versions[position])
                )
                reworded = not in_force and is_reworded(published, version.source)
                yield Touched(where.policy, where.lang, step, version, changes, reworded=reworded)


def _shown_as(history: History, policy: str, version_id: str) -> str:
    """The id an authoritative version stands at now (moved before its day, or not)."""
    original = history.text(policy, history.authoritative)
    return original.shown_as(version_id) if original else version_id
