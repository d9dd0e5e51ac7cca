"""Markdown -> sections: a heading and the text under it, up to the next heading.

Headings are found with markdown-it-py, so a `#` inside a code fence or an
indented block is text. A heading is read as a reader sees it: `## [**Welcome!**](#welcome)`
is titled "Welcome!" (its Markdown is kept to show it as written, `Section.markup`), and
ids, numbers, matching and every place that shows text only use that plain title. A
heading's leading number (`5.`, `5.1.`, `V.`, `5)`) is kept apart from its title, and the
outline depth comes from the numbering where there is one: in seed 004 sections 1-4 are
`###` and 5-12 are `##`, yet a reader sees twelve siblings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from policysite.compare.text import text_parser

_NUMBER = re.compile(
    r"""^(?P<number>
        (?:\d+\.)+\d*      # 5.  5.1.  5.1
      | \d+\)              # 5)
      | [IVXLC]+[.)]       # V.  IV)
    )(?:\s+(?P<title>.*))?$""",
    re.VERBOSE,
)
#: A Markdown backslash escape (`1\.`, `\*`): the reader sees the character alone.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ANCHOR = re.compile(r"\s*\{\s*:?\s*#(?P<id>[A-Za-z][\w-]*)\s*\}\s*$")


@dataclass(frozen=True)
class Section:
    """A heading and its text. The preamble (text before any heading) has level 0."""

    number: str | None
    title: str
    anchor: str | None
    #: Heading level as written (1-6); 0 for the preamble.
    level: int
    #: Place in the outline: 1 for top-level sections, 0 for the preamble.
    depth: int
    body: str
    #: 1-based line of the heading (or of the preamble's first line) in the file.
    line: int
    #: The heading as a reader sees it, number included, where its number was escaped
    #: (`6\\. Termination`): ids were made from the whole heading before such numbers
    #: were read as numbers, and the addresses published with them stay
    #: (`lineage._base_id`).
    written: str | None = None
    #: The heading's inline Markdown as written, number included (`**1. Scope**`), where
    #: it is more than its plain text: what the pages render (`render/headings.py`).
    markup: str | None = None
    #: The title as ids were made from it before headings were read as plain text
    #: (`[Welcome](#welcome)` whole), where the id it gives differs: the addresses
    #: published with those ids are kept (`lineage.earlier_id`).
    earlier_title: str | None = None

    @property
    def is_preamble(self) -> bool:
        return self.level == 0

    @property
    def heading(self) -> str:
        """Number and title as a reader sees them, as plain text."""
        return " ".join(part for part in (self.number, self.title) if part)

    @property
    def heading_markup(self) -> str:
        """The heading as inline Markdown: as written, or the plain heading escaped."""
        return self.markup if self.markup is not None else _escaped(self.heading)


@dataclass(frozen=True)
class Document:
    #: A leading heading that names the whole document rather than a section.
    title: str | None
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str
    start: int  # 0-based first line of the heading
    end: int  # 0-based line after the heading


@cache
def _parser() -> MarkdownIt:
    # Block structure only: headings' text is kept as written, and parsing the inline
    # Markdown of every paragraph took most of the time.
    return MarkdownIt("commonmark").enable("table").disable("inline")


#: The HTML a policy may write (`render/templating.ALLOWED_HTML`), as plain text: a line
#: break is a space, a superscript's tags are nothing.
_ALLOWED_TAG = re.compile(r"<br\s*/?>|</?su[pb]>")
_MARKUP = re.compile(r"[\\`*_\[\]<>&!]")


@lru_cache(maxsize=1 << 14)
def plain_text(markdown: str) -> str:
    """Inline Markdown as the text a reader sees: `[**Welcome!**](#welcome)` -> `Welcome!`
    (link and image targets, emphasis and escapes are not text)."""
    if not _MARKUP.search(markdown):
        return markdown
    parts: list[str] = []
    for block in text_parser().parseInline(markdown):
        for token in _leaves(block.children or []):
            if token.type in ("text", "code_inline"):
                parts.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    text = _ALLOWED_TAG.sub(lambda m: " " if m[0].startswith("<br") else "", "".join(parts))
    return " ".join(text.split())


def _leaves(tokens: list[Token]) -> list[Token]:
    """Inline tokens with an image's description in its place."""
    found: list[Token] = []
    for token in tokens:
        found.extend(_leaves(token.children or []) if token.type == "image" else [token])
    return found


def _escaped(text: str) -> str:
    """Plain text as inline Markdown that reads as exactly that text."""
    return re.sub(r"([\\`*_\[\]<>&!{}#|])", r"\\\1", text)


def split_number(text: str) -> tuple[str | None, str]:
    """`"5.1. Cookies"` -> `("5.1.", "Cookies")`; `"Cookies"` -> `(None, "Cookies")`.

    Backslash escapes are resolved first, as a reader sees the heading: `1\\. Scope` (as
    converters write a number that must not start a list) is section `1.` "Scope"."""
    return _split(_ESCAPE.sub(r"\1", text))


def _split(plain: str) -> tuple[str | None, str]:
    match = _NUMBER.match(plain)
    if not match:
        return None, plain
    return match["number"], (match["title"] or "").strip()


