"""Whether this process is a live preview (`mkdocs serve`), which shows drafts.

MkDocs tells the hook once, in `on_startup`, but may load the hook module anew
for a rebuild, losing anything the hook kept; this module is imported once per
process, so the answer is kept here.
"""

from __future__ import annotations

_serving = False


def start(command: str) -> None:
    """Record the MkDocs command this process runs (`serve`, `build`, `gh-deploy`)."""
    global _serving
    _serving = command == "serve"


def shows_drafts() -> bool:
    """True in `mkdocs serve`: uncommitted policy files are previewed as drafts."""
    return _serving
