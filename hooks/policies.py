"""MkDocs hook: translates MkDocs events into calls of `policysite`.

All the work (git history, versions, pages) happens in the `policysite`
package; this module only stages the pages before MkDocs reads its docs
folder and adjusts what MkDocs cannot know about generated pages.
"""

from __future__ import annotations

import logging
import os
import time
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from policysite import preview
from policysite.addresses import Languages
from policysite.config import OptionError, Options
from policysite.errors import PolicyError
from policysite.incremental import Incremental, fingerprint
from policysite.manifest import write_manifest
from policysite.repository import GitError
from policysite.sanitize import sanitize
from policysite.search import split_search_index
from policysite.site import SiteBuild, build_site, write_raw_files
from policysite.sitemaps import copy_sitemaps

log = get_plugin_logger("policysite")

# The build of the current configuration (on_config sets it for every build).
_build: SiteBuild | None = None
_sources: dict[str, Path] = {}


class _Run:
    """What one `mkdocs build` (all its language builds) learns for the incremental build."""

    def __init__(self, incremental: Incremental, fingerprint: str, languages: int) -> None:
        self.incremental, self.fingerprint, self.languages = incremental, fingerprint, languages
        self.finished_builds = 0
        #: Every page's URL, in MkDocs' order, and every file made from the staged docs.
        self.order: dict[str, int] = {}
        self.outputs: set[str] = set()
        #: Pages MkDocs rendered in this run (with --dirty, the changed ones only).
        self.rendered: set[str] = set()


_run: _Run | None = None
# The site's default language, known from on_config on (asked for by every page).
_default_language = ""


class _DirtyWarning(logging.Filter):
    """MkDocs warns that a --dirty build may leave navigation and links inaccurate (and
    strict mode fails on it); `policysite/incremental.py` makes it exact or builds in full."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command: str, dirty: bool) -> None:
    """Once per run: `mkdocs serve` previews uncommitted policy files as drafts; a build
    for publishing never reads them. `mkdocs build --dirty` renders only changed pages."""
    preview.start(command, dirty)
    if preview.incremental():
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarning())


def _languages(config: MkDocsConfig) -> Languages:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("policysite needs the mkdocs-static-i18n plugin ('i18n' in plugins)")
    entries = i18n.config.languages
    default = next((lang.locale for lang in entries if lang.default), entries[0].locale)
    built = tuple(lang.locale for lang in entries if lang.build)
    return Languages(default, built, {lang.locale: lang.name for lang in entries})


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority 100 (first): stage hand-written and generated pages and point `docs_dir` there.

    mkdocs-static-i18n builds once per language and calls this again each
    time with the already changed config; the pages are staged once.
    """
    global _build, _default_language
    languages = _languages(config)
    _default_language = languages.default
    root = Path(config.config_file_path).parent.resolve()
    try:
        options = Options.from_mapping(config.extra.get("policysite"))
    except OptionError as error:
        raise PluginError(f"mkdocs.yml: {error}") from None
    staging = options.staging_path(root).resolve()
    if Path(config.docs_dir).resolve() == staging:
        return config
    docs = Path(config.docs_dir).resolve()
    started = time.perf_counter()
    try:
        _build = build_site(
            root,
            docs,
            options,
            languages,
            config.site_url or "",
            drafts=preview.shows_drafts(),
        )
    except (PolicyError, GitError) as error:
        raise PluginError(str(error)) from None
    for note in _build.history.notes:
        log.info(note)
    report = _build.stage_report
    log.info(
        f"{len(_build.pages)} pages generated ({report.written} written, "
        f"{report.unchanged} unchanged, {report.removed} removed) in {staging}; "
        f"{_build.made} of {len(_build.history.policies()) * len(languages.all)} "
        "policy outputs (a policy in a language) made anew; "
        f"pipeline {time.perf_counter() - started:.2f} s"
    )
    _sources.update(docs=docs, policies=options.policies_path(root), staging=staging)
    config.docs_dir = str(staging)
    config.nav = [*_build.nav, *(config.nav or [])]
    _start_run(config, languages, options.cache_path(root), staging, docs)
    return config


