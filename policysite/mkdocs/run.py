"""One MkDocs command in this process: `mkdocs build`, `build --dirty` or `serve`, what
it staged, and what it leaves to do after MkDocs.

The adapter (`adapter.py`) makes one `Run` when MkDocs starts and hands it plain values
from MkDocs' events: the run stages the pages once (`pipeline/assemble.py`), keeps the
incremental build's bookkeeping (`incremental.py`), and after the last language's build
completes the site folder (`publish.py`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any

from policysite.addresses import Languages, is_local_address
from policysite.config import Options
from policysite.mkdocs.incremental import Incremental
from policysite.mkdocs.lock import BuildLock
from policysite.mkdocs.navigation import Navigation, policies_section
from policysite.mkdocs.publish import publish, split_search_indexes
from policysite.pipeline.assemble import SiteBuild, build_site
from policysite.pipeline.cache import site_fingerprint
from policysite.render.not_found import NotFound, not_found_page
from policysite.render.strings import Strings


class Mode(StrEnum):
    """What MkDocs was asked to do."""

    SERVE = "serve"  # live preview: uncommitted policy files shown as drafts
    SERVE_DIRTY = "serve --dirty"  # the same, rendering only what a save changed (`make serve`)
    BUILD = "build"  # the site folder is emptied by MkDocs and built whole
    DIRTY = "build --dirty"  # pages whose source did not change are kept (`make site`)
    OTHER = "other"  # gh-deploy and the like: a build, nothing kept

    @classmethod
    def of(cls, command: str, dirty: bool) -> Mode:
        if command == "serve":
            return cls.SERVE_DIRTY if dirty else cls.SERVE
        if command == "build":
            return cls.DIRTY if dirty else cls.BUILD
        return cls.OTHER

    @property
    def drafts(self) -> bool:
        """Uncommitted policy files are previewed as drafts."""
        return self in (Mode.SERVE, Mode.SERVE_DIRTY)

    @property
    def incremental(self) -> bool:
        """MkDocs renders only the pages whose source changed (`--dirty`); the pipeline
        keeps the rest exact (navigation titles, the search index, removed pages)."""
        return self in (Mode.DIRTY, Mode.SERVE_DIRTY)


@dataclass(frozen=True)
class Settings:
    """What the run needs of MkDocs' configuration, as plain values."""

    config_file: Path
    docs_dir: Path
    site_dir: Path
    site_url: str
    #: The source repository's address (mkdocs.yml `repo_url`): commits link there.
    repo_url: str
    #: Material's `custom_dir` (its files are in every page), if any.
    theme_dir: Path | None
    #: The hook's own file (its code is in every page).
    hook_file: Path
    #: Hand-written navigation entries (page sources), after the generated ones.
    nav: Sequence[Any]
    languages: Languages
    options: Options

    @property
    def root(self) -> Path:
        return self.config_file.parent.resolve()


Say = Callable[[str], None]


@dataclass
class _SiteFolder:
    """What one `mkdocs build` (all its language builds) learns for the incremental build."""

    incremental: Incremental
    fingerprint: str
    #: Every page's address, in MkDocs' order, and every file made from the staged docs.
    order: dict[str, int] = field(default_factory=dict)
    outputs: set[str] = field(default_factory=set)
    #: Pages MkDocs rendered in this run (with --dirty, the changed ones only).
    rendered: set[str] = field(default_factory=set)


