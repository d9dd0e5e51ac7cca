"""Git history (or a folder without git) -> the versions of every policy file.

One pass over the first-parent history reads every policy file's revisions, and
one `git cat-file --batch` their texts (`repository.py`). Only the state at HEAD
can fail a build: a commit whose mistake a later commit fixed (broken front
matter, a published version edited and then reverted) is history that cannot be
rewritten, so it is noted, not fatal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import partial
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
from policysite.history.drafts import file_version, read_drafts
from policysite.history.image_files import is_image_name
from policysite.history.images import Timeline, attach_images
from policysite.history.kept import KEPT
from policysite.history.policy_file import parse_policy_path
from policysite.history.repository import REGULAR_FILE_MODES, Repository
from policysite.history.revisions import file_versions
from policysite.history.texts import History, IncompleteHistory
from policysite.history.tracks import (
    Reuse,
    continued_ids,
    follow_files,
    paired_renames,
    renamed_policies,
    renames,
    undone_rename,
)
from policysite.history.translations import check_translations, keep_published_translations
from policysite.history.versions import PolicyText, Withdrawal


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
    steps = paired_renames(
        repo.first_parent_changes(prefix, rev), prefix, languages, repo.read_blobs
    )
    tracks = follow_files(steps)
    notes: list[str] = []
    # Only plain files have texts to read: a submodule's "blob" is a commit of another
    # repository, and says so below, not as a damaged object.
    blobs = repo.read_blobs(
        r.blob for track in tracks.values() for r in track.revisions if r.mode in REGULAR_FILE_MODES
    )

    problems: list[Problem] = [
        _reused(reuse, prefix, languages, zone) for _path, reuse in sorted(tracks.reused.items())
    ]
    moved = renames(tracks.paths, prefix, languages)
    continued = continued_ids(moved)
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
                gaps=track.gaps,
            )
        except PolicyError as error:
            if track.deleted is None:
                problems.extend(error.problems)
                unreadable.add((where.policy, where.lang))
            else:  # history that cannot be changed any more
                notes.append(f"{path}, deleted in {track.deleted.short}, cannot be read: {error}")
            continue
        if track.deleted is None:
            problems.extend(undone_rename(where, path, track, blobs, prefix, continued))
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
    owners = {policy for policy, lang in texts if lang == authoritative}
    moves = renamed_policies(tracks.paths, prefix, languages, owners)
    for (policy, lang), text in sorted(texts.items()):
        now = moves.get(policy)
        if now and lang != authoritative and text.withdrawn:
            # A translation deleted before its policy was renamed goes with it, beside the
            # one it may have there since.
            gone = replace(texts.pop((policy, lang)), policy=now)
            there = texts.get((now, lang))
            texts[(now, lang)] = gone if there is None else _beside(gone, there)
    for former, now in sorted(moves.items()):
        notes.append(f"policy {former} is now {now}: its addresses redirect to the new ones")
    kept = keep_published_translations(texts, authoritative)
    checked = check_translations(kept.texts, authoritative, prefix, incomplete, unreadable)
    notes.extend([*kept.notes, *checked.notes])
    problems.extend(checked.problems)
    if problems:
        raise PolicyError(problems)

    if rev == "HEAD":
        for path in repo.uncommitted(policies_dir):
            notes.append(f"{path} has uncommitted changes; they are published once committed")
    return History(
        checked.texts,
        authoritative,
        tuple(notes),
        moves=moves,
        renames=moved,
        before_cut=checked.before_cut,
    )


def _beside(gone: PolicyText, there: PolicyText) -> PolicyText:
    """The translation at a renamed policy's id, with the versions a translation deleted
    under its former id published (those it does not translate again)."""
    own = {version.translates for version in there.versions}
    kept = [version for version in gone.versions if version.translates not in own]
    versions = sorted((*kept, *there.versions), key=lambda version: version.effective)
    return replace(there, versions=tuple(versions))


def _reused(reuse: Reuse, prefix: str, languages: tuple[str, ...], zone: ZoneInfo) -> Problem:
    """The message for an id another policy already had: whose it is, and the fix."""
    where = parse_policy_path(reuse.path.removeprefix(prefix), languages)
    policy = reuse.path if isinstance(where, str) else where.policy
    lang = "" if isinstance(where, str) else f".{where.lang}"
    owner = reuse.owner
    if reuse.owner_now is not None:
        now = parse_policy_path(reuse.owner_now.removeprefix(prefix), languages)
        whose = (
            f"the policy renamed to {reuse.owner_now if isinstance(now, str) else now.policy}, "
            "and its addresses redirect there"
        )
    else:
        gone = owner.deleted.committed.astimezone(zone).date() if owner.deleted else None
        whose = f"the policy withdrawn on {gone}, whose versions stay published at its addresses"
    how = (
        f"renamed from {reuse.came_from}" if reuse.came_from else "added"
    ) + f" in commit {reuse.commit.short} ({reuse.commit.subject!r})"
    back = (
        f", or rename it back ('git mv {reuse.path} {reuse.came_from}')" if reuse.came_from else ""
    )
    return Problem(
        reuse.path,
        None,
        f"the id {policy} belongs to {whose}; this file was {how}. An id once published "
        "belongs to that policy forever: choose another id for this policy ('git mv "
        f"{reuse.path} {prefix}<another id>{lang}.md'){back}",
    )


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
        version = file_version(path, where.lang, file, problems)
        if version is None:
            continue
        texts[(where.policy, where.lang)] = PolicyText(where.policy, where.lang, path, (version,))
    checked = check_translations(texts, authoritative, prefix, incomplete=True)
    problems.extend(checked.problems)
    if problems:
        raise PolicyError(problems)
    return History(
        checked.texts,
        authoritative,
        tuple(checked.notes),
        incomplete=IncompleteHistory.NO_GIT,
        before_cut=checked.before_cut,
    )


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
    # Once every policy is withdrawn, a fresh clone has no policies folder: its history is
    # all there is to publish.
    missing = ConfigError(
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
        if not policies.is_dir():
            raise missing from None
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
        read = partial(
            read_history, repo, relative, langs, zone, languages.default, rev, taken, today, shallow
        )
        # A live preview keeps the committed history between saves: a save changes a draft.
        commit = repo.commit_of(rev) if drafts else None
        key = (repo.git_dir, commit, relative, langs, zone.key, languages.default, today, shallow)
        history = KEPT.get((*key, tuple(sorted(taken.items()))), read) if commit else read()
        if not history.texts and not policies.is_dir():
            raise missing
        if shallow:
            history = replace(history, incomplete=IncompleteHistory.SHALLOW)
        if drafts:
            found, problems = read_drafts(repo, relative, langs, taken)
            notes = (*history.notes, *(f"draft not shown: {problem}" for problem in problems))
            history = replace(history, drafts=found, notes=notes)
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
