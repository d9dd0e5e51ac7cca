"""The whole pipeline in one call: git history -> versions -> generated pages -> staging."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from policysite import change_pages
from policysite.addresses import Languages
from policysite.api import RawFile, api_pages, raw_files
from policysite.cache import AnalysisCache
from policysite.config import Options
from policysite.draft_pages import draft_pages
from policysite.errors import PolicyError, Problem
from policysite.feeds import feed_pages
from policysite.history import (
    History,
    IncompleteHistory,
    read_drafts,
    read_files,
    read_history,
    today,
)
from policysite.manifest import build_manifest
from policysite.pages import Page, SiteContext, home_pages, nav_docs, policy_pages
from policysite.repository import GitError, NotARepository, Repository
from policysite.staging import StageReport, stage


def generate_pages(site: SiteContext) -> Iterator[Page]:
    """Every generated page of the site, in every language.

    Every version has its page in every language: where a version has no
    translation, the page says so in the reader's language and shows the
    authoritative text, so a permanent address never 404s in one language.
    """
    yield from home_pages(site)
    yield from feed_pages(site)
    yield from api_pages(site)
    for policy in site.history.policies():
        for lang in site.languages.all:
            analysis = site.analysis(policy, lang)
            yield from policy_pages(site, analysis)
            yield from change_pages.generate(site, analysis)
            yield from draft_pages(site, analysis)


@dataclass(frozen=True)
class SiteBuild:
    history: History
    pages: tuple[Page, ...]
    #: Navigation entries (language-neutral page sources), home first.
    nav: tuple[str, ...]
    stage_report: StageReport
    #: None when the site is built from a folder without git.
    git_dir: Path | None
    #: Every permanent address and the hash of each version text (`manifest.py`).
    manifest: dict[str, Any]
    #: Files written into the built site as they are: every version's exact text.
    raw_files: tuple[RawFile, ...] = ()

    @cached_property
    def generated(self) -> frozenset[str]:
        """The page sources this build generated (as MkDocs names them, per language)."""
        return frozenset(page.path for page in self.pages)

    @cached_property
    def not_in_nav(self) -> frozenset[str]:
        return frozenset(page.path for page in self.pages if not page.in_nav)


def load_history(
    root: Path, options: Options, languages: Languages, rev: str = "HEAD", drafts: bool = False
) -> tuple[History, Path | None]:
    """The policies' history at `rev` and the git folder (None without git).

    Refuses a shallow clone or a folder without git unless the options allow an
    incomplete history. Raises PolicyError (every problem of the policies) or GitError.
    """
    policies = options.policies_path(root).resolve()
    if not policies.is_dir():
        raise PolicyError(
            [
                Problem(
                    options.policies_dir,
                    None,
                    (
                        "the policies folder does not exist; create it or set extra.policysite.policies_dir"
                    ),
                )
            ]
        )
    zone, langs = options.zone, languages.all
    try:
        repo = Repository(root)
    except NotARepository:
        if not options.allow_incomplete_history:
            raise PolicyError(
                [
                    Problem(
                        str(root),
                        None,
                        (
                            "is not a git repository, so the history of the policies cannot be read and "
                            "every earlier version would be missing. Build from a git clone of the "
                            "repository, or set extra.policysite.allow_incomplete_history: true in "
                            "mkdocs.yml to publish the texts as they are, marked 'history incomplete'"
                        ),
                    )
                ]
            ) from None
        return read_files(policies, langs, zone, languages.default), None
    with repo:
        try:
            relative = policies.relative_to(repo.root).as_posix()
        except ValueError:
            raise GitError(f"{policies} is outside the git repository {repo.root}") from None
        shallow = repo.is_shallow()
        if shallow and not options.allow_incomplete_history:
            raise PolicyError(
                [
                    Problem(
                        str(repo.root),
                        None,
                        (
                            "has a shallow git history (a clone made with --depth, as GitHub's "
                            "actions/checkout makes by default), so earlier versions would be missing. "
                            "Run 'git fetch --unshallow', or set 'fetch-depth: 0' on actions/checkout; or "
                            "set extra.policysite.allow_incomplete_history: true to publish what there "
                            "is, marked 'history incomplete'"
                        ),
                    )
                ]
            )
        history = read_history(repo, relative, langs, zone, languages.default, rev)
        if shallow:
            history.incomplete = IncompleteHistory.SHALLOW
        if drafts:
            for problem in read_drafts(repo, policies, relative, history, langs):
                history.notes.append(f"draft not shown: {problem}")
        return history, repo.git_dir


def build_site(
    root: Path,
    docs_dir: Path,
    options: Options,
    languages: Languages,
    site_url: str,
    environ: Mapping[str, str] = os.environ,
    drafts: bool = False,
) -> SiteBuild:
    """Read the history of `root`'s policies and stage every page for MkDocs.

    `drafts` (mkdocs serve only) adds a draft page for every uncommitted policy
    file. Raises PolicyError (every problem of the policies) or GitError.
    """
    history, git_dir = load_history(root, options, languages, drafts=drafts)
    context = SiteContext(
        history,
        today(options.zone, environ),
        languages,
        site_url,
        zone=options.zone,
        cache=AnalysisCache(options.cache_path(root)),
    )
    pages = tuple(generate_pages(context))
    report = stage(docs_dir, options.staging_path(root), pages)
    nav = tuple(nav_docs(history))
    raw = tuple(raw_files(context))
    manifest = build_manifest(context, pages)
    return SiteBuild(history, pages, nav, report, git_dir, manifest, raw)
