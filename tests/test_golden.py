"""Golden: the change kinds of every version of the sample policies, as committed, and the
control tree of every page the pipeline stages for the sample site.

`make golden` rewrites tests/golden/sample_changes.json and tests/golden/site/ after an
intended change; review their diff like code.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from support import PROJECT, SAMPLE_DAY, epoch

from policysite.compare.analysis import PolicyAnalysis
from policysite.history.reading import read_history
from policysite.history.repository import Repository
from policysite.mkdocs.project import load_project
from policysite.pipeline.assemble import build_site

GOLDEN = PROJECT / "tests" / "golden" / "sample_changes.json"


def sample_changes() -> dict[str, dict[str, dict[str, list[str]]]]:
    """policy -> version -> lineage id -> kinds, for the Kazakh text of each sample policy."""
    with Repository(PROJECT) as git:
        history = read_history(git, "policies", ("kk", "ru", "en"), ZoneInfo("Asia/Almaty"), "kk")
    result: dict[str, dict[str, dict[str, list[str]]]] = {}
    for policy in history.policies():
        analysis = PolicyAnalysis(history.view(policy, "kk"))
        result[policy] = {}
        for index, sections in enumerate(analysis.versions):
            found = analysis.changes(index)
            result[policy][sections.version.id] = (
                {lid: ["first"] for lid in sections.lineage_ids}
                if found is None
                else {c.lineage: [str(k) for k in c.kinds] for c in found.changes.sections}
            )
    return result


def test_change_kinds_of_the_sample_history_match_the_golden_file() -> None:
    actual = sample_changes()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert actual == expected, "change kinds shifted; if intended, run `make golden` and review"


def test_the_golden_file_says_what_each_sample_commit_did() -> None:
    """Spot checks against `git show` of each sample commit, so the golden file is not
    merely whatever the code produced."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    getx, meest = golden["getx/privacy"], golden["meest/privacy"]
    # getx 2024-09-01: a section 5 inserted; the old 5-10 renumbered only.
    assert getx["2024-09-01"]["derekterdi-saqtau-merzimi"] == ["added"]
    assert sorted(k for k, v in getx["2024-09-01"].items() if v == ["renumbered"]) == sorted(
        [
            "derekterding-qauipsizdigi",
            "derekterdi-ushinshi-tulghalargha-beru",
            "paydalanushylardyng-quqyqtary",
            "cookie-fayldary",
            "qupiyalylyq-sayasatyn-ozgertu",
            "baylanys-aqparaty",
        ]
    )
    # getx 2025-06-01: cookie section renamed; four clauses reworded.
    assert getx["2025-06-01"]["cookie-fayldary"] == ["renamed"]
    assert sorted(k for k, v in getx["2025-06-01"].items() if v == ["modified"]) == sorted(
        [
            "zhinalatyn-derekter",
            "derekterdi-ushinshi-tulghalargha-beru",
            "paydalanushylardyng-quqyqtary",
            "baylanys-aqparaty",
        ]
    )
    # getx 2027-01-15: the rights section moved up to 3.
    assert getx["2027-01-15"]["paydalanushylardyng-quqyqtary"] == ["renumbered", "moved"]
    assert getx["2027-01-15"]["qupiyalylyq-sayasatyn-ozgertu"] == ["modified"]
    # meest 2024-02-01: embedded content moved before links; contacts renamed.
    assert meest["2024-02-01"]["engizilgen-mazmun"] == ["renumbered", "moved"]
    assert meest["2024-02-01"]["basqa-sayttargha-siltemeler"] == ["renumbered"]
    assert meest["2024-02-01"]["kontaktiler"] == ["renamed"]
    # meest 2025-03-01: a cross-border section 10 inserted; 10-12 renumbered.
    assert meest["2025-03-01"]["derekterdi-shekara-arqyly-beru"] == ["added"]
    assert meest["2025-03-01"]["kontaktiler"] == ["renumbered"]


#: The control tree: every file the pipeline stages for the sample site as of SAMPLE_DAY.
CONTROL = PROJECT / "tests" / "golden" / "site"


def _staged_sample(work: Path) -> dict[str, bytes]:
    """Every generated file of the sample site (its committed history, as of SAMPLE_DAY),
    as staged for MkDocs, by path; the hand-written pages copied beside them are left out."""
    project = load_project(PROJECT)
    options = replace(
        project.options, staging_dir=str(work / "docs"), cache_dir=str(work / "cache")
    )
    build = build_site(
        PROJECT,
        PROJECT / "docs",
        options,
        project.languages,
        "http://127.0.0.1:8000/",  # mkdocs.yml's site_url without SITE_URL, as `make site`
        {"SOURCE_DATE_EPOCH": epoch(SAMPLE_DAY)},
        parallel=False,
    )
    return {page.path: (build.staging / page.path).read_bytes() for page in build.pages}


def test_the_sample_site_s_staged_pages_match_the_control_tree(tmp_path: Path) -> None:
    """Any change of output shows here as a diff of the control tree: review it, and run
    `make golden` when it is intended."""
    actual = _staged_sample(tmp_path)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(CONTROL, ignore_errors=True)
        for path, data in actual.items():
            (CONTROL / path).parent.mkdir(parents=True, exist_ok=True)
            (CONTROL / path).write_bytes(data)
    expected = {
        path.relative_to(CONTROL).as_posix(): path.read_bytes()
        for path in sorted(CONTROL.rglob("*"))
        if path.is_file()
    }
    added = sorted(actual.keys() - expected.keys())
    gone = sorted(expected.keys() - actual.keys())
    changed = sorted(p for p in actual.keys() & expected.keys() if actual[p] != expected[p])
    report = []
    for path in changed[:3]:
        diff = difflib.unified_diff(
            expected[path].decode("utf-8").splitlines(),
            actual[path].decode("utf-8").splitlines(),
            f"control/{path}",
            f"built/{path}",
            lineterm="",
            n=1,
        )
        report.append("\n".join(list(diff)[:40]))
    assert not (added or gone or changed), (
        f"the sample site's output changed: {len(changed)} files changed {changed[:10]}, "
        f"{len(added)} new {added[:10]}, {len(gone)} gone {gone[:10]}; if intended, run "
        "`make golden` and review the diff of tests/golden/site/\n" + "\n\n".join(report)
    )
