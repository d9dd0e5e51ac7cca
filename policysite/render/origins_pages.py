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
from functools import lru_cache

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
from policysite.render.anchors import ResolvedLinks
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
    marks: dict[tuple[str, str, bool], Markup] = {}
    for index, version in enumerate(line):
        shown = _Shown(version, analysis.versions[index], found[index], line, None)
        yield _page(site, analysis, shown, marks)
    for retraction in text.retracted:
        version = retraction.version
        base = text.line_before(version)
        sections, _changes = analysis.aside(version, base)
        place = len(line)
        shown = _Shown(
            version,
            sections,
            aside_origins(analysis, sections, base, place),
            [*line, version],
            retraction,
        )
        yield _page(site, analysis, shown, marks)


@dataclass(frozen=True)
class _Shown:
    """A version whose origins a page shows."""

    version: Version
    sections: VersionSections
    origins: VersionOrigins
    #: The versions its origins name, by place: the line's, and a version taken back.
    versions: Sequence[Version]
    retraction: Retraction | None


def _page(
    site: SiteContext,
    analysis: PolicyAnalysis,
    shown: _Shown,
    marks: dict[tuple[str, str, bool], Markup],
) -> Page:
    doc = origins_doc(analysis.view.policy, shown.version.id)
    return Page(localized(doc, analysis.view.lang), _render(site, analysis, shown, marks))


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


#: A part of the text with its mark (`data-effective`: the day its wording dates from, for
#: origins.js), a section of them, a heading, and a mark. Written here, as blocks.py writes
#: a redline's blocks, not by a template: a template per part made these pages 3.5 times
#: slower to render (scripts/bench, issue 32).
_PART = Markup('<div class="ps-origin{} ps-age-{}" data-effective="{}">\n{}\n{}\n</div>')
_SECTION = Markup('<section class="ps-origins__section" data-lineage="{}"{}>\n{}\n</section>')
_HEADING = Markup('<h{0} id="{1}" class="ps-origin__heading">{2}</h{0}>')
_MARK = Markup('<a class="ps-origin__mark" href="{}"{}><span class="ps-sr">{} </span>{}</a>')


@lru_cache(maxsize=1 << 12)
def _blocks_html(body: str, lang: str, links: ResolvedLinks | None) -> tuple[Markup, ...]:
    """The blocks of a section's text as a reader sees them: made once for every version
    that has the text."""
    t = Strings(lang)
    return tuple(block_html(block, t, links) for block in section_blocks(body))


def _render(
    site: SiteContext,
    analysis: PolicyAnalysis,
    shown: _Shown,
    marks: dict[tuple[str, str, bool], Markup],
) -> str:
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
    foreign = version.lang != text.lang

    def mark(place: int, lineage: str) -> Markup:
        """A part's mark: its day in words, leading to the section where that version
        changed it (a section no version ever changed: where the first version has it).
        Made once per address and day for every page of the policy."""
        origin = named[place]
        if lineage in analysis.lineages_with_history:
            href = f"{origin.changes}#{lineage}"
        else:
            href = link.url(version_doc(policy, origin.version.id), lineage)
        key = (href, origin.version.id, foreign)
        if key not in marks:
            marks[key] = _MARK.format(
                href,
                # Inside a text in another language (untranslated), the mark is the page's.
                Markup(' lang="{}"').format(t.lang) if foreign else "",
                t("origins.said"),
                t("origins.mark", date=t.date(origin.version.effective)),
            )
        return marks[key]

    def part(place: int, lineage: str, inner: Markup, heading: bool = False) -> Markup:
        origin = named[place]
        return _PART.format(
            " ps-origin--heading" if heading else "",
            origin.age,
            origin.version.effective.isoformat(),
            mark(place, lineage),
            inner,
        )

    html: list[Markup] = []
    for located, section_origins in zip(sections.located, found, strict=True):
        section, lineage = located.section, located.lineage
        inner = []
        if section_origins.heading is not None:
            level = min(section.depth + 1, 6)
            heading = _HEADING.format(level, lineage, heading_html(section.heading_markup, links))
            inner.append(part(section_origins.heading, lineage, heading, heading=True))
        resolved = links.only(link_targets(section.body))
        blocks = _blocks_html(section.body, t.lang, resolved)
        inner.extend(
            part(place, lineage, block)
            for block, place in zip(blocks, section_origins.blocks, strict=True)
        )
        own_id = Markup(' id="{}"').format(lineage) if section_origins.heading is None else ""
        html.append(_SECTION.format(lineage, own_id, Markup("\n").join(inner)))
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
        text=Markup('<div class="ps-origins"{}>\n{}\n</div>').format(
            Markup(' lang="{}"').format(version.lang) if foreign else "",
            Markup("\n").join(html),
        ),
    )
