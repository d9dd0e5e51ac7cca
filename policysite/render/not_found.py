"""The page for an address the site does not have, in one language: `/404.html` in the
language at the root, `/ru/404.html`, `/en/404.html`, each in its language throughout.

Static hosts (GitHub Pages, Netlify) serve the root `404.html` for every missing address.
Its script (`overrides/assets/javascripts/policysite/not_found.js`) shows there the page of
the language the address's prefix names (`/ru/…`), the address unchanged; without
scripts, the root page stays. When the address names a policy
(`/getx/privacy/2023-01-01/`), the page links to that policy's history. It depends on
nothing but the site's languages and policies, so a full and an incremental build write
the same page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from policysite.addresses import NOT_FOUND_PAGE, Languages
from policysite.render.strings import Strings
from policysite.render.templating import render_html

#: The page's script, under the site's root (the theme's `overrides/assets/`).
NOT_FOUND_SCRIPT = "assets/javascripts/policysite/not_found.js"


@dataclass(frozen=True)
class NotFound:
    """One language's 404 page, in the parts the theme's `404.html` places."""

    #: The tab's title, before the site's name.
    title: str
    #: The script that shows the page of the address's language and its policy's history.
    head: Markup
    #: The message, with the way home and, filled in by the script, to the history.
    body: Markup


def not_found_page(lang: str, languages: Languages, policies: list[str], site_url: str) -> NotFound:
    """The 404 page in `lang`. Its addresses are absolute paths (`/ru/`, with the site's
    sub-path): the page answers at any address."""
    base = urlsplit(site_url).path or "/"
    base = base if base.endswith("/") else base + "/"
    t = Strings(lang)
    pages = {other: base + languages.file(other, NOT_FOUND_PAGE) for other in languages.built}
    head = render_html(
        "not_found_script.html.j2",
        src=base + NOT_FOUND_SCRIPT,
        lang=lang,
        root=languages.at_root,
        base=base,
        pages=json.dumps(pages),
        policies=json.dumps(sorted(policies, key=len, reverse=True)),
    )
    body = render_html("not_found.html.j2", lang=lang, t=t, home=base + languages.prefix(lang))
    return NotFound(title=t("notfound.title"), head=head, body=body)
