"""The version in force on a date: a form the page's script answers at once, and every
period each version was in force, for readers without the script."""

from __future__ import annotations

import json
from collections.abc import Iterator

from policysite.addresses import localized, on_doc, version_doc
from policysite.compare.analysis import PolicyAnalysis
from policysite.history.versions import Version
from policysite.render.context import Links, Page, SiteContext, render_page
from policysite.render.strings import Strings
from policysite.render.templating import render_html


def generate(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """The policy's page of the version in force on a date."""
    policy, lang = analysis.view.policy, analysis.view.lang
    yield Page(localized(on_doc(policy), lang), _render_on(site, analysis))


def _render_on(site: SiteContext, analysis: PolicyAnalysis) -> str:
    """The version in force on a date: a form, the script's answer, and every period."""
    text = analysis.view
    t = Strings(text.lang)
    doc = on_doc(text.policy)
    link = Links(site, text.lang, doc)
    periods = []
    for version in text.versions:
        last = text.last_day(version, site.today)
        if last is not None and last < version.effective:
            continue  # never in force: the policy was withdrawn before its day
        if text.withdrawal_of(version, site.today) is not None and last is not None:
            end = t.date(last)
        elif version.effective > site.today:
            end = t("on.not_yet")
        elif last is None or last >= site.today:
            end = t("on.until_now")
        else:
            end = t.date(last)
        periods.append((version, t.date(version.effective), end))

    def entry(version: Version) -> dict[str, str]:
        found = {
            "id": version.id,
            "effective": version.id,
            "label": t("version.named", date=t.date(version.effective)),
            "url": link.url(version_doc(text.policy, version.id)),
        }
        withdrawal = text.withdrawal_of(version, site.today)
        if withdrawal is not None:  # from that day on, no version was in force
            found["ended"] = withdrawal.day.isoformat()
        return found

    versions = [entry(version) for version in text.versions]
    strings: dict[str, object] = {
        key: t.raw(f"on.{key}") for key in ("none", "found", "invalid", "withdrawn")
    }
    # A day after the build day is answered as scheduled on the build day.
    strings["found_ahead"] = t(
        "on.found_ahead", built=t.date(site.today), date="{date}", version="{version}"
    )
    strings["built"] = site.today.isoformat()
    strings["months"] = json.loads(t.date_samples())
    return render_page(
        "on.md.j2",
        site,
        text.lang,
        doc,
        meta={
            "title": t("on.page_title", title=text.named_by.title),
            "search": {"exclude": True},
            "template": "on.html",
        },
        title=text.named_by.title,
        title_lang=text.named_by.lang,
        form=render_html(
            "on_form.html.j2",
            t=t,
            action="./",
            value="",
            versions=json.dumps(versions, ensure_ascii=False),
            strings=json.dumps(strings, ensure_ascii=False),
        ),
        periods=periods,
        version_doc=lambda v: version_doc(text.policy, v.id),
    )
