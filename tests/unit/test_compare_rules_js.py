"""The compare page's script follows the build's comparison rules: the same tokens, word
marks, block alignment, folds, change kinds, headings and languages, on random Kazakh,
Russian and English texts, blocks and versions, and past every limit.

Python works the vectors out with the modules the static pages use; node runs
`overrides/assets/javascripts/policysite/compare_rules.js` (with the vendored
diff-match-patch and the rules the page carries, `compare/rules.py`) on the same input
through `tests/js/run_compare_rules.js`. No browser, no site build. A rule changed on one
side only fails here, naming the first vector that differs.

Node is Debian's (`apt-get install nodejs`; `make test` installs it when missing, as
root on Debian); set NODE to use another. Without it the tests fail, never skip.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from array import array
from collections.abc import Callable, Sequence
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from policysite.compare.analysis import compared_as_read, text_changes
from policysite.compare.blocks import (
    CONTEXT_CHARS,
    PAIRING_LIMIT,
    Block,
    BlockChange,
    compare_blocks,
    folds,
)
from policysite.compare.changes import ChangeKind, SectionChange
from policysite.compare.lineage import normalize
from policysite.compare.redline import WORD_LIMIT, Piece, redline, styled_tokens, tokenize, words
from policysite.compare.rules import rules, text_languages
from policysite.compare.text import formatting_changes, section_blocks, targets
from policysite.render.blocks import spaced
from policysite.render.parts import shows_redline
from policysite.render.sections_json import section_data

RUNNER = Path(__file__).parents[1] / "js" / "run_compare_rules.js"
NODE = os.environ.get("NODE") or shutil.which("node") or "/usr/bin/node"

KAZAKH = [
    "деректер", "деректерді", "деректерін", "деректердің", "пайдаланушы", "пайдаланушылар",
    "пайдаланушылардың", "құқықтары", "құқығы", "өңдеу", "өңделеді", "сақтау", "сақталады",
    "мерзімі", "қауіпсіздігі", "үшінші", "тұлғаларға", "ережелер", "Саясат", "саясатын",
    "өзгерту", "ақпарат", "келісімі", "келесі", "жинаймыз", "әрі", "және", "құпиялылық",
]  # fmt: skip
RUSSIAN = [
    "данные", "данных", "данными", "пользователь", "пользователей", "права", "право",
    "обработка", "обрабатываются", "хранение", "хранятся", "срок", "третьим", "лицам",
    "Политика", "политики", "изменение", "изменения", "согласие", "обращение", "и", "в",
]  # fmt: skip
ENGLISH = [
    "data", "the", "user", "users", "rights", "right", "processing", "processed", "storage",
    "stored", "period", "third", "parties", "Policy", "change", "changes", "changed",
    "consent", "and", "of", "procedure", "provider", "snake_case", "2FA", "e-mail",
]  # fmt: skip
NUMBERS = ["1", "2", "10", "2024", "3.1", "5%", "12-бап", "Ⅻ", "½", "²"]
MARKS = [".", ",", ";", ":", "—", "«", "»", "(", ")", "!", "?", '"', "'", "№", "😀", "_"]
#: Whitespace, Python's and the browser's, and what only one of them calls whitespace.
SPACES = [" "] * 12 + ["  ", "\n", "\t", "\u00a0", "\u3000", "\x85", "\x1c", "\ufeff", "\u2028"]
LINE_ENDS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1d", "\x85", "\u2029"]
TAILS = ["ы", "лар", "лардың", "ется", "ениями", "ing", "edure", "ssing", "ді", "ін"]
STYLES = ["", "", "", "", "strong", "em", "code", "a=https://example.kz/a", "strong a=#b", "img"]
VOCABULARY = KAZAKH + RUSSIAN + ENGLISH


def _word(rng: random.Random) -> str:
    return rng.choice(NUMBERS) if rng.random() < 0.08 else rng.choice(VOCABULARY)


def _sentence(rng: random.Random, n: int) -> str:
    parts: list[str] = []
    for _ in range(n):
        parts.append(_word(rng))
        if rng.random() < 0.15:
            parts.append(rng.choice(MARKS))
        parts.append(rng.choice(SPACES))
    return "".join(parts)


def _reworded(rng: random.Random, text: str, edits: int) -> str:
    """`text` with a few words changed: a suffix, a word cut to a stem of any length and
    given another ending, a word put in or left out, a word replaced, two swapped, a space
    changed."""
    tokens = tokenize(text) or [""]
    for _ in range(edits):
        at = rng.randrange(len(tokens))
        edit = rng.randrange(7)
        if edit == 0 and len(tokens[at]) > 4:
            tokens[at] = tokens[at][:-2] + rng.choice(["ін", "ді", "ах", "ed", "ың"])
        elif edit == 5:
            at = rng.choice([i for i, x in enumerate(tokens) if x[:1].isalpha()] or [at])
            tokens[at] = tokens[at][: rng.randint(1, 6)] + rng.choice(["", *TAILS])
        elif edit == 1:
            tokens[at:at] = [_word(rng), " "]
        elif edit == 2 and len(tokens) > 1:
            del tokens[at]
        elif edit == 3:
            tokens[at] = _word(rng)
        elif edit == 4 and len(tokens) > 2:
            other = rng.randrange(len(tokens))
            tokens[at], tokens[other] = tokens[other], tokens[at]
        else:
            tokens[at] = rng.choice(SPACES)
    return "".join(tokens)


def _runs(rng: random.Random, n: int) -> list[tuple[str, str]]:
    return [(_sentence(rng, rng.randint(1, 4)), rng.choice(STYLES)) for _ in range(n)]


def _restyled(rng: random.Random, runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    changed = list(runs)
    for _ in range(rng.randint(0, 3)):
        if not changed:
            break
        at = rng.randrange(len(changed))
        text, style = changed[at]
        if rng.random() < 0.5:
            changed[at] = (_reworded(rng, text, rng.randint(1, 3)), style)
        else:
            changed[at] = (text, rng.choice(STYLES))
    return changed


# -- vectors: the input both sides get, and what Python makes of it ----------------------


def _pieces(pieces: Sequence[Piece]) -> list[list[str]]:
    return [[p.op.value, p.text, p.style] for p in pieces]


def _place(blocks: Sequence[Block], block: Block | None) -> int:
    """Where `block` (this very object) stands in `blocks`, -1 for none."""
    return next((i for i, x in enumerate(blocks) if x is block), -1)


def _block_changes(
    changes: Sequence[BlockChange], old: Sequence[Block], new: Sequence[Block]
) -> list[list[Any]]:
    return [
        [
            c.op.value,
            _place(old, c.old),
            _place(new, c.new),
            _pieces(c.pieces) if c.pieces is not None else None,
            c.rewritten,
        ]
        for c in changes
    ]


def text_vectors(rng: random.Random) -> tuple[list[str], list[dict[str, Any]]]:
    texts = [_sentence(rng, rng.randint(0, 12)) for _ in range(300)]
    texts += ["", " ", "\ufeff", "\x85a\x85", "a\r\nb\rc\n", "\u2028\u2029", "x\x1cy\x1d\x1e\x1f"]
    texts += [
        "".join(rng.choice([*SPACES, *LINE_ENDS, "a", "ә", "😀"]) for _ in range(20))
        for _ in range(50)
    ]
    expected = [
        {
            "tokens": tokenize(text),
            "normalized": normalize(text),
            "spaced": list(spaced(text)),
            "lines": text.splitlines(keepends=True),
        }
        for text in texts
    ]
    return texts, expected


def word_vectors(rng: random.Random) -> tuple[list[Any], list[Any]]:
    pairs = []
    for _ in range(400):
        runs = _runs(rng, rng.randint(0, 5))
        pairs.append((styled_tokens(runs), styled_tokens(_restyled(rng, runs))))
    # Arbitrary token lists from few words, so that most of them match somewhere.
    few = [*VOCABULARY[:6], *NUMBERS[:2], *SPACES[-10:]]

    def tokens() -> list[tuple[str, str]]:
        return [(rng.choice(few), rng.choice(STYLES)) for _ in range(rng.randint(0, 30))]

    pairs += [(tokens(), tokens()) for _ in range(100)]
    return [[list(map(list, a)), list(map(list, b))] for a, b in pairs], [
        _pieces(words(a, b)) for a, b in pairs
    ]


def redline_vectors(rng: random.Random) -> tuple[list[Any], list[Any]]:
    pairs = []
    for _ in range(150):
        old = _sentence(rng, rng.randint(0, 15))
        pairs.append((old, _reworded(rng, old, rng.randint(0, 4))))
    # Past the word limit: line by line, then word by word in the lines that changed; a
    # changed run of lines past the limit deleted and inserted whole.
    lines = [_sentence(rng, 10) + rng.choice(LINE_ENDS) for _ in range(WORD_LIMIT // 15)]
    edited = list(lines)
    for at in rng.sample(range(len(lines)), 5):
        edited[at] = _reworded(rng, lines[at], 2)
    pairs.append(("".join(lines), "".join(edited)))
    long_line = _sentence(rng, WORD_LIMIT // 2 + 10)
    pairs.append((long_line + "\nend", _reworded(rng, long_line, 3) + "\nend"))
    pairs.append(("".join(lines), ""))
    return [list(pair) for pair in pairs], [_pieces(redline(a, b)) for a, b in pairs]


def _block(rng: random.Random) -> Block:
    kind = rng.choice(["p", "p", "p", "li", "li", "h", "tr", "pre", "hr"])
    if kind == "hr":
        return Block("hr", 0, "", ())
    if kind == "tr":
        cells = [(_sentence(rng, rng.randint(1, 3)), "")]
        for _ in range(rng.randint(1, 3)):
            cells += [("\t", rng.choice(["td", "th"])), (_sentence(rng, rng.randint(1, 3)), "")]
        return Block("tr", 0, "", tuple(cells))
    if kind == "pre":
        return Block("pre", 0, "", ((_sentence(rng, 6), "code"),))
    runs = _runs(rng, rng.randint(1, 4))
    if rng.random() < 0.2:  # long enough to fold even next to a change
        runs.append((_sentence(rng, CONTEXT_CHARS // 4), ""))
    marker = rng.choice(["•", "1.", "2."]) if kind == "li" else ""
    return Block(kind, rng.randint(0, 2), marker, tuple(runs), quote=rng.random() < 0.1)


def _changed_blocks(rng: random.Random, blocks: list[Block]) -> list[Block]:
    changed = list(blocks)
    for _ in range(rng.randint(0, 4)):
        edit = rng.randrange(5)
        at = rng.randrange(len(changed) + 1)
        if edit == 0 or not changed:
            changed.insert(at, _block(rng))
        elif edit == 1:
            del changed[min(at, len(changed) - 1)]
        elif edit == 2 and len(changed) > 1:  # moved
            changed.insert(at, changed.pop(rng.randrange(len(changed))))
        else:
            x = changed[min(at, len(changed) - 1)]
            changed[min(at, len(changed) - 1)] = Block(
                x.kind, x.depth, x.marker, tuple(_restyled(rng, list(x.runs))), x.quote
            )
    return changed


def block_vectors(rng: random.Random) -> tuple[list[Any], list[Any]]:
    pairs = []
    for _ in range(150):
        old = [_block(rng) for _ in range(rng.randint(0, 12))]
        pairs.append((old, _changed_blocks(rng, old)))
    # Unchanged runs around a change, short and long blocks: what folds.
    for _ in range(20):
        old = [_block(rng) for _ in range(rng.randint(3, 12))]
        new = list(old)
        at = rng.randrange(len(new))
        new[at] = Block("p", 0, "", ((_sentence(rng, 5), ""),))
        pairs.append((old, new))
    # A run of changed blocks past the pairing limit: deleted and inserted whole.
    side = int(PAIRING_LIMIT**0.5) + 2
    old = [Block("p", 0, "", ((_sentence(rng, 6), ""),)) for _ in range(side)]
    pairs.append((old, [Block("p", 0, "", ((_reworded(rng, b.runs[0][0], 1), ""),)) for b in old]))
    # A block past the word limit, changed: rewritten.
    long_text = _sentence(rng, WORD_LIMIT // 2 + 10)
    pairs.append(
        (
            [Block("p", 0, "", ((long_text, ""),)), Block("p", 0, "", (("kept", ""),))],
            [Block("p", 0, "", ((_reworded(rng, long_text, 2), ""),))],
        )
    )
    vectors = [[[b.as_dict() for b in a], [b.as_dict() for b in b_]] for a, b_ in pairs]
    expected = []
    for a, b in pairs:
        changes = compare_blocks(a, b)
        expected.append(
            {"changes": _block_changes(changes, a, b), "folds": [list(f) for f in folds(changes)]}
        )
    return vectors, expected


# -- versions: Markdown documents, changed as editors change them --------------------------


def _inline(rng: random.Random, n: int) -> str:
    parts = []
    for _ in range(n):
        word = rng.choice(VOCABULARY)
        roll = rng.random()
        if roll < 0.08:
            word = f"**{word}**"
        elif roll < 0.14:
            word = f"*{word}*"
        elif roll < 0.18:
            word = f"`{word}`"
        elif roll < 0.24:
            word = f"[{word}](https://example.kz/{rng.choice('abc')})"
        elif roll < 0.26:
            word = f"![{word}](picture-{rng.choice('ab')}.png)"
        parts.append(word)
        if rng.random() < 0.1:
            parts[-1] += rng.choice([",", ".", ";", " —"])
    return " ".join(parts)


def _links(rng: random.Random) -> str:
    """Links and images from few words and targets: the same link twice, a text with two
    targets, an empty link."""
    texts = ["", "here", "мұнда", "здесь"]
    return " ".join(
        f"{rng.choice(['', '', '!'])}[{rng.choice(texts)}](https://example.kz/{rng.choice('abc')})"
        for _ in range(rng.randint(1, 6))
    )


def _paragraph(rng: random.Random) -> str:
    kind = rng.randrange(8)
    if kind == 7:
        return _links(rng)
    if kind == 0:
        return "\n".join(f"- {_inline(rng, rng.randint(2, 8))}" for _ in range(rng.randint(1, 4)))
    if kind == 1:
        return "\n".join(
            f"{i}. {_inline(rng, rng.randint(2, 8))}" for i in range(1, rng.randint(2, 5))
        )
    if kind == 2:
        rows = [f"| {_inline(rng, 2)} | {_inline(rng, 3)} |" for _ in range(rng.randint(1, 3))]
        return "\n".join(["| a | b |", "|---|---|", *rows])
    if kind == 3:
        return f"> {_inline(rng, rng.randint(3, 10))}"
    if kind == 4 and rng.random() < 0.3:
        return _inline(rng, 60)  # long: folds even next to a change
    return _inline(rng, rng.randint(3, 20))


def _section(rng: random.Random) -> dict[str, Any]:
    return {
        "title": " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 4))),
        "style": rng.choice(["", "", "", "**", "*"]),
        "level": rng.choice([2, 2, 3]),
        "paragraphs": [_paragraph(rng) for _ in range(rng.randint(0, 5))],
    }


def _markdown(preamble: str, sections: list[dict[str, Any]], numbered: bool) -> str:
    parts = [preamble] if preamble else []
    for index, section in enumerate(sections, 1):
        title, style = section["title"], section["style"]
        written = f"{style}{title}{style}" if style else title
        number = f"{section.get('number', index)}. " if numbered else ""
        parts.append(f"{'#' * section['level']} {number}{written}")
        parts.extend(section["paragraphs"])
    return "\n\n".join(parts) + "\n"


def _next_version(rng: random.Random, sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What an editor does: sections moved, added, removed, renamed, reworded, their
    formatting or a link's target changed, a heading's formatting changed."""
    changed = [dict(s, paragraphs=list(s["paragraphs"])) for s in sections]
    for _ in range(rng.randint(0, 6)):
        edit = rng.randrange(9)
        at = rng.randrange(len(changed)) if changed else 0
        if edit == 0 or not changed:
            changed.insert(at, _section(rng))
        elif edit == 1 and len(changed) > 1:
            del changed[at]
        elif edit == 2 and len(changed) > 1:
            changed.insert(rng.randrange(len(changed)), changed.pop(at))
        elif edit == 3:
            changed[at]["title"] = _reworded(rng, changed[at]["title"], 1).strip() or "x"
        elif edit == 4:
            changed[at]["style"] = rng.choice(["", "**", "*"])
        elif edit == 5 and changed[at]["paragraphs"]:
            paragraphs = changed[at]["paragraphs"]
            i = rng.randrange(len(paragraphs))
            paragraphs[i] = re.sub(
                r"\*\*|https://example\.kz/[abc]",
                lambda m: "" if m[0] == "**" else f"https://example.kz/{rng.choice('abc')}",
                paragraphs[i],
                count=rng.randint(0, 2),
            )
        elif edit == 6 and changed[at]["paragraphs"]:
            paragraphs = changed[at]["paragraphs"]
            i = rng.randrange(len(paragraphs))
            paragraphs[i] = _reworded(rng, paragraphs[i], rng.randint(1, 3))
        elif edit == 7:
            changed[at]["paragraphs"].insert(0, _paragraph(rng))
        else:
            changed[at]["title"] = changed[at]["title"].replace(" ", "  ", 1)  # the same words
    return changed


