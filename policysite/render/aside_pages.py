"""One renderer for a version outside the policy's line of versions: an uncommitted draft
(live preview), a version taken back before its day, a translation whose authoritative
version is before the history the build could read.

Each is a page at its own address, out of search, titled with its label, showing its text
as a version page does; and, when it has a version to be compared with, a "what changed"
page. The page kinds differ only in their template and what it says around the text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from policysite.addresses import localized
from policysite.compare.analysis import LanguageChanges, PolicyAnalysis, VersionSections
from policysite.compare.changes import VersionChanges
from policysite.history.versions import Version
from policysite.render.context import Links, Page, SiteContext, render_page
from policysite.render.parts import body_markdown, changes_page
from policysite.render.strings import Strings

#: What a page kind's template says around the text, given the version's changes.
Context = Callable[[VersionChanges | None], Mapping[str, Any]]


@dataclass(frozen=True)
class Aside:
    """A version outside the line, and where and how its pages are made."""

    version: Version
    #: The version of the line its changes are against (None: no changes page).
    base: Version | None
    #: Its page's source (language-neutral) and its "what changed" page's.
    doc: str
    changes_doc: str | None
    #: Its page's template and the label its title carries ("Draft", "Version of …").
    template: str
    label: str
    #: The label of its changes page, when not the version's own.
    changes_label: str | None = None


def aside_pages(
    site: SiteContext, analysis: PolicyAnalysis, aside: Aside, context: Context | Mapping[str, Any]
) -> tuple[list[Page], VersionSections]:
    """The version's page and, with a base, its "what changed" page; and its sections.
    `context` is what the template says around the text (or makes it from the changes)."""
    policy, lang = analysis.view.policy, analysis.view.lang
    t = Strings(lang)
    version, doc = aside.version, aside.doc
    sections, changes = analysis.aside(version, aside.base)
    changes_doc = aside.changes_doc if changes is not None else None
    extra = context(changes) if callable(context) else context
    pages = [
        Page(
            localized(doc, lang),
            render_page(
                aside.template,
                site,
                lang,
                doc,
                meta={"title": f"{version.title} — {aside.label}", "search": {"exclude": True}},
                changes_doc=changes_doc,
                body=body_markdown(sections, policy, Links(site, lang, doc), t, frozenset()),
                **extra,
            ),
        )
    ]
    if changes is not None and changes_doc is not None:
        found = LanguageChanges(version.lang, changes)
        shown = (version, doc, changes_doc)
        page = changes_page(
            site,
            policy,
            lang,
            shown,
            aside.base,
            found,
            Markup(""),
            aside.changes_label,
            sections,
            analysis.lineages_with_history,
        )
        pages.append(Page(localized(changes_doc, lang), page))
    return pages, sections
