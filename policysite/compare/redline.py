"""Word-level redlines: what was deleted and inserted inside a section's text.

Text is cut into words (any run of letters and digits, so the Kazakh letters
ә ғ қ ң ө ұ ү һ і are letters like any other), runs of whitespace, and single
punctuation marks; the two token lists are matched by `matching.py` (Google's
diff-match-patch, the same in the browser). Kazakh is
agglutinative: where a replaced word keeps its stem, only the differing part
is marked (`деректерді` -> `деректерін` marks `ді` -> `ін`); a changed number is
marked whole.

The browser's compare page does the same in JavaScript
(`overrides/assets/javascripts/policysite/compare_rules.js`), with the constants and the
character classes of this module that `compare/rules.py` hands it in the page;
`tests/test_compare_rules_js.py` runs both on the same random texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from policysite.compare.matching import Opcode, opcodes


def token_pattern(word: str, space: str) -> str:
    """The pattern of a token, given the bodies of the character classes of a word's
    characters and of whitespace in the regular expressions at hand (Python's here, the
    browser's in `compare/rules.py`): a word, a run of whitespace, or one other mark."""
    return f"[{word}]+|[{space}]+|[^{word}{space}]"


TOKEN = re.compile(token_pattern(r"\w", r"\s"))

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
    #: The inline formatting the text has where it stands (`compare/blocks.py`): "" for
    #: plain text, else its marks joined by spaces (`strong`, `a=https://…`).
    style: str = ""


Redline = tuple[Piece, ...]

#: A token and its inline formatting.
Token = tuple[str, str]


def tokenize(text: str) -> list[str]:
    """Words, whitespace runs and punctuation marks; joined again they are `text`."""
    return TOKEN.findall(text)


def styled_tokens(runs: Sequence[tuple[str, str]]) -> list[Token]:
    """The tokens of text in runs of one formatting each (a word in two runs is two tokens,
    as the browser cuts it)."""
    return [(token, style) for text, style in runs for token in TOKEN.findall(text)]


#: Tokens (words, spaces, marks) per side up to which two texts are compared word by word
#: in one pass; past it, line by line first (a paragraph that long changed throughout is
#: shown deleted and inserted whole).
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
        return words(_plain(a), _plain(b))
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in opcodes(old_lines, new_lines):
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "equal":
            pieces.append(Piece(Op.EQUAL, before))
            continue
        x, y = tokenize(before), tokenize(after)
        if before and after and len(x) <= WORD_LIMIT and len(y) <= WORD_LIMIT:
            pieces.extend(words(_plain(x), _plain(y)))
        else:
            pieces += [Piece(Op.DELETE, before), Piece(Op.INSERT, after)]
    return _merge(pieces)


def _plain(tokens: Sequence[str]) -> list[Token]:
    return [(token, "") for token in tokens]


def _key(token: Token) -> str:
    """What the diff compares: the text, and its formatting (a link whose target changed
    is a changed word)."""
    text, style = token
    return f"{text}\x00{style}" if style else text


def _pieces(op: Op, tokens: Sequence[Token]) -> list[Piece]:
    return [Piece(op, text, style) for text, style in tokens]


def words(a: Sequence[Token], b: Sequence[Token]) -> Redline:
    """The redline of two token lists, word by word."""
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in _runs(opcodes([_key(x) for x in a], [_key(y) for y in b]), a):
        if tag == "equal":
            pieces.extend(_pieces(Op.EQUAL, a[i1:i2]))
        elif tag == "delete":
            pieces.extend(_pieces(Op.DELETE, a[i1:i2]))
        elif tag == "insert":
            pieces.extend(_pieces(Op.INSERT, b[j1:j2]))
        else:
            pieces.extend(_replace(a[i1:i2], b[j1:j2]))
    return _merge(pieces)


def _runs(opcodes: Sequence[Opcode], a: Sequence[Token]) -> list[Opcode]:
    """Changes separated only by spaces are one change: "A B" -> "C D" is one
    replacement, not two with a kept space between them."""
    runs: list[Opcode] = []
    for opcode in opcodes:
        tag, _, i2, _, j2 = opcode
        if (
            len(runs) >= 2
            and tag != "equal"
            and runs[-1][0] == "equal"
            and all(text.isspace() for text, _ in a[runs[-1][1] : runs[-1][2]])
            and runs[-2][0] != "equal"
        ):
            runs.pop()
            first = runs.pop()
            runs.append(("replace", first[1], i2, first[3], j2))
        else:
            runs.append(opcode)
    return runs


def _replace(old: Sequence[Token], new: Sequence[Token]) -> Iterator[Piece]:
    """A replaced run: word by word where the runs align and most replaced words keep
    their stem (a reworded phrase reads better struck out whole), else deleted then
    inserted whole."""
    aligned = len(old) == len(new) and all(
        _kind(x[0]) == _kind(y[0]) for x, y in zip(old, new, strict=True)
    )
    changed = [(x, y) for x, y in zip(old, new, strict=False) if x != y and _kind(x[0]) == "word"]
    stems = sum(1 for x, y in changed if x[1] == y[1] and _common_prefix(x[0], y[0]) >= MIN_STEM)
    if aligned and (len(changed) <= 1 or stems * 2 >= len(changed)):
        for x, y in zip(old, new, strict=True):
            if x == y:
                yield Piece(Op.EQUAL, *x)
            else:
                yield from _replace_word(x, y)
        return
    yield from _pieces(Op.DELETE, old)
    yield from _pieces(Op.INSERT, new)


def _replace_word(old_token: Token, new_token: Token) -> Iterator[Piece]:
    (old, style), (new, new_style) = old_token, new_token
    prefix = _common_prefix(old, new)
    if (
        style != new_style
        or prefix < MIN_STEM
        or prefix * 2 < min(len(old), len(new))
        or not old[:1].isalpha()  # a number changed is a new number, not a new suffix
    ):
        yield Piece(Op.DELETE, old, style)
        yield Piece(Op.INSERT, new, new_style)
        return
    suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
    yield Piece(Op.EQUAL, old[:prefix], style)
    yield Piece(Op.DELETE, old[prefix : len(old) - suffix], style)
    yield Piece(Op.INSERT, new[prefix : len(new) - suffix], style)
    if suffix:
        yield Piece(Op.EQUAL, old[len(old) - suffix :], style)


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
    """Drop empty pieces and join neighbours of the same kind and formatting."""
    merged: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and merged[-1].op == piece.op and merged[-1].style == piece.style:
            merged[-1] = Piece(piece.op, merged[-1].text + piece.text, piece.style)
        else:
            merged.append(piece)
    return tuple(merged)


def old_text(pieces: Redline) -> str:
    return "".join(p.text for p in pieces if p.op != Op.INSERT)


def new_text(pieces: Redline) -> str:
    return "".join(p.text for p in pieces if p.op != Op.DELETE)
