"""Git history (or a folder without git) -> the versions of every policy file.

One pass over the first-parent history reads every policy file's revisions, and
one `git cat-file --batch` their texts (`repository.py`). Only the state at HEAD
can fail a build: a commit whose mistake a later commit fixed (broken front
matter, a published version edited and then reverted) is history that cannot be
rewritten, so it is noted, not fatal.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from policysite.addresses import Languages, taken_names
from policysite.config import Options
from policysite.errors import (
    ConfigError,
    GitError,
    IncompleteHistoryError,
    NotARepository,
    PolicyError,
    Problem,
)
from policysite.history.images import Timeline, attach_images, is_image_name
from policysite.history.policy_file import parse_policy_path, parse_source
from policysite.history.repository import REGULAR_FILE_MODES, Commit, CommitChanges, Repository
from policysite.history.revisions import Revision, file_versions, sha256_of
from policysite.history.versions import (
    History,
    IncompleteHistory,
    PolicyText,
    Version,
    Withdrawal,
)


def read_history(
    repo: Repository,
    policies_dir: str,
    languages: tuple[str, ...],
    zone: ZoneInfo,
    authoritative: str,
    rev: str = "HEAD",
    taken: Mapping[str, str] | None = None,
    today: date | None = None,
    incomplete: bool = False,
) -> History:
    """Read every policy file's versions from one pass over the first-parent history of `rev`.

    `policies_dir` is relative to the repository root; `authoritative` is the
    language every policy must have and every translation follows. Raises
    PolicyError with every problem of the current state.
    """
    prefix = PurePosixPath(policies_dir).as_posix().strip("/") + "/"
    steps = repo.first_parent_changes(prefix, rev)
    tracks = _follow_files(steps)
    notes: list[str] = []
    # Only plain files have texts to read: a submodule's "blob" is a commit of another
    # repository, and says so below, not as a damaged object.
    blobs = repo.read_blobs(
        r.blob for track in tracks.values() for r in track.revisions if r.mode in REGULAR_FILE_MODES
    )

    problems: list[Problem] = []
    texts: dict[tuple[str, str], PolicyText] = {}
    #: Texts whose own problems are reported: nothing more is said of them.
    unreadable: set[tuple[str, str]] = set()
    for path, track in sorted(tracks.items()):
        if is_image_name(path):
            continue  # shown by the policies beside it (`images.attach_images`)
        where = parse_policy_path(path.removeprefix(prefix), languages, taken)
        if isinstance(where, str):
            if track.deleted is None:
                problems.append(Problem(path, None, where))
            continue
        try:
            text = file_versions(
                where,
                path,
                track.revisions,
                blobs,
                zone,
                notes,
                today,
                authoritative=where.lang == authoritative,
            )
        except PolicyError as error:
            if track.deleted is None:
                problems.extend(error.problems)
                unreadable.add((where.policy, where.lang))
            else:  # history that cannot be changed any more
                notes.append(f"{path}, deleted in {track.deleted.short}, cannot be read: {error}")
            continue
        if track.deleted is not None:
            day = track.deleted.committed.astimezone(zone).date()
            text = replace(text, withdrawn=Withdrawal(day, track.deleted))
            notes.append(
                f"{path} was deleted in {track.deleted.short}: "
                + (
                    f"policy {where.policy} is withdrawn on {day}; its versions stay published"
                    if where.lang == authoritative
                    else "its published texts stay at their addresses"
                )
            )
        texts[(where.policy, where.lang)] = text
    attach_images(repo, Timeline(steps), texts, prefix, zone, today, notes, problems)
    notes.extend(repo.notes)
    moves = _moves(tracks, prefix, languages, texts)
    for former, now in sorted(moves.items()):
        notes.append(f"policy {former} is now {now}: its addresses redirect to the new ones")
    _keep_published_translations(texts, authoritative, notes)
    before_cut: dict[tuple[str, str], tuple[Version, ...]] = {}
    problems.extend(
        _check_translations(
            texts, authoritative, prefix, notes, before_cut if incomplete else None, unreadable
        )
    )
    if problems:
        raise PolicyError(problems)

    if rev == "HEAD":
        for path in repo.uncommitted(policies_dir):
            notes.append(f"{path} has uncommitted changes; they are published once committed")
    return History(texts, authoritative, notes, moves=moves, before_cut=before_cut)


def read_files(
    policies: Path,
    languages: tuple[str, ...],
    zone: ZoneInfo,
    authoritative: str,
    taken: Mapping[str, str] | None = None,
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
        if is_image_name(relative):
            continue
        where = parse_policy_path(relative, languages, taken)
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
    notes: list[str] = []
    before_cut: dict[tuple[str, str], tuple[Version, ...]] = {}
    problems.extend(_check_translations(texts, authoritative, prefix, notes, before_cut))
    if problems:
        raise PolicyError(problems)
    return History(
        texts, authoritative, notes, incomplete=IncompleteHistory.NO_GIT, before_cut=before_cut
    )


def read_drafts(
    repo: Repository,
    policies: Path,
    policies_dir: str,
    history: History,
    languages: tuple[str, ...],
    taken: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Add every uncommitted policy file, as it is on disk, to `history.drafts`.

    For `mkdocs serve` only: a draft is never published. Returns the problems of
    drafts that cannot be read, so the preview can say what is wrong instead.
    """
    problems: list[Problem] = []
    prefix = PurePosixPath(policies_dir).as_posix().strip("/") + "/"
    for path in repo.uncommitted(policies_dir):
        file = repo.root / path
        where = parse_policy_path(path.removeprefix(prefix), languages, taken)
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
    published = source.published
    return Version(
        source.front.effective,
        lang,
        source,
        blob,
        commits=(),
        sha256=sha256_of(published),
        data=published,
    )