@dataclass(frozen=True)
class _Read:
    """A heading's text read: as written (without its `{#id}`), its id, and as plain text."""

    written: str
    anchor: str | None
    plain: str


def _read(text: str) -> _Read:
    anchor = None
    if match := _ANCHOR.search(text):
        text, anchor = text[: match.start()], match["id"]
    return _Read(text.strip(), anchor, plain_text(text.strip()))


def _number_style(number: str) -> str:
    """Numbers of one style are siblings: `1.` and `12.`; `1.1` nests under them."""
    if number.endswith(")") and number[0].isdigit():
        return "paren"
    if number[0] in "IVXLC":
        return "roman"
    return f"arabic{len([part for part in number.split('.') if part])}"


def parse_sections(markdown: str, first_line: int = 1) -> Document:
    """Split Markdown into sections; `first_line` is the file line where `markdown` starts."""
    lines = markdown.split("\n")
    headings = [
        _Heading(int(token.tag[1]), tokens[i + 1].content.strip(), token.map[0], token.map[1])
        for tokens in (_parser().parse(markdown),)
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.map is not None
    ]

    doc_title: str | None = None
    preamble_spans = [(0, headings[0].start if headings else len(lines))]
    if headings and _is_document_title(headings, lines):
        doc_title = _read(headings[0].text).plain
        preamble_spans.append(
            (headings[0].end, headings[1].start if len(headings) > 1 else len(lines))
        )
        headings = headings[1:]

    sections: list[Section] = []
    parts = [(start, _text(lines, start, end)) for start, end in preamble_spans]
    parts = [(start, text) for start, text in parts if text.strip()]
    if parts:
        start = parts[0][0]
        while not lines[start].strip():
            start += 1
        preamble = "\n\n".join(text for _, text in parts)
        sections.append(Section(None, "", None, 0, 0, preamble, first_line + start))

    depths = _outline_depths(headings)
    for index, (heading, depth) in enumerate(zip(headings, depths, strict=True)):
        read = _read(heading.text)
        number, title = _split(read.plain)
        # Ids were made from the heading as written before (`Section.written`,
        # `Section.earlier_title`): what that gave is kept where it differs.
        earlier_number, earlier_title = split_number(read.written)
        escaped_number = earlier_number is not None and _NUMBER.match(read.written) is None
        end = headings[index + 1].start if index + 1 < len(headings) else len(lines)
        sections.append(
            Section(
                number=number,
                title=title,
                anchor=read.anchor,
                level=heading.level,
                depth=depth,
                body=_text(lines, heading.end, end),
                line=first_line + heading.start,
                written=read.plain if escaped_number else None,
                markup=read.written if read.written != read.plain else None,
                earlier_title=_earlier(read, escaped_number, earlier_title, title),
            )
        )
    return Document(doc_title, tuple(sections))


def _earlier(read: _Read, escaped_number: bool, earlier_title: str, title: str) -> str | None:
    """The title the section's id was made from when headings were read as written, where
    it is not the one made now: the whole heading for an escaped number (`Section.written`),
    else the title as written."""
    if escaped_number:
        return read.written if read.written != read.plain else None
    return earlier_title if earlier_title != title else None


def _text(lines: list[str], start: int, end: int) -> str:
    return "\n".join(lines[start:end]).strip("\n")


def _is_document_title(headings: list[_Heading], lines: list[str]) -> bool:
    """A first heading that is the only H1, or an unnumbered outermost heading with no text."""
    first, rest = headings[0], headings[1:]
    if first.level == 1 and all(h.level > 1 for h in rest):
        return True
    if not rest or _split(_read(first.text).plain)[0] is not None:
        return False
    empty = not _text(lines, first.end, rest[0].start).strip()
    return empty and all(first.level <= h.level for h in rest)


def _first_depth(
    style: str, level: int, style_depth: dict[str, int], open_levels: list[tuple[int, int]]
) -> int:
    """Depth of the first heading numbered in a new style.

    `5.1` nests under the depth of `5.` whatever the heading levels say;
    another new style (`I.` then `1.`) nests by heading level.
    """
    if style.startswith("arabic") and (parent := f"arabic{int(style[6:]) - 1}") in style_depth:
        return style_depth[parent] + 1
    enclosing = [depth for open_level, depth in open_levels if open_level < level]
    return enclosing[-1] + 1 if enclosing else 1


def _outline_depths(headings: list[_Heading]) -> list[int]:
    """Depth of each heading: numbering decides where present, heading levels elsewhere."""
    style_depth: dict[str, int] = {}
    open_levels: list[tuple[int, int]] = []  # (level, depth) of the enclosing headings
    depths: list[int] = []
    for heading in headings:
        number, _ = _split(_read(heading.text).plain)
        if number is not None:
            style = _number_style(number)
            if style not in style_depth:
                style_depth[style] = _first_depth(style, heading.level, style_depth, open_levels)
            depth = style_depth[style]
        else:
            while open_levels and open_levels[-1][0] >= heading.level:
                open_levels.pop()
            depth = open_levels[-1][1] + 1 if open_levels else 1
        while open_levels and open_levels[-1][1] >= depth:
            open_levels.pop()
        open_levels.append((heading.level, depth))
        depths.append(depth)
    return depths
