"""Markdown -> sections: a heading and the text under it, up to the next heading.

Headings are found with markdown-it-py, so a `#` inside a code fence or an
indented block is text. A heading's leading number (`5.`, `5.1.`, `V.`, `5)`)
is kept apart from its title, and the outline depth comes from the numbering
where there is one: in seed 004 sections 1-4 are `###` and 5-12 are `##`, yet a
reader sees twelve siblings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt

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
    #: The heading as written, where its number was escaped (`6\\. Termination`): ids
    #: were made from it before such numbers were read as numbers, and the addresses
    #: published with them stay (`lineage._base_id`).
    written: str | None = None

    @property
    def is_preamble(self) -> bool:
        return self.level == 0

    @property
    def heading(self) -> str:
        """Number and title as a reader sees them."""
        return " ".join(part for part in (self.number, self.title) if part)


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


def split_number(text: str) -> tuple[str | None, str]:
    """`"5.1. Cookies"` -> `("5.1.", "Cookies")`; `"Cookies"` -> `(None, "Cookies")`.

    Backslash escapes are resolved first, as a reader sees the heading: `1\\. Scope` (as
    converters write a number that must not start a list) is section `1.` "Scope"."""
    text = _ESCAPE.sub(r"\1", text)
    match = _NUMBER.match(text)
    if not match:
        return None, text
    return match["number"], (match["title"] or "").strip()


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
        doc_title = _ANCHOR.sub("", headings[0].text)
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
        text, anchor = heading.text, None
        if match := _ANCHOR.search(text):
            text, anchor = text[: match.start()], match["id"]
        number, title = split_number(text)
        escaped_number = number is not None and _NUMBER.match(text) is None
        end = headings[index + 1].start if index + 1 < len(headings) else len(lines)
        sections.append(
            Section(
                number=number,
                title=title,
                anchor=anchor,
                level=heading.level,
                depth=depth,
                body=_text(lines, heading.end, end),
                line=first_line + heading.start,
                written=text.strip() if escaped_number else None,
            )
        )
    return Document(doc_title, tuple(sections))


def _text(lines: list[str], start: int, end: int) -> str:
    return "\n".join(lines[start:end]).strip("\n")


def _is_document_title(headings: list[_Heading], lines: list[str]) -> bool:
    """A first heading that is the only H1, or an unnumbered outermost heading with no text."""
    first, rest = headings[0], headings[1:]
    if first.level == 1 and all(h.level > 1 for h in rest):
        return True
    if not rest or split_number(first.text)[0] is not None:
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
        number, _ = split_number(_ANCHOR.sub("", heading.text))
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