def _moves(
    tracks: dict[str, _Track],
    prefix: str,
    languages: tuple[str, ...],
    texts: dict[tuple[str, str], PolicyText],
) -> dict[str, str]:
    """Former policy id -> the id it is now, for every policy file renamed to another id
    (unless a policy of its own took the former id since)."""
    current = {policy for policy, _lang in texts}
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


def _keep_published_translations(
    texts: dict[tuple[str, str], PolicyText], authoritative: str, notes: list[str]
) -> None:
    """A deleted translation keeps the versions it published (each translates a version
    of its policy); what never matched a version is history that cannot be fixed."""
    for key, text in list(texts.items()):
        policy, lang = key
        original = texts.get((policy, authoritative))
        if lang == authoritative or text.withdrawn is None or original is None:
            continue
        kept = tuple(v for v in text.versions if original.version(v.translates) is not None)
        if len(kept) < len(text.versions):
            notes.append(f"{text.path}: deleted texts that matched no version are not published")
        if kept:
            texts[key] = replace(text, versions=kept)
        else:
            del texts[key]


def _check_translations(
    texts: dict[tuple[str, str], PolicyText],
    authoritative: str,
    prefix: str,
    notes: list[str],
    before_cut: dict[tuple[str, str], tuple[Version, ...]] | None = None,
    unreadable: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset(),
) -> list[Problem]:
    """Every translation belongs to a policy with an authoritative text, version by version.

    With `before_cut` (an incomplete history: a shallow clone, no git), a translation of an
    authoritative version before the cut has no place among the versions: it moves there,
    to be shown on its own page as what can be known of that version, with a note."""
    problems: list[Problem] = []
    for (policy, lang), text in sorted(texts.items()):
        if lang == authoritative:
            continue
        original = texts.get((policy, authoritative))
        if original is None and (policy, authoritative) in unreadable:
            continue  # the authoritative file's own problems say what to fix
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
        taken_back = {r.version.id for r in original.retracted}
        for version in text.versions:
            if original.version(version.translates) is not None:
                continue
            if version.translates in taken_back:
                continue  # translates a version moved or withdrawn before its day
            if before_cut is not None:
                notes.append(
                    f"{text.path}: the text translating version {version.translates} is shown "
                    f"alone: that version of {original.path} is before the history the build "
                    "could read"
                )
                before_cut[(policy, lang)] = (*before_cut.get((policy, lang), ()), version)
                kept = tuple(v for v in texts[(policy, lang)].versions if v is not version)
                if kept:
                    texts[(policy, lang)] = replace(texts[(policy, lang)], versions=kept)
                else:
                    del texts[(policy, lang)]
                continue
            made_in = f" (commit {version.commits[-1].short})" if version.commits else ""
            named = version.source.front.translation_of is not None
            problems.append(
                Problem(
                    text.path,
                    version.source.key_lines.get("translation_of" if named else "effective"),
                    f"{'translation_of' if named else 'effective date'} {version.translates}"
                    f"{made_in} matches no version of {original.path} ({known}); "
                    "a translation carries the effective date of the version it translates, "
                    "or names it in 'translation_of'",
                )
            )
    return problems


