"""A section's text as the blocks and formatted runs a reader sees (`compare/blocks.py`),
read from the same Markdown parse the version pages render, and redlines of them as HTML.

Nothing of the Markdown source reaches a redline: list items carry their marker as
shown ("•", "3."), links their text (the target is part of the formatting), escapes
are resolved, and the HTML a policy may contain (`<br>`, `<sup>`, `<sub>`) is
formatting too. The compare page's script renders the same markup from the blocks in
each version's sections.json.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from markdown_it.token import Token
from markupsafe import Markup, escape

from policysite.compare.blocks import Block, BlockChange, BlockOp, compare_blocks, folds
from policysite.compare.redline import Op, Piece
from policysite.render.strings import Strings
from policysite.render.templating import policy_tokens

_ALLOWED_TAG = re.compile(r"(<br\s*/?>|</?sup>|</?sub>)")


@lru_cache(maxsize=1 << 14)
def section_blocks(markdown_text: str) -> tuple[Block, ...]:
    """The blocks of a section's text, in reading order."""
    return tuple(_Reader().read(policy_tokens(markdown_text)))


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


def redline_html(old: str, new: str, t: Strings, github: bool = False) -> Markup:
    """The redline of a section's text (Markdown, "" for none) as a reader sees it (made
    once per language: a changes page and the section's timeline show the same):"""
    return _redline_html(old, new, t.lang, github)


@lru_cache(maxsize=1 << 12)
def _redline_html(old: str, new: str, lang: str, github: bool) -> Markup:
    """The redline of a section's text (Markdown, "" for none) as a reader sees it:
    blocks with their markers, formatting kept, word marks inside changed blocks, runs of
    unchanged blocks away from a change folded (`<details>`, no script needed), and a
    note where a block was too long to mark word by word. `github`: the markup a pull
    request comment keeps (no classes, no hidden text)."""
    t = Strings(lang)
    changes = compare_blocks(section_blocks(old), section_blocks(new))
    folded = dict(folds(changes))
    parts: list[Markup] = []
    if any(change.rewritten for change in changes):
        parts.append(
            Markup('<p class="ps-change__rewritten">{}</p>').format(t("changes.rewritten"))
        )
    index = 0
    while index < len(changes):
        if index in folded:
            end = folded[index]
            inner = Markup("").join(_block(c, t, github) for c in changes[index:end])
            summary = t("redline.folded", count=end - index)
            parts.append(
                Markup('<details class="ps-fold"><summary>{}</summary>{}</details>').format(
                    summary, inner
                )
            )
            index = end
            continue
        parts.append(_block(changes[index], t, github))
        index += 1
    return Markup("").join(parts)


def _block(change: BlockChange, t: Strings, github: bool) -> Markup:
    block = change.block
    if change.pieces is not None:
        pieces: Sequence[Piece] = change.pieces
    else:
        op = Op(change.op.value)
        pieces = [Piece(op, text, style) for text, style in block.runs]
    inner = Markup("").join(_inline(group, t, github) for group in _by_style(pieces))
    if block.kind == "tr" and github:
        inner = Markup(inner.replace('</span><span class="ps-cell">', " | "))
    elif block.kind == "tr":
        inner = Markup('<span class="ps-cell">{}</span>').format(inner)
    elif block.kind == "hr":
        inner = Markup("―――")
    marker = Markup("")
    if block.marker and github:
        marker = Markup("{} ").format(block.marker)
    elif block.marker:
        marker = Markup('<span class="ps-b__marker">{}</span> ').format(block.marker)
    if github:
        shown = Markup("<p>{}{}{}</p>").format(Markup("&emsp;") * block.depth, marker, inner)
        return Markup("<blockquote>{}</blockquote>").format(shown) if block.quote else shown
    classes = f"ps-b ps-b--{block.kind}"
    if block.depth:
        classes += f" ps-depth-{min(block.depth, 6)}"
    if block.quote:
        classes += " ps-b--quote"
    if change.op != BlockOp.EQUAL:
        classes += f" ps-b--{change.op.value}"
    return Markup('<div class="{}">{}{}</div>').format(classes, marker, inner)


def _by_style(pieces: Sequence[Piece]) -> list[list[Piece]]:
    grouped: list[list[Piece]] = []
    for piece in pieces:
        if grouped and grouped[-1][0].style == piece.style:
            grouped[-1].append(piece)
        else:
            grouped.append([piece])
    return grouped


_WRAPPERS = {"strong": "strong", "em": "em", "s": "s", "code": "code", "sup": "sup", "sub": "sub"}


def _inline(group: Sequence[Piece], t: Strings, github: bool) -> Markup:
    """Pieces of one formatting, inside that formatting's elements."""
    marks = group[0].style.split()
    if "td" in marks or "th" in marks:
        cells = sum(piece.op != Op.DELETE for piece in group)
        return Markup('</span><span class="ps-cell">') * cells
    if "br" in marks:
        return Markup("<br>") * sum(piece.op != Op.DELETE for piece in group)
    inner = Markup("").join(_piece(piece, t, github) for piece in group)
    for mark in reversed(marks):
        if mark in _WRAPPERS:
            tag = Markup(_WRAPPERS[mark])
            inner = Markup("<{}>{}</{}>").format(tag, inner, tag)
        elif mark.startswith("a="):
            inner = Markup('<a href="{}">{}</a>').format(mark[2:], inner)
        elif mark == "img" and not github:
            inner = Markup('<span class="ps-img">{}</span>').format(inner)
    return inner


def pieces_html(pieces: Sequence[Piece], t: Strings) -> Markup:
    """A redline of plain text (a heading's title), marked as a block's words are."""
    return Markup("").join(_piece(piece, t, False) for piece in pieces)


def _piece(piece: Piece, t: Strings, github: bool) -> Markup:
    """One piece; a mark never covers the spaces around its words (they stay outside it,
    and a mark of spaces alone is not shown)."""
    text = piece.text
    if piece.op == Op.EQUAL:
        return _text(text, github)
    core = text.strip()
    if not core:
        return _text(text, github) if piece.op == Op.INSERT else Markup("")
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    tag = Markup("del" if piece.op == Op.DELETE else "ins")
    if github:
        marked = Markup("<{}>{}</{}>").format(tag, _text(core, github), tag)
    else:
        said = t("redline.deleted" if piece.op == Op.DELETE else "redline.inserted")
        marked = Markup(
            '<{}><span class="ps-sr">[{}: </span>{}<span class="ps-sr">]</span></{}>'
        ).format(tag, said, core, tag)
    return _text(lead, github) + marked + _text(trail, github)


def _text(text: str, github: bool) -> Markup:
    """Text as HTML; for GitHub on one line (it ends an HTML block at a blank line)."""
    return Markup("<br>").join(text.split("\n")) if github else escape(text)
