"""Importing a policy: flat text, Markdown or an HTML page -> a policy file.

Policies are often copied from a website as flat text in which each numbered
heading runs into the first sentence of its section (seed 000:
`3. Жиналатын деректер Сайтты пайдалану кезінде ...`). A line that starts with
the next section number is a heading; its title is the words up to the first
capitalised word after the first one, which starts the section's text. The
result is meant to be read once by an editor before it is committed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import cast

import yaml
from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter

from policysite.addresses import is_remote
from policysite.compare.sections import Section, parse_sections
from policysite.errors import UsageError

_NUMBERED = re.compile(r"^(?P<number>\d+)\.\s+(?P<rest>\S.*)$")


def flat_text_to_markdown(text: str, level: int = 2) -> str:
    """Turn numbered lines (`1.`, `2.`, … in sequence) into headings of `level`."""
    out: list[str] = []
    expected = 1
    for line in text.replace("\r\n", "\n").split("\n"):
        match = _NUMBERED.match(line.strip())
        if match is None or int(match["number"]) != expected:
            if line.startswith("- ") and out and out[-1] and not out[-1].startswith("- "):
                out.append("")  # a list needs a blank line after the paragraph it follows
            out.append(line.rstrip())
            continue
        expected += 1
        title, body = _split_title(match["rest"])
        out.extend(["", f"{'#' * level} {match['number']}. {title}", ""])
        if body:
            out.append(body)
    return "\n".join(out).strip("\n") + "\n"


def _split_title(rest: str) -> tuple[str, str]:
    """`Жиналатын деректер Сайтты пайдалану` -> (`Жиналатын деректер`, `Сайтты пайдалану`)."""
    words = rest.split(" ")
    for index, word in enumerate(words[1:], start=1):
        if word[:1].isupper():
            return " ".join(words[:index]), " ".join(words[index:])
    return rest, ""


class ImportFormat(StrEnum):
    HTML = "html"
    MARKDOWN = "markdown"
    FLAT = "flat text"


@dataclass(frozen=True)
class ImportedPolicy:
    """A policy brought into the site's form: front matter, then sectioned Markdown."""

    format: ImportFormat
    title: str
    text: str
    sections: tuple[Section, ...]
    #: Images from other hosts: made links (with a description) or dropped (without one,
    #: as tracking pixels are).
    remote_images: int = 0
    #: The input's own front matter: the keys used (title, date), and those left out.
    front_used: tuple[str, ...] = ()
    front_dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrontMatter:
    """The front matter a text brought from another tool (Jekyll, Docusaurus, Hugo): YAML
    between `---` lines, or TOML between `+++` lines."""

    values: dict[str, object]
    #: The text after it.
    rest: str

    #: The keys that give the policy's title and effective date, in order of preference.
    TITLE = ("title",)
    DATE = ("effective", "date", "last_modified_at", "lastmod", "last_update")

    @property
    def title(self) -> str | None:
        found = next((self.values[k] for k in self.TITLE if self.values.get(k)), None)
        return str(found).strip() if found is not None else None

    @property
    def effective(self) -> date | None:
        for key in self.DATE:
            value = self.values.get(key)
            if isinstance(value, dict):  # Docusaurus: last_update: {date: ...}
                value = value.get("date")
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
            if isinstance(value, str):
                try:
                    return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
                except ValueError:
                    continue
        return None

    def used(self) -> tuple[str, ...]:
        keys = [next((k for k in self.TITLE if self.values.get(k)), None)]
        keys.append(next((k for k in self.DATE if self.values.get(k) is not None), None))
        return tuple(k for k in keys if k)


_YAML_FRONT = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL
)
_TOML_FRONT = re.compile(
    r"\A\ufeff?\+\+\+[ \t]*\r?\n(.*?\r?\n)?\+\+\+[ \t]*(?:\r?\n|\Z)", re.DOTALL
)


def front_matter(text: str, path: str = "the text") -> FrontMatter | None:
    """The text's own front matter, if it starts with one; UsageError if it cannot be read."""
    yaml_found, toml_found = _YAML_FRONT.match(text), _TOML_FRONT.match(text)
    found = yaml_found or toml_found
    if found is None:
        return None
    try:
        read = yaml.safe_load if yaml_found else tomllib.loads
        values = read(found[1] or "")
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as error:
        raise UsageError(
            f"{path}: its front matter cannot be read ({error}); fix it, or remove it and give "
            "--title and --effective"
        ) from None
    if not isinstance(values, dict):
        return None  # a `---` rule, not front matter
    return FrontMatter({str(k): v for k, v in values.items()}, text[found.end() :])


