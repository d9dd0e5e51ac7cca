"""Which items of two sequences (tokens of a text, blocks of a section) are kept.

Google's diff-match-patch, a minimal (Myers) diff with its own clean-up of the
result, does it in the build (`fast_diff_match_patch`, its C++ port) and on the
compare page (`diff_match_patch.js`, vendored), so the build and the browser mark
the same words: both get the same input (each distinct item as one character, in
order of first appearance; the script reads `FIRST` and `SURROGATES` from the page,
`compare/rules.py`) and no time limit (a time limit would make the result depend on the
machine).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from fast_diff_match_patch import diff

Opcode = tuple[str, int, int, int, int]

#: The first character an item is written as, past the ASCII controls and Latin-1:
#: any character works, these are plain ones. Surrogates (D800-DFFF) are skipped: the
#: browser's strings could not hold them alone.
FIRST = 0x100
SURROGATES = range(0xD800, 0xE000)


def _encode(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[str, str]:
    """Each distinct item as one character, numbered in order of first appearance in `a`
    then `b` (the compare page's script numbers them the same way)."""
    numbers: dict[Hashable, int] = {}

    def char(item: Hashable) -> str:
        number = numbers.setdefault(item, len(numbers)) + FIRST
        return chr(number + len(SURROGATES) if number >= SURROGATES.start else number)

    return "".join(map(char, a)), "".join(map(char, b))


def _diff(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[str, int]]:
    x, y = _encode(a, b)
    changes: list[tuple[str, int]] = diff(
        x, y, timelimit=0, checklines=False, cleanup="No", counts_only=True
    )
    return changes


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """Equal, delete, insert and replace runs, as difflib names them: a deletion next to
    an insertion is one replacement."""
    codes: list[Opcode] = []
    i = j = 0
    for op, length in _diff(a, b):
        if op == "=":
            codes.append(("equal", i, i + length, j, j + length))
            i, j = i + length, j + length
            continue
        di, dj = (length, 0) if op == "-" else (0, length)
        if codes and codes[-1][0] != "equal":
            _, i1, _, j1, _ = codes.pop()
            codes.append(("replace", i1, i + di, j1, j + dj))
        else:
            codes.append(("delete" if op == "-" else "insert", i, i + di, j, j + dj))
        i, j = i + di, j + dj
    return codes


def common(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """How many items the two keep in common (their longest common subsequence)."""
    return sum(length for op, length in _diff(a, b) if op == "=")
