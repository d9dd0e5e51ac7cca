"""Each policy's generated output, made once per content and kept between builds.

A policy's pages in every language (its page, versions, history, changes,
timelines, compare, versions.json, feed) depend on nothing but its own texts
(by hash, with their commits), the day (statuses), the site's languages and
address, and this code. The output is keyed by all of these: on a rebuild a
policy whose key is unchanged costs a cache lookup and a `stat` of each of its
staged files, and is neither analysed nor rendered again.

The policies that must be made are made in parallel, one process per core
(forked, so each starts with the history already read), and each process
writes its pages into the staging folder itself: page texts never travel
between processes, only what the site-wide pages need (`PolicyOutput`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from policysite import change_pages
from policysite.api import versions_page
from policysite.cache import AnalysisCache
from policysite.draft_pages import draft_pages
from policysite.feeds import FeedEntry, policy_feed_entries, policy_feed_page
from policysite.markdown import load_templates
from policysite.pages import Page, SiteContext, policy_pages
from policysite.staging import StagedPage, staged_intact, write_pages


@dataclass(frozen=True)
class PolicyOutput:
    """What is left of a policy in one language once its pages are staged: their
    names, and the feed entries the site's feed gathers."""

    policy: str
    lang: str
    pages: tuple[StagedPage, ...]
    entries: tuple[FeedEntry, ...]


@dataclass(frozen=True)
class OutputReport:
    outputs: tuple[PolicyOutput, ...]
    #: Policies (in one language each) made in this build; the others came from the cache.
    made: int
    written: int
    unchanged: int


def policy_pages_in(site: SiteContext, policy: str, lang: str) -> Iterator[Page]:
    """Every page generated from one policy in one language."""
    analysis = site.analysis(policy, lang)
    yield from policy_pages(site, analysis)
    yield from change_pages.generate(site, analysis)
    yield from draft_pages(site, analysis)
    yield versions_page(site, analysis)
    yield policy_feed_page(site, analysis)


def output_key(site: SiteContext, policy: str, cache: AnalysisCache) -> str:
    """Everything a policy's pages are made from (its texts in every language: a page
    says how each translation stands): a new key means new pages. `lang` is added to it
    for the pages in one language."""
    views = []
    for each in site.languages.all:
        view = site.history.view(policy, each)
        views.append(
            [
                (v.id, v.lang, v.sha256, v.translates, v.commits, v.corrections)
                for v in view.versions
            ]
        )
    drafts = sorted(
        (each, draft.sha256) for (p, each), draft in site.history.drafts.items() if p == policy
    )
    languages = site.languages
    return cache.key(
        "output",
        policy,
        site.today,
        site.site_url,
        str(site.zone),
        (languages.default, languages.all, sorted(languages.names.items())),
        site.history.incomplete,
        views,
        drafts,
    )


# The site and staging folder a forked worker makes policies for (set before forking).
_work: tuple[SiteContext, Path] | None = None

Unit = tuple[str, str]  # (policy, language)


def _make(unit: Unit) -> tuple[PolicyOutput, int, int]:
    assert _work is not None
    site, staging = _work
    policy, lang = unit
    staged, written, unchanged = write_pages(staging, policy_pages_in(site, policy, lang))
    entries = tuple(policy_feed_entries(site, site.analysis(policy, lang)))
    return PolicyOutput(policy, lang, staged, entries), written, unchanged


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def make_outputs(
    site: SiteContext, staging: Path, cache: AnalysisCache, parallel: bool = True
) -> OutputReport:
    """Every policy's output in every language: from the cache where its key and staged
    files are intact, else made (in parallel where there are cores and `parallel`) and
    cached. The authoritative language is made first: every translation's lineage and
    changes start from its analysis, which the others then find in the cache."""
    global _work
    units = [(policy, lang) for policy in site.history.policies() for lang in site.languages.all]
    outputs: dict[Unit, PolicyOutput] = {}
    keys: dict[Unit, str] = {}
    policy_keys: dict[str, str] = {}
    for unit in units:
        policy, lang = unit
        if policy not in policy_keys:
            policy_keys[policy] = output_key(site, policy, cache)
        keys[unit] = cache.key(policy_keys[policy], lang)
        found = cache.load(keys[unit])
        if isinstance(found, PolicyOutput) and staged_intact(staging, found.pages):
            outputs[unit] = found
    todo = [unit for unit in units if unit not in outputs]
    default = site.languages.default
    phases = [[u for u in todo if u[1] == default], [u for u in todo if u[1] != default]]
    workers = min(_workers(), max(len(phase) for phase in phases))
    made: list[tuple[PolicyOutput, int, int]] = []
    _work = (site, staging)
    try:
        if parallel and workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            load_templates()
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                for phase in phases:
                    made.extend(pool.map(_make, phase))
        else:
            made = [_make(unit) for phase in phases for unit in phase]
    finally:
        _work = None
    written = unchanged = 0
    for output, wrote, kept in made:
        unit = (output.policy, output.lang)
        outputs[unit] = output
        written, unchanged = written + wrote, unchanged + kept
        cache.store(keys[unit], output)
    for unit, output in outputs.items():
        if unit not in todo:
            unchanged += len(output.pages)
    return OutputReport(tuple(outputs[unit] for unit in units), len(todo), written, unchanged)
