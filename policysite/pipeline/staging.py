"""The staging docs folder MkDocs reads: hand-written pages plus generated ones.

Generated pages are real files, so mkdocs-static-i18n, search, navigation and
the language switcher treat them like any page. A file is written only when
its content changed, so `mkdocs serve` and MkDocs' own caching see real
changes only, and files no longer generated are removed.

Generated files that are not pages (each policy's versions.json, sections.json of
every version, feeds: a third of the staged files) are staged too, but published
by `publish_files`, not by MkDocs: every language build of MkDocs and
mkdocs-static-i18n spends as much on a file it only copies as on a page, and the
site's fixed cost per build is mostly that.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from policysite.errors import ConfigError, PolicyError, Problem
from policysite.pipeline.files import replace_file, write_if_changed
from policysite.render.context import Page


@dataclass(frozen=True)
class StagedPage:
    """A generated page as staged: its name, and what tells that the file still holds it."""

    path: str
    in_nav: bool
    size: int
    #: sha256 of the content staged: what the file must still hold for the page to be reused.
    digest: str
    #: The file as it was left (inode, modification time in ns): the pipeline replaces a
    #: file whole, so while both are unchanged nobody wrote it and it need not be read.
    stamp: tuple[int, int]


@dataclass(frozen=True)
class StageReport:
    written: int
    unchanged: int
    removed: int


def write_pages(
    staging_dir: Path, pages: Iterable[Page]
) -> tuple[tuple[StagedPage, ...], int, int]:
    """Write each page whose staged file differs: the pages as staged, how many were
    written and how many were already there."""
    staged = []
    written = 0
    for page in pages:
        content = page.content.encode("utf-8")
        path = staging_dir / page.path
        written += write_if_changed(path, content)
        digest = hashlib.sha256(content).hexdigest()
        staged.append(StagedPage(page.path, page.in_nav, len(content), digest, _stamp(path)))
    return tuple(staged), written, len(staged) - written


def _stamp(path: Path) -> tuple[int, int]:
    found = os.stat(path)
    return found.st_ino, found.st_mtime_ns


def staged_intact(staging_dir: Path, pages: Iterable[StagedPage]) -> bool:
    """Whether every page of a cached policy output is still staged with its content.

    Another build (of another branch, say) may have written the same files with other
    text of the same size: a file written since it was staged is read and compared by
    its hash; one left as it was is not read again."""
    try:
        for page in pages:
            path = staging_dir / page.path
            found = os.stat(path)
            if found.st_size != page.size:
                return False
            if (found.st_ino, found.st_mtime_ns) != page.stamp and (
                hashlib.sha256(path.read_bytes()).hexdigest() != page.digest
            ):
                return False
    except OSError:
        return False
    return True


def stage(
    docs_dir: Path,
    staging_dir: Path,
    pages: Iterable[Page],
    generated: Iterable[str] = (),
    fill: Callable[[str, bytes], bytes] | None = None,
) -> tuple[StageReport, tuple[StagedPage, ...]]:
    """Make `staging_dir` hold exactly `docs_dir`'s files (each as `fill` gives it: its
    name and bytes, e.g. `render/signing_note.py`), `pages`, and the pages already
    staged by name in `generated`; returns the report and `pages` as staged."""
    docs_dir, staging_dir = docs_dir.resolve(), staging_dir.resolve()
    if staging_dir == docs_dir or docs_dir.is_relative_to(staging_dir):
        raise ConfigError(
            f"extra.policysite.staging_dir: the staging folder {staging_dir} must not be or "
            f"contain the docs folder {docs_dir}; set it to a folder of its own"
        )
    hand_written: dict[str, Path] = {}
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            if path.is_file():
                hand_written[path.relative_to(docs_dir).as_posix()] = path
    pages = list(pages)
    kept = {*generated, *(page.path for page in pages)}
    clashes = sorted(kept & hand_written.keys())
    if clashes:
        raise PolicyError([_clash(docs_dir, name) for name in clashes])

    written = sum(
        write_if_changed(
            staging_dir / name, fill(name, path.read_bytes()) if fill else path.read_bytes()
        )
        for name, path in hand_written.items()
    )
    staged, wrote, _ = write_pages(staging_dir, pages)
    written += wrote

    kept |= hand_written.keys()
    removed = 0
    for folder, _subfolders, files in os.walk(staging_dir, topdown=False):
        prefix = Path(folder).relative_to(staging_dir).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        for name in files:
            if prefix + name not in kept:
                os.unlink(os.path.join(folder, name))
                removed += 1
        if folder != str(staging_dir) and not os.listdir(folder):
            os.rmdir(folder)
    unchanged = len(hand_written) + len(staged) - written
    return StageReport(written, unchanged, removed), staged


def is_page(path: str) -> bool:
    """Whether a staged file is a page MkDocs renders (else `publish_files` copies it)."""
    return path.endswith(".md")


def publish_files(
    staging_dir: Path, site_dir: Path, paths: Iterable[str], served: Callable[[str], str]
) -> list[str]:
    """Copy generated files that are not pages from the staging folder to where they
    are served (`served`: staged name -> site-relative path), each only when its copy
    there is missing or older, as MkDocs copies a file in a --dirty build. Returns the
    site-relative paths of all of them."""
    published = []
    for path in paths:
        target = served(path).lstrip("/")
        published.append(target)
        source, copy = staging_dir / path, site_dir / target
        staged = source.stat()
        try:
            found = copy.stat()
            if found.st_size == staged.st_size and found.st_mtime_ns >= staged.st_mtime_ns:
                continue
        except FileNotFoundError:
            pass
        replace_file(copy, source.read_bytes())
    return published


def _clash(docs_dir: Path, name: str) -> Problem:
    return Problem(
        f"{docs_dir.name}/{name}", None, "has the name of a generated page; rename or remove it"
    )
