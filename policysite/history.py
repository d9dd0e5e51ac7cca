"""Git history -> the versions of every policy file.

A version is one distinct `effective` date along a file's first-parent commit
chain; its text is the file at the last commit that still carries that date.
Only the state at HEAD can fail a build: a commit whose mistake a later commit
fixed (broken front matter, a published version edited and then reverted) is
history that cannot be rewritten, so it is noted, not fatal.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from policysite.errors import PolicyError, Problem
from policysite.repository import Commit, Repository
from policysite.source import PolicyPath, PolicySource, parse_policy_path, parse_source

_REGULAR_FILE_MODES = ("100644", "100755")


class Status(StrEnum):
    UPCOMING = "upcoming"
    CURRENT = "current"
    SUPERSEDED = "superseded"


@dataclass(frozen=True)
class Correction:
    """A change to the text of a version already in force, with its reason."""

    commit: Commit
    reason: str
    previous: PolicySource


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
    def translates(self) -> str:
        """The id of the authoritative version this text is (its own id in that language)."""
        front = self.source.front
        return (front.translation_of or front.effective).isoformat()


@dataclass(frozen=True)
class PolicyText:
    """One policy in one language: its file and its versions, oldest first."""

    policy: str
    lang: str
    path: str
    versions: tuple[Version, ...]

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
        """The version in force on `today`: the latest one not after it."""
        in_force = [v for v in self.versions if v.effective <= today]
        return in_force[-1] if in_force else None

    def upcoming(self, today: date) -> tuple[Version, ...]:
        return tuple(v for v in self.versions if v.effective > today)

    def status(self, version: Version, today: date) -> Status:
        if version.effective > today:
            return Status.UPCOMING
        successor = self.successor(version)
        in_force = successor is None or successor.effective > today
        return Status.CURRENT if in_force else Status.SUPERSEDED

    @cached_property
    def _positions(self) -> dict[str, int]:
        # Pages ask for neighbours of every version: a lookup, not a scan of the list.
        return {version.id: index for index, version in enumerate(self.versions)}

    def successor(self, version: Version) -> Version | None:
        index = self._positions[version.id]
        return self.versions[index + 1] if index + 1 < len(self.versions) else None

    def predecessor(self, version: Version) -> Version | None:
        index = self._positions[version.id]
        return self.versions[index - 1] if index > 0 else None


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


@dataclass
class History:
    """Every policy text found in the repository, keyed by (policy id, language)."""

    texts: dict[tuple[str, str], PolicyText]
    #: The language whose text is authoritative; every policy has a text in it.
    authoritative: str
    #: Things an editor may want to know that do not stop the build.
    notes: list[str] = field(default_factory=list)
    #: Set when earlier versions may be missing (allowed by `allow_incomplete_history`).
    incomplete: IncompleteHistory | None = None
    #: Uncommitted policy files as they are on disk, for the live preview only.
    drafts: dict[tuple[str, str], Version] = field(default_factory=dict)
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
            return PolicyText(policy, lang, original.path, original.versions)
        versions = []
        for version in original.versions:
            translated = translation.translating(version.id)
            # A translation published later still stands at its original's address.
            versions.append(
                replace(translated, effective=version.effective) if translated else version
            )
        return PolicyText(policy, lang, translation.path, tuple(versions))

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


def today(zone: ZoneInfo, environ: Mapping[str, str] = os.environ) -> date:
    """The date the build is for: `SOURCE_DATE_EPOCH` if set, else the clock, in `zone`."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(zone).date()
    try:
        return datetime.fromtimestamp(int(epoch), zone).date()
    except (ValueError, OverflowError, OSError):
        raise PolicyError(
            [
                Problem(
                    "SOURCE_DATE_EPOCH",
                    None,
                    f"{epoch!r} is not a Unix time in seconds "
                    "(e.g. $(date -d 2026-11-22 +%s)); set it to one or unset it",
                )
            ]
        ) from None


@dataclass
class _Revision:
    commit: Commit
    path: str
    blob: str
    mode: str


