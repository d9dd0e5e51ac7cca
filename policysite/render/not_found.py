"""The page for an address the site does not have: `/404.html`, in every language.

Static hosts serve one `404.html` for every missing address, so it holds the message in
each language and shows the one the address's prefix names (`/ru/…`); when the address
names a policy (`/getx/privacy/2023-01-01/`), it links to that policy's history. It
depends on nothing but the site's languages and policies, so a full and an incremental
build write the same page.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from markupsafe import Markup

from policysite.addresses import Languages
from policysite.render.strings import Strings
from policysite.render.templating import render_html


def not_found_fragment(languages: Languages, policies: list[str], site_url: str) -> Markup:
    """The body of `404.html`: a message per language, the one for the address shown."""
    base = urlsplit(site_url).path or "/"
    return render_html(
        "not_found.html.j2",
        sections=[(lang, Strings(lang), base + languages.prefix(lang)) for lang in languages.all],
        default=languages.default,
        base=base,
        languages=json.dumps(list(languages.all)),
        policies=json.dumps(sorted(policies, key=len, reverse=True)),
    )
