"""Policy files as they are on disk, not as committed: the live preview's drafts (every
uncommitted policy file), and one version of each file of a folder without git."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from policysite.errors import PolicyError, Problem
from policysite.history.policy_file import parse_policy_path, parse_source
from policysite.history.repository import Repository
from policysite.history.revisions import sha256_of
from policysite.history.versions import Version


def read_drafts(
    repo: Repository,
    policies_dir: str,
    languages: tuple[str, ...],
    taken: Mapping[str, str] | None = None,
) -> tuple[dict[tuple[str, str], Version], list[Problem]]:
    """Every uncommitted policy file, as it is on disk, by (policy, language).

    For `mkdocs serve` only: a draft is never published. Also returns the problems of
    drafts that cannot be read, so the preview can say what is wrong instead.
    """
    drafts: dict[tuple[str, str], Version] = {}
    problems: list[Problem] = []
    prefix = PurePosixPath(policies_dir).as_posix().strip("/") + "/"
    for path in repo.uncommitted(policies_dir):
        file = repo.root / path
        where = parse_policy_path(path.removeprefix(prefix), languages, taken)
        if isinstance(where, str) or not file.is_file() or file.is_symlink():
            continue
        version = file_version(path, where.lang, file, problems)
        if version is not None:
            drafts[(where.policy, where.lang)] = version
    return drafts, problems


def file_version(path: str, lang: str, file: Path, problems: list[Problem]) -> Version | None:
    """A policy file on disk as a version with no commits; its problems go to `problems`."""
    data = file.read_bytes()
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