class Run:
    """One MkDocs command: staging once, incremental bookkeeping, the post-build steps."""

    def __init__(self, mode: Mode) -> None:
        self.mode = mode
        self.build: SiteBuild | None = None
        self.settings: Settings | None = None
        self.staging: Path | None = None
        self._site: _SiteFolder | None = None
        self._lock: BuildLock | None = None
        self.navigation = Navigation([], {})
        #: Each language's 404.html as its build wrote it (`keep_not_found`).
        self._not_found: dict[str, str] = {}

    def stage(self, settings: Settings, say: Say) -> Path:
        """Stage hand-written and generated pages; the docs folder MkDocs should use from
        now on (`nav` gives each language's navigation). Called again for each language
        build with the config already changed: the pages are staged once per
        configuration."""
        if self.mode.drafts:  # the live preview stages apart: `make site`'s staging stays
            options = settings.options
            settings = replace(
                settings, options=replace(options, staging_dir=f"{options.staging_dir}-preview")
            )
        staging = settings.options.staging_path(settings.root).resolve()
        if settings.docs_dir.resolve() == staging and self.build is not None:
            return staging
        # Beside the staging folder, which a build must be able to write (a cache need not).
        self._lock = self._lock or BuildLock(staging.parent / f".{staging.name}.lock")
        self._lock.acquire(say)
        started = time.perf_counter()
        docs = settings.docs_dir.resolve()
        build = build_site(
            settings.root,
            docs,
            settings.options,
            settings.languages,
            settings.site_url,
            drafts=self.mode.drafts,
            repo_url=settings.repo_url,
        )
        self.build, self.settings, self.staging = build, settings, staging
        for note in build.notes:
            say(note)
        if self.mode in (Mode.BUILD, Mode.DIRTY) and is_local_address(settings.site_url):
            say(
                f"site_url is {settings.site_url or 'not set'}: every permanent address and "
                "citation on the pages points there. Before publishing, build with SITE_URL "
                "set to the site's public address (or set site_url in mkdocs.yml)"
            )
        report = build.stage_report
        say(
            f"{len(build.pages)} pages generated ({report.written} written, "
            f"{report.unchanged} unchanged, {report.removed} removed) in {staging}; "
            f"{build.made} of {len(build.history.policies()) * len(settings.languages.built)} "
            "policy outputs (a policy in a language) made anew; "
            f"pipeline {time.perf_counter() - started:.2f} s"
        )
        # Home and the policies as one section whose index is home: with Material's
        # navigation.prune, a page outside the section (every version, history, changes
        # page) carries the section's name only, not a line for every policy.
        nav = [{policies_section(settings.languages.default): list(build.nav)}, *settings.nav]
        self.navigation = Navigation.read(staging, nav, settings.languages.built)
        self._begin_site_folder(settings, staging, docs, say)
        return staging

    def nav(self, lang: str) -> list[Any]:
        """The navigation of `lang`'s build (`navigation.py`)."""
        return self.navigation.of_language(lang)

    def _begin_site_folder(self, settings: Settings, staging: Path, docs: Path, say: Say) -> None:
        """For `mkdocs build` and `mkdocs serve --dirty`: fingerprint what every page
        depends on; with --dirty, keep the site folder's pages when it is unchanged, else
        empty it (a full build)."""
        if self.mode not in (Mode.BUILD, Mode.DIRTY, Mode.SERVE_DIRTY):
            self._site = None
            return
        current = site_fingerprint(
            settings.config_file,
            settings.site_url,
            [settings.theme_dir] if settings.theme_dir else [],
            [settings.hook_file],
            [
                (f"{lang}:{entry}", title)
                for lang, of in self.navigation.titles.items()
                for entry, title in of.items()
            ],
            [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()],
        )
        incremental = Incremental(settings.options.cache_path(settings.root), settings.site_dir)
        kept = incremental.begin(current, clean=self.mode.incremental)
        if self.mode.incremental:
            say(
                "incremental build: pages whose source did not change are kept"
                if kept
                else "full build: the site folder's last build differs or did not finish"
            )
        self._site = _SiteFolder(incremental, current)

    def template_cache(self) -> Path | None:
        """Where compiled theme templates are kept between builds (Jinja's bytecode cache,
        keyed by each template's source and Jinja's version): each build compiled ~50 of
        them once per language. None when the cache folder cannot be written."""
        if self.settings is None:
            return None
        folder = self.settings.options.cache_path(self.settings.root) / "templates"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return folder if os.access(folder, os.W_OK) else None

    def shutdown(self) -> None:
        """`mkdocs serve` removes its site folder on exit: its records go with it."""
        if self.mode == Mode.SERVE_DIRTY and self._site is not None:
            self._site.incremental.forget()

    def not_in_nav(self) -> frozenset[str]:
        """Generated pages that stay out of the navigation (versions, history, …)."""
        return self.build.not_in_nav if self.build else frozenset()

    def not_built(self) -> Callable[[str], bool]:
        """Whether a staged page (`about.en.md`) is of a language a one-language preview
        does not build. Other files stay: i18n keeps `lunr.kk.js`, a Kazakh stemmer, not
        a Kazakh page."""
        languages = self.settings.languages if self.settings else None
        if languages is None or languages.preview is None:
            return lambda src_uri: False
        others = tuple(f".{lang}.md" for lang in languages.all if lang != languages.preview)
        return lambda src_uri: src_uri.endswith(others)

    def not_for_mkdocs(self) -> frozenset[str]:
        """Generated files MkDocs is not handed: the run publishes them itself."""
        return self.build.files if self.build else frozenset()

    def generated(self, src_uri: str) -> bool:
        """Whether a page is one the pipeline generated (it is sanitised)."""
        return self.build is not None and src_uri in self.build.generated

    def preview_banner(self) -> str:
        """What every page of a one-language preview says of it; empty otherwise."""
        languages = self.settings.languages if self.settings else None
        if languages is None or languages.preview is None:
            return ""
        strings = Strings(languages.preview)
        return strings("preview.one_language", language=strings(f"language.in.{languages.preview}"))

    def not_found(self, lang: str) -> NotFound:
        """The parts of 404.html in `lang`."""
        assert self.settings is not None and self.build is not None
        return not_found_page(
            lang, self.settings.languages, self.build.history.policies(), self.settings.site_url
        )

    def keep_not_found(self, lang: str, html: str) -> str:
        """Keep `lang`'s 404.html for its language's root (written after the last build);
        returns what MkDocs writes at the site's root, where every language's build writes
        it: the root language's page."""
        self._not_found[lang] = html
        root = self.settings.languages.at_root if self.settings else lang
        return self._not_found.get(root, html)

    def note_files(self, files: Iterable[tuple[str, str, bool]]) -> None:
        """Every file MkDocs will write (its source path, its output path, whether it is a
        page), for the incremental build."""
        if self._site is None or self.staging is None:
            return
        staging = str(self.staging)
        for source, output, is_page in files:
            if source.startswith(staging):
                self._site.outputs.add(output)
                if is_page:
                    self._site.order.setdefault(_address(output), len(self._site.order))

    def note_rendered(self, output: str) -> None:
        """MkDocs rendered the page written to `output`."""
        if self._site is not None:
            self._site.rendered.add(_address(output))

    def after_build(self, site_dir: Path, say: Say) -> None:
        """After the last language's build (the adapter knows which one that is): the
        search index per language, sitemaps, manifest, exact texts, redirects; with an
        incremental build, what the last build made that this one did not is removed."""
        if self.settings is None or self.build is None or self.staging is None:
            return
        settings, build, site = self.settings, self.build, self._site
        complete = None
        if site is not None:
            complete = partial(
                site.incremental.merge_search_index, rendered=site.rendered, order=site.order
            )
        indexed = split_search_indexes(site_dir, settings.languages, complete)
        written = publish(
            site_dir, build, self.staging, settings.languages, settings.site_url, self._not_found
        )
        if site is not None:
            gone = site.incremental.finish(site.fingerprint, site.outputs | written)
            say(
                f"{len(site.rendered)} of {len(site.order)} pages rendered"
                + ("" if indexed is None else f", {indexed} search entries indexed anew")
                + (f"; {len(gone)} files no longer made removed" if gone else "")
            )
            for note in site.incremental.notes:
                say(note)
        if self._lock is not None:
            self._lock.release()

    def watched(self) -> list[Path]:
        """What `mkdocs serve` watches: the hand-written pages, the policies, new commits."""
        if self.settings is None:
            return []
        settings = self.settings
        paths = [settings.docs_dir, settings.options.policies_path(settings.root)]
        if self.build is not None and self.build.git_dir is not None:
            paths.append(self.build.git_dir / "refs" / "heads")
        return paths


def _address(output: str) -> str:
    """A page's address as the search index writes it (`ru/getx/privacy/`): i18n gives
    `page.url` its language prefix only once the page is rendered; the output path
    has it from the start."""
    return output.removesuffix("index.html")
