"""Golden: the change kinds of every version of the sample policies, as committed.

`make golden` rewrites tests/golden/sample_changes.json after an intended change;
review its diff like code.
"""

from __future__ import annotations

import json
import os
from zoneinfo import ZoneInfo

from support import PROJECT

from policysite.compare.analysis import PolicyAnalysis
from policysite.history.reading import read_history
from policysite.history.repository import Repository

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
