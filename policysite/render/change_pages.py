"""The pages that show change: what each version changed, each section through time,
the compare page with the sections data it reads, and the version in force on a date.

Changed text is an HTML fragment (`section_change.html.j2`, autoescaped) inside
the Markdown page; its links are relative URLs, as MkDocs leaves raw HTML alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from markupsafe import Markup

from policysite.addresses import (
    changes_doc,
    compare_doc,
    compare_query,
    language_link,
    localized,
    on_doc,
    section_doc,
    sections_json,
    url_link,
    version_doc,
)
from policysite.compare.analysis import LanguageChanges, PolicyAnalysis
from policysite.compare.changes import ChangeKind, SectionChange
from policysite.compare.redline import Op, Piece
from policysite.compare.rules import rules, text_languages
from policysite.history.versions import Version
from policysite.render.blocks import SCRIPT_MARKUP
from policysite.render.context import Links, Page, SiteContext, render_page
from policysite.render.parts import (
    changes_page,
    section_fragment,
    text_links,
    view_switch,
)
from policysite.render.sections_json import sections_data
from policysite.render.strings import Strings
from policysite.render.templating import render_html

#: Strings the compare page's script needs, by key in the catalogs.
_SCRIPT_STRINGS = (
    *(f"kind.{kind}" for kind in ChangeKind),
    "changes.was",
    "changes.none",
    "changes.summary",
    "changes.unchanged",
    "changes.rewritten",
    "formatting.only",
    "formatting.image",
    "formatting.link",
    "formatting.link_empty",
    "formatting.link_added",
    "formatting.link_removed",
    "redline.folded",
    "compare.same",
    "compare.error",
    "compare.swapped",
    "compare.unknown",
    "section.history",
    "timeline.preamble",
    "version.label",
)


def generate(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """Changes pages, section timelines, the compare page and sections data of one policy."""
    text = analysis.view
    policy, lang = text.policy, text.lang
    for index, version in enumerate(text.versions):
        changes = analysis.changes(index)
        if changes is not None:
            doc = changes_doc(policy, version.id)
            content = _render_changes(site, analysis, index, changes)
            yield Page(localized(doc, lang), content)
        yield Page(
            localized(sections_json(policy, version.id), lang),
            sections_data(site, lang, analysis.view.policy, analysis.versions[index]),
        )
    for lineage in _lineages(analysis):
        if lineage not in analysis.lineages_with_history:
            continue  # never changed: its timeline would say nothing the version pages do not
        yield Page(
            localized(section_doc(policy, lineage), lang), _render_timeline(site, analysis, lineage)
        )
    yield Page(localized(compare_doc(policy), lang), _render_compare(site, analysis))
    yield Page(localized(on_doc(policy), lang), _render_on(site, analysis))


def earlier_timelines(analysis: PolicyAnalysis) -> tuple[tuple[str, str], ...]:
    """The timelines' former addresses, where a section's id was made from its heading as
    written (`[Welcome](#welcome)` gave `welcome-welcome`, now `welcome`), and the address
    each moved to (page sources): the manifest keeps them as redirects."""
    policy = analysis.view.policy
    return tuple(
        (section_doc(policy, then), section_doc(policy, lineage))
        for lineage, then in sorted(analysis.earlier_ids.items())
        if lineage in analysis.lineages_with_history
    )


def _render_changes(
    site: SiteContext, analysis: PolicyAnalysis, index: int, found: LanguageChanges
) -> str:
    text = analysis.view
    t = Strings(text.lang)
    version, previous = text.versions[index], text.versions[index - 1]
    link = Links(site, text.lang, changes_doc(text.policy, version.id))
    compare_link = link.html(
        t("compare.link"), compare_doc(text.policy), compare_query(previous.id, version.id)
    )
    return changes_page(
        site,
        text.policy,
        text.lang,
        (version, version_doc(text.policy, version.id), changes_doc(text.policy, version.id)),
        previous,
        found,
        compare_link,
        sections=analysis.versions[index],
    )


@dataclass(frozen=True)
class _TimelineEntry:
    version: Version
    change: SectionChange | None
    lang: str
    fragment: Markup | None
    #: The section comes back here after it was removed in an earlier version.
    restored: bool = False


def _lineages(analysis: PolicyAnalysis) -> list[str]:
    """Every lineage of the policy, in order of first appearance."""
    seen: dict[str, None] = {}
    for version in analysis.versions:
        for lineage in version.lineage_ids:
            seen.setdefault(lineage, None)
    return list(seen)


def _render_timeline(site: SiteContext, analysis: PolicyAnalysis, lineage: str) -> str:
    """One section through every version: where it appears, changes and is removed."""
    text = analysis.view
    t = Strings(text.lang)
    doc = section_doc(text.policy, lineage)
    entries: list[_TimelineEntry] = []
    present_in: list[Version] = []
    last_heading = ""
    for index, sections in enumerate(analysis.versions):
        here = next((x for x in sections.located if x.lineage == lineage), None)
        if here is not None:
            present_in.append(sections.version)
            last_heading = here.section.heading or t("timeline.preamble")
        found = analysis.changes(index)
        change = None
        if found is not None:
            change = next((c for c in found.changes.sections if c.lineage == lineage), None)
        if here is not None and index == 0:
            entries.append(_TimelineEntry(sections.version, None, sections.version.lang, None))
        elif found is not None and change is not None and change.changed:
            links = text_links(
                Links(site, text.lang, doc),
                text.policy,
                sections,
                url_link(doc, version_doc(text.policy, sections.version.id)),
            )
            fragment = section_fragment(t, None, text.policy, change, found.lang, links)
            restored = ChangeKind.ADDED in change.kinds and bool(present_in[:-1])
            entries.append(_TimelineEntry(sections.version, change, found.lang, fragment, restored))
    return render_page(
        "timeline.md.j2",
        site,
        text.lang,
        doc,
        meta={
            "title": t("timeline.page_title", heading=last_heading),
            "search": {"exclude": True},
        },
        heading=last_heading,
        title=text.named_by.title,
        title_lang=text.named_by.lang,
        entries=entries,
        first=present_in[0] if present_in else None,
        last=present_in[-1] if present_in else None,
        removed=lineage not in analysis.versions[-1].lineage_ids,
        version_doc=lambda v: version_doc(text.policy, v.id),
        changes_doc=lambda v: changes_doc(text.policy, v.id),
        lineage=lineage,
    )


def _render_compare(site: SiteContext, analysis: PolicyAnalysis) -> str:
    text = analysis.view
    t = Strings(text.lang)
    doc = compare_doc(text.policy)
    versions = list(reversed(text.versions))
    strings: dict[str, object] = {key: t.raw(key) for key in _SCRIPT_STRINGS}
    strings["in_original"] = t(
        "changes.in_original.text", in_language=t(f"language.in.{text.lang}")
    )
    # The script's addresses, with `{version}` or `{lineage}` to fill in; the authoritative
    # text's sections serve the pairs `compared_as_read` says are not compared as read.
    some_version = version_doc(text.policy, "{version}")
    original = language_link(site.languages, text.lang, doc, site.languages.default, some_version)
    addresses = {
        "sections": url_link(doc, some_version) + "sections.json",
        "original-sections": original + "sections.json",
        "version": url_link(doc, some_version),
        "timeline": url_link(doc, section_doc(text.policy, "{lineage}")),
    }
    return render_page(
        "compare.md.j2",
        site,
        text.lang,
        doc,
        meta={
            "title": t("compare.page_title", title=text.named_by.title),
            "search": {"exclude": True},
            "template": "compare.html",
        },
        title=text.named_by.title,
        title_lang=text.named_by.lang,
        form=render_html(
            "compare_form.html.j2",
            t=t,
            options=[(v.id, t("version.label", date=t.date(v.effective))) for v in versions],
            default_from=text.versions[-2].id if len(text.versions) > 1 else text.versions[0].id,
            default_to=text.versions[-1].id,
            addresses=addresses,
            strings=json.dumps(strings, ensure_ascii=False),  # an attribute: autoescaped
            # The rules the script compares by, from the modules that own them.
            rules=json.dumps({**rules(), "markup": SCRIPT_MARKUP}, ensure_ascii=False),
            languages=json.dumps(
                text_languages({v.id: v.lang for v in text.versions}), ensure_ascii=False
            ),
            # The redline's markup, for the script to copy: the one the changes pages show.
            prototypes=(Piece(Op.DELETE, ""), Piece(Op.INSERT, "")),
        ),
        view_switch=view_switch(t, "", ""),  # the columns are named as versions are chosen
        steps=[
            (v, t("version.label", date=t.date(v.effective)), changes_doc(text.policy, v.id))
            for v in versions[:-1]
        ],
    )


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
