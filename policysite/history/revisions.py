"""One policy file's revisions -> its versions, with the rules a version lives by.

A version is one distinct `effective` date along the file's first-parent history;
its text is the file at the last commit that still carries that date. Until its day
an upcoming version may be edited, moved to another day or withdrawn; from its day
on, what it publishes changes only with a correction of its own (`_version`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from policysite.errors import PolicyError, Problem
from policysite.history.notice import is_reworded
from policysite.history.policy_file import PolicyPath, PolicySource, parse_source
from policysite.history.repository import REGULAR_FILE_MODES, Commit
from policysite.history.versions import Correction, PolicyText, Retraction, Version, Withdrawal


@dataclass(frozen=True)
class Revision:
    """A policy file as one commit left it."""

    commit: Commit
    path: str
    blob: str
    mode: str


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_versions(
    where: PolicyPath,
    path: str,
    revisions: list[Revision],
    blobs: dict[str, bytes],
    zone: ZoneInfo,
    notes: list[str],
    today: date | None,
    authoritative: bool = True,
    gaps: Sequence[tuple[Commit, Revision]] = (),
) -> PolicyText:
    """A policy file's versions from its revisions. In the authoritative language, an
    upcoming version may be moved to another day or withdrawn until its day comes, and a
    policy withdrawn (`gaps`: each deletion and the revision that added it again) comes
    back with a new version, after the time it was withdrawn."""
    head = revisions[-1]
    returns = {revision.commit.sha: deleted for deleted, revision in gaps} if authoritative else {}
    #: Each time it was added again: the day it was withdrawn, the commit that deleted it,
    #: the first day it may have a version again, and the commit that added it again.
    returned: list[tuple[date, Commit, date, Commit]] = []
    #: Withdrawn, and not yet back with a version of its own.
    away: Commit | None = None
    if head.mode not in REGULAR_FILE_MODES:
        kind = {"120000": "a symbolic link", "160000": "a git submodule"}.get(
            head.mode, f"not a regular file (git mode {head.mode})"
        )
        raise PolicyError([Problem(path, None, f"is {kind}; policies must be plain files")])

    groups: list[list[tuple[Revision, PolicySource]]] = []
    moved: list[tuple[list[tuple[Revision, PolicySource]], date | None, Commit]] = []
    #: A version moved to another day: the text it was before (by its group's id).
    continues: dict[int, PolicySource] = {}
    #: The effective date of the file as the last revision read left it.
    state: date | None = None
    for revision in revisions:
        if revision.mode not in REGULAR_FILE_MODES:
            notes.append(
                f"{revision.path} in {revision.commit.short} was not a plain file; skipped"
            )
            continue
        try:
            source = parse_source(revision.path, blobs[revision.blob])
        except PolicyError:
            if revision is head:
                raise
            notes.append(
                f"{revision.path} in {revision.commit.short} could not be read and is "
                "skipped; a later commit fixed it"
            )
            continue
        effective = source.front.effective
        if not authoritative and effective == state:
            # A translation that keeps its date (edited, or its file renamed) stays the
            # text of that day, which may be before a later one it had.
            same = next((g for g in groups if g[0][1].front.effective == effective), None)
            if same is not None:
                same.append((revision, source))
                continue
        state = effective
        last = groups[-1][-1][1].front.effective if groups else None
        made_on = revision.commit.committed.astimezone(zone).date()
        away = returns.get(revision.commit.sha, away)
        again = away is not None  # an upcoming version it had then was withdrawn with it
        if away is not None:
            # Added again: with a new version, later than its last one, from that day on.
            withdrawn_on = away.committed.astimezone(zone).date()
            later = last + timedelta(days=1) if last is not None else made_on
            floor = max(made_on, withdrawn_on, later)
            if effective < floor:
                problem = _back_with_old_version(
                    path, source, withdrawn_on, revision, made_on, last, floor
                )
                if revision is head:
                    raise PolicyError([problem])
                notes.append(
                    f"{path} in {revision.commit.short} came back with version {effective}, "
                    "not a new one, and is skipped until a later commit sets a new one"
                )
                continue
            returned.append((withdrawn_on, away, floor, revision.commit))
            away = None
        elif returned and effective < returned[-1][2]:
            # Its versions from before it was withdrawn cannot come back.
            withdrawn_on, _deleted, floor, _commit = returned[-1]
            problem = Problem(
                path,
                source.key_lines.get("effective"),
                f"effective date {effective} is earlier than {floor}, the first day the "
                f"policy may have a version again after it was withdrawn on {withdrawn_on}: "
                "its versions from before cannot come back; withdraw it again (delete the "
                f"file), or publish a new version effective on or after {floor}",
            )
            if revision is head:
                raise PolicyError([problem])
            notes.append(f"{path} in {revision.commit.short} went back before {floor}")
            continue
        if last is not None and effective != last and authoritative and made_on < last:
            # The last version had not taken effect when the file moved on: it is taken
            # back, moved to the new day or withdrawn (the file went back to a version
            # before it, as `git revert` of its announcement does).
            taken_back = groups.pop()
            back = bool(groups) and groups[-1][-1][1].front.effective == effective
            moved.append((taken_back, None if back or again else effective, revision.commit))
            last = groups[-1][-1][1].front.effective if groups else None
            if back:
                groups[-1].append((revision, source))
                continue
        if last is not None and effective < last and not authoritative:
            # A translation of an earlier version (following its version to an earlier day,
            # or the text of one after a later one was taken back): its text of the later
            # day stays where it was published, and a version in force changes only with a
            # correction, as always.
            earlier = [g for g in groups if g[0][1].front.effective == effective]
            if earlier:
                earlier[0].append((revision, source))
            else:
                groups.append([(revision, source)])
                groups.sort(key=lambda g: g[0][1].front.effective)
            continue
        if last is not None and effective < last:
            if revision is head:
                raise PolicyError(
                    [
                        Problem(
                            path,
                            source.key_lines.get("effective"),
                            f"effective date {effective} is earlier than {last}, which has been in "
                            f"force since then; effective dates must increase along the history "
                            f"once a version has taken effect: publish changes as a new version "
                            f"effective on or after {last}",
                        )
                    ]
                )
            notes.append(
                f"{revision.path} in {revision.commit.short} set an earlier effective "
                "date and is skipped; a later commit fixed it"
            )
            continue
        if last == effective:
            groups[-1].append((revision, source))
        else:
            groups.append([(revision, source)])
            if moved and moved[-1][2] is revision.commit and moved[-1][1] == effective:
                continues[id(groups[-1])] = moved[-1][0][-1][1]

    def made(group: list[tuple[Revision, PolicySource]]) -> Version:
        return replace(
            _version(path, where.lang, group, zone, today, continues.get(id(group))),
            sha256=sha256_of(group[-1][1].published),
            data=group[-1][1].published,
        )

    versions = tuple(made(group) for group in groups)
    real = {version.id for version in versions}
    retracted: dict[str, Retraction] = {}
    moves: list[tuple[str, str | None, Commit]] = []
    for group, moved_to, commit in moved:
        version = made(group)
        moves.append((version.id, moved_to.isoformat() if moved_to else None, commit))
        if version.id not in real:  # an address a version of that day serves again
            retracted[version.id] = Retraction(version, moved_to, commit)
    past = tuple(
        Withdrawal(
            day,
            deleted,
            min((v.effective for v in versions if v.effective >= floor), default=floor),
            back,
        )
        for day, deleted, floor, back in returned
    )
    return PolicyText(
        where.policy,
        where.lang,
        path,
        versions,
        retracted=tuple(retracted.values()),
        past_withdrawals=past,
        moves=tuple(moves),
    )


def _back_with_old_version(
    path: str,
    source: PolicySource,
    withdrawn_on: date,
    revision: Revision,
    made_on: date,
    last: date | None,
    earliest: date,
) -> Problem:
    """The message for a policy added again with a version that is not new."""
    effective = source.front.effective
    why = (
        f"which is not later than its last version ({last})"
        if last is not None and effective <= last
        else "which would claim to have been in force while the policy was withdrawn"
    )
    return Problem(
        path,
        source.key_lines.get("effective"),
        f"the policy was withdrawn on {withdrawn_on} and added again in commit "
        f"{revision.commit.short} ({made_on}) with version {effective}, {why}: a policy "
        "added again comes back with a new version, later than its last one, and the time it "
        f"was withdrawn stays on its pages. Set 'effective: {earliest}' or later (with the "
        "notice the site promises, or 'urgent: <reason>')",
    )


def _version(
    path: str,
    lang: str,
    group: list[tuple[Revision, PolicySource]],
    zone: ZoneInfo,
    today: date | None,
    moved_from: PolicySource | None = None,
) -> Version:
    """One version from the revisions carrying its date, enforcing immutability once in force.
    `moved_from`: the text of the upcoming version it was, moved to this day.

    A version is in force from the day of the version it is published as (a translation's
    `translation_of`) on, if that day has come (`today`): before, its text may change
    freely. After it, any change of what it publishes needs a `correction` reason of its
    own, new in that commit. A commit's date says when it was made, not when it was
    published: a pull request is judged by the day it is checked (`pr_summary.py`).
    """
    effective = group[0][1].front.effective
    published_as = group[0][1].front.translation_of or effective
    accepted: PolicySource | None = None
    violation: Revision | None = None
    #: The last commit before its day that changed its text substantially (announced
    #: again, if its text before its day is not the one first announced after all).
    reworded: Commit | None = None
    announced = moved_from or group[0][1]
    upcoming = announced
    if moved_from is not None and is_reworded(moved_from, group[0][1]):
        reworded = group[0][0].commit  # moved and rewritten in one commit
    corrections: list[Correction] = []
    previous_reason: str | None = None
    for revision, source in group:
        in_force = revision.commit.committed.astimezone(zone).date() >= published_as and (
            today is None or published_as <= today
        )
        reason = source.front.correction
        if accepted is not None and not in_force and is_reworded(accepted, source):
            reworded = revision.commit
        if not in_force:
            upcoming = source
        if accepted is None or not in_force or same_text(source, accepted):
            accepted, violation = source, None
        elif not is_uncorrected_edit(accepted, source, previous_reason):
            assert reason is not None  # a corrected edit carries its reason
            corrections.append(Correction(revision.commit, reason, accepted))
            accepted, violation = source, None
        elif violation is None:
            violation = revision
        previous_reason = reason

    if reworded is not None and not is_reworded(announced, upcoming):
        reworded = None  # rewritten, then back to the text announced
    final_revision, final = group[-1]
    if violation is not None:
        raise PolicyError([_uncorrected(path, published_as, violation, final)])
    return Version(
        effective=effective,
        lang=lang,
        source=final,
        blob=final_revision.blob,
        commits=tuple(revision.commit for revision, _ in group),
        corrections=tuple(corrections),
        reworded=reworded,
    )


def _uncorrected(path: str, version: date, revision: Revision, final: PolicySource) -> Problem:
    """The message for a published version changed without a correction: the rule, and
    what to do."""
    commit = revision.commit
    kept = final.front.correction
    why = (
        f"its 'correction:' still gives the reason of an earlier correction ({kept!r}): each "
        "correction needs a reason of its own, saying why this change corrects the published text"
        if kept
        else "without a 'correction:' reason"
    )
    return Problem(
        path,
        final.key_lines.get("correction" if kept else "effective"),
        f"version {version} has been in force since {version}, and what it publishes (its "
        f"page and policy.md: every byte of the file) was changed in commit {commit.short} "
        f"({commit.committed.date()} {commit.subject!r}) {why}. Published versions are "
        "immutable: revert the change, or publish it as a new version with a later "
        "'effective' date, or, if it corrects a mistake in the published text, add "
        "'correction: <why>' to the front matter in a new commit",
    )


def is_uncorrected_edit(
    published: PolicySource, edited: PolicySource, reason_before: str | None
) -> bool:
    """Whether `edited` changes what `published`, a version already in force, publishes
    (any byte of the file, line ends aside: its page and `policy.md`) without a `correction`
    reason of its own (`reason_before` is the one the version carried)."""
    if same_text(edited, published):
        return False
    reason = edited.front.correction
    return not (reason and reason != reason_before)


def same_text(a: PolicySource, b: PolicySource) -> bool:
    """Whether two states of a version publish the same file (line ends and a byte order
    mark aside, which are normalised on reading)."""
    return a.published == b.published
