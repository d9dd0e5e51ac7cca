"""The version in force on a date: a form the page's script answers at once, and every
period each version was in force, for readers without the script."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

from policysite.addresses import localized, on_doc, version_doc
from policysite.compare.analysis import PolicyAnalysis
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
    withdrawn = text.withdrawn_by(site.today)
    for version in text.versions:
        successor = text.successor(version)
        if withdrawn and version.effective >= withdrawn.day:
            continue  # never in force: the policy was withdrawn before its day
        if withdrawn and (successor is None or successor.effective >= withdrawn.day):
            end = t.date(withdrawn.day - timedelta(days=1))
        elif version.effective > site.today:
            end = t("on.not_yet")
        elif successor is None or successor.effective > site.today:
            end = t("on.until_now")
        else:
            end = t.date(successor.effective - timedelta(days=1))
        periods.append((version, t.date(version.effective), end))
    versions = [
        {
            "id": v.id,
            "effective": v.id,
            "label": t("version.label", date=t.date(v.effective)),
            "url": link.url(version_doc(text.policy, v.id)),
        }
        for v in text.versions
    ]
    strings: dict[str, object] = {
        key: t.raw(f"on.{key}") for key in ("none", "found", "invalid", "withdrawn")
    }
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
            withdrawn=withdrawn.day.isoformat() if withdrawn else "",
        ),
        periods=periods,
        version_doc=lambda v: version_doc(text.policy, v.id),
    )
