"""The live preview: an uncommitted policy file as a draft page, with what it changes.

Only `mkdocs serve` (`make serve`) reads drafts; a build for publishing never
does, so a draft is never published. The draft page says so in its language and
links to what it changes, rebuilt on every save: against the committed text of the same
version when it edits one (an upcoming version), else against the version before it.
"""

from __future__ import annotations

from collections.abc import Iterator

from policysite.addresses import draft_changes_doc, draft_doc, version_doc
from policysite.compare.analysis import PolicyAnalysis
from policysite.history.notice import earliest_effective, notice_problem
from policysite.render.aside_pages import Aside, aside_pages
from policysite.render.context import Page, SiteContext
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
    # What the edit changes: the committed text of the version it edits, or the version
    # it comes after; one word changed in an upcoming version shows one word.
    before = [v for v in own if v.effective < draft.effective]
    base = text.version(draft.id) if text.version(draft.id) in own else None
    base = base or (before[-1] if before else (own[-1] if own else None))
    doc = draft_doc(policy)
    # A new version of the authoritative text: the notice it gives if merged today.
    new = lang == site.languages.default and text.version(draft.id) is None
    late = new and notice_problem(draft.source, site.today, site.notice_days, not text.versions)
    context = {
        "draft": draft,
        "base": base,
        "base_doc": version_doc(policy, base.id) if base else None,
        "notice_days": (draft.effective - site.today).days if new else None,
        "late": bool(late),
        "site_notice": site.notice_days,
        "earliest": earliest_effective(site.today, site.notice_days),
        "address": site.page_url(lang, version_doc(policy, draft.id)),
    }
    label = t("draft.label")
    aside = Aside(draft, base, doc, draft_changes_doc(policy), "draft.md.j2", label, label)
    pages, _sections = aside_pages(site, analysis, aside, context)
    yield from pages
