"""The pipeline alone, in this process: where its cold time goes (cProfile), and how long
comparing two versions of a sample policy takes."""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from unittest import mock

from bench.corpus import make_repository
from bench.project import EPOCH, LANGS, ROOT
from policysite.addresses import Languages
from policysite.compare.analysis import PolicyAnalysis, text_changes
from policysite.history.policy_file import parse_source
from policysite.mkdocs.options import load_options
from policysite.pipeline.assemble import build_site
from policysite.render import origins_pages
from policysite.render.context import Page, SiteContext
from policysite.render.csp import with_content_security_policy
from policysite.render.minify import minified
from policysite.render.sanitize import sanitize

NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def build_in_process(root: Path, languages: int, **options: str) -> None:
    """The pipeline's cold build of `root` in this process (no MkDocs, no workers), with
    the site's options and `options` (folders of the site)."""
    langs = LANGS[:languages]
    build_site(
        root,
        root / "docs",
        load_options({"timezone": "Asia/Almaty", **options}),
        Languages("kk", langs, {lang: NAMES[lang] for lang in langs}),
        "",
        {**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        parallel=False,
    )


def profile(policies: int, languages: int, versions: int, work: Path, top: int = 25) -> str:
    """Where the pipeline's cold time goes: cProfile of it in one process (the build
    spreads it over the cores), policysite's own functions by cumulative time."""
    root = work / f"profile-{policies}x{languages}x{versions}"
    make_repository(root, policies, languages, versions)
    profiler = cProfile.Profile()
    profiler.enable()
    build_in_process(root, languages)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"policysite/", top)
    return out.getvalue()


def origins_seconds(root: Path, languages: int) -> float:
    """The pipeline's own seconds for every version's "since when" page (working out the
    origins and rendering the pages), in one process from a cold cache: the build of
    `root` with `origins_pages.generate` timed each time the pipeline calls it (the build
    spreads it over the cores: this is the most it costs)."""
    folder = "build/bench-origins"  # inside the site, as its options require
    spent: list[float] = []
    generate = origins_pages.generate

    def timed(site: SiteContext, analysis: PolicyAnalysis) -> list[Page]:
        started = time.perf_counter()
        pages = list(generate(site, analysis))
        spent.append(time.perf_counter() - started)
        return pages

    try:
        with mock.patch.object(origins_pages, "generate", timed):
            build_in_process(
                root, languages, cache_dir=f"{folder}/cache", staging_dir=f"{folder}/docs"
            )
    finally:
        shutil.rmtree(root / folder, ignore_errors=True)
    return sum(spent)


def hook_seconds(site: Path, folder: str) -> float:
    """What the hook does to each built page in folders named `folder` once MkDocs has
    rendered it (`mkdocs/adapter.py`: the content sanitised, the page minified, its
    Content-Security-Policy written), done again on the pages as built: its seconds."""
    pages = [p.read_text(encoding="utf-8") for p in site.rglob(f"{folder}/index.html")]
    started = time.perf_counter()
    for html in pages:
        article = html.partition("<article")[2].partition("</article>")[0]
        sanitize(article)
        with_content_security_policy(minified(html))
    return time.perf_counter() - started


def compare_median() -> float:
    """Median ms to compare two ~15 KB versions of the sample policy meest/privacy."""
    path = "policies/meest/privacy.kk.md"
    commits = _git("log", "--format=%H", "-3", "--", path).split()
    old, new = (
        parse_source(path, _git_bytes("show", f"{sha}:{path}")).body
        for sha in (commits[-1], commits[-2])
    )
    timings = []
    for _ in range(100):
        start = time.perf_counter()
        text_changes([old, new])
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 2)


def _git(*args: str) -> str:
    return _git_bytes(*args).decode("utf-8")


def _git_bytes(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=True).stdout
