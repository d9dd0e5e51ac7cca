"""This project as the tests see it: its folder, the sample's day, its MkDocs configuration."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime, time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
#: The two source policies the sample content was made from, as they were given.
SEEDS = PROJECT / "tests" / "fixtures" / "seeds"

#: The day the sample site is checked as of (its upcoming version takes effect 2027-01-15).
SAMPLE_DAY = date(2026, 11, 22)
#: OpenSSH's ssh-keygen, which makes the tests' keys (`make test` sets it, or PATH has it).
SSH_KEYGEN = os.environ.get("SSH_KEYGEN") or "ssh-keygen"


def epoch(day: date) -> str:
    """`SOURCE_DATE_EPOCH` for noon UTC of `day`."""
    return str(int(datetime.combine(day, time(12), UTC).timestamp()))


def copy_site_config(root: Path) -> None:
    """Give a scratch repository this project's MkDocs configuration, hook and pages, and
    what a site's repository ignores (its builds)."""
    for name in ("mkdocs.yml",):
        shutil.copy(PROJECT / name, root / name)
    (root / ".gitignore").write_text("build/\nsite/\n.cache/\n", encoding="utf-8")
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(PROJECT / folder, root / folder, dirs_exist_ok=True)
