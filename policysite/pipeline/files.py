"""Writing files so that nobody ever reads half of one, and only when they change.

`mkdocs serve` reads the staged pages while the pipeline writes them, and a site
folder is served while it is rebuilt: a file is written beside its target and
renamed over it, which replaces it whole.
"""

from __future__ import annotations

import os
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """Write `path` whole: beside it first, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` unless `path` holds it already; True when it was written.

    A file kept keeps its modification time, which is how `mkdocs build --dirty`
    tells which pages to render again."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)  # a new file: nobody can be reading it yet
        return True
    replace_file(path, data)
    return True
