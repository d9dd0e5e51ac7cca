"""Atom feeds (feedgen): `/<policy>/feed.xml` and `/feed.xml`, in every language.

One entry per version: dated by its effective date, except an upcoming version,
which is dated when it was committed (announced) so feed readers show it now.
Each entry says what the version changes: its summary, the counts per change
kind, the changed sections, and a link to its changes page. Nothing depends on
the clock: the feed's own date is its newest entry's.

A browser that opens a feed shows it as a page in its language (the feed's title,
what a feed is and how to follow one, each entry): every feed names its language's
XSLT stylesheet (`feed.xsl`, `feed.xsl.j2`) in a processing instruction, which feed
readers ignore. An entry's content is the site's own HTML, sanitised as a page's is,
so the stylesheet may show it as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from xml.sax.saxutils import quoteattr
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from policysite.addresses import (
    FEED_STYLES,
    FEED_STYLESHEET,
    HOME,
    SITE_FEED,
    changes_doc,
    history_doc,
    localized,
    policy_feed,
    version_doc,
)
from policysite.compare.analysis import PolicyAnalysis
from policysite.compare.changes import ChangeKind
from policysite.history.versions import Status, Version
from policysite.render.context import Page, SiteContext
from policysite.render.parts import announced_text, counts_text
from policysite.render.sanitize import sanitize
from policysite.render.strings import Strings
from policysite.render.templating import render_html

#: The site's feed carries the newest entries only (each policy's feed has them all):
#: a feed reader asks for it often, and with thousands of versions it would be megabytes.
SITE_FEED_ENTRIES = 100


def policy_feed_page(
    site: SiteContext, analysis: PolicyAnalysis
) -> tuple[Page, tuple[FeedEntry, ...]]:
    """The policy's feed in the analysis' language, and its entries (the site's feed
    gathers them)."""
    text = analysis.view
    doc = policy_feed(text.policy)
    entries = tuple(_entries(site, analysis))
    page = Page(
        localized(doc, text.lang),
        _feed(site, text.lang, doc, text.named_by.title, list(entries)),
    )
    return page, entries


def site_feed_pages(
    site: SiteContext, entries: Mapping[str, Iterable[FeedEntry]]
) -> Iterator[Page]:
    """The site's feed in every language: the newest entries of every policy in it."""
    for lang in site.languages.all:
        yield Page(
            localized(SITE_FEED, lang),
            _feed(
                site,
                lang,
                SITE_FEED,
                Strings(lang)("site.name"),
                list(entries.get(lang, ())),
                SITE_FEED_ENTRIES,
            ),
        )


def feed_stylesheet_pages(site: SiteContext) -> Iterator[Page]:
    """The XSLT stylesheet of every language's feeds (`FEED_STYLESHEET`): a browser shows
    a feed through it as a page in that language."""
    for lang in site.languages.all:
        t = Strings(lang)
        stylesheet = render_html(
            "feed.xsl.j2",
            t=t,
            lang=lang,
            styles=site.host_path(FEED_STYLES),
            months=[_date_parts(t, month) for month in range(1, 13)],
        )
        yield Page(localized(FEED_STYLESHEET, lang), str(stylesheet))


def _date_parts(t: Strings, month: int) -> list[str]:
    """How the language writes a date of `month`: the 28th of that month of 2000, split
    around its day and year (`28`, `2000`), which the stylesheet replaces by an entry's
    (as `asked.js` does in the browser)."""
    return [part for part in re.split(r"(28|2000)", t.date(date(2000, month, 28))) if part]


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    updated: datetime
    published: datetime | None
    #: The entry's HTML (`feed_entry.html.j2`), sanitised: the feed's stylesheet shows it.
    content: str


