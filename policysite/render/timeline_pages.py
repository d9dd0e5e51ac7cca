"""One section through time: where it appears, how each version changed it, where it
was removed (and came back), at an address of its own per lineage id; and the former
addresses of timelines whose id was made from a heading as written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from policysite.addresses import changes_doc, localized, section_doc, url_link, version_doc
from policysite.compare.analysis import PolicyAnalysis
from policysite.compare.changes import ChangeKind, SectionChange
from policysite.history.versions import Version
from policysite.render.context import Links, Page, SiteContext, render_page
from policysite.render.parts import section_fragment, text_links
from policysite.render.strings import Strings


def generate(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """The timeline of every section that ever changed, in every language: a section this
    language's text does not have (a translation divided otherwise, a section only a
    version taken back before its day had) is followed in the authoritative text."""
    policy, lang = analysis.view.policy, analysis.view.lang
    own = _lineages(analysis)
    original = analysis.original
    others = [*_lineages(original), *sorted(analysis.lineages_with_history)]
    for lineage in dict.fromkeys([*own, *others]):
        if lineage not in analysis.lineages_with_history:
            continue  # never changed: its timeline would say nothing the version pages do not
        walked = analysis if lineage in own else original
        yield Page(
            localized(section_doc(policy, lineage), lang),
            _render_timeline(site, analysis, lineage, walked),
        )


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


@dataclass(frozen=True)
class _TimelineEntry:
    version: Version
    change: SectionChange | None
    lang: str
    fragment: Markup | None
    #: The section comes back here after it was removed in an earlier version.
    restored: bool = False
    #: The version was taken back (or moved) before its day, the section with it.
    taken_back: bool = False


def _lineages(analysis: PolicyAnalysis) -> list[str]:
    """Every lineage of the policy, in order of first appearance."""
    seen: dict[str, None] = {}
    for version in analysis.versions:
        for lineage in version.lineage_ids:
            seen.setdefault(lineage, None)
    return list(seen)


def _render_timeline(
    site: SiteContext, analysis: PolicyAnalysis, lineage: str, walked: PolicyAnalysis
) -> str:
    """One section through every version of `walked` (this language's analysis, or the
    authoritative one): where it appears, changes and is removed; a section no version in
    the line has, in the versions taken back before their day that had it."""
    text = analysis.view
    t = Strings(text.lang)
    doc = section_doc(text.policy, lineage)
    entries: list[_TimelineEntry] = []
    present_in: list[Version] = []
    present_at: list[int] = []  # their places in the line
    # The section is named as the reader knows it: in the text in force (or the last one
    # in force) in the reader's language, not by a version still to come or untranslated.
    headings: list[tuple[bool, bool, str]] = []
    for index, sections in enumerate(walked.versions):
        here = next((x for x in sections.located if x.lineage == lineage), None)
        if here is not None:
            present_in.append(sections.version)
            present_at.append(index)
            version = sections.version
            heading = here.section.heading or t("timeline.preamble")
            headings.append((version.lang == text.lang, version.effective <= site.today, heading))
        found = walked.changes(index)
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
    if not present_in:
        for retraction in walked.view.retracted:
            sections, _changes = walked.aside(retraction.version, None)
            here = next((x for x in sections.located if x.lineage == lineage), None)
            if here is not None:
                version = retraction.version
                entries.append(_TimelineEntry(version, None, version.lang, None, taken_back=True))
                headings.append((False, False, here.section.heading or t("timeline.preamble")))
    # The last of the best: own language and in force, own language, in force, any.
    last_heading = max(enumerate(headings), key=lambda found: (found[1][0], found[1][1], found[0]))[
        1
    ][2]
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
        # Removed and restored: absent from some version between its first and its last.
        gaps=bool(present_at) and present_at[-1] - present_at[0] + 1 > len(present_at),
        removed=lineage not in walked.versions[-1].lineage_ids,
        version_doc=lambda v: version_doc(text.policy, v.id),
        changes_doc=lambda v: changes_doc(text.policy, v.id),
        lineage=lineage,
        today=site.today,
    )
