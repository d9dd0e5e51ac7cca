"""Parts that more than one kind of page shows: a version's text with its anchors,
one changed section with its redline, a "what changed" page, and the counts of
change kinds. The renderers (policy, change, draft pages, feeds) use these and
never one another.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date

from markupsafe import Markup

from policysite.addresses import image_file, policy_doc, section_doc, version_doc
from policysite.compare.analysis import LanguageChanges, VersionSections
from policysite.compare.blocks import BlockOp, compare_blocks
from policysite.compare.changes import ChangeKind, SectionChange, VersionChanges
from policysite.compare.redline import redline
from policysite.compare.text import (
    FormattingChange,
    link_targets,
    section_blocks,
)
from policysite.history.versions import Version
from policysite.render.anchors import (
    UNLINKED,
    TextLinks,
    is_relative,
    policy_file_target,
    policy_files,
    section_names,
)
from policysite.render.blocks import pieces_html, redline_html
from policysite.render.context import Links, SiteContext, render_page
from policysite.render.standing import period, standing
from policysite.render.strings import Strings
from policysite.render.templating import (
    Markdown,
    heading_html,
    heading_markdown,
    policy_html,
    render,
    render_html,
)


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
    earlier: Mapping[str, str] | None = None,
) -> Markdown:
    """The version's text: headings at consistent levels, each with its lineage id as anchor
    and a link to the section's timeline (and the ids it had before, `earlier`, as
    anchors too); the text under them as safe HTML, its links resolved (`anchors.py`)."""
    images = tuple(
        sorted(
            (image.src, link.site_file(image_file(policy, image.sha256, image.name)))
            for image in sections.version.images
        )
    )
    links = text_links(link, policy, sections)
    text = render(
        "text.md.j2",
        t=t,
        link=link,
        located=sections.located,
        with_history=with_history,
        earlier=earlier or {},
        timeline=lambda lineage: section_doc(policy, lineage),
        heading=lambda section: heading_markdown(section.heading_markup, links),
        html=lambda body: policy_html(body, images, links.only(link_targets(body))),
    )
    return Markdown(text.rstrip("\n"))


def text_links(
    link: Links, policy: str, sections: VersionSections, version_page: str = ""
) -> TextLinks:
    """Where the links of a version's text lead on `link`'s page (`anchors.TextLinks`):
    `version_page` is the version's page relative to it ("" on that page)."""
    names, others = _text_names(link.site, policy, sections)
    elsewhere = tuple((href, link.url(policy_doc(other))) for href, other in others)
    return TextLinks(names, version_page, elsewhere)


