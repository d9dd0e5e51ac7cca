"""The whole pipeline in one call: git history -> versions -> generated pages -> staging."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from policysite.addresses import MANIFEST, Languages
from policysite.compare.analysis import Analyses
from policysite.config import Options, build_day
from policysite.errors import PolicyError
from policysite.history.notice import Announcement, VersionKey, announcements, late_versions
from policysite.history.reading import load_history
from policysite.history.shown_images import remote_image_problems
from policysite.history.texts import History
from policysite.pipeline.cache import AnalysisCache
from policysite.pipeline.evidence import UNSIGNED, evidence_files, signing
from policysite.pipeline.files import write_if_changed
from policysite.pipeline.live_manifest import live_manifest
from policysite.pipeline.outputs import PolicyOutput, make_outputs
from policysite.pipeline.staging import StagedPage, StageReport, is_page, stage
from policysite.render.api import RawFile, policies_page, raw_files
from policysite.render.context import Page, SiteContext
from policysite.render.feeds import FeedEntry, feed_stylesheet_pages, site_feed_pages
from policysite.render.home_pages import home_pages, nav_docs
from policysite.render.manifest import build_manifest, manifest_json, published_announcements
from policysite.render.schemas import check_output
from policysite.render.signing_note import with_signing_note
from policysite.render.strings import require_catalogs


def site_pages(site: SiteContext, outputs: Iterable[PolicyOutput]) -> Iterator[Page]:
    """The pages made from every policy at once: home, the site's feed (and the stylesheet
    every feed names), policies.json."""
    yield from home_pages(site)
    entries: dict[str, list[FeedEntry]] = {lang: [] for lang in site.languages.all}
    for output in outputs:
        entries[output.lang].extend(output.entries)
    yield from site_feed_pages(site, entries)
    yield from feed_stylesheet_pages(site)
    yield policies_page(site)


@dataclass(frozen=True)
class SiteBuild:
    history: History
    #: Every generated page, as staged in `staging`.
    pages: tuple[StagedPage, ...]
    #: Navigation entries (language-neutral page sources), home first.
    nav: tuple[str, ...]
    stage_report: StageReport
    #: None when the site is built from a folder without git.
    git_dir: Path | None
    #: Every permanent address and the hash of each version text (`render/manifest.py`).
    manifest: dict[str, Any]
    #: The manifest as published (`manifest.json`), checked against its schema.
    manifest_file: bytes
    #: Files written into the built site as they are: every version's exact text, the
    #: manifest's signature and what it is checked with (`evidence.py`).
    raw_files: tuple[RawFile, ...]
    staging: Path
    #: Policy outputs (a policy in a language) made in this build; the others were unchanged.
    made: int
    #: What an editor may want to know: the history's notes, then the build's own.
    notes: tuple[str, ...]

    def read(self, path: str) -> str:
        """A generated page's text as staged."""
        return (self.staging / path).read_text(encoding="utf-8")

    @cached_property
    def generated(self) -> frozenset[str]:
        """The page sources this build generated (as MkDocs names them, per language)."""
        return frozenset(page.path for page in self.pages)

    @cached_property
    def files(self) -> frozenset[str]:
        """Generated files that are not pages: published by `publish_files`, not MkDocs."""
        return frozenset(page.path for page in self.pages if not is_page(page.path))

    @cached_property
    def not_in_nav(self) -> frozenset[str]:
        return frozenset(page.path for page in self.pages if not page.in_nav)


def write_raw_files(site_dir: Path, files: Iterable[RawFile]) -> int:
    """Write each version's exact text into the built site, unless it is there already
    (an incremental build keeps the site folder). Returns how many were written."""
    return sum(write_if_changed(site_dir / file.path, file.data) for file in files)


def _announcements(
    history: History,
    options: Options,
    day: date,
    published: Mapping[VersionKey, Announcement | None] | None,
) -> dict[VersionKey, Announcement]:
    """The day each version was announced: taken over from the live site's manifest when
    the build is given it (a deploy), which also refuses a version it would publish today
    with less notice than promised; else estimated from the commits."""
    if published is not None:
        late = late_versions(history, published, day, options.notice_days)
        if late:
            raise PolicyError(late)
    return announcements(history, published, day, options.zone)