def _change_result(change: SectionChange) -> dict[str, Any]:
    old, new = change.old, change.new
    blocks = None
    found_folds = None
    if shows_redline(change):
        a = section_blocks(old.body) if old else ()
        b = section_blocks(new.body) if new else ()
        changes = compare_blocks(a, b)
        blocks = _block_changes(changes, a, b)
        found_folds = [list(f) for f in folds(changes)]
    both = old is not None and new is not None
    renamed = None
    if both and ChangeKind.RENAMED in change.kinds:
        assert old is not None and new is not None
        renamed = [new.number or "", _pieces(redline(old.title, new.title))]
    was = None
    if both and {ChangeKind.RENAMED, ChangeKind.RENUMBERED} & set(change.kinds):
        assert old is not None
        was = old.heading
    formatting = None
    if both and ChangeKind.FORMATTED in change.kinds:
        formatting = [f.as_dict() for f in change.formatting]
    return {
        "lineage": change.lineage,
        "kinds": [kind.value for kind in change.kinds],
        "blocks": blocks,
        "folds": found_folds,
        "renamed": renamed,
        "was": was,
        "heading": change.section.heading,
        "formatting": formatting,
    }


def version_vectors(rng: random.Random) -> tuple[list[Any], list[Any]]:
    vectors, expected = [], []
    for _ in range(100):
        sections = [_section(rng) for _ in range(rng.randint(1, 8))]
        preamble = _inline(rng, 8) if rng.random() < 0.3 else ""
        numbered = rng.random() < 0.7
        newer = _next_version(rng, sections)
        if numbered and rng.random() < 0.3:  # numbered as they were: renumbered
            for index, section in enumerate(newer, 1):
                section["number"] = index + 1
        new_preamble = _reworded(rng, preamble, 1) if preamble and rng.random() < 0.5 else preamble
        texts = [_markdown(preamble, sections, numbered), _markdown(new_preamble, newer, numbered)]
        (old, _), (new, changes) = text_changes(texts)
        assert changes is not None
        vectors.append([[section_data(x) for x in old], [section_data(x) for x in new]])
        expected.append([_change_result(change) for change in changes.sections])
    return vectors, expected


