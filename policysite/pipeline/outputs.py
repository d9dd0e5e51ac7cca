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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policysite.addresses import localized, version_doc
from policysite.pipeline.cache import AnalysisCache
from policysite.pipeline.staging import StagedPage, staged_intact, write_pages
from policysite.render import (
    change_pages,
    compare_pages,
    on_date_pages,
    origins_pages,
    timeline_pages,
)
from policysite.render.anchors import DEAD_LINK
from policysite.render.api import since_pages, versions_page
from policysite.render.before_cut_pages import before_cut_pages
from policysite.render.context import Page, SiteContext
from policysite.render.draft_pages import draft_pages
from policysite.render.feeds import FeedEntry, policy_feed_page
from policysite.render.policy_pages import policy_pages
from policysite.render.retracted_pages import retracted_pages
from policysite.render.schemas import check_output
from policysite.render.templating import load_templates


@dataclass(frozen=True)
class PolicyOutput:
    """What is left of a policy in one language once its pages are staged: their
    names, and the feed entries the site's feed gathers."""

    policy: str
    lang: str
    pages: tuple[StagedPage, ...]
    entries: tuple[FeedEntry, ...]
    #: Former addresses of its sections' timelines -> their addresses now (page sources):
    #: ids made before headings were read as plain text (`lineage.LineageState.earlier`).
    moved: tuple[tuple[str, str], ...] = ()
    #: Links of its versions' texts that lead nowhere on the site, shown as their text
    #: (`render/anchors.py`), by version id (the authoritative language's only).
    dead_links: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class OutputReport:
    outputs: tuple[PolicyOutput, ...]
    #: Policies (in one language each) made in this build; the others came from the cache.
    made: int
    written: int
    unchanged: int


def policy_pages_in(
    site: SiteContext, policy: str, lang: str
) -> tuple[list[Page], tuple[FeedEntry, ...]]:
    """Every page generated from one policy in one language, and its feed's entries."""
    analysis = site.analysis(policy, lang)
    pages = [
        *policy_pages(site, analysis),
        *change_pages.generate(site, analysis),
        *origins_pages.generate(site, analysis),
        *timeline_pages.generate(site, analysis),
        *compare_pages.generate(site, analysis),
        *on_date_pages.generate(site, analysis),
        *draft_pages(site, analysis),
        *retracted_pages(site, analysis),
        *before_cut_pages(site, analysis),
        versions_page(site, analysis),
        *since_pages(site, analysis),
    ]
    feed, entries = policy_feed_page(site, analysis)
    pages.append(feed)
    # A section's text is made for every version that has it: kept once.
    return list({page.path: page for page in pages}.values()), entries


# The site, staging folder and cache a forked worker makes policies for (set before forking).
_work: tuple[SiteContext, Path, AnalysisCache] | None = None

Unit = tuple[str, str]  # (policy, language)


def _make(unit: Unit) -> tuple[PolicyOutput, int, int, dict[str, Any]]:
    """Make and stage one policy in one language; also hand back the analysis steps made
    (the authoritative language's are what the translations start from)."""
    assert _work is not None
    site, staging, cache = _work
    policy, lang = unit
    pages, entries = policy_pages_in(site, policy, lang)
    for page in pages:
        check_output(page.path, page.content)  # the JSON files, by their schemas
    staged, written, unchanged = write_pages(staging, pages)
    steps = cache.take_made() if lang == site.languages.default else {}
    moved = timeline_pages.earlier_timelines(site.analysis(policy, lang))
    dead = _dead_links(site, policy, lang, pages)
    output = PolicyOutput(policy, lang, staged, entries, moved, dead)
    return output, written, unchanged, steps


def _dead_links(
    site: SiteContext, policy: str, lang: str, pages: list[Page]
) -> tuple[tuple[str, int], ...]:
    """How many links of each version's page lead nowhere (authoritative language only:
    every language shows the same links)."""
    if lang != site.languages.default:
        return ()
    version_pages = {
        localized(version_doc(policy, v.id), lang): v.id
        for v in site.history.view(policy, lang).versions
    }
    return tuple(
        (version_pages[page.path], count)
        for page in pages
        if page.path in version_pages and (count := page.content.count(DEAD_LINK))
    )


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def make_outputs(
    site: SiteContext, staging: Path, cache: AnalysisCache, parallel: bool = True
) -> OutputReport:
    """Every policy's output in every language built (a one-language preview's: that one,
    its analyses still read from every language's files): from the cache where its key and staged
    files are intact, else made (in parallel where there are cores and `parallel`) and
    cached. The authoritative language is made first: every translation's lineage and
    changes start from its analysis, which the processes of the translations, forked
    after it, are handed in memory."""
    global _work
    units = [(policy, lang) for policy in site.history.policies() for lang in site.languages.built]
    outputs: dict[Unit, PolicyOutput] = {}
    keys: dict[Unit, str] = {}
    for policy in site.history.policies():
        by_lang = cache.output_keys(
            site.history,
            policy,
            site.today,
            f"{site.site_url} {site.repo_url}",
            str(site.zone),
            site.languages,
            [
                (version, found.day.isoformat(), found.estimated)
                for (each, version), found in sorted(site.announced.items())
                if each == policy
            ],
        )
        keys.update(((policy, lang), key) for lang, key in by_lang.items())
    for unit in units:
        found = cache.load(keys[unit])
        if isinstance(found, PolicyOutput) and staged_intact(staging, found.pages):
            outputs[unit] = found
    todo = [unit for unit in units if unit not in outputs]
    default = site.languages.default
    phases = [[u for u in todo if u[1] == default], [u for u in todo if u[1] != default]]
    workers = min(_workers(), max(len(phase) for phase in phases))
    made: list[tuple[PolicyOutput, int, int, dict[str, Any]]] = []
    _work = (site, staging, cache)
    try:
        fork = parallel and workers > 1 and "fork" in multiprocessing.get_all_start_methods()
        if fork:
            load_templates()
        for phase in phases:
            if fork and len(phase) > 1:
                # A pool per phase: the translations' processes are forked once the
                # authoritative analyses they start from are here.
                context = multiprocessing.get_context("fork")
                with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                    done = list(pool.map(_make, phase))
            else:
                done = [_make(unit) for unit in phase]
            for _output, _wrote, _kept, steps in done:
                cache.adopt(steps)
            made.extend(done)
    finally:
        _work = None
    written = unchanged = 0
    for output, wrote, kept, _steps in made:
        unit = (output.policy, output.lang)
        outputs[unit] = output
        written, unchanged = written + wrote, unchanged + kept
        cache.store(keys[unit], output)
    for unit, output in outputs.items():
        if unit not in todo:
            unchanged += len(output.pages)
    return OutputReport(tuple(outputs[unit] for unit in units), len(todo), written, unchanged)