def read_history(
    repo: Repository,
    policies_dir: str,
    languages: tuple[str, ...],
    zone: ZoneInfo,
    authoritative: str,
    rev: str = "HEAD",
) -> History:
    """Read every policy file's versions from one pass over the first-parent history of `rev`.

    `policies_dir` is relative to the repository root; `authoritative` is the
    language every policy must have and every translation follows. Raises
    PolicyError with every problem of the current state.
    """
    prefix = PurePosixPath(policies_dir).as_posix().strip("/") + "/"
    tracks, notes = _follow_files(repo, prefix, rev)
    blobs = repo.read_blobs(r.blob for revisions in tracks.values() for r in revisions)

    problems: list[Problem] = []
    texts: dict[tuple[str, str], PolicyText] = {}
    for path, revisions in sorted(tracks.items()):
        where = parse_policy_path(path.removeprefix(prefix), languages)
        if isinstance(where, str):
            problems.append(Problem(path, None, where))
            continue
        try:
            texts[(where.policy, where.lang)] = _versions(
                where, path, revisions, blobs, zone, notes
            )
        except PolicyError as error:
            problems.extend(error.problems)
    problems.extend(_check_translations(texts, authoritative, prefix))
    if problems:
        raise PolicyError(problems)

    if rev == "HEAD":
        for path in repo.uncommitted(policies_dir):
            notes.append(f"{path} has uncommitted changes; they are published once committed")
    return History(texts, authoritative, notes)


def read_files(
    policies: Path,
    languages: tuple[str, ...],
    zone: ZoneInfo,
    authoritative: str,
) -> History:
    """Every policy file as it is on disk, one version each, for a folder without git.

    There is no history to read: the result is marked incomplete.
    """
    problems: list[Problem] = []
    texts: dict[tuple[str, str], PolicyText] = {}
    prefix = policies.name + "/"
    for file in sorted(p for p in policies.rglob("*") if p.is_file() or p.is_symlink()):
        relative = file.relative_to(policies).as_posix()
        path = prefix + relative
        where = parse_policy_path(relative, languages)
        if isinstance(where, str):
            problems.append(Problem(path, None, where))
            continue
        if file.is_symlink():
            problems.append(Problem(path, None, "is a symbolic link; policies must be plain files"))
            continue
        version = _file_version(path, where.lang, file.read_bytes(), problems)
        if version is None:
            continue
        texts[(where.policy, where.lang)] = PolicyText(where.policy, where.lang, path, (version,))
    problems.extend(_check_translations(texts, authoritative, prefix))
    if problems:
        raise PolicyError(problems)
    return History(texts, authoritative, incomplete=IncompleteHistory.NO_GIT)


def read_drafts(
    repo: Repository,
    policies: Path,
    policies_dir: str,
    history: History,
    languages: tuple[str, ...],
) -> list[Problem]:
    """Add every uncommitted policy file, as it is on disk, to `history.drafts`.

    For `mkdocs serve` only: a draft is never published. Returns the problems of
    drafts that cannot be read, so the preview can say what is wrong instead.
    """
    problems: list[Problem] = []
    prefix = PurePosixPath(policies_dir).as_posix().strip("/") + "/"
    for path in repo.uncommitted(policies_dir):
        file = repo.root / path
        where = parse_policy_path(path.removeprefix(prefix), languages)
        if isinstance(where, str) or not file.is_file() or file.is_symlink():
            continue
        version = _file_version(path, where.lang, file.read_bytes(), problems)
        if version is not None:
            history.drafts[(where.policy, where.lang)] = version
    return problems


def _file_version(path: str, lang: str, data: bytes, problems: list[Problem]) -> Version | None:
    """A policy file on disk as a version with no commits; its problems go to `problems`."""
    try:
        source = parse_source(path, data)
    except PolicyError as error:
        problems.extend(error.problems)
        return None
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id
    return Version(
        source.front.effective, lang, source, blob, commits=(), sha256=_sha256(data), data=data
    )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_translations(
    texts: dict[tuple[str, str], PolicyText], authoritative: str, prefix: str
) -> list[Problem]:
    """Every translation belongs to a policy with an authoritative text, version by version."""
    problems: list[Problem] = []
    for (policy, lang), text in sorted(texts.items()):
        if lang == authoritative:
            continue
        original = texts.get((policy, authoritative))
        if original is None:
            problems.append(
                Problem(
                    text.path,
                    None,
                    (
                        f"is a translation of policy {policy!r}, which has no authoritative text; "
                        f"add {prefix}{policy}.{authoritative}.md first"
                    ),
                )
            )
            continue
        known = ", ".join(v.id for v in original.versions)
        for version in text.versions:
            if original.version(version.translates) is not None:
                continue
            commit = version.commits[-1]
            named = version.source.front.translation_of is not None
            problems.append(
                Problem(
                    text.path,
                    version.source.key_lines.get("translation_of" if named else "effective"),
                    f"{'translation_of' if named else 'effective date'} {version.translates} "
                    f"(commit {commit.short}) matches no version of {original.path} ({known}); "
                    "a translation carries the effective date of the version it translates, "
                    "or names it in 'translation_of'",
                )
            )
    return problems