def formatting_vectors(rng: random.Random) -> tuple[list[Any], list[Any]]:
    """Texts of links and images whose words stay and whose targets change: what each
    changed, in order."""
    vectors, expected = [], []
    for _ in range(200):
        old = _links(rng) + " " + _links(rng)
        new = re.sub(r"example\.kz/[abc]", lambda _: f"example.kz/{rng.choice('abc')}", old)
        vectors.append(
            [
                {"targets": {kind: targets("", body, kind) for kind in ("link", "image")}}
                for body in (old, new)
            ]
        )
        expected.append([change.as_dict() for change in formatting_changes(old, new)])
    return vectors, expected


def source_vectors(rng: random.Random) -> tuple[list[Any], list[Any]]:
    vectors, expected = [], []
    for _ in range(20):
        ids = [f"2024-{month:02d}-01" for month in range(1, rng.randint(2, 9))]
        reader = rng.choice(["kk", "ru", "en"])
        langs = {id_: rng.choice([reader, "kk"]) for id_ in ids}
        pairs = list(combinations(ids, 2))
        vectors.append([text_languages(langs), [list(p) for p in pairs]])
        expected.append(
            ["read" if compared_as_read(langs[a], langs[b]) else "original" for a, b in pairs]
        )
    return vectors, expected


