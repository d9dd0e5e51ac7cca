"""The generated pages of the site: one Markdown file per page and language.

Links between pages are Markdown links to `.md` files where the page is
Markdown, so MkDocs checks each one (`--strict` fails on a broken link) and
mkdocs-static-i18n resolves it within the page's language.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from policysite.addresses import (
    HOME,
    Languages,
    changes_doc,
    compare_doc,
    doc_link,
    draft_doc,
    history_doc,
    localized,
    on_doc,
    policy_doc,
    relative_path,
    section_doc,
    url_link,
    version_doc,
)
from policysite.analysis import PolicyAnalysis, VersionSections
from policysite.cache import AnalysisCache
from policysite.changes import ChangeKind, VersionChanges
from policysite.history import History, Status, TranslationState, Version
from policysite.markdown import Markdown, md_escape, policy_html, render, render_html
from policysite.strings import Strings
from policysite.timeline_picture import history_picture


@dataclass(frozen=True)
class Page:
    """One generated file, relative to the staging docs folder."""

    path: str
    content: str
    #: Listed in the navigation (home and the policies' current pages only).
    in_nav: bool = False


@dataclass
class SiteContext:
    history: History
    today: date
    languages: Languages
    #: Absolute base URL ending with `/`, for printing permanent addresses; may be empty.
    site_url: str
    #: The time zone effective dates start in.
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    #: Where sections, lineage and comparisons are kept between builds (None: nowhere).
    cache: AnalysisCache | None = None
    _analyses: dict[tuple[str, str], PolicyAnalysis] = field(default_factory=dict)

    def page_url(self, lang: str, doc: str) -> str:
        """The full address of a page (site-absolute when no site_url is configured)."""
        return (self.site_url or "/") + self.languages.url(lang, doc)

    def file_url(self, lang: str, path: str) -> str:
        """The full address of a file under a language's root (`ru/getx/privacy/feed.xml`)."""
        prefix = "" if lang == self.languages.default else f"{lang}/"
        return (self.site_url or "/") + prefix + path

    def analysis(self, policy: str, lang: str) -> PolicyAnalysis:
        """Sections, lineage and changes of `policy` as read in `lang`, computed once."""
        key = (policy, lang)
        if key not in self._analyses:
            default = self.languages.default
            view = self.history.view(policy, lang)
            original = None if lang == default else self.analysis(policy, default)
            self._analyses[key] = PolicyAnalysis(view, original, self.cache)
        return self._analyses[key]


class Links:
    """Link helpers bound to the page being rendered."""

    def __init__(self, site: SiteContext, lang: str, doc: str) -> None:
        self.site, self.lang, self.doc = site, lang, doc

    def __call__(self, label: str, to_doc: str, fragment: str = "") -> Markdown:
        target = doc_link(self.doc, to_doc) + (f"#{fragment}" if fragment else "")
        return Markdown(f"[{md_escape(label)}]({target})")

    def url(self, to_doc: str, fragment: str = "") -> str:
        """A relative URL for raw HTML, which MkDocs does not rewrite."""
        return url_link(self.doc, to_doc, fragment)

    def file(self, path: str) -> str:
        """A relative URL to a file under this language's root (`getx/privacy/feed.xml`)."""
        here = posixpath.dirname(self.doc) or "."
        return relative_path(path, here)

    def html(self, label: str, to_doc: str, query: str = "") -> Markup:
        """A link as raw HTML, for a URL with a query (the compare page) that MkDocs cannot check."""
        return Markup('<a href="{}">{}</a>').format(self.url(to_doc) + query, label)

    def in_language(self, label: str, lang: str, to_doc: str, query: str = "") -> Markup:
        """A link to a page in another language: raw HTML, as the target is not in this build."""
        languages = self.site.languages
        here = languages.url(self.lang, self.doc).rstrip("/") or "."
        there = languages.url(lang, to_doc).rstrip("/") or "."
        url = relative_path(there, here) + "/" + query
        return Markup('<a href="{}" hreflang="{}">{}</a>').format(url, lang, label)

    def absolute(self, to_doc: str) -> str:
        """The page's full address to cite (site-absolute when no site_url is configured)."""
        return self.site.page_url(self.lang, to_doc)


