"""The generated pages: Markdown for MkDocs, one file per page and language.

Templates live in `policysite/templates/`. Every value printed by a template
is escaped for Markdown unless it is a `Markdown` instance (policy text, links
built here), so a title or commit message is shown as text, never interpreted.
Links between generated pages are Markdown links to `.md` files, so MkDocs
checks each one (`--strict` fails on a broken link) and mkdocs-static-i18n
resolves it within the page's language.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import yaml
from anyascii import anyascii
from jinja2 import Environment, PackageLoader, StrictUndefined

from policysite.history import History, PolicyText, Status, Version
from policysite.sections import Section, parse_sections
from policysite.strings import Strings


class Markdown(str):
    """Text that is already Markdown and is printed as it is."""

    __slots__ = ()


# Characters Python-Markdown may read as markup anywhere in a line: emphasis,
# code, links, attribute lists, table cells and escapes.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]|])")
_FOLD = re.compile(r"[ \t\r\n\f\v]+")
# Block markers that count only at the start of a line: headings, lists, quotes.
_MD_LINE_START = re.compile(r"^(#|[-+]|\d+[.)])")


def md_escape(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text, on one line."""
    # Only line breaks and ASCII blanks fold: a no-break space (U+00A0, U+202F in
    # "2025 ж.") must survive, or a date breaks across lines.
    text = _FOLD.sub(" ", str(text)).strip(" ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    # `\#`, `\-`, `\+` or `12\.`: the escape goes before the marker's last character.
    return _MD_LINE_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)


def _finalize(value: object) -> object:
    if isinstance(value, Markdown | int | float):
        return value
    return md_escape(str(value))


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("policysite", "templates"),
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # output is Markdown; `_finalize` escapes for it
    )
    env.filters["front_matter"] = _front_matter
    return env


def _front_matter(meta: dict[str, object]) -> Markdown:
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return Markdown(f"---\n{dumped}---\n")


# Addresses -----------------------------------------------------------------

HOME = "index.md"


def policy_doc(policy: str) -> str:
    return f"{policy}/index.md"


def version_doc(policy: str, version_id: str) -> str:
    return f"{policy}/{version_id}/index.md"


def history_doc(policy: str) -> str:
    return f"{policy}/history/index.md"


def localized(doc: str, lang: str) -> str:
    """`getx/privacy/index.md` -> `getx/privacy/index.kk.md` (mkdocs-static-i18n suffix)."""
    return doc.removesuffix(".md") + f".{lang}.md"


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


def doc_link(from_doc: str, to_doc: str) -> str:
    """Relative Markdown link target from one page source to another."""
    return posixpath.relpath(to_doc, posixpath.dirname(from_doc) or ".")


# Pages ---------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One generated Markdown file, relative to the staging docs folder."""

    path: str
    content: str
    #: Listed in the navigation (home and the policies' current pages only).
    in_nav: bool


@dataclass(frozen=True)
class SiteContext:
    history: History
    today: date
    languages: Languages
    #: Absolute base URL ending with `/`, for printing permanent addresses; may be empty.
    site_url: str


def generate_pages(site: SiteContext) -> Iterator[Page]:
    """Every generated page of the site, in every language.

    Every version has its page in every language: where a version has no
    translation, the page says so in the reader's language and shows the
    authoritative text, so a permanent address never 404s in one language.
    """
    for lang in site.languages.all:
        yield Page(localized(HOME, lang), _render_home(site, lang), in_nav=True)
    for policy in site.history.policies():
        for lang in site.languages.all:
            text = site.history.view(policy, lang)
            yield Page(localized(policy_doc(policy), lang), _render_policy(site, text, None), True)
            for version in text.versions:
                content = _render_policy(site, text, version)
                yield Page(localized(version_doc(policy, version.id), lang), content, False)
            yield Page(localized(history_doc(policy), lang), _render_history(site, text), False)


def nav_docs(history: History) -> list[str]:
    """The navigation: home, then each policy's current page."""
    return [HOME, *(policy_doc(policy) for policy in history.policies())]


class _Links:
    """Link helpers bound to the page being rendered."""

    def __init__(self, site: SiteContext, lang: str, doc: str) -> None:
        self.site, self.lang, self.doc = site, lang, doc

    def __call__(self, label: str, to_doc: str) -> Markdown:
        return Markdown(f"[{md_escape(label)}]({doc_link(self.doc, to_doc)})")

    def absolute(self, to_doc: str) -> str:
        """The page's full address to cite (site-absolute when no site_url is configured)."""
        return (self.site.site_url or "/") + self.site.languages.url(self.lang, to_doc)


