"""Every policy file followed through the first-parent history: its revisions across
renames, the commits that deleted it (a withdrawal) and added it again, the policies
renamed to another id, and the ids used again by another policy (`Reuse`), which the
build refuses: an id once published belongs to that policy forever.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from policysite.errors import PolicyError, Problem
from policysite.history.policy_file import PolicyPath, parse_policy_path, parse_source
from policysite.history.repository import Commit, CommitChanges, FileChange
from policysite.history.revisions import Revision
from policysite.history.versions import Rename


@dataclass
class Track:
    """Every revision of one policy file, and the commit that deleted it if it is gone."""

    revisions: list[Revision]
    deleted: Commit | None = None
    #: The paths it had before it was renamed, oldest first.
    former: list[str] = field(default_factory=list)
    #: Each time the file was deleted and later added again at its path: the commit
    #: that deleted it and the revision that brought it back.
    gaps: list[tuple[Commit, Revision]] = field(default_factory=list)


@dataclass(frozen=True)
class Reuse:
    """A path another policy's file held, taken by a file of another policy."""

    path: str
    #: The commit that put the other file there.
    commit: Commit
    #: The path the file that took it came from (None: it was added there).
    came_from: str | None
    #: The policy file that held the path: deleted there (withdrawn), or renamed away.
    owner: Track
    #: Where the owner went, if it was renamed away.
    owner_now: str | None = None


@dataclass
class Tracks:
    """Every policy file by its latest path, and the paths used again."""

    paths: dict[str, Track] = field(default_factory=dict)
    #: Paths taken by another policy's file, which is still there (the build refuses them).
    reused: dict[str, Reuse] = field(default_factory=dict)
    #: The file each path was renamed away from (for a file that takes it later).
    left: dict[str, Track] = field(default_factory=dict)
    #: Files a reuse put aside: each comes back once the file that took its path moves on.
    displaced: dict[str, Track] = field(default_factory=dict)

    def items(self) -> list[tuple[str, Track]]:
        return sorted(self.paths.items())

    def values(self) -> list[Track]:
        return list(self.paths.values())

    def _arrive(self, path: str, track: Track, step: CommitChanges, came_from: str | None) -> None:
        """`track` now at `path`: a reuse if the path belongs to another policy's file."""
        held = self.paths.get(path)
        owner = held if held is not None and held is not track and held.deleted else None
        gone_to = None
        if owner is None and self.left.get(path) not in (None, track):
            owner = self.left[path]
            gone_to = next((p for p, t in self.paths.items() if t is owner), None)
        if owner is not None:
            self.reused[path] = Reuse(path, step.commit, came_from, owner, gone_to)
            if held is owner:
                self.displaced[path] = owner
        self.paths[path] = track

    def _leave(self, path: str) -> Track | None:
        """The track at `path` moves on: a file it displaced there comes back."""
        track = self.paths.pop(path, None)
        if path in self.reused:
            del self.reused[path]
            if path in self.displaced:
                self.paths[path] = self.displaced.pop(path)
        elif track is not None:
            self.left[path] = track
        return track

    def follow(self, step: CommitChanges) -> None:
        for change in step.changes:
            revision = Revision(step.commit, change.path, change.blob, change.mode)
            if change.old_path is not None and change.status == "R":
                reused = change.old_path in self.reused
                moved = self._leave(change.old_path) or Track([])
                if not reused:
                    moved.former.append(change.old_path)
                moved.revisions.append(revision)
                self._arrive(change.path, moved, step, change.old_path)
                continue
            track = self.paths.get(change.path)
            if change.deleted:
                if track is not None:
                    track.deleted = step.commit
                continue
            if track is not None and change.status in "MTA":
                if track.deleted is not None:  # added again: the same history goes on
                    track.gaps.append((track.deleted, revision))
                    track.deleted = None
                track.revisions.append(revision)
                continue
            earlier = self._renamed_away(change.path)
            if earlier is not None:
                # The file of this language its policy deleted before it was renamed: back
                # under the new id, the same history goes on.
                former, track, deleted = earlier
                del self.paths[former]
                track.former.append(former)
                track.gaps.append((deleted, revision))
                track.deleted = None
                track.revisions.append(revision)
                self.paths[change.path] = track
                continue
            # Added or copied: a file of its own from here on.
            self._arrive(change.path, Track([revision]), step, None)

    def _renamed_away(self, path: str) -> tuple[str, Track, Commit] | None:
        """The deleted file that a policy file added at `path` continues (its path, track and
        the commit that deleted it): of its language, at an id the policy had before it was
        renamed."""
        parts = path.rsplit(".", 2)
        if len(parts) != 3 or parts[2] != "md" or path in self.paths:
            return None
        stem, lang = parts[0], parts[1]
        for other, track in self.paths.items():
            if other.rsplit(".", 2)[0] != stem or track.deleted is not None:
                continue
            for was in track.former:
                candidate = f"{was.rsplit('.', 2)[0]}.{lang}.md"
                gone = self.paths.get(candidate)
                if gone is not None and gone.deleted is not None and gone is not track:
                    return candidate, gone, gone.deleted
        return None


def follow_files(steps: Sequence[CommitChanges]) -> Tracks:
    """The revisions of every file the first-parent chain's `steps` changed, keyed by its
    path (its latest path: renames carry a file's revisions over).

    A deleted file keeps its revisions (its versions stay published); a file added again
    at the same path continues them, with the time it was gone (`Track.gaps`).
    """
    tracks = Tracks()
    for step in steps:
        tracks.follow(step)
    return tracks