def _text_names(
    site: SiteContext, policy: str, sections: VersionSections
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """The names a version's text may give its sections (`anchors.section_names`, with
    the ids they had before), and its relative links that name another policy's file ->
    that policy; made once per version and language (every page showing a part of the
    text asks)."""
    version = sections.version
    key = ("text names", policy, version.lang, version.id, version.sha256)
    if key not in site.shared:
        earlier_key = ("earlier ids", policy)
        if earlier_key not in site.shared:
            committed = (policy, site.history.authoritative) in site.history.texts
            site.shared[earlier_key] = (
                site.analysis(policy, site.history.authoritative).earlier_ids if committed else {}
            )
        names = section_names(sections.located, site.shared[earlier_key])
        files = site_policy_files(site)
        others = {
            href: other
            for x in sections.located
            for href in link_targets(x.section.body)
            if is_relative(href) and (other := policy_file_target(href, version.source.path, files))
        }
        site.shared[key] = (tuple(sorted(names.items())), tuple(sorted(others.items())))
    found: tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = site.shared[key]
    return found


def site_policy_files(site: SiteContext) -> dict[str, str]:
    """Each policy file's repository path, and that path without its language -> the id."""
    key = ("policy files",)
    if key not in site.shared:
        site.shared[key] = policy_files(
            (policy, text.path) for (policy, _lang), text in site.history.texts.items()
        )
    found: dict[str, str] = site.shared[key]
    return found


def changes_page(
    site: SiteContext,
    policy: str,
    lang: str,
    shown: tuple[Version, str, str],
    previous: Version | None,
    found: LanguageChanges,
    compare_link: Markup,
    label: str | None = None,
    sections: VersionSections | None = None,
    timelines: Collection[str] = (),
) -> str:
    """A "what changed" page: `shown` is the version, its page and this page's source;
    `timelines` the sections that have a timeline page, which each links;
    `sections` the version's, where its text's links lead to its page. Without `previous`
    (a version taken back that no version came before), every section is new."""
    version, page_doc, doc = shown
    t = Strings(lang)
    link = Links(site, lang, doc)
    links = text_links(link, policy, sections, link.url(page_doc)) if sections is not None else None
    changed = [
        section_fragment(
            t, link if change.lineage in timelines else None, policy, change, found.lang, links
        )
        for change in found.changes.sections
        if change.changed
    ]
    unchanged = [change for change in found.changes.sections if not change.changed]
    named = label or t("version.named", date=t.date(version.effective))  # within the title
    label = label or t("version.label", date=t.date(version.effective))
    return render_page(
        "changes.md.j2",
        site,
        lang,
        doc,
        meta={
            "title": t("changes.page_title", version=named, title=version.title),
            "search": {"exclude": True},
        },
        version=version,
        previous=previous,
        label=label,
        previous_label=t("version.label", date=t.date(previous.effective)) if previous else "",
        counts=counts_text(t, found.changes),
        shown_lang=found.lang,
        changed=changed,
        unchanged=render_html(
            "unchanged.html.j2",
            t=t,
            unchanged=unchanged,
            heading=lambda section: heading_html(section.heading_markup, UNLINKED),
            version_url=lambda lineage: link.url(page_doc, lineage),
        ),
        version_doc=page_doc,
        status_line=status_line(site, policy, lang, version, doc)
        if site.history.view(policy, lang).version(version.id) is version
        else "",
        previous_doc=version_doc(policy, previous.id) if previous else "",
        view_switch=view_switch(t, t("version.label", date=t.date(previous.effective)), label)
        if previous
        else "",
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
    if found.again:
        text = f"{text} {t('announced.again')}"
    if found.estimated:
        text = f"{text} {t('announced.estimated_again' if found.again else 'announced.estimated')}"
    return text


def announced_short(site: SiteContext, t: Strings, policy: str, version: Version) -> str:
    """ "announced on <day>" ("around <day>" when estimated; "" when unknown)."""
    found = site.announced.get((policy, version.translates))
    if found is None:
        return ""
    key = "announced.short_estimated" if found.estimated else "announced.short"
    return t(key, date=t.date(found.day))


def status_line(site: SiteContext, policy: str, lang: str, version: Version, doc: str) -> Markup:
    """A version's status, dates and a link to the text in force, in one line that stays in
    view (`doc` is the page it is on)."""
    t = Strings(lang)
    text = site.history.view(policy, lang)
    today = site.today
    status = text.status(version, today)
    current = text.current(today)
    return render_html(
        "status_line.html.j2",
        t=t,
        status=str(status),
        label=t("version.label", date=t.date(version.effective)),
        period=period(t, standing(text, version, today, today)),
        current_url=Links(site, lang, doc).url(policy_doc(policy))
        if current is not None and current is not version and doc != policy_doc(policy)
        else None,
    )


def view_switch(t: Strings, old: str, new: str) -> Markup:
    """The choice between inline marks and old | new side by side."""
    return render_html("view_switch.html.j2", t=t, old=old, new=new)


def section_fragment(
    t: Strings,
    link: Links | None,
    policy: str,
    change: SectionChange,
    lang: str,
    links: TextLinks | None = None,
) -> Markup:
    """One changed section: its heading as written, kinds, and the redline of its text
    (its links leading where `links` says: the version page's sections)."""
    title_redline = None
    if change.old is not None and change.new is not None:
        title_redline = pieces_html(redline(change.old.title, change.new.title), t)
    return render_html(
        "section_change.html.j2",
        t=t,
        change=change,
        kinds=[str(kind) for kind in change.kinds],
        title_redline=title_redline,
        heading=heading_html(change.section.heading_markup, links)
        if not change.section.is_preamble
        else None,
        formatting=[formatting_text(t, found) for found in change.formatting],
        redline=redline_html(
            change.old.body if change.old else "",
            change.new.body if change.new else "",
            t,
            links=links,
        )
        if shows_redline(change)
        else None,
        lang=lang,
        foreign=lang != t.lang,
        # On the section's own timeline (no `link`), no link to itself, and no id: the
        # timeline shows the section once per version, and an id names one element.
        timeline_url=link.url(section_doc(policy, change.lineage)) if link else None,
        anchor=change.lineage if link else None,
    )


def formatting_text(t: Strings, change: FormattingChange) -> str:
    """A change the words do not show, said in words (`text.formatting_changes`)."""
    if change.kind == "formatting":
        return t("formatting.only")
    if change.kind == "image":
        return t("formatting.image", text=change.text, old=change.old, new=change.new)
    if not change.old:
        return t("formatting.link_added", text=change.text, new=change.new)
    if not change.new:
        return t("formatting.link_removed", text=change.text, old=change.old)
    key = "formatting.link" if change.text else "formatting.link_empty"
    return t(key, text=change.text, old=change.old, new=change.new)


def shows_redline(change: SectionChange) -> bool:
    """Whether a changed section shows the redline of its text: a text changed, or a
    formatting change that marks something (the compare page's script decides the same,
    `compare_rules.js`)."""
    return change.text_changed or bool(change.formatting and has_marks(change))


def has_marks(change: SectionChange) -> bool:
    """Whether a section's redline marks anything (a `formatted` one may mark nothing: an
    empty link's target)."""
    old, new = (change.old.body if change.old else ""), (change.new.body if change.new else "")
    return any(
        c.op != BlockOp.EQUAL for c in compare_blocks(section_blocks(old), section_blocks(new))
    )
