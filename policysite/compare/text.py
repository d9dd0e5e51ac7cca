"""A section's text as a reader sees it: the blocks and formatted runs of the Markdown
parse the pages render (`render/templating.policy_html`), and what changed between two
texts whose words a reader sees the same.

Nothing of the Markdown source reaches a block: list items carry their marker as shown
("•", "3."), links their text (the target is part of the formatting), escapes are
resolved, and the HTML a policy may contain (`<br>`, `<sup>`, `<sub>`) is formatting
too. A change that leaves the words equal (a link's target, an image's address, bold
or emphasis) is described in words (`formatting_changes`), as no mark could show it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from policysite.compare.blocks import Block


@cache
def text_parser() -> MarkdownIt:
    """The parse of a policy's text the pages render: CommonMark and tables, raw HTML off
    (the renderer adds its rules for images and links to a parser of its own made here)."""
    return new_text_parser()


def new_text_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


_ALLOWED_TAG = re.compile(r"(<br\s*/?>|</?sup>|</?sub>)")


def section_blocks(markdown_text: str) -> tuple[Block, ...]:
    """The blocks of a section's text, in reading order."""
    return _read_text(markdown_text)[0]


@lru_cache(maxsize=1 << 14)
def _read_text(
    markdown_text: str,
) -> tuple[tuple[Block, ...], dict[str, tuple[tuple[str, str], ...]]]:
    """One parse of a section's text: its blocks, and its links' and images' targets."""
    tokens = text_parser().parse(markdown_text)
    blocks = tuple(_Reader().read(tokens))
    found: dict[str, list[tuple[str, str]]] = {"link": [], "image": []}
    for block in tokens:
        children = block.children or []
        for index, token in enumerate(children):
            if token.type == "image":
                alt = "".join(c.content for c in token.children or [])
                found["image"].append((alt, str(token.attrGet("src") or "")))
            elif token.type == "link_open":
                words: list[str] = []
                for child in children[index + 1 :]:
                    if child.type == "link_close":
                        break
                    words.append(child.content)
                text = " ".join("".join(words).split())
                found["link"].append((text, str(token.attrGet("href") or "")))
    return blocks, {kind: tuple(pairs) for kind, pairs in found.items()}


class _Reader:
    def __init__(self) -> None:
        self.lists: list[list[int | None]] = []  # per open list: [next number] or [None]
        self.quotes = 0
        self.marker: str | None = None  # the marker of a list item not yet shown
        self.cells: list[tuple[str, str]] | None = None  # the runs of a table row

    @property
    def depth(self) -> int:
        return len(self.lists) + self.quotes

    def read(self, tokens: Sequence[Token]) -> Iterable[Block]:
        heading = False
        for token in tokens:
            kind = token.type
            if kind == "bullet_list_open":
                self.lists.append([None])
            elif kind == "ordered_list_open":
                self.lists.append([int(str(token.attrGet("start") or 1))])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                number = self.lists[-1]
                if number[0] is None:
                    self.marker = "•"
                else:
                    self.marker = f"{number[0]}."
                    number[0] += 1
            elif kind == "list_item_close" and self.marker is not None:
                yield self._block("li", self.marker, ())  # an empty item
                self.marker = None
            elif kind == "blockquote_open":
                self.quotes += 1
            elif kind == "blockquote_close":
                self.quotes -= 1
            elif kind == "heading_open":
                heading = True
            elif kind == "tr_open":
                self.cells = []
            elif kind in ("th_open", "td_open") and self.cells is not None:
                self.cells.append(("\t", kind[:2]))  # where a cell starts (`ps-cell`)
            elif kind == "tr_close" and self.cells is not None:
                yield self._block("tr", "", tuple(self.cells[1:]))
                self.cells = None
            elif kind == "inline":
                runs = _runs(token.children or [])
                if self.cells is not None:
                    self.cells.extend(runs)
                elif heading:
                    yield self._block("h", "", runs)
                    heading = False
                else:
                    yield self._paragraph(runs)
            elif kind in ("fence", "code_block"):
                yield self._block("pre", "", ((token.content.rstrip("\n"), "code"),))
            elif kind == "hr":
                yield self._block("hr", "", ())

    def _paragraph(self, runs: tuple[tuple[str, str], ...]) -> Block:
        if not self.lists:
            return self._block("p", "", runs)
        marker, self.marker = self.marker or "", None
        return self._block("li", marker, runs)

    def _block(self, kind: str, marker: str, runs: tuple[tuple[str, str], ...]) -> Block:
        return Block(kind, self.depth, marker, runs, quote=self.quotes > 0)


