"""MkDocs hook: translates MkDocs events into calls of `policysite`, nothing else.

The work (git history, versions, pages, the incremental build, the post-build
steps) is done by one `policysite.pipeline.run.Run` per MkDocs command; this module
hands it plain values and turns its errors into MkDocs' `PluginError`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from policysite.config import languages_from
from policysite.errors import PolicysiteError
from policysite.mkdocs.options import load_options
from policysite.pipeline.run import DirtyWarning, Mode, Run, Settings, policies_section
from policysite.render.furniture import (
    localize_permalinks,
    with_content_security_policy,
    with_site_search,
    without_language_alternates,
)
from policysite.render.not_found import language_homes
from policysite.render.sanitize import sanitize

log = get_plugin_logger("policysite")

#: The MkDocs command this process runs (on_startup makes it; MkDocs loads this module once).
_run: Run | None = None

#: The search plugin of Material's theme, as MkDocs names it in `config.plugins`.
SEARCH_PLUGIN = "material/search"


@contextmanager
def _errors() -> Iterator[None]:
    """Every problem the pipeline reports becomes one PluginError: a message, no traceback."""
    try:
        yield
    except PolicysiteError as error:
        raise PluginError(str(error)) from None


def on_startup(command: str, dirty: bool) -> None:
    """Once per process: `mkdocs serve` previews uncommitted policy files as drafts; a build
    for publishing never reads them. `mkdocs build --dirty` renders only changed pages."""
    global _run
    _run = Run(Mode.of(command, dirty))
    if _run.mode.incremental:
        logging.getLogger("mkdocs.commands.build").addFilter(DirtyWarning())


def _settings(config: MkDocsConfig) -> Settings:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("policysite needs the mkdocs-static-i18n plugin ('i18n' in plugins)")
    with _errors():
        options = load_options(config.extra.get("policysite"))
        languages = languages_from(i18n.config.languages)
    theme_dir = config.theme.custom_dir
    return Settings(
        config_file=Path(config.config_file_path),
        docs_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
        site_url=config.site_url or "",
        repo_url=config.repo_url or "",
        theme_dir=Path(theme_dir) if theme_dir else None,
        hook_file=Path(__file__),
        nav=list(config.nav or []),
        languages=languages,
        options=options,
    )


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority 100 (first): stage hand-written and generated pages and point `docs_dir`
    there. mkdocs-static-i18n calls this again for each language with the config already
    changed; the run stages once."""
    assert _run is not None
    try:
        settings = _settings(config)
    except PluginError as error:
        raise PluginError(f"mkdocs.yml: {error}") from None
    with _errors():
        docs_dir, nav = _run.stage(settings, log.info)
    config.docs_dir, config.nav = str(docs_dir), nav
    _search_indexes_this_build_only(config)
    # The navigation's section of home and the policies, named in each language.
    section = policies_section(settings.languages.default)
    for language in config.plugins["i18n"].config.languages:
        named = policies_section(language.locale)
        if named != section:
            language.nav_translations = {**(language.nav_translations or {}), section: named}
    return config


def _search_indexes_this_build_only(config: MkDocsConfig) -> None:
    """Material's search plugin indexes the pages this build renders, and nothing more: the
    pipeline carries the entries of the pages a --dirty build keeps (incremental.py).

    Without this, a `mkdocs serve --dirty` grows with every save (issue 25). mkdocs-material
    9.8.1's search plugin has `on_startup`, so MkDocs 1.6 keeps the one plugin object across
    serve rebuilds; when started dirty it keeps each build's index (`search_index_prev`) and
    merges it into the next (`SearchIndex.generate_search_index`), assuming a rebuild
    renders one page. mkdocs-static-i18n 1.3.1 runs each language's build inside the first
    one and, after the last, hands the search plugin every build's entries and calls its
    `on_post_build` again, which merges that list with itself. Each save thus carried every
    entry of every save before it, three times over: 1, 2, 3.5, 10, 34 s on the sample.

    `is_dirty` is the only thing Material reads it by; the plugin's version is pinned in
    requirements.lock, and tests/test_serve.py checks every rebuild's index against a full
    build's. Called from `on_config`, before each language's build."""
    search = config.plugins.get(SEARCH_PLUGIN)
    if search is None:
        return  # search is off: nothing to carry
    if not hasattr(search, "is_dirty"):
        raise PluginError(
            f"mkdocs-material {metadata.version('mkdocs-material')}: its search plugin no "
            "longer has the 'is_dirty' setting that hooks/policies.py turns off (written for "
            "9.8.1). Install the pinned versions (make clean; make serve), or update the "
            "hook for this version"
        )
    search.is_dirty = False


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Priority 0 (before i18n, -100, which copies the flag): versions and history stay out
    of the navigation without MkDocs listing each one as omitted; generated files that are
    not pages are the run's to publish, not MkDocs' and i18n's to handle once per language."""
    assert _run is not None
    not_in_nav, not_for_mkdocs = _run.not_in_nav(), _run.not_for_mkdocs()
    for file in list(files):
        if file.src_uri in not_for_mkdocs:
            files.remove(file)
        elif file.src_uri in not_in_nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


