"""Atom feeds (feedgen): `/<policy>/feed.xml` and `/feed.xml`, in every language.

One entry per version: dated by its effective date, except an upcoming version,
which is dated when it was committed (announced) so feed readers show it now.
Each entry says what the version changes: its summary, the counts per change
kind, the changed sections, and a link to its changes page. Nothing depends on
the clock: the feed's own date is its newest entry's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, time

from feedgen.feed import FeedGenerator
from markupsafe import Markup

from policysite.addresses import changes_doc, localized, version_doc
from policysite.analysis import PolicyAnalysis
from policysite.changes import ChangeKind
from policysite.history import Status, Version
from policysite.pages import Page, SiteContext, counts_text
from policysite.strings import Strings

#: Feed files, relative to a language's root (localized like any staged file).
SITE_FEED = "feed.xml"

#: The site's feed carries the newest entries only (each policy's feed has them all):
#: a feed reader asks for it often, and with thousands of versions it would be megabytes.
SITE_FEED_ENTRIES = 100


def policy_feed(policy: str) -> str:
    return f"{policy}/feed.xml"


def policy_feed_page(site: SiteContext, analysis: PolicyAnalysis) -> Page:
    """The policy's feed in the analysis' language."""
    text = analysis.view
    doc = policy_feed(text.policy)
    entries = list(policy_feed_entries(site, analysis))
    return Page(
        localized(doc, text.lang), _feed(site, text.lang, doc, text.versions[-1].title, entries)
    )


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


class FeedEntry:
    def __init__(
        self, url: str, title: str, updated: datetime, published: datetime | None, content: str
    ) -> None:
        self.url, self.title, self.updated, self.published, self.content = (
            url,
            title,
            updated,
            published,
            content,
        )


def policy_feed_entries(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[FeedEntry]:
    text = analysis.view
    t = Strings(text.lang)
    for index, version in enumerate(text.versions):
        status = text.status(version, site.today)
        url = site.page_url(text.lang, version_doc(text.policy, version.id))
        announced = _announced(version, site)
        effective = datetime.combine(version.effective, time(0), site.zone)
        updated = announced if status == Status.UPCOMING and announced else effective
        found = analysis.changes(index)
        parts = [
            Markup("<p><strong>{}</strong> {}</p>").format(
                t("status." + status), t("version.label", date=t.date(version.effective))
            )
        ]
        if version.summary:
            parts.append(Markup("<p>{}</p>").format(version.summary))
        if found is None:
            parts.append(Markup("<p>{}</p>").format(t("history.first")))
        else:
            parts.append(
                Markup("<p><strong>{}</strong> {}</p>").format(
                    t("changes.summary"), counts_text(t, found.changes)
                )
            )
            items = [
                Markup("<li>{} — {}</li>").format(
                    change.section.heading or t("timeline.preamble"),
                    ", ".join(t("kind." + kind) for kind in change.kinds),
                )
                for change in found.changes.changed
                if change.kinds != (ChangeKind.UNCHANGED,)
            ]
            if items:
                parts.append(Markup("<ul>{}</ul>").format(Markup("").join(items)))
            changes_url = site.page_url(text.lang, changes_doc(text.policy, version.id))
            parts.append(
                Markup('<p><a href="{}">{}</a></p>').format(changes_url, t("changes.link"))
            )
        title = f"{version.title} — {t('version.label', date=t.date(version.effective))}"
        yield FeedEntry(url, title, updated, announced, str(Markup("").join(parts)))


def _announced(version: Version, site: SiteContext) -> datetime | None:
    """When the version was first committed (None without git history)."""
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
    feed.language(lang)
    feed.link(href=feed_url, rel="self")
    feed.link(href=site.page_url(lang, "index.md"), rel="alternate")
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
    return str(feed.atom_str(pretty=True).decode("utf-8"))
