"""The benchmark's command line: `python -m bench` (README: Performance; `--help`)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from bench import report
from bench.builds import SizeFigures, measure, page_growth
from bench.compare_page import compare_page_ms
from bench.long_section import long_sections
from bench.pipeline import compare_median, profile
from bench.project import chromium
from bench.serve import SAVES, sample_serve


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The sizes to measure, and what else to run and write."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark at scale: cold build, rebuild after one new version, plain "
        "MkDocs, make serve, the compare page in chromium (CHROMIUM, default "
        "/usr/bin/chromium). Run from the repository with PYTHONPATH=scripts, as make bench.",
    )
    parser.add_argument("--policies", type=int, default=20)
    parser.add_argument("--languages", type=int, default=3, choices=(1, 2, 3))
    parser.add_argument("--versions", type=int, default=50)
    parser.add_argument(
        "--growth", default="", help="also run these version counts, e.g. 10,50,100"
    )
    parser.add_argument(
        "--growth-policies",
        type=int,
        default=5,
        help="the number of policies of the --growth runs (default 5)",
    )
    parser.add_argument(
        "--terms-sections",
        type=int,
        default=225,
        help="sections of the English policy of the compare page's row (225: ~300 KB)",
    )
    parser.add_argument(
        "--terms",
        default="5,3,20",
        help="policies,languages,versions of a run on long English terms of service "
        "(Setext headings, escaped numbers, links, lists, tables; 20-140 KB); '' for none",
    )
    parser.add_argument("--json", help="write the results as JSON to this file")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile the pipeline's cold run in one process (cProfile) and print "
        "where its time goes",
    )
    return parser.parse_args(argv)


def say(message: str) -> None:
    """Progress, on stderr: the report is stdout."""
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Measure every size, then the rest; print the report as each part is done."""
    args = arguments(argv)
    # The compare page is measured last: a missing browser is said before an hour of builds.
    if not chromium().is_file():
        raise SystemExit(
            f"bench: chromium not found at {chromium()}: run `apt-get install chromium` or "
            "set CHROMIUM to its path"
        )
    sizes = [(args.policies, args.versions)] + [
        (args.growth_policies, int(v)) for v in args.growth.split(",") if v
    ]
    rows: list[SizeFigures] = []
    with tempfile.TemporaryDirectory(prefix="policysite-bench-") as folder:
        work = Path(folder)
        for policies, versions in sizes:
            say(
                f"bench: {policies} policies x {args.languages} languages x {versions} versions ..."
            )
            rows.append(measure(policies, args.languages, versions, work))
            say(report.table(rows[-1:]))  # each row as soon as it is measured
        profiled = (
            profile(args.policies, args.languages, args.versions, work) if args.profile else ""
        )
        terms = None
        if args.terms:
            p, lang, v = (int(x) for x in args.terms.split(","))
            say(f"bench: {p} terms of service x {lang} languages x {v} versions ...")
            terms = measure(p, lang, v, work, shape="terms")
            say(report.table([terms]))
        growth = page_growth(work)
        say(f"bench: make serve on the sample, {SAVES} saves ...")
        sample = sample_serve(work)
    median = compare_median()
    print(report.table(rows + ([terms] if terms else [])))
    print(report.growth(growth))
    by_versions = report.versions_growth(rows[1:])
    if by_versions:
        print(by_versions[0])
    print(report.sample_serve(sample))
    if profiled:
        print(report.profile(profiled))
    print(report.compare_median(median))
    long = long_sections()
    print(report.long_sections(long))
    with tempfile.TemporaryDirectory(prefix="policysite-bench-") as folder:
        page_ms, page_kb = compare_page_ms(Path(folder), args.terms_sections)
    print(report.compare_page(page_ms, page_kb))
    result = {
        **rows[0],
        **growth,
        "terms": terms,
        "sample_serve": sample,
        "compare_median_ms": median,
        "compare_page_ms": page_ms,
        "long_section": {edit: {"seconds": sec, "peak_mb": mb} for edit, sec, mb in long},
        "runs": rows,
        "kb_per_page_by_versions": by_versions[1] if by_versions else None,
    }
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
