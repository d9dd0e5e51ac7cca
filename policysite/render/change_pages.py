"""What each version changed: its "what changed" page (beside its page), and the
sections data (`sections.json`) of every version, which the compare page reads.

Changed text is an HTML fragment (`section_change.html.j2`, autoescaped) inside
the Markdown page; its links are relative URLs, as MkDocs leaves raw HTML alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from policysite.addresses import (
    changes_doc,
    compare_doc,
    compare_query,
    localized,
    version_doc,
)
from policysite.compare.analysis import LanguageChanges, PolicyAnalysis, compare_versions
from policysite.render.context import Links, Page, SiteContext
from policysite.render.parts import changes_page
from policysite.render.sections_json import sections_pages
from policysite.render.strings import Strings


def generate(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """Each version's changes page and its sections data. The first version's says every
    section is new: its address may have served a version taken back before its day, whose
    changes page stays."""
    text = analysis.view
    policy, lang = text.policy, text.lang
    for index, version in enumerate(text.versions):
        changes = analysis.changes(index) or LanguageChanges(
            analysis.versions[index].version.lang, compare_versions(None, analysis.versions[index])
        )
        doc = changes_doc(policy, version.id)
        yield Page(localized(doc, lang), _render_changes(site, analysis, index, changes))
        yield from sections_pages(site, lang, analysis.view.policy, analysis.versions[index])


def _render_changes(
    site: SiteContext, analysis: PolicyAnalysis, index: int, found: LanguageChanges
) -> str:
    text = analysis.view
    t = Strings(text.lang)
    version = text.versions[index]
    previous = text.versions[index - 1] if index else None
    link = Links(site, text.lang, changes_doc(text.policy, version.id))
    compare_link = (
        link.html(
            t("compare.link"), compare_doc(text.policy), compare_query(previous.id, version.id)
        )
        if previous
        else Markup("")
    )
    return changes_page(
        site,
        text.policy,
        text.lang,
        (version, version_doc(text.policy, version.id), changes_doc(text.policy, version.id)),
        previous,
        found,
        compare_link,
        sections=analysis.versions[index],
        timelines=analysis.lineages_with_history,
    )
