"""`python -m policysite lint`: each rule shown failing on a crafted input, with its fix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.pipeline import build_pipeline
from support.project import copy_site_config
from support.repos import GitRepo, policy

KK = "policies/acme/privacy.kk.md"
GOOD = "## 1. Жалпы {#general}\n\nМәтін.\n\n## 2. Байланыс\n\nХат.\n"


def run_lint(root: Path, **environ: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "policysite", "lint", "--root", str(root)],
        capture_output=True,
        text=True,
        # 2026-11-22
        env={"SOURCE_DATE_EPOCH": "1795305600", "PATH": "/usr/bin:/bin", **environ},
    )


@pytest.fixture
def site(repo: GitRepo) -> GitRepo:
    copy_site_config(repo.root)
    repo.commit({KK: policy("2024-03-01", GOOD)}, "v1", "2024-02-01T10:00:00+00:00")
    return repo


def test_a_clean_site_passes_with_one_line(site: GitRepo) -> None:
    done = run_lint(site.root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "lint: 1 files, 1 versions of 1 policies checked: no problems\n"


RULES = [
    pytest.param(
        {KK: "---\neffective: 2024-03-01\n---\n\n" + GOOD},
        "policies/acme/privacy.kk.md:1: front matter has no 'title'; add 'title: ...'",
        id="title-missing",
    ),
    pytest.param(
        {KK: "---\ntitle: T\neffective: 2024-02-30\n---\n\n" + GOOD},
        "policies/acme/privacy.kk.md:3: effective date 2024-02-30 is not a date (write YYYY-MM-DD)",
        id="effective-not-a-real-date",
    ),
    pytest.param(
        {KK: "---\ntitle: T\neffective: 2024-03-01\nsummary: [a, b]\n---\n\n" + GOOD},
        "policies/acme/privacy.kk.md:4: 'summary' must be a non-empty text",
        id="summary-of-the-wrong-type",
    ),
    pytest.param(
        {"policies/acme/privacy.ru.md": policy("2024-03-01", GOOD, translation_of="2023-01-01")},
        "policies/acme/privacy.ru.md:4: translation_of 2023-01-01 (commit",
        id="translation-of-no-version",
    ),
    pytest.param(
        {KK: policy("2024-03-01", "## 1. Same\n\nA.\n\n## 2. Other {#same}\n\nB.\n")},
        "policies/acme/privacy.kk.md:10: anchor {#same} is the address the section on line 6",
        id="anchor-taken-by-a-title",
    ),
    pytest.param(
        {KK: policy("2023-01-01", GOOD)},
        "policies/acme/privacy.kk.md:3: effective date 2023-01-01 is earlier than 2024-03-01",
        id="dates-going-backwards",
    ),
    pytest.param(
        {KK: policy("2024-03-01", GOOD.replace("Мәтін.", "Басқа мәтін."))},
        "policies/acme/privacy.kk.md:3: version 2024-03-01 has been in force since 2024-03-01, "
        "and what it publishes (its page and policy.md: every byte of the file) was changed in "
        "commit",
        id="published-version-edited",
    ),
    pytest.param(
        {"policies/acme/Privacy Policy.kk.md": policy("2025-01-01", GOOD)},
        "policies/acme/Privacy Policy.kk.md: policy id 'acme/Privacy Policy' is not valid",
        id="policy-id",
    ),
    pytest.param(
        {KK: policy("2025-01-01", GOOD.replace("## 2. Байланыс", "## 2. Байланыс {#general}"))},
        "policies/acme/privacy.kk.md:10: anchor {#general} is already used on line 6",
        id="duplicate-anchor",
    ),
    pytest.param(
        {
            KK: policy(
                "2025-01-01", GOOD.replace("Хат.", 'Хат <span style="color:red">мұнда</span>.')
            )
        },
        "policies/acme/privacy.kk.md:12: raw HTML '<span style=\"color:red\">' is shown to readers "
        "as text; write it in Markdown",
        id="raw-html",
    ),
    pytest.param(
        {KK: policy("2025-01-01", GOOD + "\n<!-- editor's note -->\n")},
        "policies/acme/privacy.kk.md:14: an HTML comment is shown to readers as text",
        id="html-comment",
    ),
    pytest.param(
        {KK: policy("2025-01-01", GOOD.replace("Хат.", "[Хат](javascript:alert(1)) жазыңыз."))},
        "policies/acme/privacy.kk.md:12: link to 'javascript:alert(1)' is never published as a "
        "link; link to an http(s) address or remove it",
        id="javascript-link",
    ),
    pytest.param(
        {KK: policy("2025-01-01", GOOD.replace("Хат.", "[Бұрынғы](/acme/privacy/2024-03-02/)."))},
        "policies/acme/privacy.kk.md:12: link /acme/privacy/2024-03-02/ names version "
        "2024-03-02 of acme/privacy, which has no such version (it has 2024-03-01, 2025-01-01)",
        id="link-to-missing-version",
    ),
    pytest.param(
        {KK: policy("2025-01-01", GOOD.replace("Хат.", "[Шарттар](/ru/acme/terms/)."))},
        "policies/acme/privacy.kk.md:12: link /ru/acme/terms/ leads to no policy of this site "
        "(its policies: acme/privacy)",
        id="link-to-missing-policy",
    ),
]


@pytest.mark.parametrize(("files", "message"), RULES)
def test_each_rule_fails_with_its_message(
    site: GitRepo, files: dict[str, str], message: str
) -> None:
    site.commit(files, "edit", "2024-12-01T10:00:00+00:00")
    done = run_lint(site.root)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert any(line.startswith(message) for line in lines), done.stdout
    assert "problem" in done.stderr.splitlines()[-1]


def test_an_uncommitted_edit_of_a_version_in_force_is_caught_before_commit(site: GitRepo) -> None:
    site.write({KK: policy("2024-03-01", GOOD.replace("Мәтін.", "Жаңа мәтін."))})
    done = run_lint(site.root)
    assert done.returncode == 1
    assert done.stdout.startswith(
        "policies/acme/privacy.kk.md:3: version 2024-03-01 has been in force since 2024-03-01; "
        "this edit changes its text"
    )
    site.write({KK: policy("2024-03-01", GOOD.replace("Мәтін.", "Жаңа мәтін."), correction="Typo")})
    assert run_lint(site.root).returncode == 0


def test_allowed_html_and_good_links_pass(site: GitRepo) -> None:
    body = GOOD.replace(
        "Хат.",
        "m<sup>2</sup>, H<sub>2</sub>O<br>[v1](/ru/acme/privacy/2024-03-01/) [x](https://example.kz)",
    )
    site.commit({KK: policy("2025-01-01", body)}, "fine", "2024-12-01T10:00:00+00:00")
    done = run_lint(site.root)
    assert done.returncode == 0, done.stdout


def test_every_problem_is_listed_in_one_run(site: GitRepo) -> None:
    site.commit(
        {
            KK: policy("2025-01-01", GOOD + "\n<div>x</div>\n\n[a](javascript:x)\n"),
            "policies/acme/terms.kk.md": "---\ntitle: T\n---\n",
        },
        "several",
        "2024-12-01T10:00:00+00:00",
    )
    done = run_lint(site.root)
    assert done.returncode == 1
    assert len(done.stdout.splitlines()) == 3
    assert done.stderr.strip().endswith("3 problems")


def test_the_working_tree_is_checked_before_it_is_committed(site: GitRepo) -> None:
    """The guide says to run lint before committing: an uncommitted file is checked as it
    is on disk, its front matter too."""
    ru = "policies/acme/privacy.ru.md"
    site.write({ru: policy("2027-13-15", "## 1. Общие\n\n<b>Жирно</b>\n")})
    done = run_lint(site.root)
    assert done.returncode == 1
    assert f"{ru}:3: effective date 2027-13-15 is not a date" in done.stdout, done.stdout
    en = "policies/acme/privacy.en.md"
    site.write(
        {ru: None, en: policy("2024-03-01", "## 1. General\n\n<b>x</b> [y](javascript:alert(1))\n")}
    )
    done = run_lint(site.root)
    assert f"{en}:8:" in done.stdout and "<b>" in done.stdout, done.stdout
    assert "javascript:" in done.stdout


def test_a_broken_authoritative_file_is_not_blamed_on_its_translations(site: GitRepo) -> None:
    en = "policies/acme/privacy.en.md"
    site.commit(
        {en: policy("2024-03-01", "## 1. General\n\nText.\n")}, "en", "2024-02-02T10:00:00+00:00"
    )
    site.commit({KK: policy("2024-13-01", GOOD)}, "bad date", "2024-02-03T10:00:00+00:00")
    done = run_lint(site.root)
    assert done.returncode == 1
    assert f"{KK}:3: effective date 2024-13-01 is not a date" in done.stdout, done.stdout
    assert "no authoritative text" not in done.stdout


def test_a_committed_version_not_yet_published_must_give_the_notice(site: GitRepo) -> None:
    """Lint judges every version not yet published as the deploy will: by the live site's
    manifest when it is given, else by the day of the version's first commit."""
    before = site.root.parent / "live.json"
    before.write_text(json.dumps(build_pipeline(site.root).manifest), encoding="utf-8")
    soon = policy("2026-12-01", GOOD.replace("Мәтін.", "Жаңа мәтін."))
    site.commit({KK: soon}, "v2, 11 days ahead", "2026-11-20T10:00:00+00:00")
    done = run_lint(site.root)
    assert done.returncode == 1, done.stdout
    assert "version 2026-12-01 would take effect 11 days after it is made public (2026-11-20)" in (
        done.stdout
    )
    live = run_lint(site.root, POLICYSITE_PREVIOUS_MANIFEST=str(before))
    assert "9 days after it is made public (2026-11-22)" in live.stdout
    # Once the live site lists it, it is published, whatever notice it had.
    after = site.root.parent / "live-after.json"
    after.write_text(json.dumps(build_pipeline(site.root).manifest), encoding="utf-8")
    assert run_lint(site.root, POLICYSITE_PREVIOUS_MANIFEST=str(after)).returncode == 0
