"""MkDocs builds timed: a cold build, a rebuild after one new version and plain MkDocs over
the same pages (the baseline), at one size; and what every page carries as a site grows."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from bench.corpus import add_version, make_repository
from bench.pipeline import hook_seconds, origins_seconds
from bench.project import BIN, EPOCH, fresh_environ, fresh_python
from bench.serve import ServeFigures, serve_edits


@dataclass(frozen=True)
class BuildTiming:
    """One `mkdocs build` in its own process."""

    seconds: float
    #: Peak resident memory of MkDocs and the pipeline's workers.
    rss_mb: float
    #: The hook's own seconds (the pipeline), as it reports them.
    pipeline_s: float
    #: Pages MkDocs rendered.
    rendered: int


class SizeFigures(ServeFigures):
    """What `measure` measures at one size, named as the JSON report writes it."""

    shape: str
    policies: int
    languages: int
    versions: int
    commits: int
    setup_s: float
    pages: int
    cold_s: float
    baseline_s: float
    rebuild_s: float
    pipeline_cold_s: float
    #: The "since when" pages' share of a cold build: MkDocs' seconds for them (plain
    #: MkDocs with them less without), the pipeline's (one process), the hook's work on
    #: them once rendered, and the three over cold_s.
    origins_mkdocs_s: float
    origins_pipeline_s: float
    origins_hook_s: float
    origins_share: float
    pipeline_rebuild_s: float
    rebuild_rendered: int
    peak_rss_mb: float
    ms_per_page: float
    site_mb: float
    #: The plain MkDocs site over the same pages (no hook), MB.
    baseline_site_mb: float
    kb_per_page: float
    #: The mean of the versions' pages alone.
    kb_per_version_page: float
    search_index_mb: float


class PageGrowth(TypedDict):
    """KB of HTML per page with 5 policies and with 50, and their ratio."""

    kb_per_page_5: float
    kb_per_page_50: float
    kb_per_page_growth: float


def timed_build(
    root: Path, site: Path, config: str = "mkdocs.yml", dirty: bool = True, strict: bool = True
) -> BuildTiming:
    """`mkdocs build --strict --dirty` (as `make site` runs it) in its own process: seconds,
    peak RSS, the hook's own seconds, and how many pages MkDocs rendered."""
    mkdocs = [
        str(BIN / "mkdocs"),
        "build",
        *(["--strict"] if strict else []),
        *(["--dirty"] if dirty else []),
    ]
    done = subprocess.run(
        fresh_python("peak_rss", *mkdocs, "-f", config, "-d", str(site)),
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env=fresh_environ(
            {"SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
        ),
    )
    first, _, output = done.stdout.partition("\n")
    if done.returncode != 0 or len(first.split()) != 3:
        raise SystemExit(f"bench: could not time mkdocs build in {root}:\n{done.stderr[-3000:]}")
    code, seconds, rss_kb = first.split()
    if code != "0":
        raise SystemExit(f"bench: mkdocs build failed in {root}:\n{output[-3000:]}")
    pipeline = [float(m) for m in re.findall(r"; pipeline ([\d.]+) s", output)]
    rendered = re.search(r"(\d+) of \d+ pages rendered", output)
    return BuildTiming(
        seconds=float(seconds),
        rss_mb=int(rss_kb) / 1024,
        pipeline_s=sum(pipeline),
        rendered=int(rendered[1]) if rendered else 0,
    )


def baseline(root: Path, site: Path, without: str = "") -> BuildTiming:
    """Plain MkDocs over the same pages, already Markdown: no hook, same everything else
    (`without`: but the pages in folders of that name, e.g. every version's `origins`, which
    leaves the links to them broken: not strict then)."""
    docs = root / "baseline-docs"
    shutil.rmtree(docs, ignore_errors=True)
    ignored = shutil.ignore_patterns(without) if without else None
    shutil.copytree(root / "build" / "docs", docs, ignore=ignored)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", "docs_dir: baseline-docs")
    if without:
        config = config.replace("\nstrict: true\n", "\nstrict: false\n")
    config = re.sub(r"\nhooks:\n  - hooks/policies.py\n", "\n", config)
    # The same navigation as the hook gives (home, the policies, hand-written pages): a
    # navigation of every version would make MkDocs quadratic, and is not the baseline.
    policies = sorted(p.parent.relative_to(docs).as_posix() for p in docs.glob("*/*/index.kk.md"))
    nav = ["index.md", *(f"{p}/index.md" for p in policies), "about.md", "editors.md"]
    config = re.sub(r"\nnav:\n(  - .*\n)+", "\nnav:\n" + "".join(f"  - {n}\n" for n in nav), config)
    (root / "baseline.yml").write_text(config, encoding="utf-8")
    return timed_build(root, site, "baseline.yml", dirty=False, strict=not without)


def size_mb(folder: Path) -> float:
    """The bytes of every file under `folder`, in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def kb_per_page(site: Path, only: str = "*") -> float:
    """The mean size of a page's HTML, in KB (`only`: of the pages in folders matching it)."""
    pages = [
        p.stat().st_size for p in site.rglob(f"{only}/index.html" if only != "*" else "index.html")
    ]
    return round(sum(pages) / max(len(pages), 1) / 1024, 1)


#: A version's page (`org0/terms/2024-03-01/`) in any language: the same kind of page at
#: every size, where KB per page over every page also weighs how many of each kind there are.
VERSION_PAGES = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"


def measure(
    policies: int, languages: int, versions: int, work: Path, shape: str = "kk"
) -> SizeFigures:
    """One size: cold build, baseline, rebuild after one new version, five saves under
    `make serve` (then cleaned up)."""
    root = work / f"repo-{shape}-{policies}x{languages}x{versions}"
    started = time.perf_counter()
    commits = make_repository(root, policies, languages, versions, shape)
    setup = time.perf_counter() - started
    site = work / f"site-{policies}x{languages}x{versions}"
    cold = timed_build(root, site)
    pages = sum(1 for _ in site.rglob("index.html"))
    origins_hook = hook_seconds(site, "origins")
    page_kb = kb_per_page(site)
    version_kb = kb_per_page(site, VERSION_PAGES)
    base = baseline(root, work / "site-baseline")
    base_mb = size_mb(work / "site-baseline")
    shutil.rmtree(work / "site-baseline")
    # What the "since when" pages cost (issue 32): MkDocs' share, as plain MkDocs without
    # them takes less; the pipeline's, from a cold run of it in this process.
    no_origins = baseline(root, work / "site-baseline", without="origins")
    shutil.rmtree(work / "site-baseline")
    origins_pipeline = origins_seconds(root, languages)
    add_version(root, languages)
    rebuild = timed_build(root, site)
    serve = serve_edits(root, "policies/org0/terms.kk.md", "org0/terms/draft/")
    index = site / "search" / "search_index.json"
    result: SizeFigures = {
        "shape": shape,
        "policies": policies,
        "languages": languages,
        "versions": versions,
        "commits": commits,
        "setup_s": round(setup, 2),
        "pages": pages,
        "cold_s": round(cold.seconds, 2),
        "baseline_s": round(base.seconds, 2),
        "rebuild_s": round(rebuild.seconds, 2),
        "pipeline_cold_s": round(cold.pipeline_s, 2),
        "origins_mkdocs_s": round(base.seconds - no_origins.seconds, 2),
        "origins_pipeline_s": round(origins_pipeline, 2),
        "origins_hook_s": round(origins_hook, 2),
        "origins_share": round(
            (base.seconds - no_origins.seconds + origins_pipeline + origins_hook) / cold.seconds,
            3,
        ),
        "pipeline_rebuild_s": round(rebuild.pipeline_s, 2),
        "rebuild_rendered": rebuild.rendered,
        "peak_rss_mb": round(max(cold.rss_mb, rebuild.rss_mb, base.rss_mb), 1),
        "ms_per_page": round(cold.seconds * 1000 / max(pages, 1), 2),
        "site_mb": round(size_mb(site), 1),
        "baseline_site_mb": round(base_mb, 1),
        "kb_per_page": page_kb,
        "kb_per_version_page": version_kb,
        **serve,
        "search_index_mb": round(index.stat().st_size / 1024 / 1024, 2) if index.exists() else 0,
    }
    shutil.rmtree(site)
    shutil.rmtree(root)
    return result


def page_growth(work: Path, versions: int = 5) -> PageGrowth:
    """KB per page of a site of 5 policies and of one of 50 (one language, `versions`
    versions each, cold builds): what every page carries for each policy of the site."""
    sizes = {}
    for policies in (5, 50):
        root = work / f"growth-{policies}"
        make_repository(root, policies, 1, versions)
        site = work / f"growth-site-{policies}"
        timed_build(root, site)
        sizes[policies] = kb_per_page(site)
        shutil.rmtree(site)
        shutil.rmtree(root)
    return {
        "kb_per_page_5": sizes[5],
        "kb_per_page_50": sizes[50],
        "kb_per_page_growth": round(sizes[50] / sizes[5], 3),
    }
