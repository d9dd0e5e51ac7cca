"""One build of a site at a time: `mkdocs serve` and `mkdocs build` share the staging
folder and the cache, so each build holds a lock from staging to its last step."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policysite.errors import ConfigError

Say = Callable[[str], None]


class BuildLock:
    """One build of a site at a time: `mkdocs serve` and `mkdocs build` share the staging
    folder and the cache, so each build holds this lock from staging to its last step."""

    #: How long a build waits for another before it gives up.
    WAIT_SECONDS = 300

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: Any = None

    def acquire(self, say: Say) -> None:
        if self._file is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        file = self.path.open("a+")
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.seek(0)
            holder = file.read().strip() or "another process"
            say(f"waiting for another build of this site ({holder}) to finish")
            deadline = time.monotonic() + self.WAIT_SECONDS
            while True:
                try:
                    fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        file.close()
                        raise ConfigError(
                            f"another build of this site ({holder}) has held {self.path} for "
                            f"{self.WAIT_SECONDS} s: wait for it, or stop it (a 'make serve' "
                            "whose last rebuild failed holds it until its next rebuild)"
                        ) from None
                    time.sleep(0.2)
        file.seek(0)
        file.truncate()
        file.write(f"mkdocs, process {os.getpid()}")
        file.flush()
        self._file = file

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