_HTML = re.compile(r"<\s*(html|body|article|main|p|div|h[1-6]|ul|ol|table)\b", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)


def detect_format(text: str) -> ImportFormat:
    if _HTML.search(text):
        return ImportFormat.HTML
    if _MARKDOWN_HEADING.search(text):
        return ImportFormat.MARKDOWN
    return ImportFormat.FLAT


def import_policy(
    text: str, effective: date | None, title: str | None = None, path: str = "the text"
) -> ImportedPolicy:
    """Plain text, Markdown or an HTML page -> a policy file with consistent headings.

    Front matter the text brings (Jekyll, Docusaurus, Hugo) is read, not imported as text:
    its title and date are the defaults of `title` and `effective`, the rest is left out
    (and said). HTML goes through markdownify; flat text through `flat_text_to_markdown`;
    then every heading is written at the level of its place in the outline (`##` for
    top-level sections), and a heading that names the whole document becomes the title
    unless one is given. Without a title or a date, a UsageError about `path`.
    """
    front = front_matter(text, path)
    if front is not None:
        text = front.rest
        title = title or front.title
        effective = effective or front.effective
    kind = detect_format(text)
    if kind == ImportFormat.HTML:
        markdown = _html_to_markdown(text, path)
    elif kind == ImportFormat.FLAT:
        markdown = flat_text_to_markdown(text)
    else:
        markdown = text
    markdown, remote = _without_remote_images(markdown)
    document = parse_sections(markdown.replace("\r\n", "\n"))
    parts: list[str] = []
    for section in document.sections:
        if not section.is_preamble:
            anchor = f" {{#{section.anchor}}}" if section.anchor else ""
            parts.append(f"{'#' * min(section.depth + 1, 6)} {section.heading}{anchor}")
        if section.body.strip():
            parts.append(_tidy(section.body))
    chosen = title or document.title
    if not chosen:
        raise UsageError(
            f"{path}: the text names no title (no heading of the whole document, no 'title' "
            "in its front matter); give one with --title"
        )
    if effective is None:
        raise UsageError(
            f"{path}: no effective date: give one with --effective YYYY-MM-DD (the text's "
            "front matter has no date either)"
        )
    body = "\n\n".join(parts).strip() + "\n"
    written = yaml.safe_dump({"title": chosen}, allow_unicode=True, width=1000)
    text = f"---\n{written}effective: {effective.isoformat()}\n---\n\n{body}"
    used = front.used() if front else ()
    dropped = tuple(sorted(k for k in front.values if k not in used)) if front else ()
    return ImportedPolicy(kind, chosen, text, document.sections, remote, used, dropped)


#: Nesting past which wrapper elements are unwrapped: markdownify converts recursively,
#: and generated pages nest `div`s by the thousand.
DEEP = 200
_WRAPPERS = ("div", "span", "section", "font", "center")


def _html_to_markdown(html: str, path: str) -> str:
    """The page's main text as Markdown: scripts, styles, head, navigation and footer dropped."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head", "nav", "footer", "noscript", "template"]):
        tag.decompose()
    if _depth(soup) > DEEP:
        # A wrapper holding one element and no text of its own adds nothing to the text.
        for tag in soup.find_all(_WRAPPERS):
            if len(tag.find_all(recursive=False)) == 1 and not tag.find(
                string=True, recursive=False
            ):
                tag.unwrap()
    main = soup.find("main") or soup.find("article") or soup.body or soup
    converter = MarkdownConverter(heading_style="ATX", bullets="-")
    try:
        return str(converter.convert_soup(main))
    except RecursionError:
        raise UsageError(
            f"{path}: the page nests its elements too deeply to be read ({_depth(soup)} levels); "
            "copy its text into a plain text file and import that"
        ) from None


def _depth(soup: BeautifulSoup) -> int:
    """How deep the elements nest, found without recursion."""
    deepest, stack = 0, [(cast(Tag, soup), 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.find_all(recursive=False))
    return deepest


_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _without_remote_images(markdown: str) -> tuple[str, int]:
    """No image from another host in a policy (every page would load it): one with a
    description becomes a link to it, one without (a tracking pixel) goes."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        alt, src = match[1], match[2]
        if not is_remote(src):
            return match[0]
        count += 1
        return f"[{alt}]({src})" if alt.strip() else ""

    return _IMAGE.sub(replace, markdown), count


def _tidy(body: str) -> str:
    """Blank lines at most one in a row; a list not broken by blank lines between its items."""
    body = re.sub(r"\n{3,}", "\n\n", body.strip("\n"))
    return re.sub(r"^(- .*)\n\n(?=- )", r"\1\n", body, flags=re.MULTILINE)