def _entries(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[FeedEntry]:
    text = analysis.view
    t = Strings(text.lang)
    for index, version in enumerate(text.versions):
        status = text.status(version, site.today)
        url = site.page_url(text.lang, version_doc(text.policy, version.id))
        announced = _announced(text.policy, version, site)
        effective = _midnight(version.effective, site.zone)
        updated = announced if status == Status.UPCOMING and announced else effective
        found = analysis.changes(index)
        content = render_html(
            "feed_entry.html.j2",
            t=t,
            status=status,
            label=t("version.label", date=t.date(version.effective)),
            summary=version.summary,
            summary_lang=version.lang,
            counts=counts_text(t, found.changes) if found else None,
            changed=[
                (change.section.heading or t("timeline.preamble"), change.kinds)
                for change in (found.changes.changed if found else ())
                if change.kinds != (ChangeKind.UNCHANGED,)
            ],
            changes_url=site.page_url(text.lang, changes_doc(text.policy, version.id)),
            announced=announced_text(site, t, text.policy, version),
            urgent=version.urgent,
        )
        title = f"{version.title} — {t('version.label', date=t.date(version.effective))}"
        yield FeedEntry(url, title, updated, announced, sanitize(content))
    for retraction in text.retracted:
        version, day = retraction.version, t.date(retraction.version.effective)
        title = (
            t("feed.moved.title", title=version.title, date=day, moved=t.date(retraction.moved_to))
            if retraction.moved_to
            else t("feed.retracted.title", title=version.title, date=day)
        )
        when = retraction.commit.committed.astimezone(site.zone)
        url = site.page_url(text.lang, version_doc(text.policy, version.id))
        yield FeedEntry(
            url + "#" + str(retraction.status),
            title,
            when,
            when,
            sanitize(render_html("feed_retracted.html.j2", t=t, title=title, url=url)),
        )
    withdrawn = text.withdrawn_by(site.today)
    if withdrawn is not None:
        day = t.date(withdrawn.day)
        yield FeedEntry(
            site.page_url(text.lang, history_doc(text.policy)) + "#withdrawn",
            t("feed.withdrawn.title", title=text.named_by.title, date=day),
            _midnight(withdrawn.day, site.zone),
            withdrawn.commit.committed.astimezone(site.zone),
            sanitize(render_html("feed_withdrawn.html.j2", t=t, date=day)),
        )


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    """The start of `day` where the policy applies. Before time zones were standard a zone
    has an offset in seconds (Almaty in 1900: +05:07:48), which RFC 3339 cannot write:
    then the moment is given in UTC."""
    moment = datetime.combine(day, time(0), zone)
    offset = moment.utcoffset()
    return moment.astimezone(UTC) if offset is not None and offset.seconds % 60 else moment


def _announced(policy: str, version: Version, site: SiteContext) -> datetime | None:
    """When the version was announced: the start of the day the site recorded, else the
    time of its first commit (None without git history)."""
    found = site.announced.get((policy, version.translates))
    if found is not None and not found.estimated:
        return _midnight(found.day, site.zone)
    return version.commits[0].committed.astimezone(site.zone) if version.commits else None


def _feed(
    site: SiteContext,
    lang: str,
    doc: str,
    title: str,
    entries: list[FeedEntry],
    newest: int | None = None,
) -> str:
    feed = FeedGenerator()
    feed_url = site.file_url(lang, doc)
    feed.id(feed_url)
    feed.title(title)
    t = Strings(lang)
    feed.subtitle(t("as_of.text", date=t.date(site.today)))
    feed.language(lang)
    feed.link(href=feed_url, rel="self")
    feed.link(href=site.page_url(lang, HOME), rel="alternate")
    feed.generator("policysite")
    ordered = sorted(entries, key=lambda e: (e.updated, e.url))
    if newest is not None:
        ordered = ordered[-newest:]
    feed.updated(ordered[-1].updated if ordered else datetime(1970, 1, 1, tzinfo=site.zone))
    for entry in ordered:  # feedgen puts the last added first
        item = feed.add_entry()
        item.id(entry.url)
        item.title(entry.title)
        item.link(href=entry.url, rel="alternate")
        item.updated(entry.updated)
        if entry.published:
            item.published(entry.published)
        item.content(entry.content, type="html")
    # feedgen writes no processing instruction: it goes between the XML declaration and
    # the feed, where XML allows it (the href is a path: the stylesheet must come from
    # the feed's own origin).
    stylesheet = quoteattr(site.host_path(site.languages.file(lang, FEED_STYLESHEET)))
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f'<?xml-stylesheet type="text/xsl" href={stylesheet}?>\n'
        + str(feed.atom_str(pretty=True, xml_declaration=False).decode("utf-8"))
    )
