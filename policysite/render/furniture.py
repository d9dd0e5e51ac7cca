"""Material's own words on a page, in the page's language where Material has none of
its own: the title of each heading's permanent link, which MkDocs' `toc` extension
writes in English on every page."""

from __future__ import annotations

from policysite.render.strings import Strings

#: What the `toc` extension writes (`permalink_title`, left at its default in mkdocs.yml).
_PERMALINK_TITLE = 'class="headerlink" href="#'


def localize_permalinks(html: str, lang: str) -> str:
    """Each heading's "Permanent link" title in `lang`."""
    if _PERMALINK_TITLE not in html:
        return html
    title = Strings(lang)("permalink.title").replace('"', "&quot;")
    return html.replace('title="Permanent link">', f'title="{title}">')
