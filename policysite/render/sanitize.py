"""The HTML of every generated page, sanitised with nh3 before it is published.

Policy text is already rendered with raw HTML off and every value is escaped by
the templates; this is the second wall. It keeps exactly the elements and
attributes the generated pages use (Markdown, Material's admonitions and
permalinks, redlines, the compare form) and drops anything else: `<script>`,
event handlers, `javascript:` links, styles, and an image from another host.
"""

from __future__ import annotations

from functools import cache

import nh3

from policysite.addresses import is_remote

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "button", "caption", "code", "col", "colgroup",
    "dd", "del", "details", "div", "dl", "dt", "em", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "ol", "option", "p", "pre", "s",
    "section", "select", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    # The history's timeline picture (timeline_picture.py).
    "svg", "title", "desc", "line", "circle", "polygon", "text",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title", "role", "aria-live", "aria-label", "hidden"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "details": {"open"},
    "form": {"method", "action"},
    "label": {"for"},
    "select": {"name"},
    "option": {"value", "selected"},
    "button": {"type"},
    "input": {"type", "name", "value", "required", "min", "max"},
    "svg": {"viewBox", "role", "aria-labelledby"},
    "line": {"x1", "y1", "x2", "y2"},
    "circle": {"cx", "cy", "r"},
    "polygon": {"points"},
    "text": {"x", "y", "text-anchor"},
}


def _same_site(tag: str, attribute: str, value: str) -> str | None:
    """An image is loaded only from the site itself: a source on another host is dropped."""
    if tag == "img" and attribute == "src" and is_remote(value):
        return None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_same_site,
        generic_attribute_prefixes={"data-"},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


def sanitize(html: str) -> str:
    """The fragment with only what the generated pages use."""
    return _cleaner().clean(html)
