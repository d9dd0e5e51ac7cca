"""Parts that more than one kind of page shows: a version's text with its anchors,
one changed section with its redline, a "what changed" page, and the counts of
change kinds. The renderers (policy, change, draft pages, feeds) use these and
never one another.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from markupsafe import Markup

from policysite.addresses import image_file, policy_doc, section_doc, version_doc
from policysite.compare.analysis import LanguageChanges, VersionSections
from policysite.compare.changes import ChangeKind, SectionChange, VersionChanges
from policysite.compare.lineage import normalize
from policysite.compare.redline import redline
from policysite.history.versions import Status, Version
from policysite.render.blocks import pieces_html, redline_html, section_blocks
from policysite.render.context import Links, SiteContext, render_page
from policysite.render.strings import Strings
from policysite.render.templating import Markdown, policy_html, render, render_html


def counts_text(t: Strings, changes: VersionChanges) -> str:
    """`Мәтіні өзгерді: 2 · Қосылды: 1`: each kind but unchanged, with its count."""
    counts = changes.counts()
    parts = [
        f"{t('kind.' + kind)}: {count}"
        for kind, count in counts.items()
        if kind != ChangeKind.UNCHANGED
    ]
    return " · ".join(parts) if parts else t("changes.none")


def body_markdown(
    sections: VersionSections,
    policy: str,
    link: Links,
    t: Strings,
    with_history: frozenset[str],
) -> Markdown:
    """The version's text: headings at consistent levels, each with its lineage id as anchor
    and a link to the section's timeline; the text under them as safe HTML."""
    images = tuple(
        sorted(
            (image.src, link.site_file(image_file(policy, image.sha256, image.name)))
            for image in sections.version.images
        )
    )
    text = render(
        "text.md.j2",
        t=t,
        link=link,
        located=sections.located,
        with_history=with_history,
        timeline=lambda lineage: section_doc(policy, lineage),
        html=lambda body: policy_html(body, images),
    )
    return Markdown(text.rstrip("\n"))


def changes_page(
    site: SiteContext,
    policy: str,
    lang: str,
    shown: tuple[Version, str, str],
    previous: Version,
    found: LanguageChanges,
    compare_link: Markup,
    label: str | None = None,
) -> str:
    """A "what changed" page: `shown` is the version, its page and this page's source."""
    version, page_doc, doc = shown
    t = Strings(lang)
    link = Links(site, lang, doc)
    changed = [
        section_fragment(t, link, policy, change, found.lang)
        for change in found.changes.sections
        if change.changed
    ]
    unchanged = [change for change in found.changes.sections if not change.changed]
    label = label or t("version.label", date=t.date(version.effective))
    return render_page(
        "changes.md.j2",
        site,
        lang,
        doc,
        meta={
            "title": t("changes.page_title", version=label, title=version.title),
            "search": {"exclude": True},
        },
        version=version,
        previous=previous,
        label=label,
        previous_label=t("version.label", date=t.date(previous.effective)),
        counts=counts_text(t, found.changes),
        shown_lang=found.lang,
        changed=changed,
        unchanged=render_html(
            "unchanged.html.j2",
            t=t,
            unchanged=unchanged,
            version_url=lambda lineage: link.url(page_doc, lineage),
        ),
        version_doc=page_doc,
        status_line=status_line(site, policy, lang, version, doc)
        if site.history.view(policy, lang).version(version.id) is version
        else "",
        previous_doc=version_doc(policy, previous.id),
        view_switch=view_switch(t, t("version.label", date=t.date(previous.effective)), label),
        compare_link=compare_link,
    )


def announced_text(site: SiteContext, t: Strings, policy: str, version: Version) -> str:
    """When a version was announced and how long before its effective date, said in `t`'s
    language ("" when the build knows nothing of it: a draft)."""
    found = site.announced.get((policy, version.translates))
    if found is None:
        return ""
    effective = date.fromisoformat(version.translates)
    days = (effective - found.day).days
    day = t.date(found.day)
    if days > 0:
        text = t("announced.before", count=days, date=day)
    elif days == 0:
        text = t("announced.same_day", date=day)
    else:
        text = t("announced.after", count=-days, date=day)
    return f"{text} {t('announced.estimated')}" if found.estimated else text


def status_line(site: SiteContext, policy: str, lang: str, version: Version, doc: str) -> Markup:
    """A version's status, dates and a link to the text in force, in one line that stays in
    view (`doc` is the page it is on)."""
    t = Strings(lang)
    text = site.history.view(policy, lang)
    today = site.today
    status = text.status(version, today)
    end = text.last_day(version, today)
    if end is not None and end < today:
        period = f"{t.date(version.effective)} – {t.date(end)}"
    elif status == Status.UPCOMING:
        period = t("status.from", date=t.date(version.effective))
    else:
        period = t("status.since", date=t.date(version.effective))
    current = text.current(today)
    return render_html(
        "status_line.html.j2",
        t=t,
        status=str(status),
        label=t("version.label", date=t.date(version.effective)),
        period=period,
        current_url=Links(site, lang, doc).url(policy_doc(policy))
        if current is not None and current is not version and doc != policy_doc(policy)
        else None,
    )


def view_switch(t: Strings, old: str, new: str) -> Markup:
    """The choice between inline marks and old | new side by side."""
    return render_html("view_switch.html.j2", t=t, old=old, new=new)


def section_fragment(
    t: Strings, link: Links | None, policy: str, change: SectionChange, lang: str
) -> Markup:
    """One changed section: its heading, kinds, and the redline of its text."""
    title_redline = None
    if change.old is not None and change.new is not None:
        title_redline = pieces_html(redline(change.old.title, change.new.title), t)
    return render_html(
        "section_change.html.j2",
        t=t,
        change=change,
        kinds=[str(kind) for kind in change.kinds],
        title_redline=title_redline,
        redline=redline_html(
            change.old.body if change.old else "", change.new.body if change.new else "", t
        )
        if change.text_changed
        else None,
        lang=lang,
        foreign=lang != t.lang,
        # On the section's own timeline (no `link`), no link to itself.
        timeline_url=link.url(section_doc(policy, change.lineage)) if link else None,
    )


def text_digest(body: str) -> str:
    """What tells two versions of a section's text apart, as the changes do (whitespace
    folded): the compare page's "text changed" is the build's."""
    return hashlib.sha256(normalize(body).encode()).hexdigest()[:16]


def sections_data(policy: str, sections: VersionSections) -> str:
    """A version's sections as JSON (`<policy>/<id>/sections.json`), for the compare page."""
    version = sections.version
    data = {
        "policy": policy,
        "version": version.id,
        "lang": version.lang,
        "title": version.title,
        "sections": [
            {
                "lineage": x.lineage,
                "number": x.section.number or "",
                "title": x.section.title,
                # Not the source: the page shows blocks, and tells a changed text by this.
                "digest": text_digest(x.section.body),
                "blocks": [block.as_dict() for block in section_blocks(x.section.body)],
            }
            for x in sections.located
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
