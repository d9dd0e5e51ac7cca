"""Every page's HTML as it is written: minified by minify-html (the whitespace between
tags, comments, quotes an attribute value does not need). A third of a version's page was
the theme's indentation (issue 30).

Closing tags and the `<html>` and `<head>` tags stay, and scripts and styles are left as
they are: every HTML parser reads the page as before (the site's tests read pages with
Python's), MkDocs' live reload finds `</body>`, and the hashes of the inline scripts the
Content-Security-Policy names are of the same bytes.
"""

from __future__ import annotations

import minify_html


def minified(html: str) -> str:
    """`html` without what a browser does not read."""
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True)
