"""The pages of upcoming versions taken back before their day (moved to another day, or
withdrawn): their addresses stay, each saying what happened, with the text announced,
what it would have changed, and its sections for the compare page."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from policysite.addresses import (
    changes_doc,
    history_doc,
    localized,
    policy_doc,
    sections_json,
    version_doc,
)
from policysite.compare.analysis import LanguageChanges, PolicyAnalysis
from policysite.render.context import Links, Page, SiteContext, render_page
from policysite.render.parts import body_markdown, changes_page, counts_text
from policysite.render.sections_json import sections_data
from policysite.render.strings import Strings


def retracted_pages(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """Every page of each version of the policy taken back before its day."""
    text = analysis.view
    policy, lang = text.policy, text.lang
    t = Strings(lang)
    for retraction in text.retracted:
        version = retraction.version
        before = [v for v in text.versions if v.effective < version.effective]
        base = before[-1] if before else None
        sections, changes = analysis.aside(version, base)
        doc = version_doc(policy, version.id)
        moved = text.version(retraction.moved_to.isoformat()) if retraction.moved_to else None
        label = t("version.label", date=t.date(version.effective))
        yield Page(
            localized(doc, lang),
            render_page(
                "retracted.md.j2",
                site,
                lang,
                doc,
                meta={"title": f"{version.title} — {label}", "search": {"exclude": True}},
                retraction=retraction,
                version=version,
                version_label=label,
                moved=moved,
                current=text.current(site.today),
                counts=counts_text(t, changes) if changes else None,
                changes_doc=changes_doc(policy, version.id) if changes else None,
                version_doc=lambda v: version_doc(policy, v.id),
                policy_doc=policy_doc(policy),
                history_doc=history_doc(policy),
                page_doc=doc,
                authoritative=site.languages.default,
                body=body_markdown(sections, policy, Links(site, lang, doc), t, frozenset()),
            ),
        )
        if changes is not None and base is not None:
            yield Page(
                localized(changes_doc(policy, version.id), lang),
                changes_page(
                    site,
                    policy,
                    lang,
                    (version, doc, changes_doc(policy, version.id)),
                    base,
                    LanguageChanges(version.lang, changes),
                    Markup(""),
                    sections=sections,
                ),
            )
        yield Page(
            localized(sections_json(policy, version.id), lang),
            sections_data(site, lang, policy, sections),
        )
