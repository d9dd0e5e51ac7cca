"""Images a policy shows: files beside it, published only if their bytes are an image.

A text shows an image by a path relative to its own file, as CommonMark writes
it: `![Map](map.png)`, `![Map](<my map.png>)`, `![Карта](карта.png)`. The file is
published at `<policy>/files/<sha256>/<name>` (`addresses.image_file`) only if

- it is inside the policies folder and a regular file (not a link, not a submodule);
- its bytes are a PNG, JPEG, GIF, WebP or AVIF image, as Pillow reads and decodes
  them: never HTML, SVG, text or anything else, whatever its name says. An image
  is published under a name with its own suffix, so that no host serves it as
  anything but an image.

An image is part of the version that shows it (`attach_images`). Until the
version is in force it shows the file as it is now; from its day on it keeps the
bytes it was published with, and a commit that changes them needs a `correction`
reason of its own, as a change of its text does (`revisions.py`).

An image on another host is never loaded by a page: a version new to the site may
not show one, and a published version shows it as a link (`shown_images.py`). What a
file is, by its bytes, is `image_files.py`'s to say.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from zoneinfo import ZoneInfo

from policysite.errors import Problem
from policysite.history.image_files import (
    FORMATS,
    image_format,
    published_name,
    what_it_is,
)
from policysite.history.repository import (
    REGULAR_FILE_MODES,
    Commit,
    CommitChanges,
    Repository,
)
from policysite.history.shown_images import Shown, local_images, resolve
from policysite.history.versions import Image, PolicyText, Version

_OTHER_MODES = {"120000": "a symbolic link", "160000": "a git submodule"}
_WHAT_TO_DO = (
    "only PNG, JPEG, GIF, WebP and AVIF images are published beside a policy: save it as one "
    "of them (an SVG exported as PNG), or link to the file instead of showing it"
)


def bytes_problem(shown: Shown, path: str, data: bytes) -> str | None:
    """What is wrong with publishing `data` as the image `shown`, if anything."""
    if image_format(data) is not None:
        return None
    return f"image {shown.written!r} ({path}) is {what_it_is(data)}: {_WHAT_TO_DO}"


def mode_problem(shown: Shown, path: str, mode: str | None) -> str | None:
    """What is wrong with the git entry (mode) of an image file, if anything."""
    if mode is None:
        return (
            f"image {shown.written!r} is not a file in the repository ({path}); put it "
            "beside the policy file, or correct its name"
        )
    if mode not in REGULAR_FILE_MODES:
        kind = _OTHER_MODES.get(mode, f"not a regular file (git mode {mode})")
        return f"image {shown.written!r} ({path}) is {kind}; put the image file itself there"
    return None


class Timeline:
    """Every state of every file under the policies folder along the first-parent chain:
    what each path held after each commit that changed it."""

    def __init__(self, steps: Sequence[CommitChanges]) -> None:
        self.commits: list[Commit] = [step.commit for step in steps]
        self.position = {commit.sha: i for i, commit in enumerate(self.commits)}
        self._changes: dict[str, list[tuple[int, str, str]]] = {}
        for i, step in enumerate(steps):
            for change in step.changes:
                if change.old_path is not None and change.status == "R":
                    self._changes.setdefault(change.old_path, []).append((i, "", ""))
                blob = "" if change.deleted else change.blob
                self._changes.setdefault(change.path, []).append((i, blob, change.mode))

    def at(self, path: str, position: int) -> tuple[str, str] | None:
        """The mode and blob of `path` after the commit at `position` (None: no file)."""
        changes = self._changes.get(path, [])
        i = bisect.bisect_right(changes, position, key=lambda change: change[0]) - 1
        if i < 0 or not changes[i][1]:
            return None
        _position, blob, mode = changes[i]
        return mode, blob

    def changed(self, path: str, start: int, end: int) -> list[int]:
        """The positions in [start, end) of the commits that changed `path`."""
        return [i for i, _blob, _mode in self._changes.get(path, []) if start <= i < end]


@dataclass(frozen=True)
class _Wanted:
    """An image of one version: where it is, and which blob the version shows."""

    key: tuple[str, str]
    index: int
    shown: Shown
    path: str
    blob: str


def attach_images(
    repo: Repository,
    timeline: Timeline,
    texts: dict[tuple[str, str], PolicyText],
    policies: str,
    zone: ZoneInfo,
    today: date | None,
    notes: list[str],
    problems: list[Problem],
) -> None:
    """Give each version the images its text shows (`Version.images`): as the file is now
    until the version is in force, then as it was published, changed only by a commit
    that corrects the version. Problems of the texts in the repository now (the last
    version of a policy that is not withdrawn) go to `problems`; of older ones, which no
    commit can change any more, to `notes` (the image is not published)."""
    wanted: list[_Wanted] = []
    for key, text in texts.items():
        for index, version in enumerate(text.versions):
            shown = local_images(version.source)
            if not shown or not version.commits:
                continue
            latest = index == len(text.versions) - 1 and text.withdrawn is None
            window = _window(timeline, text, version)
            for image in shown:
                try:
                    path = resolve(image, version.source.path, policies)
                except ValueError as outside:
                    _report(version, latest, image.line, str(outside), notes, problems)
                    continue
                position, violation = _published_state(timeline, path, window, version, zone, today)
                if violation is not None:
                    problems.append(_uncorrected(version, image, path, violation))
                    continue
                entry = timeline.at(path, position)
                problem = mode_problem(image, path, entry[0] if entry else None)
                if problem is not None or entry is None:
                    _report(version, latest, image.line, problem or "", notes, problems)
                    continue
                wanted.append(_Wanted(key, index, image, path, entry[1]))
    data = repo.read_blobs(item.blob for item in wanted)
    shown_by: dict[tuple[tuple[str, str], int], list[Image]] = {}
    for item in wanted:
        text, content = texts[item.key], data[item.blob]
        version = text.versions[item.index]
        fmt = image_format(content)
        if fmt is None:
            latest = item.index == len(text.versions) - 1 and text.withdrawn is None
            message = bytes_problem(item.shown, item.path, content) or ""
            _report(version, latest, item.shown.line, message, notes, problems)
            continue
        shown_by.setdefault((item.key, item.index), []).append(
            image_of(item.shown, item.path, content, fmt)
        )
    for (key, index), images in shown_by.items():
        text = texts[key]
        versions = list(text.versions)
        versions[index] = replace(versions[index], images=tuple(images))
        texts[key] = replace(text, versions=tuple(versions))


def image_of(shown: Shown, path: str, data: bytes, fmt: str) -> Image:
    """The image a version shows, as it is published."""
    return Image(shown.src, path, published_name(path, fmt), FORMATS[fmt][1], data)


def _report(
    version: Version,
    latest: bool,
    line: int,
    message: str,
    notes: list[str],
    problems: list[Problem],
) -> None:
    """A problem of the text in the repository now; a note of an older one."""
    if latest:
        problems.append(Problem(version.source.path, line, message))
    else:
        notes.append(f"{version.source.path} (version {version.id}): {message}")


def _window(timeline: Timeline, text: PolicyText, version: Version) -> tuple[int, int]:
    """The commits that are the version's to change, as positions [start, end): from its
    first commit until another version of the same file begins (or the file is deleted)."""
    start = timeline.position[version.commits[0].sha]
    last = timeline.position[version.commits[-1].sha]
    later = [
        timeline.position[other.commits[0].sha]
        for other in (*text.versions, *(r.version for r in text.retracted))
        if other.commits and timeline.position[other.commits[0].sha] > last
    ]
    if text.withdrawn is not None:
        later.append(timeline.position[text.withdrawn.commit.sha])
    return start, min(later, default=len(timeline.commits))


def _published_state(
    timeline: Timeline,
    path: str,
    window: tuple[int, int],
    version: Version,
    zone: ZoneInfo,
    today: date | None,
) -> tuple[int, Commit | None]:
    """The position of the commit whose state of `path` the version shows, and the commit
    that changed it without a correction once the version was in force (None: none did).

    The same rule as a version's text (`revisions._version`): before the version is in
    force every change is taken; after, a change stands only once a commit corrects the
    version (the same one, or a later one), and a change undone is no change."""
    start, end = window
    published_as = date.fromisoformat(version.translates)
    corrected = {
        timeline.position[correction.commit.sha]: correction for correction in version.corrections
    }
    accepted = start
    violation: Commit | None = None
    for position in sorted({*timeline.changed(path, start + 1, end), *corrected}):
        commit = timeline.commits[position]
        in_force = commit.committed.astimezone(zone).date() >= published_as and (
            today is None or published_as <= today
        )
        if (
            not in_force
            or position in corrected
            or timeline.at(path, position) == timeline.at(path, accepted)
        ):
            accepted, violation = position, None
        elif violation is None:
            violation = commit
    return accepted, violation


def _uncorrected(version: Version, shown: Shown, path: str, commit: Commit) -> Problem:
    """A published version's image changed without a correction: the rule, and what to do
    (as `revisions._uncorrected` says it of the text)."""
    return Problem(
        version.source.path,
        shown.line,
        f"version {version.translates} has been in force since {version.translates}, and "
        f"what it publishes (its image {shown.written!r}, {path}) was changed in commit "
        f"{commit.short} ({commit.committed.date()} {commit.subject!r}) without a "
        "'correction:' reason. Published versions are immutable: revert the change; or give "
        "the new image a name of its own and show it in a new version with a later "
        "'effective' date; or, if it corrects a mistake in the published version, add "
        "'correction: <why>' to its front matter in the same commit",
    )
