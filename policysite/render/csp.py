"""The Content-Security-Policy every page and redirect page carries (a `<meta>`: a static
host may send no headers; README says what headers a host that can should add)."""

from __future__ import annotations

import base64
import hashlib
import re

#: A script written in the page itself (Material writes two: its storage helpers, and one
#: that opens a tab named by the address).
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
#: As Material writes it, and as minify-html leaves it (`render/minify.py`).
_CHARSET = re.compile(r'<meta charset="?utf-8"?>')


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
    charset = _CHARSET.search(html)
    # On a line of its own in a page written a tag a line (a redirect), as minified in one.
    if charset is not None:
        spaced = "\n    " if '"' in charset[0] else ""
        return f"{html[: charset.end()]}{spaced}{meta}{html[charset.end() :]}"
    return html.replace("<head>", f"<head>\n    {meta}", 1)
