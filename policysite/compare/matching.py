"""Which items of two sequences (tokens of a text, blocks of a section) are kept.

Patience matching, as `git diff --patience` does: the common start and end are kept;
in between, the items that occur exactly once on each side anchor the match (the
longest run of them in the same order), and the stretches between anchors are matched
the same way. A stretch with no such item (repeated words, spaces, punctuation) is
matched by its longest common subsequence when it is small, and replaced whole when
it is not. Prose reads better anchored on its rare words than on the commonest ones,
and the result does not depend on how a library breaks ties: the compare page's
script (`overrides/assets/javascripts/policysite/compare.js`, `matches`) does exactly
this, so the build and the browser mark the same words. Time grows as n log n with
the length, memory linearly; no stretch is compared cell by cell past `CELL_LIMIT`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence

#: A stretch without anchors is compared cell by cell (items × items) up to this size.
CELL_LIMIT = 40_000

Opcode = tuple[str, int, int, int, int]


def matches(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """The pairs (i, j) with a[i] == b[j] kept, in increasing order of both."""
    found: list[tuple[int, int]] = []
    # Tasks, last first: a stretch to match, or a pair found.
    tasks: list[tuple[int, int, int, int]] = [(0, len(a), 0, len(b))]
    while tasks:
        alo, ahi, blo, bhi = tasks.pop()
        if ahi < 0:  # a pair
            found.append((alo, blo))
            continue
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            found.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        tail: list[tuple[int, int, int, int]] = []
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            tail.append((ahi, -1, bhi, -1))
        tail.reverse()
        middle: list[tuple[int, int, int, int]] = []
        if alo < ahi and blo < bhi:
            anchors = _anchors(a, b, alo, ahi, blo, bhi)
            if anchors:
                i0, j0 = alo, blo
                for i, j in anchors:
                    middle += [(i0, i, j0, j), (i, -1, j, -1)]
                    i0, j0 = i + 1, j + 1
                middle.append((i0, ahi, j0, bhi))
            elif (ahi - alo) * (bhi - blo) <= CELL_LIMIT:
                middle = [(i, -1, j, -1) for i, j in _common(a, b, alo, ahi, blo, bhi)]
        tasks.extend(reversed(middle + tail))
    return found


def _anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Items once on each side, the longest run of them in the same order on both."""
    in_a = Counter(a[alo:ahi])
    in_b = Counter(b[blo:bhi])
    where = {b[j]: j for j in range(blo, bhi) if in_b[b[j]] == 1}
    pairs = [(i, where[a[i]]) for i in range(alo, ahi) if in_a[a[i]] == 1 and a[i] in where]
    # The longest increasing run of b positions (patience sorting).
    tops: list[int] = []  # per pile, the b position on top
    top_index: list[int] = []
    before = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pile = bisect_left(tops, j)
        if pile > 0:
            before[k] = top_index[pile - 1]
        if pile == len(tops):
            tops.append(j)
            top_index.append(k)
        else:
            tops[pile] = j
            top_index[pile] = k
    run: list[tuple[int, int]] = []
    k = top_index[-1] if top_index else -1
    while k >= 0:
        run.append(pairs[k])
        k = before[k]
    run.reverse()
    return run


def _common(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """A longest common subsequence of a small stretch; ties keep the earlier item of `a`
    unmatched last (the old text's item is dropped first)."""
    n, m = ahi - alo, bhi - blo
    longest = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = longest[i], longest[i + 1]
        x = a[alo + i]
        for j in range(m - 1, -1, -1):
            if x == b[blo + j]:
                row[j] = below[j + 1] + 1
            else:
                row[j] = max(below[j], row[j + 1])
    pairs = []
    i = j = 0
    while i < n and j < m:
        if a[alo + i] == b[blo + j]:
            pairs.append((alo + i, blo + j))
            i, j = i + 1, j + 1
        elif longest[i + 1][j] >= longest[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """Equal, delete, insert and replace runs, as difflib names them: a deletion next to
    an insertion is one replacement."""
    codes: list[Opcode] = []
    i = j = 0
    for x, y in (*matches(a, b), (len(a), len(b))):
        if i < x or j < y:
            tag = "replace" if i < x and j < y else "delete" if i < x else "insert"
            codes.append((tag, i, x, j, y))
        if x < len(a) and y < len(b):
            if codes and codes[-1][0] == "equal" and codes[-1][2] == x and codes[-1][4] == y:
                codes[-1] = ("equal", codes[-1][1], x + 1, codes[-1][3], y + 1)
            else:
                codes.append(("equal", x, x + 1, y, y + 1))
        i, j = x + 1, y + 1
    return codes
