"""The four folders of tests/, by what their tests need, and which of them are slow.

A test's folder says what it needs, and so how long it takes: `tests/conftest.py` marks
every test in a slow folder `slow`, and `make test-fast` (`pytest -m "not slow"`) leaves
those out.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent

#: Each folder and whether its tests are slow.
FOLDERS = {
    # Functions and this project's own files as they are: no scratch repository, no MkDocs.
    "unit": False,
    # Real temporary git repositories, the pipeline and the command line; no MkDocs build.
    "integration": False,
    # Whole MkDocs builds (`mkdocs build`, `make site`, `mkdocs serve`), the sample site,
    # the deploy and the benchmark.
    "site": True,
    # The built sample site (or a scratch one) served and driven in chromium.
    "browser": True,
}


def folder_of(path: Path) -> str:
    """The folder of tests/ that holds `path` ('' for a file outside the four)."""
    path = path.resolve()
    if not path.is_relative_to(TESTS):
        return ""
    parts = path.relative_to(TESTS).parts
    return parts[0] if len(parts) > 1 and parts[0] in FOLDERS else ""


def is_slow(path: Path) -> bool:
    """Whether the tests of the file at `path` are slow: by its folder, never by its name."""
    return FOLDERS.get(folder_of(path), False)