@dataclass
class _Track:
    """Every revision of one policy file, and the commit that deleted it if it is gone."""

    revisions: list[Revision]
    deleted: Commit | None = None
    #: The paths it had before it was renamed, oldest first.
    former: list[str] = field(default_factory=list)


def _follow_files(steps: Sequence[CommitChanges]) -> dict[str, _Track]:
    """The revisions of every file the first-parent chain's `steps` changed, keyed by its
    path (its latest path: renames carry a file's revisions over).

    A deleted file keeps its revisions (its versions stay published); a file added again
    at the same path continues them.
    """
    tracks: dict[str, _Track] = {}
    for step in steps:
        for change in step.changes:
            if change.old_path is not None and change.status == "R":
                moved = tracks.pop(change.old_path, None)
                track = _Track(
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
                track = _Track([])
            track.revisions.append(Revision(step.commit, change.path, change.blob, change.mode))
            tracks[change.path] = track
    return tracks


def load_history(
    root: Path,
    options: Options,
    languages: Languages,
    rev: str = "HEAD",
    drafts: bool = False,
    docs_dir: Path | None = None,
    today: date | None = None,
) -> tuple[History, Path | None]:
    """The policies' history at `rev` and the git folder (None without git).

    A policy id may not start with a name the site's own pages use (`site_names`).

    Refuses a shallow clone or a folder without git unless the options allow an
    incomplete history (IncompleteHistoryError). Raises PolicyError with every
    problem of the policies, ConfigError, or GitError.
    """
    policies = options.policies_path(root).resolve()
    if not policies.is_dir():
        raise ConfigError(
            f"extra.policysite.policies_dir: the policies folder {options.policies_dir} does not "
            "exist; create it or set extra.policysite.policies_dir in mkdocs.yml"
        )
    zone, langs = options.zone, languages.all
    taken = site_names(languages, docs_dir)
    try:
        repo = Repository(root)
    except NotARepository:
        if not options.allow_incomplete_history:
            raise IncompleteHistoryError(
                f"{root} is not a git repository, so the history of the policies cannot be "
                "read and every earlier version would be missing. Build from a git clone of "
                "the repository, or set extra.policysite.allow_incomplete_history: true in "
                "mkdocs.yml to publish the texts as they are, marked 'history incomplete'"
            ) from None
        return read_files(policies, langs, zone, languages.default, taken), None
    with repo:
        try:
            relative = policies.relative_to(repo.root).as_posix()
        except ValueError:
            raise GitError(f"{policies} is outside the git repository {repo.root}") from None
        shallow = repo.is_shallow()
        if shallow and not options.allow_incomplete_history:
            raise IncompleteHistoryError(
                f"{repo.root} has a shallow git history (a clone made with --depth, as "
                "GitHub's actions/checkout makes by default), so earlier versions would be "
                "missing. Run 'git fetch --unshallow', or set 'fetch-depth: 0' on "
                "actions/checkout; or set extra.policysite.allow_incomplete_history: true in "
                "mkdocs.yml to publish what there is, marked 'history incomplete'"
            )
        history = read_history(
            repo, relative, langs, zone, languages.default, rev, taken, today, incomplete=shallow
        )
        if shallow:
            history.incomplete = IncompleteHistory.SHALLOW
        if drafts:
            for problem in read_drafts(repo, policies, relative, history, langs, taken):
                history.notes.append(f"draft not shown: {problem}")
        return history, repo.git_dir


def site_names(languages: Languages, docs_dir: Path | None) -> dict[str, str]:
    """The top-level names the site's own pages take (`addresses.taken_names`), with the
    hand-written pages found in `docs_dir`."""
    hand_written = (
        [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file()]
        if docs_dir is not None and docs_dir.is_dir()
        else []
    )
    return taken_names({*languages.all, *languages.names}, hand_written)
