"""The home page in every language (every policy, what is in force and what is coming),
and the navigation: home, then each policy not withdrawn."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

from policysite.addresses import (
    HOME,
    history_doc,
    localized,
    policy_doc,
    version_doc,
)
from policysite.history.texts import History, TranslationState
from policysite.render.context import Page, SiteContext, render_page
from policysite.render.parts import announced_short
from policysite.render.strings import Strings


def home_pages(site: SiteContext) -> Iterator[Page]:
    """The home page in every language."""
    for lang in site.languages.all:
        yield Page(localized(HOME, lang), _render_home(site, lang), in_nav=True)


def nav_docs(history: History, today: date) -> list[str]:
    """The navigation: home, then the page of each policy not withdrawn."""
    listed = [
        policy
        for policy in history.policies()
        if not history.texts[(policy, history.authoritative)].withdrawn_by(today)
    ]
    return [HOME, *(policy_doc(policy) for policy in listed)]


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
                "withdrawn": text.withdrawn_by(site.today),
                # An incomplete history: the version in force may be known from its
                # translations only.
                "before_cut": max(
                    (
                        day
                        for (p, _lang), versions in site.history.before_cut.items()
                        if p == policy
                        for day in (date.fromisoformat(v.translates) for v in versions)
                        if day <= site.today
                    ),
                    default=None,
                ),
                "languages": [
                    (other, site.history.translation_status(policy, other, site.today))
                    for other in site.languages.all
                ],
            }
        )
    withdrawn = [p for p in policies if p["withdrawn"]]
    return render_page(
        "home.md.j2",
        site,
        lang,
        HOME,
        policies=[p for p in policies if not p["withdrawn"]],
        withdrawn=withdrawn,
        names=site.languages.names,
        days_until=lambda version: (version.effective - site.today).days,
        # as_of.js counts the days again on the reader's clock.
        countdown_forms=json.dumps(Strings(lang).raw("home.countdown"), ensure_ascii=False),
        announced=lambda policy, version: announced_short(site, Strings(lang), policy, version),
        policy_doc=policy_doc,
        history_doc=history_doc,
        version_doc=version_doc,
        meta={"title": Strings(lang)("home.title")},
    )