def dead_links_note(outputs: Sequence[PolicyOutput]) -> str | None:
    """One note for every link of the published texts that leads nowhere on the site (a
    relative link of the site a text came from): shown as its text, as lint refuses it in
    a new text."""
    found = [
        (output.policy, version_id, count)
        for output in outputs
        for version_id, count in output.dead_links
    ]
    if not found:
        return None
    policy, version_id, _count = found[0]
    return (
        f"{sum(count for *_, count in found)} link(s) in {len(found)} version(s) lead nowhere "
        f"on this site (relative links of the site the texts came from) and are shown as "
        f"their text (the first in {policy}, version {version_id}); lint refuses such a "
        "link in a new text"
    )


def build_site(
    root: Path,
    docs_dir: Path,
    options: Options,
    languages: Languages,
    site_url: str,
    environ: Mapping[str, str] = os.environ,
    drafts: bool = False,
    parallel: bool = True,
    repo_url: str = "",
) -> SiteBuild:
    """Read the history of `root`'s policies and stage every page for MkDocs.

    `drafts` (mkdocs serve only) adds a draft page for every uncommitted policy
    file; it also makes the policies in this process, as a server has threads
    that must not be forked (`parallel` False does so too, e.g. to profile it).
    Raises a PolicysiteError: PolicyError (every problem of the policies),
    ConfigError or GitError.
    """
    require_catalogs(languages.all, "plugins.i18n.languages in mkdocs.yml")
    day = build_day(options.zone, environ)
    history, git_dir = load_history(
        root, options, languages, drafts=drafts, docs_dir=docs_dir, today=day
    )
    how = signing(root, environ)  # a key readers could not verify fails before the build
    live = live_manifest(environ, site_url)
    published = None if live is None else published_announcements(live.data)
    refused, shown_as_links = remote_image_problems(history, day, published)
    if refused:
        raise PolicyError(refused)
    notes = list(history.notes)
    if shown_as_links:
        notes.append(shown_as_links)
    announced = _announcements(history, options, day, published)
    cache = AnalysisCache(options.cache_path(root))
    context = SiteContext(
        history,
        day,
        languages,
        site_url,
        Analyses(history, cache),
        zone=options.zone,
        repo_url=repo_url.rstrip("/"),
        announced=announced,
        notice_days=options.notice_days,
    )
    staging = options.staging_path(root).resolve()
    made = make_outputs(context, staging, cache, parallel=parallel and not drafts)
    cache.prune()
    if cache.unwritable:
        notes.append(cache.unwritable)
    generated = [page for output in made.outputs for page in output.pages]
    made_here = list(site_pages(context, made.outputs))
    for page in made_here:
        check_output(page.path, page.content)
    fill = partial(with_signing_note, languages=languages, signed=how.signed)
    report, own = stage(docs_dir, staging, made_here, (page.path for page in generated), fill)
    report = StageReport(
        report.written + made.written, report.unchanged + made.unchanged, report.removed
    )
    pages = (*own, *generated)
    nav = tuple(nav_docs(history, day))
    raw = tuple(raw_files(context))
    moved = [(output.lang, former, now) for output in made.outputs for former, now in output.moved]
    if note := dead_links_note(made.outputs):
        notes.append(note)
    previous = None if live is None else live.sha256
    manifest = build_manifest(context, (page.path for page in pages), moved, previous, how.signed)
    manifest_file = manifest_json(manifest)
    check_output(MANIFEST, manifest_file.decode())
    raw += evidence_files(how, manifest_file, live)
    if not how.signed and not drafts:
        notes.append(UNSIGNED)
    return SiteBuild(
        history,
        pages,
        nav,
        report,
        git_dir,
        manifest,
        manifest_file,
        raw,
        staging,
        made.made,
        tuple(notes),
    )
