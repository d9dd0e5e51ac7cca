"""Whether this process is a live preview (`mkdocs serve`), which shows drafts, or an
incremental build (`mkdocs build --dirty`).

MkDocs tells the hook once, in `on_startup`, but may load the hook module anew
for a rebuild, losing anything the hook kept; this module is imported once per
process, so the answer is kept here.
"""

from __future__ import annotations

_serving = False
_building = False
_dirty = False


def start(command: str, dirty: bool = False) -> None:
    """Record the MkDocs command this process runs (`serve`, `build`, `gh-deploy`)."""
    global _serving, _building, _dirty
    _serving = command == "serve"
    _building = command == "build"
    _dirty = dirty


def builds_site_folder() -> bool:
    """True in `mkdocs build`: the site folder stays, and may be rebuilt in part."""
    return _building


def incremental() -> bool:
    """True in `mkdocs build --dirty`: pages whose source did not change are kept."""
    return _building and _dirty


def shows_drafts() -> bool:
    """True in `mkdocs serve`: uncommitted policy files are previewed as drafts."""
    return _serving
