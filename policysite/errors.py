"""Every error policysite raises, under one root.

    PolicysiteError            anything a user can fix; the CLI prints `error: …`, the hook
    │                          turns it into MkDocs' PluginError
    ├── PolicyError            problems in the policy files: each with file, line and fix,
    │                          all of them at once
    ├── UsageError             a command-line argument is wrong (exit status 2)
    ├── ConfigError            mkdocs.yml, environment variables (SOURCE_DATE_EPOCH), a
    │   │                      language without a string catalog, the staging folder
    │   └── MissingString      a reader-facing string missing from a catalog
    ├── GitError               a git command failed (with git's own words), or the history
    │   │                      cannot be read as a whole
    │   ├── NotARepository     the folder is not inside a git working tree
    │   └── IncompleteHistoryError  a shallow clone, or a folder without git, where the options
    │                               do not allow building from it
    └── OutputError            a file the build made fails its own schema (`render/schemas.py`):
                               nothing is published

Callers catch `PolicysiteError` once; no command shows a traceback for any of these.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a policy file: where, what, and how to fix it."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class PolicysiteError(Exception):
    """The root: something the user can fix, said in one message."""


class PolicyError(PolicysiteError):
    """The policy files cannot be published as they are.

    Carries every problem found, so an editor fixes them in one round.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        return f"{head} in the policies:\n" + "\n".join(f"  {p}" for p in self.problems)


class UsageError(PolicysiteError):
    """A command-line argument is wrong; the message names it and what it takes."""


class ConfigError(PolicysiteError):
    """The site's configuration (mkdocs.yml, an environment variable) is wrong; the
    message names the setting and the fix."""


class MissingString(ConfigError):
    """A language has no string catalog, or a catalog lacks a string."""


class GitError(PolicysiteError):
    """A git command failed; the message carries git's own words."""


class NotARepository(GitError):
    """The folder is not inside a git working tree (e.g. a downloaded archive)."""


class OutputError(PolicysiteError):
    """A file the build made is not what its schema promises readers and apps; the message
    names the file, the field and the rule."""


class IncompleteHistoryError(GitError):
    """The history is cut off (a shallow clone) or absent (no git) and the options do
    not allow publishing from it."""
