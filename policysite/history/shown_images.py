"""The images a policy text shows, as CommonMark reads them: beside the file (a path
relative to it), or on another host, which a page never loads: refused in a version new
to the site, shown as a link in one already published."""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cache
from urllib.parse import unquote

from markdown_it import MarkdownIt

from policysite.addresses import is_remote
from policysite.errors import Problem
from policysite.history.policy_file import PolicySource
from policysite.history.texts import History


@dataclass(frozen=True)
class Shown:
    """An image a text shows."""

    #: As markdown-it reads it (percent-encoded): what the page's `<img>` is matched by.
    src: str
    #: As the editor wrote it (`карта.png`, `my map.png`): what messages quote.
    written: str
    line: int

    @property
    def remote(self) -> bool:
        return is_remote(self.src)


@cache
def _inline_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def shown_images(source: PolicySource) -> list[Shown]:
    """Every image the text shows, with its line in the file."""
    if "![" not in source.body:  # every version of every policy is asked: most have none
        return []
    found = []
    for block in _inline_parser().parse(source.body):
        line = source.body_line + (block.map[0] if block.map else 0)
        for token in block.children or []:
            src = str(token.attrGet("src") or "") if token.type == "image" else ""
            if src:
                found.append(Shown(src, unquote(src), line))
    return found


def local_images(source: PolicySource) -> list[Shown]:
    """The images the text shows from files beside it (not from another host, nor by an
    address of the site, `/…`)."""
    return [s for s in shown_images(source) if not s.remote and not s.src.startswith("/")]


def remote_images(source: PolicySource) -> list[Problem]:
    """The images the text would load from another host, each as the problem it is for a
    text not yet published (a page asks nothing of another host, `addresses.is_remote`)."""
    return [
        Problem(
            source.path,
            shown.line,
            f"image {shown.written[:60]!r} would make every reader's browser ask another "
            "host; put the image file in the repository beside the policy and "
            "link it by its name, or link to the address instead of showing it",
        )
        for shown in shown_images(source)
        if shown.remote
    ]


def remote_image_problems(
    history: History, today: date, published: Collection[tuple[str, str]] | None = None
) -> tuple[list[Problem], str | None]:
    """Images on another host in the versions of `history`: refused in a version new to the
    site, shown as links in one already published, with one note for all of those.

    Published is what readers may already have seen: a version in force on `today`, one
    taken back before its day (it was announced), or one the live site's manifest lists
    (`published`: (policy, version id) keys, given by a deploy). What was published stays
    as it was; an archive migrated from elsewhere builds."""
    problems: list[Problem] = []
    shown: list[tuple[str, str, str]] = []
    for (policy, _lang), text in sorted(history.texts.items()):
        taken_back = [retraction.version for retraction in text.retracted]
        for version in (*text.versions, *taken_back):
            found = remote_images(version.source)
            if not found:
                continue
            if (
                version in taken_back
                or date.fromisoformat(version.translates) <= today
                or (published is not None and (policy, version.id) in published)
            ):
                shown.extend((version.source.path, version.id, p.message) for p in found)
            else:
                problems.extend(found)
    if not shown:
        return problems, None
    versions = len({(path, version_id) for path, version_id, _message in shown})
    path, version_id, _message = shown[0]
    note = (
        f"{len(shown)} image(s) on other hosts in {versions} published version(s) are shown as "
        f"links, as a page loads nothing from another host (the first in {path}, version "
        f"{version_id}); a new version may not show one"
    )
    return problems, note


def resolve(shown: Shown, text_path: str, policies: str) -> str:
    """The repository path of an image a text shows (`policies` is the policies folder,
    relative to the repository root); raises ValueError, saying why, if it is outside."""
    folder = posixpath.dirname(text_path)
    written = shown.written.partition("#")[0].partition("?")[0]
    path = posixpath.normpath(posixpath.join(folder, written))
    if not path.startswith(policies.rstrip("/") + "/"):
        raise ValueError(
            f"image {shown.written!r} is outside the policies folder ({path}); only files "
            f"beside the policies are published: put it in {folder}/ and show it by its name"
        )
    return path
