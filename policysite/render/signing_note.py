"""What a hand-written page says of the site's signature, where it asks for it.

A hand-written page (`docs/about.md`, "How to read this archive") may hold the line
`<!-- policysite:signature -->`; each build puts there, in the page's language,
whether this build's manifest is signed and how a reader checks a text
(`pipeline/evidence.py`), so the page never says a site is signed when it is not.
"""

from __future__ import annotations

from policysite.addresses import Languages
from policysite.render.strings import Strings

MARKER = b"<!-- policysite:signature -->"


def with_signing_note(name: str, data: bytes, languages: Languages, signed: bool) -> bytes:
    """A hand-written file `name` (`about.ru.md`) as it is staged: its marker replaced."""
    if not name.endswith(".md") or MARKER not in data:
        return data
    parts = name.rsplit(".", 2)
    lang = parts[1] if len(parts) == 3 and parts[1] in languages.all else languages.default
    note = Strings(lang)("signing.signed" if signed else "signing.unsigned")
    return data.replace(MARKER, note.encode("utf-8"))
