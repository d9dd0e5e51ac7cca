"""One search index per language.

mkdocs-static-i18n writes a single `search/search_index.json` holding every
language's pages, so a search on the Russian site also lists Kazakh and English
pages. After the build it is split: the default language keeps
`search/search_index.json`, each other language gets `<lang>/search/search_index.json`
with its locations made relative to `<lang>/`, where that language's pages look
for it (see `overrides/main.html`), and names that language alone, whose stemmer the
site's search worker runs on the index and the query. The link to each section's timeline is taken out
of the section's text, so a hit shows the section's own words. The files are written
as UTF-8, not `\\uXXXX` escapes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import escape

from policysite.addresses import Languages
from policysite.render.strings import Strings

INDEX = Path("search") / "search_index.json"


def split_search_index(index: dict[str, Any], languages: Languages) -> dict[str, dict[str, Any]]:
    """The site's search index split by language: each language's index (its locations
    relative to its own root), by language."""
    docs: dict[str, list[dict[str, object]]] = {lang: [] for lang in languages.all}
    # The link to a section's timeline is not its text: a hit shows the section's words.
    timeline_links = {
        lang: f"<p>{escape(Strings(lang)('section.history'))}</p>" for lang in languages.all
    }
    for doc in index.get("docs", []):
        location = str(doc.get("location", ""))
        lang = languages.of_served(location)
        if lang != languages.default:
            doc = {**doc, "location": location.removeprefix(languages.prefix(lang))}
        text = str(doc.get("text", ""))
        if timeline_links[lang] in text:
            doc = {**doc, "text": text.replace(timeline_links[lang], "").strip()}
        docs[lang].append(doc)
    # Each index is searched in its own language (search_worker.js stems by it).
    return {
        lang: {**index, "config": {**index.get("config", {}), "lang": [lang]}, "docs": entries}
        for lang, entries in docs.items()
    }


def index_path(languages: Languages, lang: str) -> Path:
    """Where a language's search index is written, relative to the site folder."""
    return Path(languages.file(lang, INDEX.as_posix()))


def index_json(index: dict[str, Any]) -> bytes:
    """A search index as written: UTF-8, compact."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()
