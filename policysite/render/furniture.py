"""What every page carries besides its content: Material's words in the page's language
where Material has none of its own (the title of each heading's permanent link, which
MkDocs' `toc` extension writes in English), the head's language alternates and search
worker as the site wants them, and the page's Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib
import re

from markupsafe import Markup

from policysite.render.strings import Strings

#: What the `toc` extension writes (`permalink_title`, left at its default in mkdocs.yml).
_PERMALINK_TITLE = 'class="headerlink" href="#'


def localize_permalinks(html: str, lang: str) -> str:
    """Each heading's "Permanent link" title in `lang`."""
    if _PERMALINK_TITLE not in html:
        return html
    title = Strings(lang)("permalink.title").replace('"', "&quot;")
    return html.replace('title="Permanent link">', f'title="{title}">')


#: Material's `<link rel="alternate" href=… hreflang=…>`, one per language of the page.
_LANGUAGE_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def without_language_alternates(head: str) -> Markup:
    """The head without the page's language alternates.

    Material reads `sitemap.xml` beside every `<link rel="alternate">` of a page, and
    mkdocs-static-i18n names the page itself in each language (`/ru/getx/privacy/`):
    each page view asked for a sitemap under every page, and got a 404. The site's
    sitemaps give every page's alternates to search engines (`xhtml:link hreflang`),
    and the language links in the header already lead to the same page."""
    return Markup(_LANGUAGE_ALTERNATE.sub("", head))


#: Material's search worker in its page configuration (`"search": "…/search.<hash>.min.js"`).
_SEARCH_WORKER = re.compile(r'("search": "[^"]*?assets/javascripts/)workers/search\.\w+\.min\.js"')
SEARCH_WORKER = "policysite/search_worker.js"


def with_site_search(config: str) -> Markup:
    """Material's page configuration naming the site's search worker in place of
    Material's (overrides/assets/javascripts/policysite/search_worker.js): the same
    messages, with the query stemmed like the index in the page's language.

    Raises ValueError when the configuration names no search worker where Material has
    always put it: a Material upgrade that moves it must not leave search unstemmed."""
    replaced, count = _SEARCH_WORKER.subn(rf'\g<1>{SEARCH_WORKER}"', config)
    if count != 1:
        raise ValueError(
            "Material's page configuration has no search worker at "
            "assets/javascripts/workers/search.<hash>.min.js; "
            "update policysite/render/furniture.py for this Material version"
        )
    return Markup(replaced)


#: A script written in the page itself (Material writes two: its storage helpers, and one
#: that opens a tab named by the address).
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_CHARSET = '<meta charset="utf-8">'


def content_security_policy(html: str) -> str:
    """What a page may load and run: the site's own scripts, styles, images and data only,
    and the scripts written in the page itself by their hashes (the page's own, computed
    here: Material's differ by the page's depth). Nothing from another host, no `<object>`,
    no inline event handler, no style attribute; images may also be `data:` (Material's
    icons are drawn by its stylesheet from them)."""
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            for body in _INLINE_SCRIPT.findall(html)
        }
    )
    return "; ".join(
        (
            "default-src 'self'",
            " ".join(("script-src 'self'", *hashes)),
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        )
    )


def with_content_security_policy(html: str) -> str:
    """The page with its Content-Security-Policy as the first thing its head says after the
    character set (a `<meta>`: a static host may send none; README says what headers a
    host that can should add)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    if _CHARSET in html:
        return html.replace(_CHARSET, f"{_CHARSET}\n    {meta}", 1)
    return html.replace("<head>", f"<head>\n    {meta}", 1)
