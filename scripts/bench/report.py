"""What the benchmark prints: the table of every size measured (as README's Performance
section shows it), and a line or a few for each other measurement."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bench.builds import PageGrowth, SizeFigures
from bench.serve import ServeFigures

Column = tuple[str, Callable[[SizeFigures], object]]

COLUMNS: list[Column] = [
    (
        "size",
        lambda r: (
            f"{r['policies']}x{r['languages']}x{r['versions']}"
            + (" terms" if r["shape"] == "terms" else "")
        ),
    ),
    ("pages", lambda r: r["pages"]),
    ("cold s", lambda r: r["cold_s"]),
    ("baseline s", lambda r: r["baseline_s"]),
    ("cold/base", lambda r: f"{r['cold_s'] / r['baseline_s']:.2f}"),
    ("pipeline s", lambda r: r["pipeline_cold_s"]),
    ("share", lambda r: f"{100 * r['pipeline_cold_s'] / r['cold_s']:.0f}%"),
    # Issue 32: what every version's "since when" page adds to the cold build.
    (
        "origins s (MkDocs + pipeline + hook)",
        lambda r: f"{r['origins_mkdocs_s']} + {r['origins_pipeline_s']} + {r['origins_hook_s']}",
    ),
    ("origins/cold", lambda r: f"{100 * r['origins_share']:.1f}%"),
    ("rebuild s", lambda r: r["rebuild_s"]),
    ("pipeline rebuild s", lambda r: r["pipeline_rebuild_s"]),
    ("rebuild/cold", lambda r: f"{100 * r['rebuild_s'] / r['cold_s']:.0f}%"),
    ("rebuild rendered", lambda r: r["rebuild_rendered"]),
    ("serve edits s", lambda r: " / ".join(str(s) for s in r["serve_edits_s"])),
    ("serve rendered", lambda r: " / ".join(str(n) for n in r["serve_rendered"])),
    ("ms/page", lambda r: r["ms_per_page"]),
    ("peak RSS MB", lambda r: r["peak_rss_mb"]),
    ("serve pipeline s", lambda r: " / ".join(str(s) for s in r["serve_pipeline_s"])),
    ("site MB", lambda r: r["site_mb"]),
    ("plain MkDocs MB", lambda r: r["baseline_site_mb"]),
    ("KB/page", lambda r: r["kb_per_page"]),
    ("KB/version page", lambda r: r["kb_per_version_page"]),
    ("index MB", lambda r: r["search_index_mb"]),
    (
        "pipeline ms/version",
        lambda r: f"{1000 * r['pipeline_cold_s'] / (r['policies'] * r['versions']):.1f}",
    ),
]


def table(rows: Sequence[SizeFigures]) -> str:
    """A Markdown table, one row a size."""
    head = "| " + " | ".join(name for name, _ in COLUMNS) + " |"
    rule = "|" + "|".join("---" for _ in COLUMNS) + "|"
    lines = [head, rule]
    for row in rows:
        lines.append("| " + " | ".join(str(get(row)) for _, get in COLUMNS) + " |")
    return "\n".join(lines)


def growth(figures: PageGrowth) -> str:
    """KB of HTML per page as the site grows from 5 policies to 50."""
    return (
        f"\nKB per page (HTML): {figures['kb_per_page_5']} with 5 policies, "
        f"{figures['kb_per_page_50']} with 50 (x{figures['kb_per_page_growth']})"
    )


def versions_growth(rows: Sequence[SizeFigures]) -> tuple[str, dict[str, float]] | None:
    """KB of HTML per page as a policy's versions grow (the --growth runs): the line, and
    each count's figure with the ratio of the largest to the smallest, for every page and
    for the versions' pages alone (the mean of every page also weighs how many pages of
    each kind there are: a history listing 100 versions, a timeline per section)."""
    if len(rows) < 2:
        return None
    ordered = sorted(rows, key=lambda r: r["versions"])
    kb = {str(r["versions"]): r["kb_per_page"] for r in ordered}
    version_kb = [r["kb_per_version_page"] for r in ordered]
    ratio = round(ordered[-1]["kb_per_page"] / ordered[0]["kb_per_page"], 3)
    version_ratio = round(version_kb[-1] / version_kb[0], 3)
    line = (
        "KB per page (HTML) as versions grow: "
        + ", ".join(f"{kb_} with {v} versions" for v, kb_ in kb.items())
        + f" (x{ratio}); a version's page: "
        + ", ".join(str(k) for k in version_kb)
        + f" (x{version_ratio})"
    )
    return line, {**kb, "ratio": ratio, "version_page_ratio": version_ratio}


def sample_serve(sample: ServeFigures) -> str:
    """Five saves in a row under `make serve` on the sample site."""
    return (
        f"\nmake serve on the sample (getx/privacy), {len(sample['serve_edits_s'])} saves in a "
        "row, save -> draft served with the edit: "
        + " / ".join(f"{s} s" for s in sample["serve_edits_s"])
        + "; resident memory after each: "
        + " / ".join(f"{mb:.0f}" for mb in sample["serve_rss_mb"])
        + " MB; pages rendered by each: "
        + " / ".join(str(n) for n in sample["serve_rendered"])
        + f"; first serve {sample['serve_first_s']} s"
    )


def profile(report: str) -> str:
    """The pipeline's cProfile, policysite's functions by cumulative time."""
    return f"\nwhere the pipeline's time goes (cProfile, one process, cold):\n{report}"


def compare_median(median: float) -> str:
    """The median time to compare two versions of a sample policy."""
    return f"\ncompare two ~15 KB versions (meest/privacy): median {median} ms"


def long_sections(rows: Sequence[tuple[str, float, int]]) -> str:
    """A section of 100 000 words: seconds and peak memory of each way it is compared."""
    return "\n".join(
        f"a section of 100 000 words, {edit}: {seconds} s, peak RSS {peak} MB"
        for edit, seconds, peak in rows
    )


def compare_page(ms: float, kb: int) -> str:
    """The compare page's median time in chromium."""
    return (
        f"compare page in chromium, the two most distant versions of a {kb} KB "
        f"policy: median {ms} ms"
    )
