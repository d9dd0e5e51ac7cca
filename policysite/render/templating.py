"""The one escaping regime of everything generated: Jinja templates, and the policy text as safe HTML.

Templates live in `policysite/render/templates/`; no HTML or Markdown is put
together in Python anywhere else. Every value a `.md.j2` template prints (a
Markdown page, or the pull-request summary) is escaped for Markdown unless it
is a `Markdown` or `Markup` instance (a link, or a fragment rendered by another
template), so a title or commit message is shown as text, never interpreted.
`.html.j2` and `.svg.j2` templates are HTML fragments with Jinja's own
autoescaping, and so are `.xsl.j2` ones (XML, which HTML's escapes suit). The two
filters `front_matter` and `code` escape for the two other places a value goes: a
page's YAML front matter, and a Markdown code span.

Policy text is rendered by markdown-it-py with raw HTML turned off, so a policy
that contains `<script>` shows it as text; only its headings are left to
Python-Markdown, for the table of contents and the anchors.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote, unquote

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from policysite.addresses import is_remote
from policysite.compare.text import link_targets, new_text_parser
from policysite.render.anchors import UNLINKED, ResolvedLinks, TextLinks
from policysite.render.strings import Strings, fill


class Markdown(str):
    """Text that is already Markdown and is printed as it is."""

    __slots__ = ()


# Characters Python-Markdown may read as markup anywhere in a line: emphasis,
# code, links, attribute lists, table cells and escapes.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]|])")
_FOLD = re.compile(r"[ \t\r\n\f\v]+")
# Block markers that count only at the start of a line: headings, lists, quotes.
_MD_LINE_START = re.compile(r"^(#|[-+]|\d+[.)])")
_TRAILING_HASHES = re.compile(r"(?<!\\)#+$")


def md_escape(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text, on one line."""
    return _line_escape(_inline_escape(str(text)).strip(" "))


def _inline_escape(text: str) -> str:
    """Plain text -> Markdown for the middle of a line (its blanks kept at both ends)."""
    # Only line breaks and ASCII blanks fold: a no-break space (U+00A0, U+202F in
    # "2025 ж.") must survive, or a date breaks across lines.
    text = _FOLD.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_INLINE.sub(r"\\\1", text)


def _line_escape(text: str) -> str:
    """A line of Markdown whose first and last characters are not read as markup."""
    # `\#`, `\-`, `\+` or `12\.`: the escape goes before the marker's last character.
    text = _MD_LINE_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)
    # A heading's closing `#`s are dropped ("Policy for C#" would lose its `#`).
    return _TRAILING_HASHES.sub(lambda m: "\\#" * len(m[0]), text)


def sentence(t: Strings, key: str, **values: object) -> Markdown:
    """A catalog sentence with links in it: the sentence's own words and its plain
    values escaped for Markdown, its Markdown values (`Links`) kept as they are."""
    kept: dict[str, object] = {
        k: v if isinstance(v, Markdown) else md_escape(str(v)) for k, v in values.items()
    }
    return Markdown(_line_escape(fill(t.text(key), kept, escape=_inline_escape).strip(" ")))


def _finalize(value: object) -> object:
    if isinstance(value, Markdown | Markup | int | float):
        return value
    return md_escape(str(value))


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("policysite.render", "templates"),
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # output is Markdown; `_finalize` escapes for it
    )
    env.globals["sentence"] = sentence
    env.filters["front_matter"] = _front_matter
    env.filters["code"] = _code_span
    return env


