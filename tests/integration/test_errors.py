"""Problems a user can fix end in one message naming the setting and the fix, never in a
Python traceback: the command line prints `error: …` and exits 1 (a build fails with
MkDocs' own error line: tests/site/test_build_messages.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support.project import SAMPLE_DAY, epoch
from support.repos import GitRepo, with_an_edit


@pytest.fixture
def site(repo: GitRepo) -> GitRepo:
    return with_an_edit(repo)


def policysite(root: Path, *args: str, epoch: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "policysite", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": epoch, "PATH": "/usr/bin:/bin"},
    )


def test_lint_with_a_bad_source_date_epoch_names_the_variable(site: GitRepo) -> None:
    done = policysite(site.root, "lint", epoch="yesterday")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: SOURCE_DATE_EPOCH: 'yesterday' is not a Unix time")
    assert "set it to one or unset it" in done.stderr


def test_pr_summary_in_a_language_without_strings_names_the_option(site: GitRepo) -> None:
    done = policysite(
        site.root, "pr-summary", "--base", "main", "--lang", "de", epoch=epoch(SAMPLE_DAY)
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: --lang: language 'de' has no string catalog")
    assert "use one of kk, ru, en" in done.stderr


def test_a_bad_option_in_mkdocs_yml_is_one_message(site: GitRepo) -> None:
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "timezone: Asia/Almaty", "timezone: Mars/Olympus"
        ),
        encoding="utf-8",
    )
    done = policysite(site.root, "lint", epoch=epoch(SAMPLE_DAY))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "mkdocs.yml: extra.policysite.timezone: 'Mars/Olympus' is not a time zone" in done.stderr
