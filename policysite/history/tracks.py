"""Every policy file followed through the first-parent history: its revisions across
renames, the commit that deleted it (a withdrawal), and the policies renamed to another id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from policysite.history.policy_file import parse_policy_path
from policysite.history.repository import Commit, CommitChanges
from policysite.history.revisions import Revision


@dataclass
class Track:
    """Every revision of one policy file, and the commit that deleted it if it is gone."""

    revisions: list[Revision]
    deleted: Commit | None = None
    #: The paths it had before it was renamed, oldest first.
    former: list[str] = field(default_factory=list)


def follow_files(steps: Sequence[CommitChanges]) -> dict[str, Track]:
    """The revisions of every file the first-parent chain's `steps` changed, keyed by its
    path (its latest path: renames carry a file's revisions over).

    A deleted file keeps its revisions (its versions stay published); a file added again
    at the same path continues them.
    """
    tracks: dict[str, Track] = {}
    for step in steps:
        for change in step.changes:
            if change.old_path is not None and change.status == "R":
                moved = tracks.pop(change.old_path, None)
                track = Track(
                    moved.revisions if moved else [],
                    former=[*(moved.former if moved else []), change.old_path],
                )
            elif change.deleted:
                if change.path in tracks:
                    tracks[change.path].deleted = step.commit
                continue
            elif change.path in tracks and change.status in "MTA":
                # Changed, or added again after it was deleted: the same history goes on.
                track = tracks[change.path]
                track.deleted = None
            else:  # added or copied: a file of its own from here on
                track = Track([])
            track.revisions.append(Revision(step.commit, change.path, change.blob, change.mode))
            tracks[change.path] = track
    return tracks


def renamed_policies(
    tracks: Mapping[str, Track], prefix: str, languages: tuple[str, ...], current: set[str]
) -> dict[str, str]:
    """Former policy id -> the id it is now, for every policy file renamed to another id
    (unless a policy of its own, among `current`, took the former id since)."""
    moves: dict[str, str] = {}
    for path, track in tracks.items():
        now = parse_policy_path(path.removeprefix(prefix), languages)
        if isinstance(now, str):
            continue
        for old in track.former:
            was = parse_policy_path(old.removeprefix(prefix), languages)
            if not isinstance(was, str) and was.policy != now.policy and was.policy not in current:
                moves[was.policy] = now.policy
    return moves
