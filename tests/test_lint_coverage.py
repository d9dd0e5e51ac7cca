"""Every Python file of the repository is linted and formatted: ruff skips a folder named
like a build output (`build/`, `dist/`, …) by default, so no package folder may be named so
(the pipeline's package is `policysite/pipeline/`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import PROJECT


def test_ruff_sees_every_tracked_python_file() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.split()
    shown = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "check", "--show-files"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    seen = {Path(line).resolve().relative_to(PROJECT.resolve()).as_posix() for line in shown}
    assert tracked and set(tracked) <= seen, sorted(set(tracked) - seen)
