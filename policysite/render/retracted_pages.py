"""The pages of upcoming versions taken back before their day (moved to another day, or
withdrawn): their addresses stay, each saying what happened, with the text announced,
what it would have changed, and its sections for the compare page."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from policysite.addresses import (
    changes_doc,
    history_doc,
    policy_doc,
    version_doc,
)
from policysite.compare.analysis import PolicyAnalysis
from policysite.compare.changes import VersionChanges
from policysite.history.versions import PolicyText, Retraction
from policysite.render.aside_pages import Aside, aside_pages
from policysite.render.context import Page, SiteContext
from policysite.render.parts import counts_text
from policysite.render.sections_json import sections_pages
from policysite.render.strings import Strings


def retracted_pages(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """Every page of each version of the policy taken back before its day."""
    text = analysis.view
    policy, lang = text.policy, text.lang
    t = Strings(lang)
    for retraction in text.retracted:
        version = retraction.version
        doc = version_doc(policy, version.id)
        label = t("version.label", date=t.date(version.effective))
        aside = Aside(
            version,
            text.line_before(version),
            doc,
            changes_doc(policy, version.id),
            "retracted.md.j2",
            label,
        )

        context = partial(_context, site, text, retraction, doc, label)
        pages, sections = aside_pages(site, analysis, aside, context)
        yield from pages
        yield from sections_pages(site, lang, policy, sections)


def _context(
    site: SiteContext,
    text: PolicyText,
    retraction: Retraction,
    doc: str,
    label: str,
    changes: VersionChanges | None,
) -> Mapping[str, Any]:
    """What retracted.md.j2 says around the text: what happened, and what it would have
    changed."""
    policy = text.policy
    moved = text.version(retraction.moved_to.isoformat()) if retraction.moved_to else None
    return {
        "retraction": retraction,
        "version": retraction.version,
        "version_label": label,
        "moved": moved,
        "current": text.current(site.today),
        "counts": counts_text(Strings(text.lang), changes) if changes else None,
        "version_doc": lambda v: version_doc(policy, v.id),
        "policy_doc": policy_doc(policy),
        "history_doc": history_doc(policy),
        "page_doc": doc,
        "authoritative": site.languages.default,
    }
