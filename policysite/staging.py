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
class StagedPage:
    """A generated page as staged: its name, and its size to tell it is still there."""

    path: str
    in_nav: bool
    size: int


@dataclass(frozen=True)
class StageReport:
    written: int
    unchanged: int
    removed: int


def write_pages(staging_dir: Path, pages: Iterable[Page]) -> tuple[int, int]:
    """Write each page whose staged file differs; (written, unchanged)."""
    written = unchanged = 0
    made: set[Path] = set()
    for page in pages:
        if _write(staging_dir / page.path, page.content.encode("utf-8"), made):
            written += 1
        else:
            unchanged += 1
    return written, unchanged


def staged_intact(staging_dir: Path, pages: Iterable[StagedPage]) -> bool:
    """Whether every page is still staged, at its size (a cached policy's pages)."""
    try:
        return all(os.stat(staging_dir / page.path).st_size == page.size for page in pages)
    except OSError:
        return False


def _write(target: Path, content: bytes, made: set[Path]) -> bool:
    """Write `content` unless the file holds it already; replace it whole, never in part,
    as `mkdocs serve` may be reading it."""
    try:
        if target.stat().st_size == len(content) and target.read_bytes() == content:
            return False
        existed = True
    except FileNotFoundError:
        existed = False
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    if not existed:  # a new file: nobody can be reading it
        target.write_bytes(content)
        return True
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, target)
    return True


def stage(
    docs_dir: Path, staging_dir: Path, pages: Iterable[Page], generated: Iterable[str] = ()
) -> StageReport:
    """Make `staging_dir` hold exactly `docs_dir`'s files, `pages`, and the pages
    already staged by name in `generated`."""
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
    kept = set(generated)
    for name in sorted(kept & wanted.keys()):
        problems.append(_clash(docs_dir, name))
    own: dict[str, bytes] = {}
    for page in pages:
        if page.path in wanted:
            problems.append(_clash(docs_dir, page.path))
        own[page.path] = page.content.encode("utf-8")
    if problems:
        raise PolicyError(problems)
    wanted.update(own)

    written = unchanged = removed = 0
    made: set[Path] = set()
    for relative, content in wanted.items():
        if _write(staging_dir / relative, content, made):
            written += 1
        else:
            unchanged += 1

    kept |= wanted.keys()
    for folder, _subfolders, files in os.walk(staging_dir, topdown=False):
        prefix = Path(folder).relative_to(staging_dir).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        for name in files:
            if prefix + name not in kept:
                os.unlink(os.path.join(folder, name))
                removed += 1
        if folder != str(staging_dir) and not os.listdir(folder):
            os.rmdir(folder)
    return StageReport(written, unchanged, removed)


def _clash(docs_dir: Path, name: str) -> Problem:
    return Problem(
        f"{docs_dir.name}/{name}", None, "has the name of a generated page; rename or remove it"
    )