@event_priority(-110)
def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    """Priority -110 (after i18n has set each file's language and address): every file
    made from the staged docs, for the incremental build."""
    assert _run is not None
    _run.note_files(
        (file.abs_src_path or "", file.dest_uri, file.is_documentation_page()) for file in files
    )
    return nav


@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Priority -100 (last): generated pages are sanitised with nh3 before they are
    published (policysite/render/sanitize.py); hand-written pages in docs/ are left alone."""
    assert _run is not None
    return sanitize(html) if _run.generated(page.file.src_uri) else html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The filters overrides/main.html applies to Material's head and configuration; and
    compiled templates kept between builds and language builds."""
    assert _run is not None
    env.filters["without_language_alternates"] = without_language_alternates
    env.filters["with_site_search"] = with_site_search
    cache = _run.template_cache()
    if cache is not None:
        env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


@event_priority(-110)
def on_page_context(
    context: dict[str, Any], page: Any, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    """Priority -110 (after i18n, which sets `i18n_page_locale`): pages of a language
    other than the default search that language's own index (overrides/main.html), and
    the headings' "Permanent link" is said in the page's language."""
    assert _run is not None and _run.settings is not None
    locale = context.get("i18n_page_locale")
    default = _run.settings.languages.default
    context["policysite_search_lang"] = locale if locale and locale != default else ""
    page.content = localize_permalinks(page.content or "", locale or default)
    _run.note_rendered(page.file.dest_uri)
    return context


def _published() -> bool:
    """Whether this build's pages may be published: not the live preview, whose pages
    MkDocs' live reload gives a script of its own in every response (`livereload(epoch,
    request)`, different each time), which a page's Content-Security-Policy would refuse:
    the preview would never reload on a save."""
    return _run is None or not _run.mode.drafts


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Priority -100 (last): the page as written, with its Content-Security-Policy (not in
    the live preview, `_published`)."""
    return with_content_security_policy(output) if _published() else output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """404.html gets the Content-Security-Policy of every page; the sitemaps are not HTML."""
    if template_name.endswith(".html") and _published():
        return with_content_security_policy(output_content)
    return output_content


@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    """Priority -110 (after i18n, -100, which writes one search index for every language):
    the post-build steps of policysite/pipeline/run.py."""
    assert _run is not None
    with _errors():
        _run.after_build(Path(config.site_dir), log.info)


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """404.html: the message in every language (policysite/render/not_found.py), and a
    language switcher to each language's home, not to whatever page was rendered last."""
    assert _run is not None
    if template_name == "404.html" and _run.settings is not None:
        # As mkdocs-static-i18n sets it for each page: an attribute, which Jinja reads first.
        config.extra.alternate = language_homes(_run.settings.languages, _run.settings.site_url)
        context["policysite_not_found"] = _run.not_found()
    return context


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Watch the sources and new commits, not the staging folder the build itself writes."""
    assert _run is not None and _run.staging is not None
    server.unwatch(str(_run.staging))
    for path in _run.watched():
        server.watch(str(path))
    return server


def on_shutdown() -> None:
    """`mkdocs serve` is done: forget its site folder's incremental records."""
    if _run is not None:
        _run.shutdown()
