"""Each version's "since when" page (`/<policy>/<id>/origins/`): its text block by block,
each block marked with the version its wording dates from (`compare/origins.py`), a
legend of those versions shaded by age, and a control that folds everything a reader
already accepted (`overrides/assets/javascripts/policysite/origins.js`).

The text is shown as the changes pages show it (`render/blocks.py`): the marks are HTML
the page carries, so they work without a script, and each says its date in words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from policysite.addresses import (
    changes_doc,
    history_doc,
    localized,
    origins_doc,
    version_doc,
)
from policysite.compare.analysis import PolicyAnalysis, VersionSections
from policysite.compare.origins import VersionOrigins, aside_origins, origins
from policysite.compare.text import link_targets, section_blocks
from policysite.history.versions import Retraction, Version
from policysite.render.blocks import block_html
from policysite.render.context import Links, Page, SiteContext, render_page
from policysite.render.parts import status_line, text_links
from policysite.render.strings import Strings
from policysite.render.templating import heading_html, render_html

#: Shades of age, oldest to newest (`ps-age-0` .. in policysite.css).
SHADES = 5


def generate(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """Every version's "since when" page, in the analysis' language; a version taken back
    before its day keeps its page too, compared with the version before it."""
    found = origins(analysis)
    text = analysis.view
    line = list(text.versions)
    for index, version in enumerate(line):
        shown = _Shown(version, analysis.versions[index], found[index], line, None)
        yield _page(site, analysis, shown)
    for retraction in text.retracted:
        version = retraction.version
        before = [v for v in line if v.effective < version.effective]
        base = before[-1] if before else None
        sections, _changes = analysis.aside(version, base)
        place = len(line)
        shown = _Shown(
            version,
            sections,
            aside_origins(analysis, sections, base, place),
            [*line, version],
            retraction,
        )
        yield _page(site, analysis, shown)


@dataclass(frozen=True)
class _Shown:
    """A version whose origins a page shows."""

    version: Version
    sections: VersionSections
    origins: VersionOrigins
    #: The versions its origins name, by place: the line's, and a version taken back.
    versions: Sequence[Version]
    retraction: Retraction | None


def _page(site: SiteContext, analysis: PolicyAnalysis, shown: _Shown) -> Page:
    doc = origins_doc(analysis.view.policy, shown.version.id)
    return Page(localized(doc, analysis.view.lang), _render(site, analysis, shown))


@dataclass(frozen=True)
class _Origin:
    """One version some wording of the page dates from, as the page names it."""

    version: Version
    #: Its shade: 0 the oldest of the page's, `SHADES - 1` the newest.
    age: int
    #: The version's changes page (the first version's too: every section is new there).
    changes: str


def _ages(versions: Sequence[Version], places: Sequence[int]) -> dict[int, int]:
    """Each distinct origin's shade, spread evenly from the oldest to the newest."""
    ordered = sorted(set(places), key=lambda place: (versions[place].effective, place))
    if len(ordered) == 1:
        return {ordered[0]: SHADES - 1}
    last = len(ordered) - 1
    return {place: round(rank * (SHADES - 1) / last) for rank, place in enumerate(ordered)}


def _render(site: SiteContext, analysis: PolicyAnalysis, shown: _Shown) -> str:
    text = analysis.view
    t = Strings(text.lang)
    policy = text.policy
    version, sections, found = shown.version, shown.sections, shown.origins
    own = shown.versions.index(version)
    doc = origins_doc(policy, version.id)
    link = Links(site, text.lang, doc)
    counts = Counter(place for section in found for place in section.places)
    ages = _ages(shown.versions, list(counts) or [own])
    named = {
        place: _Origin(
            shown.versions[place],
            ages[place],
            link.url(changes_doc(policy, shown.versions[place].id)),
        )
        for place in counts
    }
    links = text_links(link, policy, sections, link.url(version_doc(policy, version.id)))

    def mark(place: int, lineage: str) -> Markup:
        origin = named[place]
        day = origin.version.effective
        # At the section on its changes page where that version changed it; a section no
        # version ever changed is where the first version has it.
        if lineage in analysis.lineages_with_history:
            href = f"{origin.changes}#{lineage}"
        else:
            href = link.url(version_doc(policy, origin.version.id), lineage)
        return render_html(
            "origin_mark.html.j2",
            href=href,
            short=t("origins.mark", date=t.date(day)),
            full=t("origins.mark_full", date=t.date(day)),
            # Inside a text in another language (untranslated), the mark is the page's.
            lang=t.lang if version.lang != text.lang else None,
        )

    parts = []
    for located, section_origins in zip(sections.located, found, strict=True):
        section = located.section
        blocks = section_blocks(section.body)
        resolved = links.only(link_targets(section.body))
        parts.append(
            {
                "lineage": located.lineage,
                "level": min(section.depth + 1, 6),
                "heading": None
                if section_origins.heading is None
                else (
                    heading_html(section.heading_markup, links),
                    section_origins.heading,
                ),
                "blocks": [
                    (block_html(block, t, resolved), place)
                    for block, place in zip(blocks, section_origins.blocks, strict=True)
                ],
            }
        )
    legend = [
        (named[place], counts[place], place == own)
        for place in sorted(counts, key=lambda p: (named[p].version.effective, p), reverse=True)
    ]
    label = t("version.label", date=t.date(version.effective))
    return render_page(
        "origins.md.j2",
        site,
        text.lang,
        doc,
        meta={
            "title": t(
                "origins.page_title",
                title=version.title,
                version=t("version.named", date=t.date(version.effective)),
            ),
            "search": {"exclude": True},
            "template": "origins.html",
        },
        version=version,
        label=label,
        status_line=status_line(site, policy, text.lang, version, doc)
        if shown.retraction is None
        else "",
        retraction=shown.retraction,
        version_doc=version_doc(policy, version.id),
        page_doc=doc,
        history_doc=history_doc(policy),
        authoritative=site.languages.default,
        legend=render_html("origins_legend.html.j2", t=t, legend=legend),
        control=render_html(
            "origins_form.html.j2",
            t=t,
            choices=[
                (v.id, v.effective.isoformat(), t.date(v.effective))
                for v in reversed(shown.versions[:own])
                if v.effective < version.effective
            ],
        ),
        text=render_html(
            "origins_text.html.j2",
            parts=parts,
            mark=mark,
            age=lambda place: named[place].age,
            effective=lambda place: named[place].version.effective.isoformat(),
            lang=version.lang,
            foreign=version.lang != text.lang,
        ),
    )
