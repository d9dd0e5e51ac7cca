"""Where the project is, the sample's day, chromium, and how the benchmark runs one of its
own modules in a fresh Python process."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from datetime import date
from pathlib import Path

#: This repository: its site configuration is what every synthetic site is built with.
ROOT = Path(__file__).resolve().parents[2]
#: The folder this package is in, put on a fresh process's path to run one of its modules.
SCRIPTS = Path(__file__).resolve().parents[1]
#: The virtual environment's commands (mkdocs).
BIN = Path(sys.executable).parent
LANGS = ("kk", "ru", "en")
#: `SOURCE_DATE_EPOCH` of every build: the day the sample site is checked as of.
EPOCH = str(int(time.mktime(date(2026, 11, 22).timetuple())))


def chromium() -> Path:
    """The chromium the compare page is measured in: `CHROMIUM`, as for the browser tests
    (the Makefile passes it; /usr/bin/chromium when unset)."""
    return Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")


def fresh_python(module: str, *args: str) -> list[str]:
    """The command that runs `bench.<module>` in a fresh Python process (its own memory)."""
    return [sys.executable, "-m", f"bench.{module}", *args]


def fresh_environ(environ: Mapping[str, str]) -> dict[str, str]:
    """`environ`, with this package on the path of the process it is given to."""
    return {**environ, "PYTHONPATH": str(SCRIPTS)}
