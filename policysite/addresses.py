"""The permanent addresses of the generated pages, as MkDocs page sources.

`getx/privacy/2025-03-01/index.md` is served at `/getx/privacy/2025-03-01/`
in the default language and at `/ru/getx/privacy/2025-03-01/` in Russian; the
file staged for each language carries its suffix (`index.ru.md`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

HOME = "index.md"


def policy_doc(policy: str) -> str:
    return f"{policy}/index.md"


def version_doc(policy: str, version_id: str) -> str:
    return f"{policy}/{version_id}/index.md"


def history_doc(policy: str) -> str:
    return f"{policy}/history/index.md"


def localized(path: str, lang: str) -> str:
    """`getx/privacy/index.md` -> `getx/privacy/index.kk.md` (mkdocs-static-i18n suffix)."""
    stem, extension = posixpath.splitext(path)
    return f"{stem}.{lang}{extension}"


@dataclass(frozen=True)
class Languages:
    """The site's languages: the default one at `/`, the others under `/<lang>/`."""

    default: str
    all: tuple[str, ...]
    names: dict[str, str]

    def url(self, lang: str, doc: str) -> str:
        """Site-relative URL of a page: `ru/getx/privacy/`."""
        prefix = "" if lang == self.default else f"{lang}/"
        folder = posixpath.dirname(doc)
        return prefix + (f"{folder}/" if folder else "")


def relative_path(target: str, start: str) -> str:
    """`posixpath.relpath` for the site's relative, normalised paths, without its
    calls to the file system (a tenth of the time; links are most of a page)."""
    if start in ("", "."):
        return target or "."
    from_parts, to_parts = start.split("/"), target.split("/") if target not in ("", ".") else []
    common = 0
    for a, b in zip(from_parts, to_parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


def doc_link(from_doc: str, to_doc: str) -> str:
    """Relative Markdown link target from one page source to another."""
    return relative_path(to_doc, posixpath.dirname(from_doc))


def changes_doc(policy: str, version_id: str) -> str:
    return f"{policy}/{version_id}/changes/index.md"


def draft_doc(policy: str) -> str:
    """The live preview of an uncommitted policy file (`mkdocs serve` only)."""
    return f"{policy}/draft/index.md"


def draft_changes_doc(policy: str) -> str:
    return f"{policy}/draft/changes/index.md"


def on_doc(policy: str) -> str:
    """The version in force on a date: `/<policy>/on/?date=YYYY-MM-DD`."""
    return f"{policy}/on/index.md"


def compare_doc(policy: str) -> str:
    return f"{policy}/compare/index.md"


def section_doc(policy: str, lineage: str) -> str:
    return f"{policy}/sections/{lineage}/index.md"


def sections_json(policy: str, version_id: str) -> str:
    """The version's sections for the compare page: `<policy>/<id>/sections.json`."""
    return f"{policy}/{version_id}/sections.json"


def url_link(from_doc: str, to_doc: str, fragment: str = "") -> str:
    """Relative URL between the served addresses of two page sources (for raw HTML)."""
    here = posixpath.dirname(from_doc) or "."
    there = posixpath.dirname(to_doc) or "."
    relative = relative_path(there, here)
    url = "./" if relative == "." else relative + "/"
    return url + (f"#{fragment}" if fragment else "")
