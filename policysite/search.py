"""One search index per language.

mkdocs-static-i18n writes a single `search/search_index.json` holding every
language's pages, so a search on the Russian site also lists Kazakh and English
pages. After the build it is split: the default language keeps
`search/search_index.json`, each other language gets `<lang>/search/search_index.json`
with its locations made relative to `<lang>/`, where that language's pages look
for it (see `overrides/main.html`). The files are written as UTF-8, not `\\uXXXX`
escapes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policysite.files import replace_file

INDEX = Path("search") / "search_index.json"


def split_search_index(
    site_dir: Path,
    default: str,
    languages: tuple[str, ...],
    complete: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> dict[str, int]:
    """Split the site's search index by language; returns how many entries each got.

    `complete` is given the index as MkDocs wrote it first (an incremental build adds
    the pages it did not render). Does nothing (returns {}) when there is no index,
    e.g. with search disabled.
    """
    combined = site_dir / INDEX
    if not combined.is_file():
        return {}
    index = json.loads(combined.read_text(encoding="utf-8"))
    if complete is not None:
        index = complete(index)
    docs: dict[str, list[dict[str, object]]] = {lang: [] for lang in languages}
    prefixes = {lang: f"{lang}/" for lang in languages if lang != default}
    for doc in index.get("docs", []):
        location = str(doc.get("location", ""))
        lang = next((lang for lang, p in prefixes.items() if location.startswith(p)), default)
        if lang != default:
            doc = {**doc, "location": location.removeprefix(prefixes[lang])}
        docs[lang].append(doc)
    for lang, entries in docs.items():
        target = site_dir / INDEX if lang == default else site_dir / lang / INDEX
        _write(target, {**index, "docs": entries})
    return {lang: len(entries) for lang, entries in docs.items()}


def _write(path: Path, data: object) -> None:
    replace_file(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
