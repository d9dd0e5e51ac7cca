"""Word-level redlines: what was deleted and inserted inside a section's text.

Text is cut into words (any run of letters and digits, so the Kazakh letters
ә ғ қ ң ө ұ ү һ і are letters like any other), runs of whitespace, and single
punctuation marks; the two token lists are diffed by their longest common
subsequence (rapidfuzz's Indel opcodes, in C++: difflib's pure-Python matcher
took 4 ms a section, as every space token matches every other). Kazakh is
agglutinative: where a replaced word keeps its stem, only the differing part
is marked (`деректерді` -> `деректерін` marks `ді` -> `ін`).

The browser's compare page does the same in JavaScript
(`overrides/assets/javascripts/policysite/compare.js`): keep the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from rapidfuzz.distance import Indel

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")

#: A replaced word is marked in part when it shares at least this many leading
#: characters with its replacement (a stem), and the stem is at least half the shorter word.
MIN_STEM = 3


class Op(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


Redline = tuple[Piece, ...]


def tokenize(text: str) -> list[str]:
    """Words, whitespace runs and punctuation marks; joined again they are `text`."""
    return TOKEN.findall(text)


#: Tokens (words, spaces, marks) per side up to which two texts are compared word by word
#: in one pass. The comparison's memory grows with the product of the two lengths (rapidfuzz
#: keeps a bit matrix): 5 000 tokens a side take about 3 MB.
WORD_LIMIT = 5_000


def redline(old: str, new: str) -> Redline:
    """The pieces that turn `old` into `new`: equal, deleted and inserted text, in order.

    Joining the equal and deleted pieces gives `old`; the equal and inserted, `new`.
    Longer texts are compared line by line first (paragraphs, list items), then word by
    word inside the lines that changed; a changed run of lines past `WORD_LIMIT` is shown
    deleted and inserted whole (rewritten: word marks would not help a reader there). So
    memory and time grow with the text, not with its square.
    """
    a, b = tokenize(old), tokenize(new)
    if len(a) <= WORD_LIMIT and len(b) <= WORD_LIMIT:
        return _words(a, b)
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in _opcodes(old_lines, new_lines):
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "equal":
            pieces.append(Piece(Op.EQUAL, before))
            continue
        x, y = tokenize(before), tokenize(after)
        if before and after and len(x) <= WORD_LIMIT and len(y) <= WORD_LIMIT:
            pieces.extend(_words(x, y))
        else:
            pieces += [Piece(Op.DELETE, before), Piece(Op.INSERT, after)]
    return _merge(pieces)


def _words(a: Sequence[str], b: Sequence[str]) -> Redline:
    """The redline of two token lists, word by word."""
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in _runs(_opcodes(a, b), a):
        if tag == "equal":
            pieces.append(Piece(Op.EQUAL, "".join(a[i1:i2])))
        elif tag == "delete":
            pieces.append(Piece(Op.DELETE, "".join(a[i1:i2])))
        elif tag == "insert":
            pieces.append(Piece(Op.INSERT, "".join(b[j1:j2])))
        else:
            pieces.extend(_replace(a[i1:i2], b[j1:j2]))
    return _merge(pieces)


Opcode = tuple[str, int, int, int, int]


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """Equal, delete, insert and replace runs, as difflib names them: a deletion next to
    an insertion is one replacement."""
    opcodes: list[Opcode] = []
    for op in Indel.opcodes(a, b):
        tag = op.tag
        if tag != "equal" and opcodes and opcodes[-1][0] != "equal":
            _, i1, _, j1, _ = opcodes.pop()
            tag = "replace"
            opcodes.append((tag, i1, op.src_end, j1, op.dest_end))
        else:
            opcodes.append((tag, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return opcodes


def _runs(opcodes: Sequence[Opcode], a: Sequence[str]) -> list[Opcode]:
    """Changes separated only by spaces are one change: "A B" -> "C D" is one
    replacement, not two with a kept space between them."""
    runs: list[Opcode] = []
    for opcode in opcodes:
        tag, _, i2, _, j2 = opcode
        if (
            len(runs) >= 2
            and tag != "equal"
            and runs[-1][0] == "equal"
            and all(token.isspace() for token in a[runs[-1][1] : runs[-1][2]])
            and runs[-2][0] != "equal"
        ):
            runs.pop()
            first = runs.pop()
            runs.append(("replace", first[1], i2, first[3], j2))
        else:
            runs.append(opcode)
    return runs


def _replace(old: Sequence[str], new: Sequence[str]) -> Iterator[Piece]:
    """A replaced run: word by word where the runs align and most replaced words keep
    their stem (a reworded phrase reads better struck out whole), else deleted then
    inserted whole."""
    aligned = len(old) == len(new) and all(
        _kind(x) == _kind(y) for x, y in zip(old, new, strict=True)
    )
    words = [(x, y) for x, y in zip(old, new, strict=False) if x != y and _kind(x) == "word"]
    stems = sum(1 for x, y in words if _common_prefix(x, y) >= MIN_STEM)
    if aligned and (len(words) <= 1 or stems * 2 >= len(words)):
        for x, y in zip(old, new, strict=True):
            if x == y:
                yield Piece(Op.EQUAL, x)
            else:
                yield from _replace_word(x, y)
        return
    yield Piece(Op.DELETE, "".join(old))
    yield Piece(Op.INSERT, "".join(new))


def _replace_word(old: str, new: str) -> Iterator[Piece]:
    prefix = _common_prefix(old, new)
    if prefix < MIN_STEM or prefix * 2 < min(len(old), len(new)) or not old[:1].isalnum():
        yield Piece(Op.DELETE, old)
        yield Piece(Op.INSERT, new)
        return
    suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
    yield Piece(Op.EQUAL, old[:prefix])
    yield Piece(Op.DELETE, old[prefix : len(old) - suffix])
    yield Piece(Op.INSERT, new[prefix : len(new) - suffix])
    if suffix:
        yield Piece(Op.EQUAL, old[len(old) - suffix :])


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _kind(token: str) -> str:
    if token.isspace():
        return "space"
    return "word" if token[0].isalnum() or token[0] == "_" else "mark"


def _merge(pieces: Sequence[Piece]) -> Redline:
    """Drop empty pieces and join neighbours of the same kind."""
    merged: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and merged[-1].op == piece.op:
            merged[-1] = Piece(piece.op, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return tuple(merged)


def old_text(pieces: Redline) -> str:
    return "".join(p.text for p in pieces if p.op != Op.INSERT)


def new_text(pieces: Redline) -> str:
    return "".join(p.text for p in pieces if p.op != Op.DELETE)


def is_rewritten(pieces: Redline) -> bool:
    """Whether part of the text was too long and too changed to be marked word by word
    (`redline` showed it deleted and inserted whole)."""
    return any(
        a.op == Op.DELETE
        and b.op == Op.INSERT
        and max(len(tokenize(a.text)), len(tokenize(b.text))) > WORD_LIMIT
        for a, b in pairwise(pieces)
    )
