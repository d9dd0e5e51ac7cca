"""The pages of translations whose authoritative version is before the history an
incomplete build could read (a shallow clone, a folder without git): what can be known
of that version, each at the address the version has in a complete build, saying why
the authoritative text and the changes are missing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from policysite.addresses import history_doc, version_doc
from policysite.compare.analysis import PolicyAnalysis
from policysite.render.aside_pages import Aside, aside_pages
from policysite.render.context import Page, SiteContext
from policysite.render.strings import Strings


def before_cut_pages(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """The page of each of the policy's translations, in the analysis' language, whose
    authoritative version the build could not read."""
    policy, lang = analysis.view.policy, analysis.view.lang
    t = Strings(lang)
    for version in site.history.before_cut.get((policy, lang), ()):
        day = date.fromisoformat(version.translates)
        doc = version_doc(policy, version.translates)
        label = t("version.label", date=t.date(day))
        aside = Aside(version, None, doc, None, "before_cut.md.j2", label)
        context = {
            "version": version,
            "version_label": label,
            "day": day,
            "page_doc": doc,
            "history_doc": history_doc(policy),
        }
        pages, _sections = aside_pages(site, analysis, aside, context)
        yield from pages
