"""Sitemaps: one at each language's root, and one in each policy's folder.

Material's language switcher reads `sitemap.xml` next to every address a page
announces with `<link rel="alternate">` to find the same page in that language:
at the root of each language for the language links, and beside each policy's
feed for the feed link (`/ru/getx/privacy/feed.xml` -> `/ru/getx/privacy/sitemap.xml`).
mkdocs-static-i18n writes only `/sitemap.xml`, which lists every page with its
alternates in every language; each language root gets a copy, and each policy's
folder the entries of the policy's own pages, so that no lookup ends in a 404
and a policy's pages can be submitted to a search engine on their own.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from policysite.addresses import Languages, owner
from policysite.pipeline.files import write_if_changed

_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def copy_sitemaps(site_dir: Path, default: str, languages: tuple[str, ...]) -> list[Path]:
    """Copy the site's sitemap (and its .gz) to every other language's root."""
    written: list[Path] = []
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        source = site_dir / name
        if not source.is_file():
            continue
        for lang in languages:
            if lang != default and (site_dir / lang).is_dir():
                target = site_dir / lang / name
                shutil.copyfile(source, target)
                written.append(target)
    return written


def write_policy_sitemaps(
    site_dir: Path, site_url: str, languages: Languages, policies: Iterable[str]
) -> list[str]:
    """Write `<lang>/<policy>/sitemap.xml` for every policy and language from the site's
    sitemap. Returns the paths written, relative to `site_dir`."""
    source = site_dir / "sitemap.xml"
    if not source.is_file():
        return []
    ElementTree.register_namespace("", _NS["sm"])
    ElementTree.register_namespace("xhtml", "http://www.w3.org/1999/xhtml")
    root = ElementTree.parse(source).getroot()
    base = urlsplit(site_url).path.rstrip("/") + "/"
    known = list(policies)
    entries: dict[str, list[ElementTree.Element]] = defaultdict(list)
    for url in root.findall("sm:url", _NS):
        path = urlsplit(url.findtext("sm:loc", "", _NS)).path
        policy = owner(path.removeprefix(base), known) if path.startswith(base) else None
        if policy is not None:
            entries[policy].append(url)
    written: list[str] = []
    for policy, urls in sorted(entries.items()):
        own = ElementTree.Element(root.tag, root.attrib)
        own.extend(urls)
        data = ElementTree.tostring(own, encoding="utf-8", xml_declaration=True)
        for lang in languages.all:
            relative = f"{languages.prefix(lang)}{policy}/sitemap.xml"
            if (site_dir / relative).parent.is_dir():
                write_if_changed(site_dir / relative, data)
                written.append(relative)
    return written
