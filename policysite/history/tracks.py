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
            # Added or copied: a file of its own from here on.
            self._arrive(change.path, Track([revision]), step, None)


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


def declared_renames(
    steps: Sequence[CommitChanges],
    prefix: str,
    languages: tuple[str, ...],
    read: Callable[[Iterable[str]], Mapping[str, bytes]],
) -> list[CommitChanges]:
    """`steps`, with the renames editors declared as such: git pairs a moved file with its
    former path only while its text stays mostly the same, and a policy renamed in the
    commit that brings its next version may not be. A file a commit adds that says
    `renamed_from: <former id>` continues, in each language, the file of that id the
    same commit deleted."""

    def where(change: FileChange) -> PolicyPath | None:
        found = parse_policy_path(change.path.removeprefix(prefix), languages)
        return found if isinstance(found, PolicyPath) else None

    def parted(step: CommitChanges, status: str) -> dict[PolicyPath, FileChange]:
        return {
            found: change
            for change in step.changes
            if change.status == status and (found := where(change)) is not None
        }

    # Only a commit that deletes a policy file and adds another can hold a declared
    # rename: only the files it adds are read.
    both = [(step, parted(step, "A"), parted(step, "D")) for step in steps]
    both = [(step, added, deleted) for step, added, deleted in both if added and deleted]
    blobs = read(change.blob for _step, added, _deleted in both for change in added.values())
    paired = {step.commit.sha: step for step in steps}
    for step, added, deleted in both:
        declared: dict[str, str] = {}
        for found, change in added.items():
            try:
                former = parse_source(change.path, blobs[change.blob]).front.renamed_from
            except (PolicyError, KeyError):
                continue  # the file's own problems are said where it is read
            if former is not None:
                declared[found.policy] = former
        renamed: dict[str, FileChange] = {}
        for found, change in added.items():
            gone = deleted.get(PolicyPath(declared.get(found.policy, ""), found.lang))
            if gone is not None:
                renamed[change.path] = replace(change, status="R", old_path=gone.path)
        if renamed:
            left = {change.old_path for change in renamed.values()}
            changes = [renamed.get(c.path, c) for c in step.changes]
            paired[step.commit.sha] = replace(
                step, changes=tuple(c for c in changes if not (c.deleted and c.path in left))
            )
    return [paired[step.commit.sha] for step in steps]


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
    source = parse_source(path, blobs[track.revisions[-1].blob])
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
