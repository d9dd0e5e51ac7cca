"""The benchmark keeps working: a tiny run of `python -m bench` (scripts/bench/), as
`make bench` runs it, with chromium from CHROMIUM (its timings are not checked)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support.project import PROJECT


def test_the_benchmark_runs_and_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            # Two policies: a new version of one changes every page of it (each lists all
            # versions, says what is in force), and leaves the other's alone.
            "--policies",
            "2",
            "--languages",
            "2",
            "--versions",
            "3",
            "--growth",
            "2,4",
            "--growth-policies",
            "1",
            "--profile",
            "--terms-sections",
            "20",
            "--terms",
            "1,1,3",
            "--json",
            str(out),
        ],
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT / "scripts")},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "| size | pages | cold s | baseline s |" in done.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    for key in (
        "pages",
        "cold_s",
        "baseline_s",
        "rebuild_s",
        "pipeline_cold_s",
        "pipeline_rebuild_s",
        "peak_rss_mb",
        "serve_edit_s",
        "serve_edit_changes_s",
        "site_mb",
        "baseline_site_mb",
        "kb_per_page",
        "kb_per_page_growth",
    ):
        assert key in result, key
    # The edit was seen through `mkdocs serve`, and every page carries a few KB at least.
    assert result["serve_edit_s"] > 0 and result["kb_per_page"] > 5
    # Five saves in a row, each seen, with the server's memory after each: at this size and
    # on the sample site.
    for serve in (result, result["sample_serve"]):
        assert len(serve["serve_edits_s"]) == len(serve["serve_rss_mb"]) == 5
        assert all(s > 0 for s in serve["serve_edits_s"] + serve["serve_rss_mb"])
        # Each save rendered again only what it changed, never the whole site.
        assert len(serve["serve_rendered"]) == 5
        assert all(0 < n < serve["serve_pages"] for n in serve["serve_rendered"])
        # The pipeline's part of each rebuild, as the serve log says it.
        assert len(serve["serve_pipeline_s"]) == 5 and all(s > 0 for s in serve["serve_pipeline_s"])
    assert "make serve on the sample (getx/privacy), 5 saves in a row" in done.stdout
    assert "KB per page (HTML):" in done.stdout
    # The run on real-shaped terms of service, reported like the others.
    assert result["terms"]["shape"] == "terms" and result["terms"]["pages"] > 10
    assert "| 1x1x3 terms |" in done.stdout
    assert result["pages"] > 20 and result["commits"] == 6
    assert result["pipeline_cold_s"] > 0 and result["peak_rss_mb"] > 0
    # What the "since when" pages add to the cold build, MkDocs' part and the pipeline's.
    assert result["origins_pipeline_s"] > 0 and result["origins_share"] < 1
    assert result["origins_hook_s"] > 0
    assert "| origins s (MkDocs + pipeline + hook) | origins/cold |" in done.stdout
    # The rebuild after one new version renders only what changed.
    assert 0 < result["rebuild_rendered"] < result["pages"]
    assert [run["versions"] for run in result["runs"]] == [3, 2, 4]
    growth = result["kb_per_page_by_versions"]
    assert set(growth) == {"2", "4", "ratio", "version_page_ratio"}
    assert growth["ratio"] == round(growth["4"] / growth["2"], 3)
    assert all(run["kb_per_version_page"] > 5 for run in result["runs"])
    assert "KB per page (HTML) as versions grow: " in done.stdout
    assert all(run["baseline_site_mb"] > 0 for run in result["runs"])
    assert "where the pipeline's time goes" in done.stdout
    assert "a section of 100 000 words, rewritten, rendered:" in done.stdout
    assert set(result["long_section"]) == {
        "rewritten, source",
        "rewritten, rendered",
        "edited, source",
        "edited, rendered",
    }
    assert result["compare_page_ms"] > 0
    assert "compare page in chromium, the two most distant versions" in done.stdout
    # The profile lists policysite's own functions, the whole pipeline first.
    assert "policysite/pipeline/assemble.py" in done.stdout
