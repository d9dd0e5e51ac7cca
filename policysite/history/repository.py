"""All access to git, through GitPython, behind one exception type (`GitError`).

The history of every policy file comes from a single `git log` pass over the
first-parent chain plus blob reads through one long-lived `git cat-file
--batch` process (GitPython's object database), never a git process per file.
"""

from __future__ import annotations

import codecs
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import git

from policysite.errors import GitError, NotARepository

_NULL_SHA = "0" * 40
#: Git modes of a plain file; anything else (a link, a submodule) is not a text or an image.
REGULAR_FILE_MODES = ("100644", "100755")
#: A commit's id as `git log --format=%H` prints it: nothing else in its `-z --raw` output
#: (modes, statuses, paths under the policies folder) looks like one. Commit metadata is
#: read from the commit objects themselves, so no subject or name can confuse the reading.
_SHA = re.compile(rb"[0-9a-f]{40}")
#: Control characters that git accepts in names and messages but no page should print.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


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
        #: What reading the history had to guess (metadata in no readable encoding).
        self.notes: list[str] = []

    def close(self) -> None:
        """Stop the long-lived `git cat-file` processes."""
        self._repo.close()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _git_bytes(self, *args: str) -> bytes:
        try:
            out = self._repo.git.execute(
                ["git", *args], stdout_as_string=False, strip_newline_in_stdout=False
            )
        except git.GitCommandError as error:
            message = str(error.stderr or "").strip().removeprefix("stderr:").strip(" '")
            raise GitError(f"git {' '.join(args[:2])} failed: {message}") from None
        return bytes(out)

    def _git(self, *args: str) -> str:
        try:
            return str(self._repo.git.execute(["git", *args], strip_newline_in_stdout=False))
        except git.GitCommandError as error:
            message = (error.stderr or "").strip().removeprefix("stderr:").strip(" '")
            raise GitError(f"git {' '.join(args[:2])} failed: {message}") from None

    def has_commits(self) -> bool:
        return self.commit_of("HEAD") is not None

    def commit_of(self, rev: str) -> str | None:
        """The commit `rev` names (its full sha), or None when it names none (no commits)."""
        try:
            return self._git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
        except GitError:
            return None

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
        out = self._git_bytes(
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "-M",
            "--raw",
            "-z",
            "--no-abbrev",
            "--no-color",
            "--no-ext-diff",
            "--format=%H",
            "--end-of-options",
            rev,
            "--",
            folder,
        )
        steps = _parse_log(out)
        commits = self.read_commits(sha for sha, _changes in steps)
        return [CommitChanges(commits[sha], tuple(changes)) for sha, changes in reversed(steps)]

    def read_commits(self, shas: Iterable[str]) -> dict[str, Commit]:
        """Each commit's date, author and subject, read from the commit objects (one
        `git cat-file --batch`). Metadata in another encoding, or in none, is decoded as
        well as it can be; what cannot be is replaced and said in `notes`."""
        return {
            sha: _commit(sha, data, self.notes)
            for sha, data in self._objects(shas, "commit", "the commits").items()
        }

    def read_blobs(self, shas: Iterable[str]) -> dict[str, bytes]:
        """The content of each blob, all asked of one `git cat-file --batch` at once and
        read back in one piece (one object at a time cost a round trip each)."""
        return self._objects(shas, "blob", "the policy texts")

    def _objects(self, shas: Iterable[str], kind: str, what: str) -> dict[str, bytes]:
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
                f"git cat-file could not read {what} in {self.git_dir} "
                f"({done.stderr.decode(errors='replace').strip()}); run 'git fsck' there to "
                "find damaged objects, or build from a fresh clone"
            )
        out = done.stdout
        found: dict[str, bytes] = {}
        at = 0
        for sha in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            if len(header) != 3 or header[1] != kind.encode():
                raise GitError(
                    f"the {kind} {sha} is missing from {self.git_dir} "
                    f"({out[at:end].decode(errors='replace')}); run 'git fsck' there, or "
                    "build from a fresh clone"
                )
            size = int(header[2])
            found[sha] = out[end + 1 : end + 1 + size]
            at = end + 2 + size
        return found

    def files_at(self, commit: str, paths: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Each of `paths` that is in `commit`'s tree: its mode and blob."""
        wanted = sorted(set(paths))
        if not wanted:
            return {}
        out = self._git_bytes("ls-tree", "-z", "--end-of-options", commit, "--", *wanted)
        found: dict[str, tuple[str, str]] = {}
        for entry in out.split(b"\0"):
            meta, _, path = entry.partition(b"\t")
            parts = meta.decode("ascii", errors="replace").split()
            if len(parts) == 3:
                found[_path(path)] = (parts[0], parts[2])
        return found

    def has_commit(self, commit: str) -> bool:
        """Whether this clone holds `commit` (a shallow or rewritten history may not)."""
        try:
            self._git("cat-file", "-e", f"{commit}^{{commit}}")
        except GitError:
            return False
        return True

    def is_ancestor(self, commit: str, rev: str = "HEAD") -> bool:
        """Whether `rev` contains `commit`. GitError (with git's words) when git cannot
        tell, e.g. for a commit this clone does not hold (`has_commit` first)."""
        try:
            self._repo.git.execute(["git", "merge-base", "--is-ancestor", commit, rev])
        except git.GitCommandError as error:
            if error.status == 1:  # git's answer "no"; any other status is a failure
                return False
            message = str(error.stderr or "").strip().removeprefix("stderr:").strip(" '")
            raise GitError(
                f"git merge-base --is-ancestor {commit} {rev} failed: {message}"
            ) from None
        return True

    def merge_that_brought(self, commit: str, rev: str = "HEAD") -> Commit | None:
        """The merge on `rev`'s first-parent chain whose second parent brought `commit`
        in (None when the first-parent chain holds it, or nothing does)."""
        out = self._git("log", "--first-parent", "--merges", "--format=%H", "--end-of-options", rev)
        for sha in out.split():
            if self.is_ancestor(commit, f"{sha}^2") and not self.is_ancestor(commit, f"{sha}^1"):
                return self.read_commits([sha])[sha]
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
        entries = filter(None, out.split("\0"))
        for entry in entries:
            status, path = entry[:2], entry[3:]
            if "R" in status or "C" in status:
                next(entries, None)  # the origin path of a rename follows
            paths.append(path)
        return sorted(paths)


def _parse_log(out: bytes) -> list[tuple[str, list[FileChange]]]:
    """`git log -z --raw --format=%H` output: each commit's id and the files it changed
    (`:old_mode new_mode old_sha new_sha STATUS\\0path\\0[path\\0]`), newest first."""
    steps: list[tuple[str, list[FileChange]]] = []
    tokens = out.split(b"\0")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if _SHA.fullmatch(token):
            steps.append((token.decode("ascii"), []))
        elif token.startswith(b":") and steps:
            _old_mode, new_mode, _old_sha, new_sha, status = token[1:].decode("ascii").split(" ")
            kind = status[0]
            old_path = _path(tokens[i]) if kind in "RC" else None
            i += kind in "RC"
            path = _path(tokens[i])
            i += 1
            blob = new_sha if new_sha != _NULL_SHA else ""
            steps[-1][1].append(FileChange(kind, path, old_path, blob, new_mode))
    return steps


def _path(raw: bytes) -> str:
    """A path as git wrote it; bytes that are not UTF-8 are replaced (such a file name is
    refused as a policy id anyway, with its name readable)."""
    return raw.decode("utf-8", errors="replace")


def _commit(sha: str, data: bytes, notes: list[str]) -> Commit:
    """A commit object: its committer date, author name and subject, however it is encoded."""
    head, _, message = data.partition(b"\n\n")
    fields: dict[bytes, bytes] = {}
    for line in head.split(b"\n"):
        if not line.startswith(b" "):  # not the continuation of a signature
            key, _, value = line.partition(b" ")
            fields.setdefault(key, value)
    encoding = fields.get(b"encoding", b"utf-8").decode("ascii", errors="replace")
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "utf-8"
    replaced = False

    def text(raw: bytes) -> str:
        nonlocal replaced
        try:
            decoded = raw.decode(encoding)
        except UnicodeDecodeError:
            decoded, replaced = raw.decode(encoding, errors="replace"), True
        return _CONTROL.sub(" ", decoded).strip()

    author = text(fields.get(b"author", b"").partition(b" <")[0])
    paragraph = message.split(b"\n\n", 1)[0]
    subject = " ".join(text(line) for line in paragraph.splitlines() if line.strip())
    committed = _date(fields.get(b"committer", b""))
    if committed is None:
        committed = datetime.fromtimestamp(0, UTC)
        notes.append(f"commit {sha[:7]} has no readable date; 1970-01-01 is assumed")
    if replaced:
        notes.append(
            f"commit {sha[:7]}: its author or message is not valid {encoding}; "
            "what could not be read is shown as \ufffd"
        )
    return Commit(sha, committed, author, subject)


def _date(committer: bytes) -> datetime | None:
    """The date at the end of a `committer Name <mail> 1700000000 +0500` line."""
    parts = committer.rpartition(b">")[2].split()
    if len(parts) != 2 or not parts[0].lstrip(b"-").isdigit():
        return None
    zone = parts[1].decode("ascii", errors="replace")
    try:
        sign = -1 if zone.startswith("-") else 1
        offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
        return datetime.fromtimestamp(int(parts[0]), timezone(offset))
    except (ValueError, OverflowError, OSError):
        return None
