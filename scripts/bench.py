"""Benchmark: how long comparing two versions of a policy takes (not a test; `make bench`).

Compares the two latest versions of the sample policy meest/privacy (about 15 KB
of Kazakh each): parse both into sections, match lineage, compute change kinds
and every redline. Prints the median and spread of many runs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from policysite.changes import Located, compare
from policysite.lineage import assign_lineage
from policysite.sections import parse_sections
from policysite.source import parse_source

ROOT = Path(__file__).resolve().parent.parent
POLICY = "policies/meest/privacy.kk.md"
RUNS = 200


def version_text(revision: str) -> bytes:
    return subprocess.run(
        ["git", "show", f"{revision}:{POLICY}"], cwd=ROOT, capture_output=True, check=True
    ).stdout


def compare_versions(old_body: str, new_body: str) -> int:
    documents = [parse_sections(old_body).sections, parse_sections(new_body).sections]
    ids = assign_lineage(documents)
    located = [
        [Located(lid, s) for lid, s in zip(lineage, sections, strict=True)]
        for lineage, sections in zip(ids, documents, strict=True)
    ]
    return len(compare(located[0], located[1]).changed)


def main() -> int:
    commits = subprocess.run(
        ["git", "log", "--format=%H", "-2", "--", POLICY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    new, old = (parse_source(POLICY, version_text(sha)) for sha in commits)
    sizes = [len(old.body.encode()), len(new.body.encode())]
    changed = compare_versions(old.body, new.body)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        compare_versions(old.body, new.body)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(
        f"compare two versions of {POLICY} ({sizes[0] / 1024:.1f} KB -> {sizes[1] / 1024:.1f} KB, "
        f"{changed} sections changed), {RUNS} runs:"
    )
    print(
        f"  median {statistics.median(timings):.2f} ms, "
        f"p10 {timings[RUNS // 10]:.2f} ms, p90 {timings[RUNS * 9 // 10]:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
