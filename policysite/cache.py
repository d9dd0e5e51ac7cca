"""A content-addressed cache of the expensive work on a policy: its sections,
lineage and comparisons, and its staged pages (`outputs.py`), keyed by the
hashes of the texts they were made from (and by the code that made them),
kept in `.cache/` between builds.

A rebuild after one new version of one policy recomputes that policy only.
A cache entry that cannot be read is recomputed, never trusted; one unused for
`KEEP_DAYS` is removed (keys change with every new text and every day).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from policysite.files import replace_file

#: Days an entry is kept after it was last used.
KEEP_DAYS = 30

#: What the cached results are made by: the code, the page templates, the strings.
_CODE = (".py", ".j2", ".yml")


@cache
def code_fingerprint() -> str:
    """A hash of policysite's own code, templates and strings: a new release, or an
    edited template, never reads what an older one cached."""
    digest = hashlib.sha256()
    package = resources.files("policysite")
    for folder in (package, package / "templates", package / "locales"):
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_file() and entry.name.endswith(_CODE):
                digest.update(f"{folder.name}/{entry.name}".encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:16]


class AnalysisCache:
    """Pickled results under `folder`, one file per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, *parts: object) -> str:
        digest = hashlib.sha256(code_fingerprint().encode())
        for part in parts:
            digest.update(repr(part).encode("utf-8") + b"\0")
        return digest.hexdigest()

    def load(self, key: str) -> Any | None:
        path = self.folder / key[:2] / f"{key}.pickle"
        try:
            with path.open("rb") as file:
                found = pickle.load(file)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None
        with contextlib.suppress(OSError):  # a read-only cache is still a cache
            os.utime(path)  # used: kept another KEEP_DAYS
        return found

    def store(self, key: str, value: Any) -> None:
        path = self.folder / key[:2] / f"{key}.pickle"
        replace_file(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self, days: float = KEEP_DAYS) -> int:
        """Remove the entries not used for `days`; returns how many."""
        oldest = time.time() - days * 86400
        removed = 0
        for path in self.folder.glob("??/*.pickle"):
            try:
                if path.stat().st_mtime < oldest:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed
