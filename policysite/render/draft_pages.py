"""The live preview: an uncommitted policy file as a draft page, with what it changes.

Only `mkdocs serve` (`make serve`) reads drafts; a build for publishing never
does, so a draft is never published. The draft page says so in its language and
links to its changes against the version in force, rebuilt on every save.
"""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from policysite.addresses import draft_changes_doc, draft_doc, localized, version_doc
from policysite.compare.analysis import LanguageChanges, PolicyAnalysis
from policysite.history.notice import earliest_effective, notice_problem
from policysite.render.context import Links, Page, SiteContext, render_page
from policysite.render.parts import body_markdown, changes_page
from policysite.render.strings import Strings


def draft_pages(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """The draft of the policy in the analysis' language, and its changes, if there is one."""
    text = analysis.view
    policy, lang = text.policy, text.lang
    draft = site.history.drafts.get((policy, lang))
    if draft is None:
        return
    t = Strings(lang)
    own = [v for v in text.versions if v.lang == lang]
    in_force = text.current(site.today)
    base = (
        in_force if in_force is not None and in_force.lang == lang else (own[-1] if own else None)
    )
    sections, changes = analysis.aside(draft, base)
    doc = draft_doc(policy)
    # A new version of the authoritative text: the notice it gives if merged today.
    new = lang == site.languages.default and text.version(draft.id) is None
    late = new and notice_problem(draft.source, site.today, site.notice_days, not text.versions)
    yield Page(
        localized(doc, lang),
        render_page(
            "draft.md.j2",
            site,
            lang,
            doc,
            meta={"title": f"{draft.title} — {t('draft.label')}", "search": {"exclude": True}},
            draft=draft,
            base=base,
            changes_doc=draft_changes_doc(policy) if changes is not None else None,
            base_doc=version_doc(policy, base.id) if base else None,
            notice_days=(draft.effective - site.today).days if new else None,
            late=bool(late),
            site_notice=site.notice_days,
            earliest=earliest_effective(site.today, site.notice_days),
            body=body_markdown(sections, policy, Links(site, lang, doc), t, frozenset()),
        ),
    )
    if changes is not None and base is not None:
        found = LanguageChanges(lang, changes)
        yield Page(
            localized(draft_changes_doc(policy), lang),
            changes_page(
                site,
                policy,
                lang,
                (draft, doc, draft_changes_doc(policy)),
                base,
                found,
                Markup(""),
                label=t("draft.label"),
                sections=sections,
            ),
        )
