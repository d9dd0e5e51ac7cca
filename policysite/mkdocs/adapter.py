"""MkDocs' events, answered: everything the site needs to know of MkDocs, Material and
mkdocs-static-i18n, in one object.

`hooks/policies.py` makes one `Adapter` and hands MkDocs its event methods. The adapter
reads MkDocs' configuration into plain values (`run.Settings`), asks the `Run` of this
MkDocs command to stage the pages and to complete the site folder after the last
language's build, and tells MkDocs, Material and i18n what they need: the staged docs
folder and navigation, the pages to leave out of the navigation, the theme's filters,
each page's search language and Content-Security-Policy, each language's 404.html, what
`mkdocs serve` watches. The pipeline's errors become MkDocs' `PluginError`: a message,
no traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
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
from mkdocs.utils.yaml import yaml_load

from policysite.addresses import Languages
from policysite.config import languages_from
from policysite.errors import PolicysiteError
from policysite.mkdocs.navigation import policies_section
from policysite.mkdocs.options import load_options
from policysite.mkdocs.run import Mode, Run, Settings
from policysite.mkdocs.theme import (
    language_homes,
    localize_permalinks,
    with_site_search,
    without_language_alternates,
)
from policysite.render.csp import with_content_security_policy
from policysite.render.minify import minified
from policysite.render.sanitize import sanitize

log = get_plugin_logger("policysite")

#: The search plugin of Material's theme, as MkDocs names it in `config.plugins`.
SEARCH_PLUGIN = "material/search"
#: mkdocs-static-i18n, as mkdocs.yml names it.
I18N_PLUGIN = "i18n"
#: What mkdocs.yml reads the one language of a live preview from (`make serve PREVIEW=ru`).
PREVIEW_VARIABLE = "POLICYSITE_PREVIEW"


@contextmanager
def _errors(where: str = "") -> Iterator[None]:
    """Every problem the pipeline reports becomes one PluginError: a message, no traceback."""
    try:
        yield
    except PolicysiteError as error:
        raise PluginError(f"{where}{error}") from None


class DirtyWarning(logging.Filter):
    """MkDocs warns that a --dirty build may leave navigation and links inaccurate (and
    strict mode fails on it); `incremental.py` makes it exact. For MkDocs' build logger."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class Adapter:
    """The answers to MkDocs' events for one process (MkDocs loads a hook once)."""

    def __init__(self, hook_file: Path, help_i18n: bool = True) -> None:
        #: The hook's file: its code is in every page, so it is part of the cache keys.
        self.hook_file = hook_file
        #: In a one-language preview, drop the other languages' pages before
        #: mkdocs-static-i18n sees them (it makes MkDocs files of each for every language
        #: built, to drop them later). False only to check it changes no byte of the site.
        self.help_i18n = help_i18n
        self._run: Run | None = None

    @property
    def run(self) -> Run:
        if self._run is None:  # MkDocs calls on_startup first; a test may not
            self._run = Run(Mode.BUILD)
        return self._run

    def on_startup(self, command: str, dirty: bool) -> None:
        """Once per process: `mkdocs serve` previews uncommitted policy files as drafts; a
        build for publishing never reads them. `mkdocs build --dirty` renders only changed
        pages."""
        self._run = Run(Mode.of(command, dirty))
        if self._run.mode.incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(DirtyWarning())

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Priority 100 (first): stage hand-written and generated pages and point `docs_dir`
        there. mkdocs-static-i18n calls this again for each language with the config
        already changed; the run stages once."""
        settings = self._settings(config)
        with _errors():
            docs_dir = self.run.stage(settings, log.info)
        config.docs_dir = str(docs_dir)
        config.nav = self.run.nav(_language(config))
        _search_indexes_this_build_only(config)
        # The navigation's section of home and the policies, named in each language.
        section = policies_section(settings.languages.default)
        for language in _i18n(config).config.languages:
            named = policies_section(language.locale)
            if named != section:
                language.nav_translations = {**(language.nav_translations or {}), section: named}
        return config

    def _settings(self, config: MkDocsConfig) -> Settings:
        with _errors("mkdocs.yml: "):
            options = load_options(config.extra.get("policysite"))
            languages = self._languages(config)
        theme_dir = config.theme.custom_dir
        return Settings(
            config_file=Path(config.config_file_path),
            docs_dir=Path(config.docs_dir),
            site_dir=Path(config.site_dir),
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            theme_dir=Path(theme_dir) if theme_dir else None,
            hook_file=self.hook_file,
            nav=list(config.nav or []),
            languages=languages,
            options=options,
        )

    def _languages(self, config: MkDocsConfig) -> Languages:
        """The site's languages; in a one-language preview (mkdocs-static-i18n's
        `build_only_locale`, which `make serve PREVIEW=ru` sets), the languages as
        mkdocs.yml lists them, that one previewed: i18n has made it the only one and the
        default, but the pipeline reads every language and Kazakh stays authoritative."""
        i18n = _i18n(config)
        preview = i18n.config.build_only_locale
        if not preview:
            return languages_from(i18n.config.languages)
        if not self.run.mode.drafts:
            raise PluginError(
                f"plugins.i18n.build_only_locale is {preview!r} ({PREVIEW_VARIABLE}): a "
                "one-language build is only a live preview (make serve PREVIEW=" + preview + "). "
                f"Unset {PREVIEW_VARIABLE} to build the site in every language"
            )
        with open(config.config_file_path, "rb") as file:  # as MkDocs read it (INHERIT)
            configured = yaml_load(file)
        entries = next(
            entry[I18N_PLUGIN]["languages"]
            for entry in configured.get("plugins", [])
            if isinstance(entry, dict) and I18N_PLUGIN in entry
        )
        return replace(languages_from(entries), preview=preview)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Priority 0 (before i18n, -100, which copies the flag): versions and history stay
        out of the navigation without MkDocs listing each one as omitted; generated files
        that are not pages are the run's to publish, not MkDocs' and i18n's to handle once
        per language."""
        not_in_nav, not_for_mkdocs = self.run.not_in_nav(), self.run.not_for_mkdocs()
        not_built = self.run.not_built() if self.help_i18n else lambda src_uri: False
        for file in list(files):
            if file.src_uri in not_for_mkdocs or not_built(file.src_uri):
                files.remove(file)
            elif file.src_uri in not_in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    @event_priority(-110)
    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        """Priority -110 (after i18n has set each file's language and address): every file
        made from the staged docs, for the incremental build."""
        self.run.note_files(
            (file.abs_src_path or "", file.dest_uri, file.is_documentation_page()) for file in files
        )
        return nav

    @event_priority(-100)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Priority -100 (last): generated pages are sanitised with nh3 before they are
        published (policysite/render/sanitize.py); hand-written pages in docs/ are not,
        and their code blocks, which scroll sideways on a phone, take the keyboard's focus."""
        if self.run.generated(page.file.src_uri):
            return sanitize(html)
        return html.replace("<pre><span></span><code>", '<pre><span></span><code tabindex="0">')

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """The filters overrides/main.html applies to Material's head and configuration;
        and compiled templates kept between builds and language builds."""
        env.filters["without_language_alternates"] = without_language_alternates
        env.filters["with_site_search"] = with_site_search
        cache = self.run.template_cache()
        if cache is not None:
            env.bytecode_cache = FileSystemBytecodeCache(str(cache))
        return env

    @event_priority(-110)
    def on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        """Priority -110 (after i18n, which sets `i18n_page_locale`): pages of a language
        other than the default search that language's own index (overrides/main.html),
        and the headings' "Permanent link" is said in the page's language."""
        locale = context.get("i18n_page_locale")
        default = _i18n(config).default_language
        context["policysite_search_lang"] = locale if locale and locale != default else ""
        context["policysite_preview"] = self.run.preview_banner()
        page.content = localize_permalinks(page.content or "", locale or default)
        self.run.note_rendered(page.file.dest_uri)
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Priority -100 (last): the page as written, minified, with its
        Content-Security-Policy."""
        html = minified(output)  # the scripts' hashes are of the bytes served
        return with_content_security_policy(html) if self._published else html

    def on_post_template(
        self, output_content: str, template_name: str, config: MkDocsConfig
    ) -> str:
        """404.html gets the Content-Security-Policy of every page, and is kept for its
        language's root (every language's build writes it at the site's root); sitemaps
        are not HTML."""
        if not template_name.endswith(".html"):
            return output_content
        html = minified(output_content)
        html = with_content_security_policy(html) if self._published else html
        if template_name == "404.html" and self.run.settings is not None:
            return self.run.keep_not_found(_language(config), html)
        return html

    @property
    def _published(self) -> bool:
        """Whether this build's pages may be published: not the live preview, whose pages
        MkDocs' live reload gives a script of its own in every response (`livereload(epoch,
        request)`, different each time), which a Content-Security-Policy would refuse: the
        preview would never reload on a save."""
        return not self.run.mode.drafts

    def on_template_context(
        self, context: dict[str, Any], template_name: str, config: MkDocsConfig
    ) -> dict[str, Any]:
        """404.html, rendered by each language's build: the message in that language
        (policysite/render/not_found.py), searching that language's index, and a language
        switcher to each language's home, not to the page rendered last."""
        settings = self.run.settings
        if template_name == "404.html" and settings is not None:
            # As mkdocs-static-i18n sets it for each page: an attribute (which Jinja reads
            # before an item), which MkDocs' typing of `extra` does not know.
            homes = language_homes(settings.languages, settings.site_url)
            config.extra.alternate = homes  # type: ignore[attr-defined]
            lang = _language(config)
            context["policysite_not_found"] = self.run.not_found(lang)
            context["policysite_search_lang"] = settings.languages.prefix(lang).rstrip("/")
        return context

    @event_priority(-110)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Priority -110 (after i18n, -100). mkdocs-static-i18n runs every other language's
        build inside its own `on_post_build` of the default language's, flagged
        `building`, then writes one search index of every language: the site folder is
        complete once that flag is down again."""
        if _i18n(config).building:
            return
        with _errors():
            self.run.after_build(Path(config.site_dir), log.info)

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Watch the sources and new commits, not the staging folder the build writes."""
        if self.run.staging is not None:
            server.unwatch(str(self.run.staging))
        for path in self.run.watched():
            server.watch(str(path))
        return server

    def on_shutdown(self) -> None:
        """`mkdocs serve` is done: forget its site folder's incremental records."""
        self.run.shutdown()


def _i18n(config: MkDocsConfig) -> Any:
    """mkdocs-static-i18n's plugin (its languages, its default, whether it is running the
    other languages' builds)."""
    i18n = config.plugins.get(I18N_PLUGIN)
    if i18n is None:
        raise PluginError(
            "mkdocs.yml: policysite needs the mkdocs-static-i18n plugin ('i18n' in plugins)"
        )
    return i18n


def _language(config: MkDocsConfig) -> str:
    """The language of this build: mkdocs-static-i18n names it once it builds another than
    the first."""
    i18n = _i18n(config)
    return str(i18n.current_language or i18n.default_language)


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
    requirements.lock, and the serve tests check every rebuild's index against a full
    build's. Called from `on_config`, before each language's build."""
    search = config.plugins.get(SEARCH_PLUGIN)
    if search is None:
        return  # search is off: nothing to carry
    if not hasattr(search, "is_dirty"):
        raise PluginError(
            f"mkdocs-material {metadata.version('mkdocs-material')}: its search plugin no "
            "longer has the 'is_dirty' setting that policysite/mkdocs/adapter.py turns off "
            "(written for 9.8.1). Install the pinned versions (make clean; make serve), or "
            "update the adapter for this version"
        )
    search.is_dirty = False