def paired_renames(
    steps: Sequence[CommitChanges],
    prefix: str,
    languages: tuple[str, ...],
    read: Callable[[Iterable[str]], Mapping[str, bytes]],
) -> list[CommitChanges]:
    """`steps`, with each policy file's renames as editors meant them: git pairs a deleted
    file with an added one by likeness alone.

    A file never changes its language: a pair across languages (a short Kazakh text much
    like a Russian one) is a deletion and an addition. And a policy renamed in the commit
    that rewrites it may not be paired at all: a file a commit adds that says
    `renamed_from: <former id>` continues, in each language, the file of that id the same
    commit deleted (or git paired with another)."""

    def where(path: str) -> PolicyPath | None:
        found = parse_policy_path(path.removeprefix(prefix), languages)
        return found if isinstance(found, PolicyPath) else None

    def deleted(path: str) -> FileChange:
        return FileChange("D", path, None, "", "000000")

    def unpaired(change: FileChange) -> list[FileChange]:
        if change.status == "R" and change.old_path is not None:
            was, now = where(change.old_path), where(change.path)
            if was is not None and now is not None and was.lang != now.lang:
                return [deleted(change.old_path), replace(change, status="A", old_path=None)]
        return [change]

    split = [[part for change in step.changes for part in unpaired(change)] for step in steps]
    # Only a commit that adds a policy file and deletes (or moves) another can hold a
    # declared rename: only the files it adds are read.
    maybe = {
        index
        for index, changes in enumerate(split)
        if any(c.status == "A" and where(c.path) for c in changes)
        and any(c.status in "DR" and where(c.old_path or c.path) for c in changes)
    }
    added = (c.blob for i in sorted(maybe) for c in split[i] if c.status == "A" and c.blob)
    blobs = read(added)
    found: list[CommitChanges] = []
    for index, (step, changes) in enumerate(zip(steps, split, strict=True)):
        if index in maybe:
            changes = _declared(changes, blobs, where, prefix)
        found.append(
            step if changes == list(step.changes) else replace(step, changes=tuple(changes))
        )
    return found


def _declared(
    changes: list[FileChange],
    blobs: Mapping[str, bytes],
    where: Callable[[str], PolicyPath | None],
    prefix: str,
) -> list[FileChange]:
    """One commit's changes, each file it adds that says `renamed_from:` paired with that
    id's file in its language, which the commit deleted or git paired with another."""
    declared: dict[str, str] = {}
    for change in changes:
        at = where(change.path) if change.status == "A" else None
        if at is None:
            continue
        try:
            former = parse_source(change.path, blobs[change.blob]).front.renamed_from
        except (PolicyError, KeyError):
            continue  # the file's own problems are said where it is read
        if former is not None:
            declared[at.policy] = former
    gone = {c.path for c in changes if c.status == "D"}
    gone |= {c.old_path for c in changes if c.status == "R" and c.old_path is not None}
    continues: dict[int, str] = {}  # an added file's index -> the file it continues
    for index, change in enumerate(changes):
        at = where(change.path) if change.status == "A" else None
        if at is not None and at.policy in declared:
            former_path = f"{prefix}{declared[at.policy]}.{at.lang}.md"
            if former_path in gone:
                continues[index] = former_path
    taken = set(continues.values())
    paired: list[FileChange] = []
    for index, change in enumerate(changes):
        if index in continues:
            paired.append(replace(change, status="R", old_path=continues[index]))
        elif change.status == "D" and change.path in taken:
            continue  # renamed, as its new file says
        elif change.status == "R" and change.old_path in taken:
            paired.append(replace(change, status="A", old_path=None))  # git's guess: added
        else:
            paired.append(change)
    return paired


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


def renames(
    tracks: Mapping[str, Track], prefix: str, languages: tuple[str, ...]
) -> tuple[Rename, ...]:
    """Every policy file renamed to another policy id, oldest first."""
    found = []
    for track in tracks.values():
        for before, after in itertools.pairwise(track.revisions):
            if before.path == after.path:
                continue
            was = parse_policy_path(before.path.removeprefix(prefix), languages)
            now = parse_policy_path(after.path.removeprefix(prefix), languages)
            if isinstance(was, str) or isinstance(now, str) or was.policy == now.policy:
                continue
            found.append(Rename(was.policy, now.policy, now.lang, after.commit))
    return tuple(sorted(found, key=lambda r: (r.commit.committed, r.now, r.lang)))


def continued_ids(found: Iterable[Rename]) -> set[tuple[str, str]]:
    """(policy id, an id it had before), through every rename, one or several."""
    pairs = {(rename.now, rename.former) for rename in found}
    while more := {(now, older) for now, was in pairs for w, older in pairs if w == was} - pairs:
        pairs |= more
    return pairs


def undone_rename(
    where: PolicyPath,
    path: str,
    track: Track,
    blobs: Mapping[str, bytes],
    prefix: str,
    continued: set[tuple[str, str]],
) -> list[Problem]:
    """A file that says `renamed_from:` an id its policy does not continue: the rename did
    not happen, and the policy would be published as a new one beside the withdrawn one."""
    data = blobs[track.revisions[-1].blob]
    if b"renamed_from" not in data:
        return []  # the file as it is now says nothing of a rename: nothing to read again
    source = parse_source(path, data)
    former = source.front.renamed_from
    if former is None or (where.policy, former) in continued:
        return []
    expected = f"{prefix}{former}.{where.lang}.md"
    return [
        Problem(
            path,
            source.key_lines.get("renamed_from"),
            (
                f"says renamed_from: {former}, but it does not continue {expected}: a policy "
                "is renamed by the commit that deletes its former file and adds this one "
                f"('git mv {expected} {path}', the new text in the same commit or not); "
                "remove renamed_from if this is a policy of its own"
            ),
        )
    ]
