"""The site's URL scheme: every permanent address, in one place.

A page is named by its language-neutral source (`getx/privacy/2025-03-01/index.md`);
it is served at `/getx/privacy/2025-03-01/` in the default language and at
`/ru/getx/privacy/2025-03-01/` in Russian, and staged for each language with
its suffix (`index.ru.md`, mkdocs-static-i18n's `suffix` structure). Files that
are not pages (feeds, JSON, a version's exact text) live under their
language's root the same way.

| page or file                   | source / path                                   |
|--------------------------------|-------------------------------------------------|
| home                           | `index.md`                                      |
| policy in force                | `<policy>/index.md`                             |
| a version                      | `<policy>/<version>/index.md`                   |
| what the version changed       | `<policy>/<version>/changes/index.md`           |
| history                        | `<policy>/history/index.md`                     |
| compare any two                | `<policy>/compare/index.md`                     |
| one section through time       | `<policy>/sections/<lineage>/index.md`          |
| in force on a date             | `<policy>/on/index.md`                          |
| draft (live preview only)      | `<policy>/draft/index.md`, `…/draft/changes/`   |
| a version's sections (compare) | `<policy>/<version>/sections.json`              |
| a section's text (not permanent) | `<policy>/sections/<digest>.json`              |
| a version's exact text         | `<policy>/<version>/policy.md`                  |
| an image a policy shows        | `<policy>/files/<sha256 prefix>/<name>`         |
| feeds                          | `<policy>/feed.xml`, `feed.xml`                 |
| a feed as a page in a browser  | `feed.xsl` (its language's feeds name it)       |
| JSON                           | `<policy>/versions.json`, `api/policies.json`   |
| every address and its hash     | `manifest.json` (site root only)                |
| its signature (a signed deploy) | `manifest.json.sig`                            |
| the live manifest built after  | `manifest.previous.json` (and its `.sig`)       |
| the keys allowed to sign       | `.well-known/policysite/allowed_signers`        |
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

HOME = "index.md"
SITE_FEED = "feed.xml"
#: The XSLT stylesheet a language's feeds name, so a browser shows a feed as a page.
FEED_STYLESHEET = "feed.xsl"
#: Its styles: a theme file (`overrides/`), one for every language.
FEED_STYLES = "assets/stylesheets/feed.css"
POLICIES_JSON = "api/policies.json"
MANIFEST = "manifest.json"
MANIFEST_SIGNATURE = "manifest.json.sig"
PREVIOUS_MANIFEST_FILE = "manifest.previous.json"
PUBLISHED_SIGNERS = ".well-known/policysite/allowed_signers"
#: The page for an address the site lacks, at each language's root (`ru/404.html`).
NOT_FOUND_PAGE = "404.html"

#: Path segments that name pages of a policy (or top-level folders of the site), so a
#: policy id must not use them.
RESERVED_SEGMENTS = frozenset(
    {
        "history",
        "compare",
        "sections",
        "on",
        "changes",
        "origins",
        "api",
        "assets",
        "draft",
        "files",
    }
)


#: Top-level folders the site itself fills, whatever its hand-written pages.
GENERATED_TOP_LEVEL = {
    "api": "the site's JSON API (/api/)",
    "assets": "the theme's files (/assets/)",
    "search": "the search index (/search/)",
}


def taken_names(languages: Iterable[str], hand_written: Iterable[str]) -> dict[str, str]:
    """Top-level names a policy id must not start with, each with what it already is:
    the languages (`/ru/`), the folders the site generates, and the hand-written pages
    (`about.kk.md` -> `/about/`), so a policy never overwrites a page of the site."""
    taken = dict(GENERATED_TOP_LEVEL)
    for path in hand_written:
        first = path.split("/")[0]
        name = first.split(".")[0]
        if name and name != "index":
            taken.setdefault(name, f"the hand-written page or folder {first}")
    for lang in languages:
        taken[lang] = f"the address of the site's {lang} pages (/{lang}/)"
    return taken


def policy_doc(policy: str) -> str:
    return f"{policy}/index.md"


def version_doc(policy: str, version_id: str) -> str:
    return f"{policy}/{version_id}/index.md"


def history_doc(policy: str) -> str:
    return f"{policy}/history/index.md"


def changes_doc(policy: str, version_id: str) -> str:
    return f"{policy}/{version_id}/changes/index.md"


def origins_doc(policy: str, version_id: str) -> str:
    """Since when each block of a version says what it says: `/<policy>/<id>/origins/`."""
    return f"{policy}/{version_id}/origins/index.md"


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


def compare_query(from_id: str, to_id: str) -> str:
    """The compare page's query for a pair of versions."""
    return f"?from={from_id}&to={to_id}"


def section_doc(policy: str, lineage: str) -> str:
    return f"{policy}/sections/{lineage}/index.md"


def sections_json(policy: str, version_id: str) -> str:
    """The version's sections for the compare page: `<policy>/<id>/sections.json`."""
    return f"{policy}/{version_id}/sections.json"


def section_text_json(policy: str, digest: str) -> str:
    """A section's text (its blocks) for the compare page, kept once for every version that
    has it: `<policy>/sections/<digest>.json` (beside the timelines' folders).

    Not a permanent address: the compare page's data, named by what it holds. A text no
    version has any more (an upcoming version edited, a correction) is no longer published;
    the manifest does not list them."""
    return f"{policy}/sections/{digest}.json"