def _code_span(value: object) -> Markdown:
    """Text as a Markdown code span, fenced by more backticks than it holds in a row."""
    text = _FOLD.sub(" ", str(value)).strip(" ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return Markdown(f"{fence}{padded}{fence}")


def _front_matter(meta: dict[str, object]) -> Markdown:
    # MkDocs puts a page's title into the theme's HTML as it is (navigation, header):
    # it must be HTML already, so a policy titled "<img onerror=…>" shows as text.
    if isinstance(meta.get("title"), str):
        meta = {**meta, "title": html.escape(str(meta["title"]), quote=False)}
    dumped = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return Markdown(f"---\n{dumped}---\n")


# libyaml's dumper where PyYAML has it (30 times faster than the pure-Python one).
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_templates() -> None:
    """Compile every template now: worker processes forked afterwards share them
    instead of each compiling its own."""
    for name in environment().list_templates(extensions=["j2"]):
        html = name.endswith(_AUTOESCAPED)
        (_html_environment() if html else environment()).get_template(name)


def render(template: str, **values: object) -> str:
    """Render a Markdown template (`.md.j2`) from `policysite/render/templates/`."""
    return environment().get_template(template).render(**values)


#: Templates of HTML or XML, escaped by Jinja's autoescaping.
_AUTOESCAPED = ("html.j2", "svg.j2", "xsl.j2")


@cache
def _html_environment() -> Environment:
    return Environment(
        loader=PackageLoader("policysite.render", "templates"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(_AUTOESCAPED),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(template: str, **values: object) -> Markup:
    """Render an HTML fragment (`.html.j2`, `.svg.j2`) or XML (`.xsl.j2`) template; every
    value is HTML-escaped."""
    return Markup(_html_environment().get_template(template).render(**values))


@cache
def _policy_text_parser() -> MarkdownIt:
    # commonmark with raw HTML off: `<script>` in a policy is text. Links to
    # javascript: and the like are dropped by markdown-it's validateLink.
    parser = new_text_parser()
    parser.add_render_rule("image", _image)
    parser.add_render_rule("link_open", _link_open)
    parser.add_render_rule("link_close", _link_close)
    return parser


def _link_open(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    """A link as the text's links lead on this page (`anchors.TextLinks`): to a section's
    anchor, another policy's page, or, leading nowhere here, its text alone."""
    token = tokens[index]
    links = env.get("links")
    target = links.target(str(token.attrGet("href") or "")) if links is not None else None
    if links is not None and target is None:
        env.setdefault("dead", []).append(True)
        return str(render_html("dead_link_open.html.j2", unlinked=links.unlinked))
    if target is not None:
        token.attrSet("href", target)
    env.setdefault("dead", []).append(False)
    return str(self.renderToken(tokens, index, options, env))


def _link_close(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    dead = env.get("dead") or [False]
    if dead.pop():
        return "</span>"
    return str(self.renderToken(tokens, index, options, env))


def _image(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    """An image the site publishes (`history/images.py`) is shown from its address there.
    Any other is never loaded: one from another host is shown as a link to it (lint and
    the build refuse such images in a text not yet published), one the site does not
    publish (not an image, or a draft's) as its description."""
    token = tokens[index]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    if is_remote(src):
        return str(render_html("remote_image.html.j2", src=src, alt=alt or src))
    published = dict(env.get("images", ())).get(src)
    if published is None:
        return str(render_html("unpublished_image.html.j2", alt=alt or unquote(src)))
    token.attrSet("src", quote(published))
    return str(self.image(tokens, index, options, env))


#: The only HTML a policy may contain, exactly as written here (no attributes); the
#: lint refuses any other, and the text shows any other as text.
ALLOWED_HTML = ("<br>", "<br/>", "<br />", "<sup>", "</sup>", "<sub>", "</sub>")
_ALLOWED_ESCAPED = re.compile(
    "|".join(re.escape(tag.replace("<", "&lt;").replace(">", "&gt;")) for tag in ALLOWED_HTML)
)


@lru_cache(maxsize=1 << 16)  # a section's text is shown on many pages, in many languages
def policy_html(
    markdown_text: str,
    images: tuple[tuple[str, str], ...] = (),
    links: ResolvedLinks | None = None,
) -> Markup:
    """A section's Markdown as HTML, with any HTML written in it escaped but the
    `ALLOWED_HTML` tags (line breaks, superscripts, subscripts); `images` gives the address
    of each image from the repository, by the path the text writes, and `links` where
    the text's links lead on this page."""
    env = {"images": images, "links": links}
    html = _policy_text_parser().render(markdown_text, env).strip()
    return Markup(_allowed_html(html))


def _allowed_html(html: str) -> str:
    return _ALLOWED_ESCAPED.sub(lambda m: m[0].replace("&lt;", "<").replace("&gt;", ">"), html)


def heading_html(markup: str, links: TextLinks | None = None) -> Markup:
    """A heading's inline Markdown (`Section.heading_markup`) as HTML, as its author
    wrote it: emphasis, code, links (leading where `links` says)."""
    return _heading_html(markup, links.only(link_targets(markup)) if links else None)


@lru_cache(maxsize=1 << 14)
def _heading_html(markup: str, links: ResolvedLinks | None) -> Markup:
    env = {"links": links}
    html = _policy_text_parser().renderInline(markup, env).strip()
    return Markup(_allowed_html(html))


#: What Python-Markdown would read as Markdown in a heading's HTML put into a page's
#: Markdown (`text.md.j2`); written as character references, they are text.
_PYMD_ACTIVE = re.compile(r"(<[^>]*>)|([\\`*_{}\[\]()#!|~^=+-])")


@lru_cache(maxsize=1 << 14)
def _is_one_link(markup: str) -> bool:
    """Whether a heading is one link and nothing else (`[**Welcome!**](#welcome)`)."""
    children = [
        c for block in _policy_text_parser().parseInline(markup) for c in block.children or []
    ]
    opened = [token for token in children if token.type == "link_open"]
    return (
        len(opened) == 1 and children[0].type == "link_open" and children[-1].type == "link_close"
    )


def heading_markdown(markup: str, links: TextLinks | None = None) -> Markdown:
    """A heading for a Markdown page that Python-Markdown turns into the heading and its
    table-of-contents entry: its HTML (`heading_html`), with every character Python-Markdown
    would read as Markdown written as a character reference. A heading that is one link
    keeps it; a link beside other text shows its text alone, as the table of contents
    makes the whole entry a link (Material's typeset plugin unwraps only a leading one)."""
    html = heading_html(markup, links if _is_one_link(markup) else UNLINKED)
    if not html.strip():
        return Markdown("&nbsp;")  # an empty heading keeps its anchor (`{#id}` needs text)
    return Markdown(
        _PYMD_ACTIVE.sub(lambda m: m[1] or f"&#{ord(m[2])};", _FOLD.sub(" ", str(html)))
    )
