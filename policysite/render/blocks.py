"""A section's text as the blocks and formatted runs a reader sees (`compare/blocks.py`),
read from the same Markdown parse the version pages render, and redlines of them as HTML.

Nothing of the Markdown source reaches a redline: list items carry their marker as
shown ("•", "3."), links their text (the target is part of the formatting), escapes
are resolved, and the HTML a policy may contain (`<br>`, `<sup>`, `<sub>`) is
formatting too. The compare page's script renders the same markup from the blocks in
each version's sections.json (`overrides/assets/javascripts/policysite/compare.js`), with
`SCRIPT_MARKUP` from the page and the marks' edges of `compare_rules.js`, which
`tests/test_compare_rules_js.py` checks against `spaced`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from markupsafe import Markup, escape

from policysite.compare.blocks import Block, BlockChange, BlockOp, compare_blocks, folds
from policysite.compare.redline import Op, Piece
from policysite.compare.text import link_targets, section_blocks
from policysite.render.anchors import ResolvedLinks, TextLinks
from policysite.render.strings import Strings


def redline_html(
    old: str, new: str, t: Strings, github: bool = False, links: TextLinks | None = None
) -> Markup:
    """The redline of a section's text (Markdown, "" for none) as a reader sees it (made
    once per language: a changes page and the section's timeline show the same, unless
    the text has links that lead somewhere relative to the page, `links`):"""
    resolved = links.only(link_targets(old) + link_targets(new)) if links is not None else None
    return _redline_html(old, new, t.lang, github, resolved)


@lru_cache(maxsize=1 << 12)
def _redline_html(
    old: str, new: str, lang: str, github: bool, links: ResolvedLinks | None
) -> Markup:
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
            inner = Markup("").join(_block(c, t, github, links) for c in changes[index:end])
            summary = t("redline.folded", count=end - index)
            parts.append(
                Markup('<details class="ps-fold"><summary>{}</summary>{}</details>').format(
                    summary, inner
                )
            )
            index = end
            continue
        parts.append(_block(changes[index], t, github, links))
        index += 1
    return Markup("").join(parts)


def block_html(block: Block, t: Strings, links: ResolvedLinks | None) -> Markup:
    """One block of a text as a reader sees it, unmarked (the origins page's)."""
    return _block(BlockChange(BlockOp.EQUAL, block, block), t, False, links)


def _block(change: BlockChange, t: Strings, github: bool, links: ResolvedLinks | None) -> Markup:
    block = change.block
    if change.pieces is not None:
        pieces: Sequence[Piece] = change.pieces
    else:
        op = Op(change.op.value)
        pieces = [Piece(op, text, style) for text, style in block.runs]
    inner = Markup("").join(_inline(group, t, github, links) for group in _by_style(pieces))
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
        classes += f" ps-depth-{min(block.depth, DEEPEST)}"
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

#: Blocks nested deeper are indented as this level (the stylesheet's last `ps-depth-`).
DEEPEST = 6

#: What the compare page's script needs to write a block as `_block` does (the compare
#: form's `data-rules`, "markup"): the deepest indentation, and the marks written as the
#: element of the same name.
SCRIPT_MARKUP: dict[str, object] = {"deepest": DEEPEST, "wrappers": sorted(_WRAPPERS)}


def _inline(
    group: Sequence[Piece], t: Strings, github: bool, links: ResolvedLinks | None = None
) -> Markup:
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
            href = links.target(mark[2:]) if links is not None else mark[2:]
            if href is None:
                inner = Markup('<span class="ps-dead-link">{}</span>').format(inner)
            else:
                inner = Markup('<a href="{}">{}</a>').format(href, inner)
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
    lead, core, trail = spaced(text)
    if not core:
        return _text(text, github) if piece.op == Op.INSERT else Markup("")
    tag = Markup("del" if piece.op == Op.DELETE else "ins")
    if github:
        marked = Markup("<{}>{}</{}>").format(tag, _text(core, github), tag)
    else:
        said = t("redline.deleted" if piece.op == Op.DELETE else "redline.inserted")
        marked = Markup(
            '<{}><span class="ps-sr">[{}: </span>{}<span class="ps-sr">]</span></{}>'
        ).format(tag, said, core, tag)
    return _text(lead, github) + marked + _text(trail, github)


def spaced(text: str) -> tuple[str, str, str]:
    """A marked piece's text as its mark shows it: the whitespace before, what the mark
    covers, the whitespace after."""
    core = text.strip()
    if not core:
        return text, "", ""
    return text[: len(text) - len(text.lstrip())], core, text[len(text.rstrip()) :]


def _text(text: str, github: bool) -> Markup:
    """Text as HTML; for GitHub on one line (it ends an HTML block at a blank line)."""
    return Markup("<br>").join(text.split("\n")) if github else escape(text)