_SECTION_TEXT = re.compile(r"(?:^|/)sections/[0-9a-f]{16}(?:\.[a-z]{2,3})?\.json$")


def is_section_text(path: str) -> bool:
    """Whether a staged or served path is a section's text (`section_text_json`)."""
    return bool(_SECTION_TEXT.search(path))


def since_json(policy: str, version_id: str) -> str:
    """What changed since a version, for apps: `<policy>/<id>/since.json`."""
    return f"{policy}/{version_id}/since.json"


def policy_text(policy: str, version_id: str) -> str:
    """The exact Markdown of a version: `<policy>/<version>/policy.md`."""
    return f"{policy}/{version_id}/policy.md"


def image_file(policy: str, sha256: str, name: str) -> str:
    """An image a policy shows, once per content and for every language:
    `<policy>/files/<sha256 prefix>/<name>` under the site's root (`name` as it is
    published, `history/images.py`)."""
    return f"{policy}/files/{sha256[:16]}/{posixpath.basename(name)}"


def policy_feed(policy: str) -> str:
    return f"{policy}/feed.xml"


def versions_json(policy: str) -> str:
    return f"{policy}/versions.json"


def localized(path: str, lang: str) -> str:
    """`getx/privacy/index.md` -> `getx/privacy/index.kk.md` (mkdocs-static-i18n suffix)."""
    stem, extension = posixpath.splitext(path)
    return f"{stem}.{lang}{extension}"


def owner(doc: str, policies: Iterable[str]) -> str | None:
    """The policy a page or file belongs to (`getx/privacy/history/index.md` -> `getx/privacy`):
    with nested ids (`getx`, `getx/privacy`), the longest that holds it."""
    holding = [policy for policy in policies if doc.startswith(policy + "/")]
    return max(holding, key=len) if holding else None


@dataclass(frozen=True)
class Languages:
    """The site's languages: the default one (authoritative) at `/`, the others under
    `/<lang>/`. A one-language preview (`make serve PREVIEW=ru`) serves its language at
    `/` instead, as mkdocs-static-i18n's `build_only_locale` does: `preview` names it."""

    default: str
    all: tuple[str, ...]
    names: dict[str, str]
    #: The one language a live preview builds, served at `/`; None for the whole site.
    preview: str | None = None

    @property
    def at_root(self) -> str:
        """The language served at `/`."""
        return self.preview or self.default

    @property
    def built(self) -> tuple[str, ...]:
        """The languages whose pages MkDocs renders: every one, or the previewed one."""
        return (self.preview,) if self.preview else self.all

    def prefix(self, lang: str) -> str:
        """The folder of a language's pages under the site root: `` or `ru/`."""
        return "" if lang == self.at_root else f"{lang}/"

    def url(self, lang: str, doc: str) -> str:
        """Site-relative URL of a page: `ru/getx/privacy/`."""
        folder = posixpath.dirname(doc)
        return self.prefix(lang) + (f"{folder}/" if folder else "")

    def file(self, lang: str, path: str) -> str:
        """Site-relative path of a file under a language's root: `ru/getx/privacy/feed.xml`."""
        return self.prefix(lang) + path

    def served(self, staged: str) -> str:
        """Where a staged file is served: `getx/privacy/2025-03-01/index.ru.md` ->
        `/ru/getx/privacy/2025-03-01/`, `getx/privacy/feed.ru.xml` -> `/ru/getx/privacy/feed.xml`."""
        stem, extension = posixpath.splitext(staged)
        stem, _, lang = stem.rpartition(".")
        if extension == ".md":
            return "/" + self.url(lang, stem + extension)
        return "/" + self.file(lang, stem + extension)

    def of_served(self, location: str) -> str:
        """The language of a served, site-relative location (`ru/getx/privacy/` -> `ru`)."""
        return next(
            (
                lang
                for lang in self.all
                if lang != self.at_root and location.startswith(self.prefix(lang))
            ),
            self.at_root,
        )


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def is_remote(url: str) -> bool:
    """Whether `url` leaves the site: it has a scheme (`https:`, `data:`, …) or names a host
    (`//host/…`). A page may link there, but never load anything from there by itself."""
    url = url.strip()
    return url.startswith(("//", "\\\\")) or bool(_SCHEME.match(url))


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


def url_link(from_doc: str, to_doc: str, fragment: str = "") -> str:
    """Relative URL between the served addresses of two page sources (for raw HTML)."""
    here = posixpath.dirname(from_doc) or "."
    there = posixpath.dirname(to_doc) or "."
    relative = relative_path(there, here)
    url = "./" if relative == "." else relative + "/"
    return url + (f"#{fragment}" if fragment else "")


def file_link(from_doc: str, path: str) -> str:
    """Relative URL from a page to a file under the same language's root."""
    return relative_path(path, posixpath.dirname(from_doc) or ".")


def language_link(languages: Languages, lang: str, doc: str, to_lang: str, to_doc: str) -> str:
    """Relative URL from a page in one language to a page in another."""
    here = languages.url(lang, doc).rstrip("/") or "."
    there = languages.url(to_lang, to_doc).rstrip("/") or "."
    return relative_path(there, here) + "/"


def is_local_address(site_url: str) -> bool:
    """Whether `site_url` is empty or names this machine (a build for a local preview):
    permanent addresses printed with it would lead nowhere once published."""
    host = (urlsplit(site_url).hostname or "").lower()
    return host in ("", "localhost", "0.0.0.0", "::1") or host.startswith("127.")