def _start_run(
    config: MkDocsConfig, languages: Languages, cache: Path, staging: Path, docs: Path
) -> None:
    """For `mkdocs build`: fingerprint what every page depends on; with --dirty, keep the
    site folder's pages when it is unchanged, else empty it (a full build)."""
    global _run
    if not preview.builds_site_folder():
        _run = None
        return
    nav_sources = [
        staging / f"{entry.removesuffix('.md')}.{lang}.md"
        for entry in config.nav or []
        if isinstance(entry, str)
        for lang in languages.all
    ]
    theme_dir = config.theme.custom_dir
    current = fingerprint(
        Path(config.config_file_path),
        config.site_url or "",
        [Path(theme_dir)] if theme_dir else [],
        [Path(__file__)],
        nav_sources,
        [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()],
    )
    incremental = Incremental(cache, Path(config.site_dir))
    kept = incremental.begin(current, clean=preview.incremental())
    if preview.incremental():
        # The navigation on every rendered page shows the titles of its pages, which
        # MkDocs knows only of pages it reads: they are read (and rendered) every time.
        for path in nav_sources:
            if path.is_file():
                os.utime(path)
        log.info(
            "incremental build: pages whose source did not change are kept"
            if kept
            else "full build: the site folder's last build differs or did not finish"
        )
    _run = _Run(incremental, current, len(languages.all))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Priority 0 (before i18n, -100, which copies the flag): versions and history stay out
    of the navigation without MkDocs listing each one as omitted."""
    assert _build is not None
    not_in_nav = _build.not_in_nav
    for file in files:
        if file.src_uri in not_in_nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


@event_priority(-110)
def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    """Priority -110 (after i18n has set each file's language and address): note every
    page and every file made from the staged docs, for the incremental build."""
    if _run is not None:
        staging = str(_sources["staging"])
        for file in files:
            if file.abs_src_path and file.abs_src_path.startswith(staging):
                _run.outputs.add(file.dest_uri)
                if file.is_documentation_page():
                    _run.order.setdefault(_address(file.dest_uri), len(_run.order))
    return nav


def _address(dest_uri: str) -> str:
    """A page's address as the search index writes it (`ru/getx/privacy/`): i18n gives
    `page.url` its language prefix only once the page is rendered; the output path
    has it from the start."""
    return dest_uri.removesuffix("index.html")


@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Priority -100 (last): generated pages are sanitised with nh3 before they are
    published (policysite/sanitize.py); hand-written pages in docs/ are left alone."""
    if _build is not None and page.file.src_uri in _build.generated:
        return sanitize(html)
    return html


@event_priority(-110)
def on_page_context(
    context: dict[str, Any], page: Any, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    """Priority -110 (after i18n, which sets `i18n_page_locale`): pages of a language
    other than the default search that language's own index (overrides/main.html)."""
    locale = context.get("i18n_page_locale")
    default = _default_language or _languages(config).default
    context["policysite_search_lang"] = locale if locale and locale != default else ""
    if _run is not None:
        _run.rendered.add(_address(page.file.dest_uri))
    return context


@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    """Priority -110 (after i18n, -100, which writes one search index for every language):
    complete it with the pages an incremental build did not render, split it into one
    index per language, give each language root the sitemap Material's language switcher
    looks for, write the manifest of permanent addresses and each version's exact text,
    and remove what the last build made that this one did not.

    i18n runs the other languages' builds inside its own handler, so this also runs
    after each of them: in `mkdocs build` only the last run, on the full index, works;
    in `mkdocs serve` every run does, the last leaving every index complete."""
    languages = _languages(config)
    site_dir = Path(config.site_dir)
    complete = None
    if _run is not None:
        _run.finished_builds += 1
        if _run.finished_builds < _run.languages:
            return
        # The index MkDocs wrote holds the pages it rendered; the others' entries come
        # from the last build, in page order (policysite/incremental.py).
        complete = partial(
            _run.incremental.merge_search_index, rendered=_run.rendered, order=_run.order
        )
    counts = split_search_index(site_dir, languages.default, languages.all, complete)
    if counts:
        log.debug(f"search index per language: {counts}")
    copy_sitemaps(site_dir, languages.default, languages.all)
    if _build is not None:
        write_manifest(site_dir, _build.manifest)
        write_raw_files(site_dir, _build.raw_files)
    if _run is not None and _build is not None:
        outputs = _run.outputs | {file.path for file in _build.raw_files}
        gone = _run.incremental.finish(_run.fingerprint, outputs)
        log.info(
            f"{len(_run.rendered)} of {len(_run.order)} pages rendered"
            + (f"; {len(gone)} files no longer made removed" if gone else "")
        )


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Watch the sources and new commits, not the staging folder the build itself writes."""
    server.unwatch(str(_sources["staging"]))
    server.watch(str(_sources["docs"]))
    server.watch(str(_sources["policies"]))
    if _build is not None and _build.git_dir is not None:
        server.watch(str(_build.git_dir / "refs" / "heads"))
    return server
