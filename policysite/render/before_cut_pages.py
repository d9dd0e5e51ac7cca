"""The pages of translations whose authoritative version is before the history an
incomplete build could read (a shallow clone, a folder without git): what can be known
of that version, each at the address the version has in a complete build, saying why
the authoritative text and the changes are missing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from policysite.addresses import history_doc, localized, version_doc
from policysite.compare.analysis import PolicyAnalysis
from policysite.render.context import Links, Page, SiteContext, render_page
from policysite.render.parts import body_markdown
from policysite.render.strings import Strings


def before_cut_pages(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """The page of each of the policy's translations, in the analysis' language, whose
    authoritative version the build could not read."""
    text = analysis.view
    policy, lang = text.policy, text.lang
    t = Strings(lang)
    for version in site.history.before_cut.get((policy, lang), ()):
        day = date.fromisoformat(version.translates)
        doc = version_doc(policy, version.translates)
        sections, _changes = analysis.aside(version, None)
        label = t("version.label", date=t.date(day))
        yield Page(
            localized(doc, lang),
            render_page(
                "before_cut.md.j2",
                site,
                lang,
                doc,
                meta={"title": f"{version.title} — {label}", "search": {"exclude": True}},
                version=version,
                version_label=label,
                day=day,
                page_doc=doc,
                history_doc=history_doc(policy),
                body=body_markdown(sections, policy, Links(site, lang, doc), t, frozenset()),
            ),
        )