VECTORS: dict[str, Callable[[random.Random], tuple[list[Any], list[Any]]]] = {
    "texts": text_vectors,
    "words": word_vectors,
    "redline": redline_vectors,
    "blocks": block_vectors,
    "versions": version_vectors,
    "formatting": formatting_vectors,
    "sources": source_vectors,
}
#: The character classes of the rules, and what each is in Python.
CLASSES: dict[str, Callable[[str], bool]] = {
    "word": lambda ch: bool(re.match(r"\w", ch)),
    "letter": str.isalpha,
    "space": str.isspace,
}


# -- running both ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[Any], Any, Any]]:
    """Each kind of vector: the input, Python's results, the script's (JSON both)."""
    if not Path(NODE).is_file():
        pytest.fail(
            f"node not found at {NODE}: run `apt-get install nodejs` (or `make test`, which "
            "installs it as root on Debian), or set NODE to its path"
        )
    rng = random.Random(20251205)
    inputs, expected = {}, {}
    for kind, make in VECTORS.items():
        inputs[kind], found = make(rng)
        expected[kind] = json.loads(json.dumps(found))
    inputs["classes"] = list(CLASSES)
    path = tmp_path_factory.mktemp("compare-rules") / "vectors.json"
    path.write_text(json.dumps({"rules": rules(), "vectors": inputs}), encoding="utf-8")
    run = subprocess.run(
        [NODE, str(RUNNER), str(path)], capture_output=True, text=True, encoding="utf-8"
    )
    if run.returncode != 0:
        pytest.fail(f"{RUNNER.name} failed under {NODE}:\n{run.stderr}")
    script = json.loads(run.stdout)
    return {
        kind: (inputs[kind], expected.get(kind), script[kind]) for kind in (*VECTORS, "classes")
    }