def _follow_files(
    repo: Repository, prefix: str, rev: str
) -> tuple[dict[str, list[_Revision]], list[str]]:
    """The revisions of every file under `prefix` at HEAD, keyed by its current path.

    Renames carry a file's revisions over to its new path.
    """
    live: dict[str, list[_Revision]] = {}
    notes: list[str] = []
    for step in repo.first_parent_changes(prefix, rev):
        for change in step.changes:
            if change.old_path is not None and change.status == "R":
                revisions = live.pop(change.old_path, [])
            elif change.deleted:
                if live.pop(change.path, None) is not None:
                    notes.append(
                        f"{change.path} was deleted in {step.commit.short}; "
                        "its versions are no longer published"
                    )
                continue
            elif change.status == "M" or change.status == "T":
                revisions = live.get(change.path, [])
            else:  # added or copied: a file of its own from here on
                revisions = []
            revisions.append(_Revision(step.commit, change.path, change.blob, change.mode))
            live[change.path] = revisions
    return live, notes


def _versions(
    where: PolicyPath,
    path: str,
    revisions: list[_Revision],
    blobs: dict[str, bytes],
    zone: ZoneInfo,
    notes: list[str],
) -> PolicyText:
    head = revisions[-1]
    if head.mode not in _REGULAR_FILE_MODES:
        kind = "a symbolic link" if head.mode == "120000" else f"not a regular file ({head.mode})"
        raise PolicyError([Problem(path, None, f"is {kind}; policies must be plain files")])

    parsed: list[tuple[_Revision, PolicySource]] = []
    for revision in revisions:
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
        if parsed and source.front.effective < parsed[-1][1].front.effective:
            if revision is head:
                latest = parsed[-1][1].front.effective
                raise PolicyError(
                    [
                        Problem(
                            path,
                            source.key_lines.get("effective"),
                            f"effective date {source.front.effective} is earlier than {latest}, set in "
                            f"{parsed[-1][0].commit.short}; effective dates must increase along the "
                            f"history: publish changes as a new version effective on or after {latest}",
                        )
                    ]
                )
            notes.append(
                f"{revision.path} in {revision.commit.short} set an earlier effective "
                "date and is skipped; a later commit fixed it"
            )
            continue
        parsed.append((revision, source))

    groups: list[list[tuple[_Revision, PolicySource]]] = []
    for revision, source in parsed:
        if groups and groups[-1][-1][1].front.effective == source.front.effective:
            groups[-1].append((revision, source))
        else:
            groups.append([(revision, source)])
    versions = tuple(
        replace(
            _version(path, where.lang, group, zone),
            sha256=_sha256(blobs[group[-1][0].blob]),
            data=blobs[group[-1][0].blob],
        )
        for group in groups
    )
    return PolicyText(where.policy, where.lang, path, versions)


def _version(
    path: str, lang: str, group: list[tuple[_Revision, PolicySource]], zone: ZoneInfo
) -> Version:
    """One version from the revisions carrying its date, enforcing immutability once in force.

    Before its effective date a version's text may change freely. After it, a
    change of title or text needs a new `correction` reason in the same commit.
    """
    effective = group[0][1].front.effective
    accepted: PolicySource | None = None
    violation: _Revision | None = None
    corrections: list[Correction] = []
    previous_reason: str | None = None
    for revision, source in group:
        in_force = revision.commit.committed.astimezone(zone).date() >= effective
        reason = source.front.correction
        if accepted is None or not in_force or _same_text(source, accepted):
            accepted, violation = source, None
        elif reason and reason != previous_reason:
            corrections.append(Correction(revision.commit, reason, accepted))
            accepted, violation = source, None
        elif violation is None:
            violation = revision
        previous_reason = reason

    final_revision, final = group[-1]
    if violation is not None:
        commit = violation.commit
        raise PolicyError(
            [
                Problem(
                    path,
                    None,
                    f"version {effective} has been in force since {effective} and its text was changed "
                    f"in commit {commit.short} ({commit.committed.date()} {commit.subject!r}) without a "
                    "correction reason. Published versions are immutable: revert the change, or publish "
                    "it as a new version with a later 'effective' date, or, if it corrects a mistake in "
                    "the published text, add 'correction: <why>' to the front matter in a new commit",
                )
            ]
        )
    return Version(
        effective=effective,
        lang=lang,
        source=final,
        blob=final_revision.blob,
        commits=tuple(revision.commit for revision, _ in group),
        corrections=tuple(corrections),
    )


def _same_text(a: PolicySource, b: PolicySource) -> bool:
    return a.front.title == b.front.title and a.body.strip() == b.body.strip()
