"""All access to git, through GitPython, behind one exception type (`GitError`).

The history of every policy file comes from a single `git log` pass over the
first-parent chain plus blob reads through one long-lived `git cat-file
--batch` process (GitPython's object database), never a git process per file.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import git

from policysite.errors import GitError, NotARepository

# Field and record separators in the `git log` format below: characters that
# cannot appear in a sha or an ISO date, and are vanishingly rare in names.
_RECORD = "\x1e"
_FIELD = "\x1f"
_FORMAT = _RECORD + _FIELD.join(["%H", "%cI", "%an", "%s"])
_NULL_SHA = "0" * 40


@dataclass(frozen=True)
class Commit:
    """One commit on the first-parent chain."""

    sha: str
    committed: datetime
    author: str
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class FileChange:
    """One file changed by a commit, relative to its first parent."""

    status: str  # A, M, D, T, or R/C (renamed or copied, from `old_path`)
    path: str
    old_path: str | None
    blob: str
    mode: str

    @property
    def deleted(self) -> bool:
        return self.status == "D"


@dataclass(frozen=True)
class CommitChanges:
    commit: Commit
    changes: tuple[FileChange, ...]


class Repository:
    """A git working tree and its history."""

    def __init__(self, path: Path) -> None:
        try:
            self._repo = git.Repo(path, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise NotARepository(f"{path} is not inside a git repository") from None
        if self._repo.working_tree_dir is None:
            raise GitError(f"{path} is a bare git repository; a working tree is needed")
        self.root = Path(self._repo.working_tree_dir).resolve()
        self.git_dir = Path(self._repo.git_dir).resolve()

    def close(self) -> None:
        """Stop the long-lived `git cat-file` processes."""
        self._repo.close()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _git(self, *args: str) -> str:
        try:
            return str(self._repo.git.execute(["git", *args], strip_newline_in_stdout=False))
        except git.GitCommandError as error:
            message = (error.stderr or "").strip().removeprefix("stderr:").strip(" '")
            raise GitError(f"git {' '.join(args[:2])} failed: {message}") from None

    def has_commits(self) -> bool:
        try:
            self._repo.head.commit  # noqa: B018 - raises when HEAD is unborn
        except ValueError:
            return False
        return True

    def is_shallow(self) -> bool:
        """True in a clone made with --depth (history is cut off)."""
        return self._git("rev-parse", "--is-shallow-repository").strip() == "true"

    def first_parent_changes(self, folder: str, rev: str = "HEAD") -> list[CommitChanges]:
        """Every commit on `rev`'s first-parent chain that changed `folder`, oldest first.

        A merge counts as one step: its changes are those against its first
        parent (the pull request as merged). Renames inside `folder` are detected.
        """
        if not self.has_commits():
            return []
        out = self._git(
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "-M",
            "--raw",
            "-z",
            "--no-abbrev",
            "--no-color",
            "--no-ext-diff",
            f"--format={_FORMAT}",
            "--end-of-options",
            rev,
            "--",
            folder,
        )
        commits = list(_parse_log(out))
        commits.reverse()
        return commits

    def read_blobs(self, shas: Iterable[str]) -> dict[str, bytes]:
        """The content of each blob, all asked of one `git cat-file --batch` at once and
        read back in one piece (one object at a time cost a round trip each)."""
        wanted = list(dict.fromkeys(shas))
        if not wanted:
            return {}
        done = subprocess.run(
            ["git", "--git-dir", str(self.git_dir), "cat-file", "--batch"],
            input="".join(f"{sha}\n" for sha in wanted).encode(),
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise GitError(
                f"git cat-file could not read the policy texts in {self.git_dir} "
                f"({done.stderr.decode(errors='replace').strip()}); run 'git fsck' there to "
                "find damaged objects, or build from a fresh clone"
            )
        out = done.stdout
        blobs: dict[str, bytes] = {}
        at = 0
        for sha in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            if len(header) != 3 or header[1] != b"blob":
                raise GitError(
                    f"the text with blob {sha} is missing from {self.git_dir} "
                    f"({out[at:end].decode(errors='replace')}); run 'git fsck' there, or "
                    "build from a fresh clone"
                )
            size = int(header[2])
            blobs[sha] = out[end + 1 : end + 1 + size]
            at = end + 2 + size
        return blobs

    def is_ancestor(self, commit: str, rev: str = "HEAD") -> bool:
        """Whether `rev` contains `commit` (False too for a commit git does not know)."""
        try:
            self._git("merge-base", "--is-ancestor", commit, rev)
        except GitError:
            return False
        return True

    def first_parent_chain(self, rev: str = "HEAD") -> list[str]:
        """The shas of `rev`'s first-parent chain, newest first."""
        if not self.has_commits():
            return []
        return self._git("rev-list", "--first-parent", rev).split()

    def merge_that_brought(self, commit: str, rev: str = "HEAD") -> Commit | None:
        """The merge on `rev`'s first-parent chain whose second parent brought `commit`
        in (None when the first-parent chain holds it, or nothing does)."""
        out = self._git(
            "log", "--first-parent", "--merges", f"--format={_FORMAT}", "--end-of-options", rev
        )
        for record in out.split(_RECORD):
            if not record.strip():
                continue
            sha, committed, author, subject = record.strip("\n").split(_FIELD, 3)
            if self.is_ancestor(commit, f"{sha}^2") and not self.is_ancestor(commit, f"{sha}^1"):
                return Commit(sha, datetime.fromisoformat(committed), author, subject)
        return None

    def changed_files(self, base: str, head: str, folder: str) -> list[str]:
        """Paths under `folder` that `head` changed since it forked from `base` (renames: new path)."""
        out = self._git(
            "diff",
            "--name-only",
            "-z",
            "-M",
            "--no-ext-diff",
            "--end-of-options",
            f"{base}...{head}",
            "--",
            folder,
        )
        return sorted(path for path in out.split("\0") if path)

    def uncommitted(self, folder: str) -> list[str]:
        """Paths under `folder` whose working-tree state differs from HEAD (untracked included)."""
        out = self._git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", folder)
        paths: list[str] = []
        entries = iter(out.split("\0"))
        for entry in entries:
            if not entry:
                continue
            status, path = entry[:2], entry[3:]
            if "R" in status or "C" in status:
                next(entries, None)  # the origin path of a rename follows
            paths.append(path)
        return sorted(paths)


def _parse_log(out: str) -> Iterator[CommitChanges]:
    for record in out.split(_RECORD):
        if not record:
            continue
        header, _, raw = record.partition("\0")
        sha, committed, author, subject = header.split(_FIELD, 3)
        commit = Commit(sha, datetime.fromisoformat(committed), author, subject)
        yield CommitChanges(commit, tuple(_parse_raw(raw.lstrip("\n"))))


def _parse_raw(raw: str) -> Iterator[FileChange]:
    """Parse `--raw -z` entries: `:old_mode new_mode old_sha new_sha STATUS\\0path\\0[path\\0]`."""
    tokens = iter(raw.split("\0"))
    for token in tokens:
        token = token.lstrip("\n")
        if not token.startswith(":"):
            continue
        _old_mode, new_mode, _old_sha, new_sha, status = token[1:].split(" ")
        kind = status[0]
        if kind in "RC":
            old_path: str | None = next(tokens)
            path = next(tokens)
        else:
            old_path, path = None, next(tokens)
        yield FileChange(kind, path, old_path, new_sha if new_sha != _NULL_SHA else "", new_mode)
