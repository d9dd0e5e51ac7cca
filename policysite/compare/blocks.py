"""Redlines of the text as readers see it: block by block, then word by word.

A section's text is a list of blocks (paragraphs, list items, table rows, headings,
quoted paragraphs), each a list of runs of text with one inline formatting each
(`render/blocks.py` reads them from the rendered Markdown). Two versions' blocks are
aligned by their longest common subsequence; in a run of changed blocks, each old
block is paired with the new one it most resembles (by the words they share), and a
pair is marked word by word (`redline.words`, formatting included: a link whose
target changed is a changed word). A block without a partner is deleted or inserted
whole. Only the changed blocks are compared word by word, so memory grows with the
text, not with its square.

The compare page does the same in JavaScript
(`overrides/assets/javascripts/policysite/compare_rules.js`), with this module's
constants as `compare/rules.py` hands them to it in the page;
`tests/test_compare_rules_js.py` runs both on the same random blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from policysite.compare.matching import common, opcodes
from policysite.compare.redline import (
    WORD_LIMIT,
    Op,
    Piece,
    Redline,
    Token,
    styled_tokens,
    words,
)

#: A changed block is paired with an old one when they share at least this share (in
#: percent) of their words; a block rewritten past it reads better deleted and inserted.
MIN_LIKENESS = 40

#: Runs of changed blocks up to this many pairs are paired by likeness; past it (a section
#: rewritten from top to bottom) every block is deleted and inserted whole.
PAIRING_LIMIT = 2_500

#: A run of unchanged blocks this long or longer is folded.
FOLD_AT = 2

#: An unchanged block next to a change is shown as context up to this many characters;
#: a longer one is folded with the rest.
CONTEXT_CHARS = 200


@dataclass(frozen=True)
class Block:
    """One block of a section's text as a reader sees it."""

    #: "p", "li", "h" (a heading inside a section), "tr" (a table row), "pre", "hr".
    kind: str
    #: Nesting: list levels and quotes.
    depth: int
    #: A list item's marker as shown ("•", "3."); "" for other blocks and for a list
    #: item's later paragraphs.
    marker: str
    #: The text, in runs of one formatting each (`redline.Piece.style`).
    runs: tuple[tuple[str, str], ...]
    #: Inside a quote (`>`).
    quote: bool = False

    @cached_property
    def tokens(self) -> list[Token]:
        return styled_tokens(self.runs)

    @cached_property
    def length(self) -> int:
        """Characters of text."""
        return sum(len(text) for text, _ in self.runs)

    @cached_property
    def key(self) -> str:
        """What makes two blocks the same: kind, place and text with its formatting
        (a list item renumbered by an item added before it is the same item)."""
        text = "\x01".join(f"{text}\x00{style}" for text, style in self.runs)
        quote = "q" if self.quote else ""
        return f"{self.kind}\x02{self.depth}{quote}\x02{' '.join(text.split())}"

    @cached_property
    def word_keys(self) -> list[str]:
        return [f"{text}\x00{style}" for text, style in self.tokens if not text.isspace()]

    def as_dict(self) -> dict[str, object]:
        """The block in a version's sections.json, for the compare page (`quote` only
        when it is true: most blocks are not quoted)."""
        found: dict[str, object] = {
            "kind": self.kind,
            "depth": self.depth,
            "marker": self.marker,
            "runs": self.runs,
        }
        if self.quote:
            found["quote"] = True
        return found


