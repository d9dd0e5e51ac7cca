"""What every page renderer is given: the build's context, and how a page links.

`SiteContext` is made once per build (`pipeline/assemble.py`) and read by every
renderer; it holds the history, the day the site is built for, the languages
and address, and each policy's analysis (`compare.analysis.Analyses`). `Links`
turns page sources into the links a page prints (`addresses.py` owns the
scheme); `render_page` renders a page template with what every page uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from markupsafe import Markup

from policysite.addresses import (
    SITE_FEED,
    Languages,
    doc_link,
    file_link,
    language_link,
    owner,
    policy_feed,
    relative_path,
    url_link,
    version_doc,
)
from policysite.compare.analysis import Analyses, PolicyAnalysis
from policysite.compare.changes import ChangeKind
from policysite.history.notice import Announcement, VersionKey
from policysite.history.texts import History
from policysite.render.strings import Strings
from policysite.render.templating import Markdown, environment, render, render_html


@dataclass(frozen=True)
class Page:
    """One generated file, relative to the staging docs folder."""

    path: str
    content: str
    #: Listed in the navigation (home and the policies' current pages only).
    in_nav: bool = False


@dataclass(frozen=True)
class SiteContext:
    history: History
    today: date
    languages: Languages
    #: Absolute base URL ending with `/`, for printing permanent addresses; may be empty.
    site_url: str
    analyses: Analyses
    #: The time zone effective dates start in.
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    #: The source repository's address (mkdocs.yml `repo_url`), "" for none: commits
    #: link to `<repo_url>/commit/<sha>`, as GitHub, GitLab and Gitea answer.
    repo_url: str = ""
    #: The day each version (policy id, version id) was announced (`history/notice.py`).
    announced: Mapping[VersionKey, Announcement] = field(default_factory=dict)
    #: Days of notice the site promises before a new version takes effect (0: none).
    notice_days: int = 0
    #: Parts of pages made once and printed on many (a policy's version list per folder depth).
    shared: dict[tuple[object, ...], Any] = field(default_factory=dict)

    def page_url(self, lang: str, doc: str) -> str:
        """The full address of a page (site-absolute when no site_url is configured)."""
        return (self.site_url or "/") + self.languages.url(lang, doc)

    def file_url(self, lang: str, path: str) -> str:
        """The full address of a file under a language's root (`ru/getx/privacy/feed.xml`)."""
        return (self.site_url or "/") + self.languages.file(lang, path)

    def host_path(self, path: str) -> str:
        """A site-relative path as a path on the host that serves the site (`/ru/feed.xsl`,
        `/docs/ru/feed.xsl` for a site at `https://example.org/docs/`): what a file with
        no page around it links to, right from any depth (a renamed policy's former feed
        is a copy of its feed) and from the same origin (a feed's XSLT stylesheet must be)."""
        return (urlsplit(self.site_url).path or "/").rstrip("/") + "/" + path

    def analysis(self, policy: str, lang: str) -> PolicyAnalysis:
        """Sections, lineage and changes of `policy` as read in `lang`, computed once."""
        return self.analyses.of(policy, lang)


def _markdown_link(label: str, target: Markdown) -> str:
    """`[label](target)` from `links.md.j2`."""
    return str(_link_macro()(label, target))


@cache
def _link_macro() -> Any:
    # A page has hundreds of links: the macro is looked up once.
    return environment().get_template("links.md.j2").module.link  # type: ignore[attr-defined]


class Links:
    """Link helpers bound to the page being rendered."""

    def __init__(self, site: SiteContext, lang: str, doc: str) -> None:
        self.site, self.lang, self.doc = site, lang, doc

    def __call__(self, label: str, to_doc: str, fragment: str = "") -> Markdown:
        """A Markdown link, which MkDocs checks and resolves within the page's language."""
        target = doc_link(self.doc, to_doc) + (f"#{fragment}" if fragment else "")
        return Markdown(_markdown_link(label, Markdown(target)))

    def url(self, to_doc: str, fragment: str = "") -> str:
        """A relative URL for raw HTML, which MkDocs does not rewrite."""
        return url_link(self.doc, to_doc, fragment)

    def file(self, path: str) -> str:
        """A relative URL to a file under this language's root (`getx/privacy/feed.xml`)."""
        return file_link(self.doc, path)

    def site_file(self, path: str) -> str:
        """A relative URL to a file under the site's root, shared by every language (an
        image a policy shows)."""
        here = self.site.languages.url(self.lang, self.doc).rstrip("/") or "."
        return relative_path(path, here)

    def html(self, label: str, to_doc: str, query: str = "") -> Markup:
        """A link as raw HTML, for a URL with a query (the compare page) that MkDocs cannot check."""
        return render_html("link.html.j2", href=self.url(to_doc) + query, label=label)

    def in_language(self, label: str, lang: str, to_doc: str, query: str = "") -> Markup:
        """A link to a page in another language: raw HTML, as the target is not in this build."""
        href = language_link(self.site.languages, self.lang, self.doc, lang, to_doc) + query
        return render_html("link.html.j2", href=href, label=label, hreflang=lang)

    def absolute(self, to_doc: str) -> str:
        """The page's full address to cite (site-absolute when no site_url is configured)."""
        return self.site.page_url(self.lang, to_doc)


def render_page(template: str, site: SiteContext, lang: str, doc: str, **values: Any) -> str:
    """Render a page template for `doc` in `lang`, with the strings and links every page uses.

    Its front matter names the Atom feeds the page announces (overrides/main.html).
    """
    t = Strings(lang)
    link = Links(site, lang, doc)
    feeds = [{"title": t("feed.site"), "href": link.file(SITE_FEED)}]
    policy = owner(doc, site.history.policies())
    if policy is not None:
        feeds.insert(0, {"title": t("feed.policy"), "href": link.file(policy_feed(policy))})
    if "meta" in values:
        values["meta"] = {**values["meta"], "feeds": feeds}
    return render(
        template,
        t=t,
        lang=lang,
        in_language=t(f"language.in.{lang}"),
        link=link,
        ChangeKind=ChangeKind,
        incomplete=site.history.incomplete,
        before_cut=_before_cut(site, link, policy),
        as_of=_as_of(site, t, policy),
        **values,
    )


def _as_of(site: SiteContext, t: Strings, policy: str | None) -> Markup:
    """The line "Statuses as of <day>", with the next day a version takes effect (the policy's, or
    any policy's on pages of no one policy), after which the statuses may be outdated."""
    key = ("as_of", t.lang, policy)
    if key not in site.shared:
        authoritative = site.history.authoritative
        texts = [
            text
            for (p, lang), text in site.history.texts.items()
            if lang == authoritative and (policy is None or p == policy)
        ]
        upcoming = [v.effective for text in texts for v in text.upcoming(site.today)]
        site.shared[key] = render_html(
            "as_of.html.j2",
            t=t,
            as_of=site.today,
            next_change=min(upcoming, default=None),
            zone=site.zone.key,
        )
    found: Markup = site.shared[key]
    return found


def _before_cut(
    site: SiteContext, link: Links, policy: str | None
) -> list[tuple[date, list[Markup]]]:
    """The policy's versions known from their translations only (an incomplete history):
    each day, with a link to the translation in each language that has one."""
    days: dict[date, list[Markup]] = {}
    for lang in site.languages.all:
        for version in site.history.before_cut.get((policy or "", lang), ()):
            day = date.fromisoformat(version.translates)
            name = site.languages.names.get(lang, lang)
            days.setdefault(day, []).append(
                link.in_language(name, lang, version_doc(policy or "", version.translates))
            )
    return sorted(days.items())
