"""Material's page furniture as the site wants it: its words in the page's language where
Material has none of its own (the title of each heading's permanent link, which MkDocs'
`toc` extension writes in English), the head without its language alternates, the site's
search worker, and the language switcher of 404.html."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup

from policysite.addresses import Languages
from policysite.render.strings import Strings

#: What the `toc` extension writes (`permalink_title`, left at its default in mkdocs.yml).
_PERMALINK_TITLE = 'class="headerlink" href="#'


#: The page title's permanent link: the page's address is one already, and a "¶" read out
#: or copied with the title is noise.
_TITLE_PERMALINK = re.compile(
    r'(<h1\b[^>]*>.*?)<a class="headerlink" href="#[^"]*" title="[^"]*">¶</a>'
)


def localize_permalinks(html: str, lang: str) -> str:
    """Each heading's "Permanent link" title in `lang`; the page title has none."""
    if _PERMALINK_TITLE not in html:
        return html
    title = Strings(lang)("permalink.title").replace('"', "&quot;")
    html = _TITLE_PERMALINK.sub(r"\1", html, count=1)
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
            "update policysite/mkdocs/theme.py for this Material version"
        )
    return Markup(replaced)


def language_homes(languages: Languages, site_url: str) -> list[dict[str, str]]:
    """The language switcher of `404.html`: each language's home page, by its absolute
    path (the page answers at any address)."""
    base = urlsplit(site_url).path or "/"
    return [
        {
            "name": languages.names.get(lang, lang),
            "link": base + languages.prefix(lang),
            "lang": lang,
        }
        for lang in languages.all
    ]
