"""The comparison rules the compare page's script follows, taken from the modules that own them.

The compare page compares any two versions in the browser
(`overrides/assets/javascripts/policysite/compare_rules.js`). That script keeps no limit,
no character class and no language rule of its own: it reads `rules()` and
`text_languages()`, which `render/compare_pages.py` writes into the page (the compare
form's `data-rules` and `data-languages`), so a limit changed in `redline.py` or
`blocks.py` changes both. `tests/test_compare_rules_js.py` runs the script under node on
random texts, blocks and versions and fails at the first result that differs from these
modules'.

Python's regular expressions and the browser's spell character classes differently. A
word's character is `\\w` here and `\\p{L}\\p{N}_` there: the same characters wherever both
know a character's Unicode category (the test checks every one). Whitespace is `\\s` here
(`str.isspace`, and `str.split` and `str.strip` agree), and the browser gets it written
out character by character, as Python's Unicode database has it: its own `\\s` differs
(U+001C-U+001F and U+0085 are not whitespace to it, U+FEFF is). Line ends are
`str.splitlines`'s, written out the same way.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterable, Mapping
from functools import cache

from policysite.compare.analysis import compared_as_read
from policysite.compare.blocks import CONTEXT_CHARS, FOLD_AT, MIN_LIKENESS, PAIRING_LIMIT
from policysite.compare.changes import TEXT_KINDS, ChangeKind
from policysite.compare.matching import FIRST, SURROGATES
from policysite.compare.redline import MIN_STEM, WORD_LIMIT, token_pattern

#: Python's `\w` in the browser's regular expressions (with the `u` flag): letters,
#: numbers, the underscore.
BROWSER_WORD = r"\p{L}\p{N}_"
#: `str.isalpha` in the browser's regular expressions.
BROWSER_LETTER = r"\p{L}"


def _every_character() -> str:
    return array("I", range(sys.maxunicode + 1)).tobytes().decode("utf-32-le", "surrogatepass")


def _escaped(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\u{{{code:x}}}"


def _class_body(codes: Iterable[int]) -> str:
    """Code points as the body of a character class of the browser's regular expressions
    (`\\uXXXX` escapes, runs as ranges)."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(
        _escaped(first) if first == last else f"{_escaped(first)}-{_escaped(last)}"
        for first, last in ranges
    )


@cache
def rules() -> dict[str, object]:
    """The rules as the compare page's script reads them (JSON: names, numbers, patterns).

    Made once per process (the character classes take a pass over every code point);
    the same dict on every call: read it, do not change it."""
    characters = _every_character()
    space = _class_body(
        code for match in re.finditer(r"\s+", characters) for code in range(*match.span())
    )
    line_ends = _class_body(
        ord(line[-1])
        for line in characters.splitlines(keepends=True)
        if len(f"{line[-1]}x".splitlines()) == 2
    )
    return {
        "kinds": [kind.value for kind in ChangeKind],
        # Kinds whose sections show a redline of their text (a `formatted` one only where
        # it marks something).
        "text_kinds": [kind.value for kind in ChangeKind if kind in TEXT_KINDS],
        "word": BROWSER_WORD,
        "letter": BROWSER_LETTER,
        "space": space,
        "token": token_pattern(BROWSER_WORD, space),
        # A line with its end, as `str.splitlines(keepends=True)` cuts (`\r\n` is one end).
        "line": f"[^{line_ends}]*(?:\\r\\n|[{line_ends}])|[^{line_ends}]+",
        "min_stem": MIN_STEM,
        "word_limit": WORD_LIMIT,
        "min_likeness": MIN_LIKENESS,
        "pairing_limit": PAIRING_LIMIT,
        "fold_at": FOLD_AT,
        "context_chars": CONTEXT_CHARS,
        "first_char": FIRST,
        "surrogates": [SURROGATES.start, SURROGATES.stop],
    }


def text_languages(languages: Mapping[str, str]) -> dict[str, object]:
    """What the compare page's script needs to compare two versions in the language the
    changes pages would (`analysis.compared_as_read`): each version's text language as the
    page reads it (`languages`: version id -> language), and for each pair of those
    languages ("old new") whether the pair is compared as read ("read") or in the
    authoritative texts ("original")."""
    found = sorted(set(languages.values()))
    return {
        "versions": dict(languages),
        "pairs": {
            f"{old} {new}": "read" if compared_as_read(old, new) else "original"
            for old in found
            for new in found
        },
    }