def _runs(children: Sequence[Token]) -> tuple[tuple[str, str], ...]:
    """The inline tokens of one block as runs of text with their formatting."""
    runs: list[tuple[str, str]] = []
    marks: list[str] = []

    def add(text: str, *extra: str) -> None:
        if text:
            runs.append((text, " ".join((*marks, *extra))))

    for child in children:
        kind = child.type
        if kind in ("strong_open", "em_open", "s_open"):
            marks.append(kind.removesuffix("_open"))
        elif kind == "link_open":
            marks.append(f"a={child.attrGet('href') or ''}")
        elif kind in ("strong_close", "em_close", "s_close", "link_close") and marks:
            marks.pop()
        elif kind == "code_inline":
            add(child.content, "code")
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n", "br")
        elif kind == "image":
            add(child.content or str(child.attrGet("src") or ""), "img")
        elif kind == "text":
            for part in _ALLOWED_TAG.split(child.content):
                if not _ALLOWED_TAG.fullmatch(part):
                    add(part)
                elif part.startswith("<br"):
                    add("\n", "br")
                elif part.startswith("</"):
                    if part[2:-1] in marks:
                        marks.remove(part[2:-1])
                else:
                    marks.append(part[1:-1])
    return _joined(runs)


def _joined(runs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    joined: list[tuple[str, str]] = []
    for text, style in runs:
        if joined and joined[-1][1] == style and style != "br":
            joined[-1] = (joined[-1][0] + text, style)
        else:
            joined.append((text, style))
    return tuple(joined)


@lru_cache(maxsize=1 << 14)
def visible_text(markdown_text: str) -> tuple[tuple[str, int, str, bool, str], ...]:
    """What a reader reads of a text: each block's kind, place, marker and words, without
    formatting, link targets or image addresses."""
    return tuple(
        (b.kind, b.depth, b.marker, b.quote, " ".join("".join(t for t, _ in b.runs).split()))
        for b in section_blocks(markdown_text)
    )


@dataclass(frozen=True)
class FormattingChange:
    """One change a reader cannot see in the words: `kind` is "link" (a link's target),
    "image" (an image's address) or "formatting" (emphasis, code, a heading's markup)."""

    kind: str
    #: The link's text or the image's description ("" for formatting).
    text: str = ""
    #: The target before and after ("" where there was none: a link added or removed).
    old: str = ""
    new: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text, "old": self.old, "new": self.new}


def link_targets(markdown_text: str) -> list[str]:
    """The target of every link of a text, empty links included."""
    return [target for _text, target in _targets(markdown_text, "link")]


def _targets(markdown_text: str, kind: str) -> list[tuple[str, str]]:
    """Every link (`kind` "link") or image ("image") of a text: (its text, its target),
    empty links included."""
    return list(_read_text(markdown_text)[1][kind]) if markdown_text else []


def _paired(
    kind: str, old: Iterable[tuple[str, str]], new: Iterable[tuple[str, str]]
) -> list[FormattingChange]:
    """The links (or images) of two texts that differ: one whose text stayed and whose
    target changed, one added, one removed."""
    gone = Counter(old)
    came = Counter(new)
    gone, came = gone - came, came - gone
    changes: list[FormattingChange] = []
    came_list = list(came.elements())
    for text, target in gone.elements():
        partner = next((x for x in came_list if x[0] == text), None)
        if partner is not None:
            came_list.remove(partner)
            changes.append(FormattingChange(kind, text, target, partner[1]))
        else:
            changes.append(FormattingChange(kind, text, target, ""))
    changes.extend(FormattingChange(kind, text, "", target) for text, target in came_list)
    return changes


@lru_cache(maxsize=1 << 12)
def formatting_changes(
    old_body: str, new_body: str, old_markup: str = "", new_markup: str = ""
) -> tuple[FormattingChange, ...]:
    """What changed between two texts (and headings) a reader sees as the same words: each
    link whose target changed, each image whose address changed, or, where neither did,
    one "formatting" change."""
    changes = [
        change
        for kind in ("link", "image")
        for change in _paired(
            kind, targets(old_markup, old_body, kind), targets(new_markup, new_body, kind)
        )
    ]
    return tuple(changes) or (FormattingChange("formatting"),)


def targets(markup: str, body: str, kind: str) -> list[tuple[str, str]]:
    """The links (`kind` "link") or images ("image") of a section, heading first: (text,
    target) each (the compare page pairs them as `formatting_changes` does)."""
    return _targets(markup, kind) + _targets(body, kind)


@lru_cache(maxsize=1 << 12)
def heading_runs(markup: str) -> tuple[tuple[str, str], ...]:
    """A heading's formatted runs (as a block's), where it has any formatting: () for a
    heading of plain text, however it is written (`1\\. Scope` and `1. Scope` alike)."""
    blocks = section_blocks("# " + markup) if markup else ()
    runs = blocks[0].runs if blocks else ()
    return runs if any(style for _text, style in runs) else ()