def _render(template: str, site: SiteContext, lang: str, doc: str, **values: object) -> str:
    """Render a page template for `doc` in `lang`, with the strings and links every page uses."""
    t = Strings(lang)
    return (
        _environment()
        .get_template(template)
        .render(
            t=t,
            lang=lang,
            in_language=t(f"language.in.{lang}"),
            link=_Links(site, lang, doc),
            **values,
        )
    )


def _render_home(site: SiteContext, lang: str) -> str:
    t = Strings(lang)
    policies = []
    for policy in site.history.policies():
        text = site.history.view(policy, lang)
        current = text.current(site.today)
        policies.append(
            {
                "text": text,
                "current": current,
                "latest": current or text.versions[-1],
                "upcoming": text.upcoming(site.today),
            }
        )
    return _render(
        "home.md.j2",
        site,
        lang,
        HOME,
        policies=policies,
        policy_doc=policy_doc,
        history_doc=history_doc,
        version_doc=version_doc,
        meta={"title": t("home.title")},
    )


def _render_policy(site: SiteContext, text: PolicyText, version: Version | None) -> str:
    """The policy's page (`version` None: the text in force now) or one version's page."""
    t = Strings(text.lang)
    today = site.today
    current = text.current(today)
    upcoming = text.upcoming(today)
    shown = version or current or upcoming[0]
    doc = version_doc(text.policy, version.id) if version else policy_doc(text.policy)
    status = text.status(shown, today)
    successor = text.successor(shown)
    version_label = t("version.label", date=t.date(shown.effective))
    meta: dict[str, object] = {
        "title": shown.title if version is None else f"{shown.title} — {version_label}",
    }
    if version is not None:
        meta["search"] = {"exclude": True}
    return _render(
        "policy.md.j2",
        site,
        text.lang,
        doc,
        meta=meta,
        text=text,
        version=shown,
        is_version_page=version is not None,
        status=status,
        Status=Status,
        current=current,
        next_upcoming=next((v for v in upcoming if v is not shown), None),
        successor=successor,
        end_of_force=successor.effective - timedelta(days=1) if successor else None,
        version_label=version_label,
        versions=[(v, text.status(v, today)) for v in reversed(text.versions)],
        body=_body_markdown(shown),
        policy_doc=policy_doc(text.policy),
        version_doc=lambda v: version_doc(text.policy, v.id),
        history_doc=history_doc(text.policy),
    )


def _render_history(site: SiteContext, text: PolicyText) -> str:
    t = Strings(text.lang)
    latest = text.versions[-1]
    doc = history_doc(text.policy)
    return _render(
        "history.md.j2",
        site,
        text.lang,
        doc,
        meta={
            "title": t("history.page_title", title=latest.title),
            "search": {"exclude": True},
        },
        title=latest.title,
        versions=[(v, text.status(v, site.today)) for v in reversed(text.versions)],
        version_doc=lambda v: version_doc(text.policy, v.id),
        anchor=lambda v: Markdown(f"{{#v{v.id}}}"),
    )


# The policy text -----------------------------------------------------------


def _body_markdown(version: Version) -> Markdown:
    """The version's text with headings at consistent levels and a stable anchor each."""
    document = parse_sections(version.source.body, version.source.body_line)
    parts: list[str] = []
    for section, anchor in zip(document.sections, section_anchors(document.sections), strict=True):
        if section.is_preamble:
            parts.append(section.body)
            continue
        hashes = "#" * min(section.depth + 1, 6)
        parts.append(f"{hashes} {section.heading} {{#{anchor}}}")
        if section.body:
            parts.append(section.body)
    return Markdown("\n\n".join(parts))


def section_anchors(sections: Iterable[Section]) -> list[str]:
    """An anchor per section: its explicit `{#id}`, else a slug of its title, unique."""
    anchors: list[str] = []
    seen: set[str] = set()
    for section in sections:
        if section.is_preamble:
            base = "preamble"
        elif section.anchor:
            base = section.anchor
        else:
            base = _slug(section.title) or _slug(f"section {section.number or ''}") or "section"
        anchor, n = base, 2
        while anchor in seen:
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        anchors.append(anchor)
    return anchors


def _slug(text: str) -> str:
    """ASCII slug: Kazakh and Russian are transliterated (`Қауіпсіздік` -> `qauipsizdik`)."""
    words = re.findall(r"[a-z0-9]+", anyascii(text).lower())
    slug = "-".join(words)[:60].rstrip("-")
    return f"s-{slug}" if slug[:1].isdigit() else slug