def render_page(template: str, site: SiteContext, lang: str, doc: str, **values: Any) -> str:
    """Render a page template for `doc` in `lang`, with the strings and links every page uses.

    Its front matter names the Atom feeds the page announces (overrides/main.html).
    """
    t = Strings(lang)
    link = Links(site, lang, doc)
    feeds = [{"title": t("feed.site"), "href": link.file("feed.xml")}]
    policy = next((p for p in site.history.policies() if doc.startswith(p + "/")), None)
    if policy is not None:
        feeds.insert(0, {"title": t("feed.policy"), "href": link.file(f"{policy}/feed.xml")})
    if "meta" in values:
        values["meta"] = {**values["meta"], "feeds": feeds}
    return render(
        template,
        t=t,
        lang=lang,
        in_language=t(f"language.in.{lang}"),
        link=Links(site, lang, doc),
        ChangeKind=ChangeKind,
        incomplete=site.history.incomplete,
        **values,
    )


def home_pages(site: SiteContext) -> Iterator[Page]:
    """The home page in every language."""
    for lang in site.languages.all:
        yield Page(localized(HOME, lang), _render_home(site, lang), in_nav=True)


def policy_pages(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """A policy's page, every version's page and its history, in the analysis' language."""
    text = analysis.view
    policy, lang = text.policy, text.lang
    yield Page(localized(policy_doc(policy), lang), _render_policy(site, analysis, None), True)
    for index, version in enumerate(text.versions):
        content = _render_policy(site, analysis, index)
        yield Page(localized(version_doc(policy, version.id), lang), content)
    yield Page(localized(history_doc(policy), lang), _render_history(site, analysis))


def nav_docs(history: History) -> list[str]:
    """The navigation: home, then each policy's current page."""
    return [HOME, *(policy_doc(policy) for policy in history.policies())]


def counts_text(t: Strings, changes: VersionChanges) -> str:
    """`Мәтіні өзгерді: 2 · Қосылды: 1`: each kind but unchanged, with its count."""
    counts = changes.counts()
    parts = [
        f"{t('kind.' + kind)}: {count}"
        for kind, count in counts.items()
        if kind != ChangeKind.UNCHANGED
    ]
    return " · ".join(parts) if parts else t("changes.none")


def _render_home(site: SiteContext, lang: str) -> str:
    policies = []
    for policy in site.history.policies():
        text = site.history.view(policy, lang)
        current = text.current(site.today)
        status = site.history.translation_status(policy, lang, site.today)
        # The title a reader of `lang` finds on the policy's page.
        shown = current or text.versions[-1]
        if status.state == TranslationState.OUTDATED and status.follows is not None:
            shown = text.version(status.follows.id) or shown
        policies.append(
            {
                "text": text,
                "current": current,
                "shown": shown,
                "stale": status.state == TranslationState.OUTDATED,
                "upcoming": text.upcoming(site.today),
                "languages": [
                    (other, site.history.translation_status(policy, other, site.today))
                    for other in site.languages.all
                ],
            }
        )
    return render_page(
        "home.md.j2",
        site,
        lang,
        HOME,
        policies=policies,
        names=site.languages.names,
        policy_doc=policy_doc,
        history_doc=history_doc,
        version_doc=version_doc,
        meta={"title": Strings(lang)("home.title")},
    )


def _render_policy(site: SiteContext, analysis: PolicyAnalysis, index: int | None) -> str:
    """The policy's page (`index` None: the text in force now) or one version's page."""
    text = analysis.view
    t = Strings(text.lang)
    today = site.today
    current = text.current(today)
    upcoming = text.upcoming(today)
    translation = site.history.translation_status(text.policy, text.lang, today)
    stale = index is None and translation.state == TranslationState.OUTDATED
    if index is not None:
        shown = text.versions[index]
    elif stale and translation.follows is not None:
        # The reader's language lags: its newest translation, under a notice that the
        # authoritative text in force prevails.
        shown = text.version(translation.follows.id) or current or upcoming[0]
    else:
        shown = current or upcoming[0]
    position = analysis.index(shown)
    doc = version_doc(text.policy, shown.id) if index is not None else policy_doc(text.policy)
    status = text.status(shown, today)
    successor = text.successor(shown)
    version_label = t("version.label", date=t.date(shown.effective))
    meta: dict[str, object] = {
        "title": shown.title if index is None else f"{shown.title} — {version_label}",
    }
    if index is not None:
        meta["search"] = {"exclude": True}
    changes = analysis.changes(position)
    return render_page(
        "policy.md.j2",
        site,
        text.lang,
        doc,
        meta=meta,
        text=text,
        version=shown,
        is_version_page=index is not None,
        status=status,
        translation=translation,
        stale=stale,
        authoritative=site.languages.default,
        Status=Status,
        current=current,
        next_upcoming=next((v for v in upcoming if v is not shown), None),
        successor=successor,
        end_of_force=successor.effective - timedelta(days=1) if successor else None,
        version_label=version_label,
        versions=_version_list(site, analysis, doc),
        counts=counts_text(t, changes.changes) if changes else None,
        changes_doc=changes_doc(text.policy, shown.id) if changes else None,
        compare_doc=compare_doc(text.policy),
        body=body_markdown(
            analysis.versions[position],
            text.policy,
            Links(site, text.lang, doc),
            t,
            analysis.lineages_with_history,
        ),
        policy_doc=policy_doc(text.policy),
        version_doc=lambda v: version_doc(text.policy, v.id),
        history_doc=history_doc(text.policy),
        page_doc=doc,
        draft=site.history.drafts.get((text.policy, text.lang)) if index is None else None,
        draft_doc=draft_doc(text.policy),
    )


@dataclass(frozen=True)
class _ListedVersion:
    version: Version
    #: The entry as a link, and as the current page's own entry.
    line: Markdown
    here: Markdown


def _version_list(site: SiteContext, analysis: PolicyAnalysis, doc: str) -> list[_ListedVersion]:
    """The "all versions" list of a policy page, newest first.

    Every version page lists every version: written once per folder depth and
    language, not once per page (which made a site of V versions cost V² links).
    """
    text = analysis.view
    depth = doc.count("/")
    cached: dict[int, list[_ListedVersion]] = analysis.__dict__.setdefault("_version_lists", {})
    if depth not in cached:
        t = Strings(text.lang)
        # Links from a folder beside the versions', so that each page's own entry links
        # `../<its id>/` like every other (MkDocs resolves it to the page itself).
        neutral = doc if depth < 3 else f"{text.policy}/-/index.md"
        link = Links(site, text.lang, neutral)
        items = []
        for version in reversed(text.versions):
            label = t("version.label", date=t.date(version.effective))
            status = t("status." + text.status(version, site.today))
            items.append(
                _ListedVersion(
                    version,
                    Markdown(
                        f"{link(label, version_doc(text.policy, version.id))} — {md_escape(status)}"
                    ),
                    Markdown(
                        f"__{md_escape(label)}__ — {md_escape(status)} ({md_escape(t('versions.this'))})"
                    ),
                )
            )
        cached[depth] = items
    return cached[depth]


def _render_history(site: SiteContext, analysis: PolicyAnalysis) -> str:
    text = analysis.view
    t = Strings(text.lang)
    latest = text.versions[-1]
    entries = []
    for index, version in reversed(list(enumerate(text.versions))):
        changes = analysis.changes(index)
        entries.append(
            {
                "version": version,
                "status": text.status(version, site.today),
                "counts": counts_text(t, changes.changes) if changes else None,
                "changes_doc": changes_doc(text.policy, version.id) if changes else None,
            }
        )
    return render_page(
        "history.md.j2",
        site,
        text.lang,
        history_doc(text.policy),
        meta={
            "title": t("history.page_title", title=latest.title),
            "search": {"exclude": True},
        },
        title=latest.title,
        entries=entries,
        compare_doc=compare_doc(text.policy),
        version_doc=lambda v: version_doc(text.policy, v.id),
        anchor=lambda v: Markdown(f"{{#v{v.id}}}"),
        picture=history_picture(site, analysis, Links(site, text.lang, history_doc(text.policy))),
        on_form=render_html(
            "on_form.html.j2",
            t=t,
            action=Links(site, text.lang, history_doc(text.policy)).url(on_doc(text.policy)),
            value="",
            versions="[]",
            strings="{}",
        ),
    )


def body_markdown(
    sections: VersionSections,
    policy: str,
    link: Links,
    t: Strings,
    with_history: frozenset[str],
) -> Markdown:
    """The version's text: headings at consistent levels, each with its lineage id as anchor
    and a link to the section's timeline; the text under them as safe HTML."""
    parts: list[str] = []
    for located in sections.located:
        section = located.section
        if not section.is_preamble:
            hashes = "#" * min(section.depth + 1, 6)
            parts.append(f"{hashes} {md_escape(section.heading)} {{#{located.lineage}}}")
            if located.lineage in with_history:
                timeline = section_doc(policy, located.lineage)
                parts.append(f"{link(t('section.history'), timeline)}\n{{: .ps-section-link }}")
        if section.body.strip():
            parts.append(f'<div class="ps-section-text">\n{policy_html(section.body)}\n</div>')
    return Markdown("\n\n".join(parts))
