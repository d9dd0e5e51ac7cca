"""The compare page in chromium: how long its script takes to load, compare and render the
two most distant versions of a ~300 KB English policy. The browser runs in a process of
its own, `python -m bench.compare_page URL LOADS`, as a reader's would."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench.builds import timed_build
from bench.corpus import make_terms_repository
from bench.project import chromium, fresh_environ, fresh_python

#: As the browser tests start it (tests/browser/conftest.py).
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
#: What the compare page's script reports its work as (performance.measure).
MEASURE = "ps-compare"


def compare_page_ms(work: Path, sections: int = 225) -> tuple[float, int]:
    """Median ms chromium takes on the compare page to load, compare and render the two
    most distant of three versions of a ~300 KB English policy; and the policy's KB."""
    root = work / "terms"
    size = make_terms_repository(root, sections)
    site = work / "terms-site"
    timed_build(root, site)
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = re.search(r"port (\d+)", server.stdout.readline())
        if port is None:
            raise SystemExit("bench: python -m http.server did not say its port")
        url = f"http://127.0.0.1:{port[1]}/acme/terms/compare/?from=2024-01-01&to=2026-01-01"
        out = _browser_figures(url)
    finally:
        server.terminate()
        server.wait()
    return round(statistics.median(out), 1), size


def _browser_figures(url: str, loads: int = 5, tries: int = 2) -> list[float]:
    """What the compare page's script reports in chromium, `loads` loads in a fresh
    process; a run whose browser failed (it happened once in a few CI runs, under the whole
    suite's load) is said on stderr with chromium's own words and run again, once."""
    for attempt in range(1, tries + 1):
        done = subprocess.run(
            fresh_python("compare_page", url, str(loads)),
            capture_output=True,
            text=True,
            env=fresh_environ(os.environ),
            check=False,
        )
        if done.returncode == 0:
            return [float(ms) for ms in done.stdout.split()]
        print(
            f"bench: the compare page run {attempt} of {tries} failed:\n{done.stderr[-3000:]}",
            file=sys.stderr,
            flush=True,
        )
    raise RuntimeError(f"the compare page failed {tries} times in chromium: see above")


def in_chromium(url: str, loads: int) -> list[float]:
    """In this process: load `url` in chromium `loads` times, and the ms its script
    reports each time."""
    durations = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium()), args=ARGS)
        page = browser.new_page()
        for _ in range(loads):
            page.goto(url)
            _wait_for_measure(page)
            durations.append(
                float(page.evaluate(f"performance.getEntriesByName('{MEASURE}')[0].duration"))
            )
        browser.close()
    return durations


def _wait_for_measure(page: Page, seconds: float = 60) -> None:
    """Until the page's script has measured its work. Asked with `evaluate`, as a string
    predicate of `wait_for_function` is polled by an eval that the page's
    Content-Security-Policy refuses once it is not true at once (the page fetches each
    section text the two versions do not share)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(f"performance.getEntriesByName('{MEASURE}').length > 0"):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the compare page measured nothing in {seconds} s")
        time.sleep(0.005)


def main(args: list[str]) -> int:
    url, loads = args
    for ms in in_chromium(url, int(loads)):
        print(ms)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
