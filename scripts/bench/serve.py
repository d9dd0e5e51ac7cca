"""`make serve` (`mkdocs serve --strict --dirty`, previewing Kazakh alone as `make serve`
does) measured as an editor uses it: five saves of a policy file in a row, each timed from
the save until the draft page is served with it, with the server's memory, the pipeline's
seconds and the pages each save rendered."""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

from bench.project import BIN, ROOT

#: Saves in a row of `serve_edits`: an editor saves many times; the fifth must be as quick.
SAVES = 5


class ServeFigures(TypedDict):
    """What `serve_edits` measures, named as the JSON report writes it."""

    #: Seconds to the first page served (a full build).
    serve_first_s: float
    #: Seconds from the first save to the draft page showing it.
    serve_edit_s: float
    #: The same for every save in a row.
    serve_edits_s: list[float]
    #: Seconds from the first save to the draft's changes page naming it.
    serve_edit_changes_s: float
    #: The server's resident memory after each save, MB.
    serve_rss_mb: list[float]
    #: Pages the first build rendered: a save that rendered every page shows against it.
    serve_pages: int
    #: Pages each save rendered.
    serve_rendered: list[int]
    #: The pipeline's seconds in each save's rebuild (reading the history, staging).
    serve_pipeline_s: list[float]


def serve_edits(root: Path, policy: str, draft: str, saves: int = SAVES) -> ServeFigures:
    """`make serve` (`mkdocs serve --strict --dirty`) on `root`, saved `saves` times in a
    row: the first serve's seconds (a full build); the seconds from each save of `policy`
    to its draft page (`draft`, the address under the site) served with the new text; the
    first save's seconds to the draft's changes page naming it; and the server's resident
    memory and the pages rendered after each save. Each save waits for the rebuild before
    it to end, as an editor reading the preview would. The file is restored."""
    # As `make serve` runs it: a preview of the authoritative language (Makefile PREVIEW).
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "POLICYSITE_PREVIEW": "kk"}
    port = _free_port()
    log = root / "serve.log"
    started = time.perf_counter()
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                str(BIN / "mkdocs"),
                "serve",
                "--strict",
                "--dirty",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    base = f"http://127.0.0.1:{port}/{draft}"
    path = root / policy
    saved = path.read_text(encoding="utf-8")

    def builds() -> list[int]:
        """Pages rendered by each build so far."""
        found = re.findall(r"(\d+) of \d+ pages rendered", log.read_text(encoding="utf-8"))
        return [int(n) for n in found]

    def built(count: int) -> Callable[[], bool]:
        """Whether `count` builds have ended."""
        return lambda: len(builds()) >= count

    pages: list[float] = []
    rss: list[float] = []
    changes = 0.0
    try:
        _wait_for(lambda: "Serving on" in log.read_text(encoding="utf-8"), server, 900)
        first = time.perf_counter() - started
        for save in range(1, saves + 1):
            marker = f"Түзетілген сөйлем өңдеуші {save}"
            done = len(builds()) + 1
            path.write_text(saved + f"\n{marker}.\n", encoding="utf-8")
            edited = time.perf_counter()
            _wait_for(_shows(base, marker), server, 300)
            pages.append(round(time.perf_counter() - edited, 2))
            if save == 1:
                _wait_for(_shows(base + "changes/", marker), server, 60)
                changes = time.perf_counter() - edited
            _wait_for(built(done), server, 300)
            rss.append(_rss_mb(server.pid))
            time.sleep(0.5)  # the editor reads the page before saving again
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs and the hook clean up
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        path.write_text(saved, encoding="utf-8")
    return {
        "serve_first_s": round(first, 2),
        "serve_edit_s": pages[0],
        "serve_edits_s": pages,
        "serve_edit_changes_s": round(changes, 2),
        "serve_rss_mb": rss,
        # A save renders what it changed; a save that rendered every page shows here.
        "serve_pages": builds()[0],
        "serve_rendered": builds()[1:],
        "serve_pipeline_s": [
            float(s) for s in re.findall(r"; pipeline ([\d.]+) s", log.read_text("utf-8"))[1:]
        ],
    }


def sample_serve(work: Path) -> ServeFigures:
    """`serve_edits` on this project's own sample site (a clone of HEAD with the working
    tree's site configuration), saving getx/privacy's Kazakh text."""
    root = work / "sample"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(root)], check=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, root / folder, dirs_exist_ok=True)
    try:
        return serve_edits(root, "policies/getx/privacy.kk.md", "getx/privacy/draft/")
    finally:
        shutil.rmtree(root)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _shows(url: str, text: str) -> Callable[[], bool]:
    return lambda: text in _get(url)


def _rss_mb(pid: int) -> float:
    """A process's resident memory now, in MB (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return round(int(found[1]) / 1024, 1) if found else 0.0


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(done: Callable[[], bool], server: subprocess.Popen[bytes], limit: float) -> None:
    deadline = time.perf_counter() + limit
    while not done():
        if server.poll() is not None:
            raise SystemExit("bench: mkdocs serve stopped")
        if time.perf_counter() > deadline:
            raise SystemExit("bench: mkdocs serve did not show the edit in time")
        time.sleep(0.05)