def _first_difference(a: Any, b: Any, path: str = "") -> str | None:
    if isinstance(a, list) and isinstance(b, list):
        for index, (x, y) in enumerate(zip(a, b, strict=False)):
            found = _first_difference(x, y, f"{path}[{index}]")
            if found is not None:
                return found
        return None if len(a) == len(b) else f"{path}: {len(a)} items in Python, {len(b)} here"
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a.keys() | b.keys():
            found = _first_difference(a.get(key), b.get(key), f"{path}.{key}")
            if found is not None:
                return found
        return None
    return None if a == b else f"{path}: Python {a!r}, script {b!r}"


def _shown(value: Any, limit: int = 1500) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def _agree(compared: dict[str, tuple[list[Any], Any, Any]], kind: str) -> None:
    inputs, python, script = compared[kind]
    assert len(script) == len(python)
    for index, (given, ours, theirs) in enumerate(zip(inputs, python, script, strict=True)):
        if ours != theirs:
            pytest.fail(
                f"compare_rules.js and the build differ on {kind} vector {index}, at "
                f"{_first_difference(ours, theirs)}\n"
                f"  input:  {_shown(given)}\n"
                f"  Python: {_shown(ours)}\n"
                f"  script: {_shown(theirs)}",
                pytrace=False,
            )


