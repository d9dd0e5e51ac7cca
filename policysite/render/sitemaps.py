"""A sitemap at each language's root.

Material's language switcher reads `sitemap.xml` at the root of every language
a page names as an alternate (`/ru/sitemap.xml`, …) to find the same page in
that language; mkdocs-static-i18n writes only `/sitemap.xml`, which already
lists every page with its alternates, so each language root gets a copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path


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
