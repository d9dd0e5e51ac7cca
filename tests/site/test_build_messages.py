"""What `mkdocs build --strict` says when something is wrong: one message naming the setting
and the fix, never a traceback, and nothing written; a link to a missing anchor stops it;
a build for a local address says its addresses are not the permanent ones."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from support.project import SAMPLE_DAY, copy_site_config, epoch
from support.repos import KK, GitRepo, policy, with_an_edit
from support.sites import mkdocs_build


@pytest.fixture
def site(repo: GitRepo) -> GitRepo:
    return with_an_edit(repo)


def test_a_build_with_a_language_without_strings_names_mkdocs_yml(site: GitRepo) -> None:
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "        - locale: en\n",
            "        - locale: de\n          name: Deutsch\n          build: true\n"
            "        - locale: en\n",
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-d", "out"],
        cwd=site.root,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch(SAMPLE_DAY), "NO_MKDOCS_2_WARNING": "1"},
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in output
    assert "plugins.i18n.languages in mkdocs.yml: language 'de' has no string catalog" in output
    assert not (site.root / "out" / "index.html").exists()


def _set_option(root: Path, line: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"notice_days: \d+", line, text, count=1), encoding="utf-8")


def test_the_build_says_what_is_wrong_and_writes_nothing(repo: GitRepo, tmp_path: Path) -> None:
    copy_site_config(repo.root)
    repo.commit({"policies/acme/privacy.kk.md": policy("2024-03-01")}, "v1", "2024-02-01T10:00:00Z")
    _set_option(repo.root, "notice_days: 30\n    timezone: Almaty")
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--strict",
            "-d",
            str(tmp_path / "s"),
        ],
        cwd=repo.root,
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": epoch(date(2026, 11, 22)), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        "mkdocs.yml: extra.policysite.timezone: 'Almaty' is not a time zone (write an IANA name "
        "such as Asia/Almaty or UTC)"
    ) in done.stderr
    assert not (tmp_path / "s").exists()


def test_mkdocs_fails_on_a_link_to_a_missing_anchor(repo: GitRepo, tmp_path: Path) -> None:
    """`validation: anchors: warn` in mkdocs.yml: `--strict` stops at a missing anchor."""
    copy_site_config(repo.root)
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    mkdocs_build(repo.root, tmp_path / "good", SAMPLE_DAY)
    guide = repo.root / "docs" / "editors.en.md"
    guide.write_text(guide.read_text() + "\n[Nowhere](index.md#no-such-anchor)\n")
    with pytest.raises(AssertionError, match="no-such-anchor"):
        mkdocs_build(repo.root, tmp_path / "bad", SAMPLE_DAY)


def test_a_build_for_a_local_address_says_so(repo: GitRepo, tmp_path: Path) -> None:
    copy_site_config(repo.root)
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    done = mkdocs_build(repo.root, tmp_path / "site", SAMPLE_DAY)
    assert (
        "site_url is http://127.0.0.1:8000/: every permanent address" in done.stderr + done.stdout
    )