@pytest.mark.parametrize("kind", list(VECTORS))
def test_the_script_follows_the_build(compared: dict[str, Any], kind: str) -> None:
    """texts: tokens, whitespace folded and at the edges of a mark, lines; words: a
    styled redline; redline: a plain one, past the word limit too; blocks: alignment,
    pairing past its limit, a rewritten block, folds; versions: kinds, which sections
    show a redline, their blocks and folds, headings and renamed titles, formatting said
    in words; sources: the texts a pair is compared in."""
    _agree(compared, kind)


@cache
def _known() -> tuple[str, bytes]:
    """Every code point as one string, and which of them Python's Unicode database assigns
    (1) or not (0): a browser may know a newer Unicode, whose letters are nothing here."""
    characters = (
        array("I", range(sys.maxunicode + 1)).tobytes().decode("utf-32-le", "surrogatepass")
    )
    assigned = bytes(
        0 if 0xD800 <= ord(ch) < 0xE000 or unicodedata.category(ch) == "Cn" else 1
        for ch in characters
    )
    return characters, assigned


@pytest.mark.parametrize("name", list(CLASSES))
def test_the_scripts_character_classes_are_pythons(compared: dict[str, Any], name: str) -> None:
    """Every code point both know is a word's character (`\\w`), a letter (`str.isalpha`)
    or whitespace (`str.isspace`) in the browser as in Python."""
    characters, assigned = _known()
    python = bytes(map(CLASSES[name], characters))
    script = bytearray(len(characters))
    for first, last in compared["classes"][2][name]:
        script[first : last + 1] = b"\x01" * (last - first + 1)
    # Quick with whole numbers; the first difference is looked for only when there is one.
    as_number = int.from_bytes
    if (as_number(python, "big") ^ as_number(script, "big")) & as_number(assigned, "big"):
        code = next(c for c in range(len(characters)) if assigned[c] and python[c] != script[c])
        said = "matches" if script[code] else "does not match"
        pytest.fail(
            f"rules()[{name!r}] {said} U+{code:04X} ({unicodedata.name(chr(code), '?')}), "
            f"Python's class {'does not' if script[code] else 'does'}",
            pytrace=False,
        )
