"""The staging docs folder MkDocs reads: hand-written pages plus generated ones.

Generated pages are real files, so mkdocs-static-i18n, search, navigation and
the language switcher treat them like any page. A file is written only when
its content changed, so `mkdocs serve` and MkDocs' own caching see real
changes only, and files no longer generated are removed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policysite.errors import PolicyError, Problem
from policysite.pages import Page


@dataclass(frozen=True)
class StageReport:
    written: int
    unchanged: int
    removed: int


def stage(docs_dir: Path, staging_dir: Path, pages: Iterable[Page]) -> StageReport:
    """Make `staging_dir` hold exactly `docs_dir`'s files and `pages`."""
    docs_dir, staging_dir = docs_dir.resolve(), staging_dir.resolve()
    if staging_dir == docs_dir or docs_dir.is_relative_to(staging_dir):
        raise PolicyError(
            [
                Problem(
                    str(staging_dir),
                    None,
                    "the staging folder must not be or "
                    f"contain the docs folder {docs_dir}; set "
                    "extra.policysite.staging_dir to a folder of its own",
                )
            ]
        )
    wanted: dict[str, bytes] = {}
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            if path.is_file():
                wanted[path.relative_to(docs_dir).as_posix()] = path.read_bytes()
    problems = []
    for page in pages:
        if page.path in wanted:
            problems.append(
                Problem(
                    f"{docs_dir.name}/{page.path}",
                    None,
                    "has the name of a generated page; rename or remove it",
                )
            )
        wanted[page.path] = page.content.encode("utf-8")
    if problems:
        raise PolicyError(problems)

    written = unchanged = removed = 0
    for relative, content in wanted.items():
        target = staging_dir / relative
        if target.is_file() and target.read_bytes() == content:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(content)
        os.replace(temporary, target)
        written += 1

    if staging_dir.is_dir():
        for path in sorted(staging_dir.rglob("*"), reverse=True):
            relative = path.relative_to(staging_dir).as_posix()
            if path.is_file() and relative not in wanted:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return StageReport(written, unchanged, removed)
