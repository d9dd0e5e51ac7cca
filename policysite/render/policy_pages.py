"""A policy's own pages: the policy in force, every version, and its history.

Links between pages are Markdown links to `.md` files where the page is
Markdown, so MkDocs checks each one (`--strict` fails on a broken link) and
mkdocs-static-i18n resolves it within the page's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from policysite.addresses import (
    changes_doc,
    compare_doc,
    draft_doc,
    history_doc,
    localized,
    on_doc,
    origins_doc,
    policy_doc,
    policy_feed,
    policy_text,
    version_doc,
)
from policysite.compare.analysis import PolicyAnalysis
from policysite.history.repository import Commit
from policysite.history.texts import TranslationState
from policysite.history.versions import Status
from policysite.render.context import Links, Page, SiteContext, render_page
from policysite.render.parts import (
    announced_short,
    announced_text,
    body_markdown,
    counts_text,
    status_line,
)
from policysite.render.standing import asked_spans
from policysite.render.strings import Strings
from policysite.render.templating import Markdown, environment, render_html
from policysite.render.timeline_picture import history_picture


def policy_pages(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """A policy's page, every version's page and its history, in the analysis' language."""
    text = analysis.view
    policy, lang = text.policy, text.lang
    # A withdrawn policy leaves the navigation (the home page lists it apart).
    listed = text.withdrawn_by(site.today) is None
    yield Page(localized(policy_doc(policy), lang), _render_policy(site, analysis, None), listed)
    for index, version in enumerate(text.versions):
        content = _render_policy(site, analysis, index)
        yield Page(localized(version_doc(policy, version.id), lang), content)
    yield Page(localized(history_doc(policy), lang), _render_history(site, analysis))


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
        # A withdrawn policy has neither: its last version, under the withdrawal's notice.
        shown = current or (upcoming[0] if upcoming else text.versions[-1])
    position = analysis.index(shown)
    doc = version_doc(text.policy, shown.id) if index is not None else policy_doc(text.policy)
    status = text.status(shown, today)
    successor = text.successor(shown)
    version_label = t("version.label", date=t.date(shown.effective))
    named = t("version.named", date=t.date(shown.effective))  # within a sentence
    meta: dict[str, object] = {
        "title": shown.title if index is None else f"{shown.title} — {named}",
    }
    if index is not None:
        meta["search"] = {"exclude": True}
    if shown.lang != text.lang:  # the table of contents names the text's language
        meta["text_lang"] = shown.lang
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
        asked=render_html(
            "asked.html.j2",
            spans=asked_spans(t, text, shown, today, announced_short(site, t, text.policy, shown)),
            months=t.date_samples(),
        )
        if index is not None
        else "",
        version_label=version_label,
        status_line=status_line(site, text.policy, text.lang, shown, doc),
        announced=announced_text(site, t, text.policy, shown),
        citation=t(
            # The text of an untranslated version is the authoritative one: the citation
            # says so, beside its title in that language.
            "cite.text" if shown.lang == text.lang else "cite.text_original",
            title=shown.title,
            label=named,
            url=site.page_url(text.lang, version_doc(text.policy, shown.id)),
            sha=shown.sha256,
        ),
        exact_text=policy_text(text.policy, shown.id),
        feed=policy_feed(text.policy),
        versions=_version_list(site, analysis, doc) if index is None else [],
        counts=counts_text(t, changes.changes) if changes else None,
        changes_doc=changes_doc(text.policy, shown.id) if changes else None,
        compare_doc=compare_doc(text.policy),
        origins_doc=origins_doc(text.policy, shown.id),
        previous=text.versions[position - 1] if position else None,
        # A version other than the one in force compares with it; a withdrawn policy has none.
        compare_current=current is not None and current is not shown,
        body=body_markdown(
            analysis.versions[position],
            text.policy,
            Links(site, text.lang, doc),
            t,
            analysis.lineages_with_history,
            analysis.earlier_ids,
        ),
        policy_doc=policy_doc(text.policy),
        version_doc=lambda v: version_doc(text.policy, v.id),
        history_doc=history_doc(text.policy),
        page_doc=doc,
        draft=site.history.drafts.get((text.policy, text.lang)) if index is None else None,
        withdrawn=text.withdrawal_of(shown, today),
        draft_doc=draft_doc(text.policy),
    )


def _version_list(site: SiteContext, analysis: PolicyAnalysis, doc: str) -> list[Markdown]:
    """The "all versions" list of the policy's page, newest first, each a link and its
    status. A version's page links the history instead: it names no version published
    after it, so it settles."""
    text = analysis.view
    t = Strings(text.lang)
    link = Links(site, text.lang, doc)
    entry = environment().get_template("version_entry.md.j2").module
    return [
        Markdown(
            entry.line(  # type: ignore[attr-defined]
                link(
                    t("version.label", date=t.date(version.effective)),
                    version_doc(text.policy, version.id),
                ),
                t("status." + text.status(version, site.today)),
            )
        )
        for version in reversed(text.versions)
    ]


def _render_history(site: SiteContext, analysis: PolicyAnalysis) -> str:
    text = analysis.view
    t = Strings(text.lang)
    named = text.named_by
    entries = []
    for index, version in reversed(list(enumerate(text.versions))):
        changes = analysis.changes(index)
        entries.append(
            {
                "version": version,
                "status": text.status(version, site.today),
                "counts": counts_text(t, changes.changes) if changes else None,
                "changes_doc": changes_doc(text.policy, version.id) if changes else None,
                "announced": announced_text(site, t, text.policy, version),
            }
        )

    def commit_link(commit: Commit) -> Markdown:
        """The commit's short id, linked to the commit where the repository is known."""
        code = f"`{commit.short}`"
        if not site.repo_url:
            return Markdown(code)
        return Markdown(f"[{code}]({site.repo_url}/commit/{commit.sha})")

    return render_page(
        "history.md.j2",
        site,
        text.lang,
        history_doc(text.policy),
        meta={
            "title": t("history.page_title", title=named.title),
            "search": {"exclude": True},
        },
        title=named.title,
        commit_link=commit_link,
        entries=entries,
        withdrawn=text.withdrawn_by(site.today),
        past_withdrawals=text.past_withdrawals,
        compare_doc=compare_doc(text.policy),
        version_doc=lambda v: version_doc(text.policy, v.id),
        origins_doc=lambda v: origins_doc(text.policy, v.id),
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
