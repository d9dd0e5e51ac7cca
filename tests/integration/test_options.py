"""`extra.policysite` in mkdocs.yml: every option typed and bounded, each mistake one message
with the option's name, from the command line (and from the build:
tests/site/test_build_messages.py), never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.project import copy_site_config
from support.repos import GitRepo, policy

from policysite.config import Options
from policysite.errors import ConfigError
from policysite.mkdocs.options import load_options


def test_the_defaults_are_the_documented_ones() -> None:
    assert load_options(None) == Options()
    assert load_options({"notice_days": 3650, "timezone": "Asia/Almaty"}).notice_days == 3650


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"notice_days": 3_000_000}, "notice_days: expected a whole number of days from 0 to 3650"),
        ({"timezone": "Asia/Almat"}, "timezone: 'Asia/Almat' is not a time zone"),
        ({"timezone": 5}, "timezone: Expected type: <class 'str'>"),
        ({"allow_incomplete_history": "no"}, "allow_incomplete_history: expected true or false"),
        ({"policies_dir": "/etc"}, "policies_dir: '/etc' is not a folder inside the site's folder"),
        ({"cache_dir": "../cache"}, "cache_dir: '../cache' is not a folder inside the site's"),
        ({"staging_dir": ""}, "staging_dir: expected a folder relative to mkdocs.yml, got ''"),
        ({"staging_dir": "."}, "staging_dir: '.' is not a folder inside the site's folder"),
        (
            {"staging_dir": "policies/build"},
            "policies_dir and extra.policysite.staging_dir are the same folder or one holds",
        ),
        ({"notice": 30}, "notice: unknown option; the known options are allow_incomplete_history,"),
    ],
)
def test_each_option_is_checked_with_its_name(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_options(raw)
    assert str(raised.value).startswith("extra.policysite." + message)


def _set_option(root: Path, line: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"notice_days: \d+", line, text, count=1), encoding="utf-8")


def test_the_command_line_says_what_is_wrong_and_never_shows_a_traceback(repo: GitRepo) -> None:
    copy_site_config(repo.root)
    repo.commit({"policies/acme/privacy.kk.md": policy("2024-03-01")}, "v1", "2024-02-01T10:00:00Z")
    _set_option(repo.root, "notice_days: 3000000")
    done = subprocess.run(
        [sys.executable, "-m", "policysite", "lint", "--root", str(repo.root)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr == (
        f"error: {repo.root}/mkdocs.yml: extra.policysite.notice_days: expected a whole number "
        "of days from 0 to 3650, got 3000000\n"
    )