class BlockOp(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"
    CHANGE = "change"


@dataclass(frozen=True)
class BlockChange:
    op: BlockOp
    old: Block | None
    new: Block | None
    #: The word-level marks of a changed block; None for the others.
    pieces: Redline | None = None
    #: A changed block too long to mark word by word (shown deleted and inserted whole).
    rewritten: bool = False

    @property
    def block(self) -> Block:
        found = self.new or self.old
        assert found is not None
        return found


def compare_blocks(old: Sequence[Block], new: Sequence[Block]) -> tuple[BlockChange, ...]:
    """Every block of `old` and `new` in reading order, each equal, deleted, inserted or
    changed (with its marks)."""
    changes: list[BlockChange] = []
    for tag, i1, i2, j1, j2 in opcodes([b.key for b in old], [b.key for b in new]):
        if tag == "equal":
            changes.extend(
                BlockChange(BlockOp.EQUAL, x, y)
                for x, y in zip(old[i1:i2], new[j1:j2], strict=True)
            )
        elif tag == "delete":
            changes.extend(BlockChange(BlockOp.DELETE, x, None) for x in old[i1:i2])
        elif tag == "insert":
            changes.extend(BlockChange(BlockOp.INSERT, None, y) for y in new[j1:j2])
        else:
            changes.extend(_pair(old[i1:i2], new[j1:j2]))
    return tuple(changes)


def likeness(a: Block, b: Block) -> int:
    """The share of their words two blocks have in common, in whole percent."""
    x, y = a.word_keys, b.word_keys
    if not x or not y or (a.kind == "tr") != (b.kind == "tr"):
        return 0
    return 200 * common(x, y) // (len(x) + len(y))


def _pair(old: Sequence[Block], new: Sequence[Block]) -> list[BlockChange]:
    """A run of changed blocks: each old block paired in order with the new block it most
    resembles (the pairing that keeps the most likeness), the rest deleted or inserted."""
    m, n = len(old), len(new)
    if m * n > PAIRING_LIMIT:
        return [BlockChange(BlockOp.DELETE, x, None) for x in old] + [
            BlockChange(BlockOp.INSERT, None, y) for y in new
        ]
    score = [[likeness(x, y) for y in new] for x in old]
    best = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            paired = score[i][j] + best[i + 1][j + 1] if score[i][j] >= MIN_LIKENESS else -1
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    changes: list[BlockChange] = []
    i = j = 0
    while i < m or j < n:
        if (
            i < m
            and j < n
            and score[i][j] >= MIN_LIKENESS
            and best[i][j] == score[i][j] + best[i + 1][j + 1]
        ):
            changes.append(_changed(old[i], new[j]))
            i, j = i + 1, j + 1
        elif i < m and (j == n or best[i][j] == best[i + 1][j]):
            changes.append(BlockChange(BlockOp.DELETE, old[i], None))
            i += 1
        else:
            changes.append(BlockChange(BlockOp.INSERT, None, new[j]))
            j += 1
    return changes


def _changed(old: Block, new: Block) -> BlockChange:
    a, b = old.tokens, new.tokens
    if len(a) > WORD_LIMIT or len(b) > WORD_LIMIT:
        pieces = (*_whole(Op.DELETE, old), *_whole(Op.INSERT, new))
        return BlockChange(BlockOp.CHANGE, old, new, pieces, rewritten=True)
    return BlockChange(BlockOp.CHANGE, old, new, words(a, b))


def _whole(op: Op, block: Block) -> tuple[Piece, ...]:
    return tuple(Piece(op, text, style) for text, style in block.runs if text)


def folds(changes: Sequence[BlockChange]) -> list[tuple[int, int]]:
    """The runs of unchanged blocks to fold, as (start, end) indices. A short block next to
    a change stays as context (a list's lead-in, the item before); a long one folds too,
    as does any run of `FOLD_AT` or more blocks."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, change in enumerate((*changes, None)):
        if change is not None and change.op == BlockOp.EQUAL:
            if start is None:
                start = index
            continue
        if start is not None:
            first, last = start, index
            if first > 0 and changes[first].block.length <= CONTEXT_CHARS:
                first += 1
            if (
                change is not None
                and last > first
                and changes[last - 1].block.length <= CONTEXT_CHARS
            ):
                last -= 1
            if last - first >= FOLD_AT or (
                last - first == 1 and changes[first].block.length > CONTEXT_CHARS
            ):
                runs.append((first, last))
            start = None
    return runs
