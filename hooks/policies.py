"""MkDocs hook: translates MkDocs events into calls of `policysite`.

All the work (git history, versions, pages) happens in the `policysite`
package; this module only stages the pages before MkDocs reads its docs
folder and adjusts what MkDocs cannot know about generated pages.
"""

from __future__ import annotations

import time
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
from policysite.manifest import write_manifest
from policysite.repository import GitError
from policysite.sanitize import sanitize
from policysite.search import split_search_index
from policysite.site import SiteBuild, build_site
from policysite.sitemaps import copy_sitemaps

log = get_plugin_logger("policysite")

# The build of the current configuration (on_config sets it for every build).
_build: SiteBuild | None = None
_sources: dict[str, Path] = {}


def on_startup(command: str, dirty: bool) -> None:
    """Once per run: `mkdocs serve` previews uncommitted policy files as drafts; a build
    for publishing never reads them."""
    preview.start(command)


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
    global _build
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
            _languages(config),
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
        f"{_build.made} of {len(_build.history.policies())} policies made anew; "
        f"pipeline {time.perf_counter() - started:.2f} s"
    )
    _sources.update(docs=docs, policies=options.policies_path(root), staging=staging)
    config.docs_dir = str(staging)
    config.nav = [*_build.nav, *(config.nav or [])]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Priority 0 (before i18n, -100, which copies the flag): versions and history stay out
    of the navigation without MkDocs listing each one as omitted."""
    assert _build is not None
    not_in_nav = _build.not_in_nav
    for file in files:
        if file.src_uri in not_in_nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


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
    default = _languages(config).default
    context["policysite_search_lang"] = locale if locale and locale != default else ""
    return context


@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    """Priority -110 (after i18n, -100, which writes one search index for every language):
    split it into one index per language, give each language root the sitemap Material's
    language switcher looks for, and write the manifest of permanent addresses. i18n runs the other languages' builds inside
    its own handler, so this also runs after each of them, on a partial index; the last
    run, on the full index, leaves every language's index complete."""
    languages = _languages(config)
    site_dir = Path(config.site_dir)
    counts = split_search_index(site_dir, languages.default, languages.all)
    if counts:
        log.debug(f"search index per language: {counts}")
    copy_sitemaps(site_dir, languages.default, languages.all)
    if _build is not None:
        write_manifest(site_dir, _build.manifest)
        for file in _build.raw_files:
            target = site_dir / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.data)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Watch the sources and new commits, not the staging folder the build itself writes."""
    server.unwatch(str(_sources["staging"]))
    server.watch(str(_sources["docs"]))
    server.watch(str(_sources["policies"]))
    if _build is not None and _build.git_dir is not None:
        server.watch(str(_build.git_dir / "refs" / "heads"))
    return server
