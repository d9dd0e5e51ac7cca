"""What a site folder gets after MkDocs' last language build, besides the pages MkDocs
wrote: one search index per language, a sitemap at each language root and in each
policy's folder, the manifest, every version's exact text, the files the pipeline
publishes itself, the former addresses of renamed policies, and each language's 404 page
at its root.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from policysite.addresses import MANIFEST, NOT_FOUND_PAGE, Languages
from policysite.mkdocs.search import INDEX, index_json, index_path, split_search_index
from policysite.mkdocs.sitemaps import copy_sitemaps, write_policy_sitemaps
from policysite.pipeline.assemble import SiteBuild, write_raw_files
from policysite.pipeline.files import replace_file, write_if_changed
from policysite.pipeline.staging import publish_files
from policysite.render.manifest import moved_addresses, redirect_page

#: Gives the index of every page from the one MkDocs wrote for the pages it rendered
#: (an incremental build's, `incremental.py`).
CompleteIndex = Callable[[dict[str, Any]], dict[str, Any]]


def split_search_indexes(
    site_dir: Path, languages: Languages, complete: CompleteIndex | None
) -> int | None:
    """One search index per language (`search.py`), from the one mkdocs-static-i18n wrote
    for every language. Returns how many entries MkDocs indexed in this build (None:
    search is off)."""
    combined = site_dir / INDEX
    if not combined.is_file():
        return None
    index = json.loads(combined.read_text(encoding="utf-8"))
    indexed = len(index.get("docs", []))
    if complete is not None:
        index = complete(index)
    for lang, part in split_search_index(index, languages).items():
        replace_file(site_dir / index_path(languages, lang), index_json(part))
    return indexed


def publish(
    site_dir: Path,
    build: SiteBuild,
    staging: Path,
    languages: Languages,
    site_url: str,
    not_found: Mapping[str, str],
) -> set[str]:
    """Sitemaps, manifest, exact texts, the pipeline's own files, the renamed policies'
    former addresses and each language's 404 page (`not_found`: its HTML by language),
    written into `site_dir`. Returns their paths, relative to it."""
    copy_sitemaps(site_dir, languages.default, languages.all)
    sitemaps = write_policy_sitemaps(site_dir, site_url, languages, build.history.policies())
    replace_file(site_dir / MANIFEST, build.manifest_file)
    write_raw_files(site_dir, build.raw_files)
    published = publish_files(staging, site_dir, sorted(build.files), languages.served)
    moved = _write_moved(site_dir, build, languages, site_url)
    raw = {file.path for file in build.raw_files}
    not_found_pages = _write_not_found(site_dir, not_found, languages)
    return raw | set(published) | moved | set(sitemaps) | not_found_pages


def _write_not_found(site_dir: Path, pages: Mapping[str, str], languages: Languages) -> set[str]:
    """Each language's 404 page at its root (`ru/404.html`): mkdocs-static-i18n's build of
    every language writes its page at the site's root, where the root language's belongs.
    Returns their paths."""
    written: set[str] = set()
    for lang, html in pages.items():
        path = languages.file(lang, NOT_FOUND_PAGE)
        write_if_changed(site_dir / path, html.encode())
        written.add(path)
    return written


def _write_moved(site_dir: Path, build: SiteBuild, languages: Languages, site_url: str) -> set[str]:
    """The former addresses of renamed policies: a page redirects to its new address,
    a file (feed, JSON, exact text) is there again as it is now. Returns their paths."""
    written: set[str] = set()
    for former, address in moved_addresses(build.manifest):
        if former.endswith("/"):
            path = former.strip("/") + "/index.html"
            data = redirect_page(languages, site_url, former, address)
        else:
            path = former.lstrip("/")
            source = site_dir / address.lstrip("/")
            if not source.is_file():
                continue
            data = source.read_bytes()
        write_if_changed(site_dir / path, data)
        written.add(path)
    return written
