"""The history `mkdocs serve` read last, kept in memory for its next rebuild.

An editor's save changes a draft, not a commit: reading the commits again took 1.2 s of
each save at the benchmark's size (issue 30). `reading.load_history` asks for the history
by everything it is read from (the repository, the commit HEAD names, the folder, the
languages, the zone, the day, the names the site's pages take): when any of it differs (a
commit, a checkout, a reset, midnight) it is read again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from policysite.history.texts import History


class KeptHistory:
    """One history, and what it was read from."""

    def __init__(self) -> None:
        self._key: Hashable | None = None
        self._history: History | None = None

    def get(self, key: Hashable, read: Callable[[], History]) -> History:
        """The history kept for `key`, else `read()`, kept in its place."""
        if self._history is not None and key == self._key:
            return self._history
        self._key = self._history = None  # a read that fails keeps nothing
        history = read()
        self._key, self._history = key, history
        return history


#: The live preview's (one MkDocs process, one site).
KEPT = KeptHistory()
