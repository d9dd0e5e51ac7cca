"""`make serve` across an editor's saves: every rebuild as exact as a full build, and none
carrying more than the one before it (issue 25: each save carried every entry of the search
index of every save before it, 1 s to 34 s by the fifth)."""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from support.project import PROJECT, copy_site_config
from support.sites import make_serve

POLICY = "policies/getx/privacy.kk.md"
PAGE = "docs/about.kk.md"
INDEXES = ("search/search_index.json", "ru/search/search_index.json", "en/search/search_index.json")


def sample_clone(root: Path) -> Path:
    """A clone of this repository's sample (HEAD) with the working tree's site configuration."""
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(PROJECT), str(root)], check=True)
    copy_site_config(root)
    return root


def append(path: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        target = root / path
        target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")

    return edit


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        target = root / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{path} has no {old!r}"
        target.write_text(text.replace(old, new), encoding="utf-8")

    return edit


#: Five saves in a row, as an editor makes them: the policy's draft, then a section added to
#: a page the search indexes, renamed and removed again, then the draft once more.
SAVES = (
    append(POLICY, "\nТүзетілген сөйлем бірінші.\n"),
    append(PAGE, "\n## Сақталған бөлім\n\nЖаңа мәтін өңдеушіден.\n"),
    replace(PAGE, "## Сақталған бөлім", "## Қайта аталған бөлім"),
    replace(PAGE, "\n## Қайта аталған бөлім\n\nЖаңа мәтін өңдеушіден.\n", ""),
    append(POLICY, "\nТүзетілген сөйлем екінші.\n"),
)


def rebuilds(root: Path) -> int:
    return (root / "serve.log").read_text(encoding="utf-8").count("Reloading browsers")


def rebuilt(root: Path, at_least: int, seconds: float = 120, quiet: float = 1.0) -> str:
    """The serve log once it serves, `at_least` rebuilds have ended, and none has begun for
    `quiet` seconds; fails at once when a build fails. Under load the watcher may see one
    save as two changes and rebuild twice: both must have ended."""
    deadline = time.monotonic() + seconds
    settled, seen = time.monotonic(), ""
    while True:
        log = (root / "serve.log").read_text(encoding="utf-8")
        assert "ERROR" not in log and "Aborted" not in log, log[-3000:]
        if log != seen:
            settled, seen = time.monotonic(), log
        ended = log.count("Reloading browsers")
        if (
            "Serving on" in log
            and ended >= at_least
            and ended == log.count("Detected file changes")
            and time.monotonic() - settled >= quiet
        ):
            return log
        assert time.monotonic() < deadline, (
            f"{root}: rebuild {at_least} did not end:\n{log[-3000:]}"
        )
        time.sleep(0.1)


def indexes(url: str) -> dict[str, list[dict[str, object]]]:
    """Each language's search index as served: its entries, the server's own address (pages
    print their permanent address) written `SERVER`."""
    found = {}
    for path in INDEXES:
        with urllib.request.urlopen(f"{url}/{path}", timeout=10) as response:
            text = response.read().decode("utf-8").replace(url, "SERVER")
        found[path] = json.loads(text)["docs"]
    return found


def test_five_saves_in_a_row_each_index_what_a_full_build_indexes(tmp_path: Path) -> None:
    dirty, full = sample_clone(tmp_path / "dirty"), sample_clone(tmp_path / "full")
    with make_serve(dirty) as dirty_url, make_serve(full, dirty=False) as full_url:
        rebuilt(dirty, 0), rebuilt(full, 0)
        sizes = [sum(len(entries) for entries in indexes(full_url).values())]
        for save, edit in enumerate(SAVES, start=1):
            before = {root: rebuilds(root) for root in (dirty, full)}
            for root in (dirty, full):
                edit(root)
            rebuilt(dirty, before[dirty] + 1), rebuilt(full, before[full] + 1)
            expected = indexes(full_url)
            sizes.append(sum(len(entries) for entries in expected.values()))
            titles = {str(doc["title"]) for doc in expected[INDEXES[0]]}
            if save in (2, 3):  # the test means something: the full build indexed the edit
                assert ("Сақталған бөлім" if save == 2 else "Қайта аталған бөлім") in titles
            assert indexes(dirty_url) == expected, f"save {save}"
        log = rebuilt(dirty, rebuilds(dirty))
    # What MkDocs' search plugin holds is this build's pages only: the first build indexes
    # the whole site, each save only the pages it changed (navigation titles come from the
    # configuration, so the navigation's pages are not rendered again for them), and the
    # served index is whole all the same (above).
    anew = [int(n) for n in re.findall(r"pages rendered, (\d+) search entries indexed anew", log)]
    assert len(anew) >= 1 + len(SAVES)
    assert anew[0] == sizes[0]  # the first build renders every page
    assert all(0 <= n < min(sizes) for n in anew[1:]), (anew, sizes)
    assert max(anew[1:]) > 0  # the section added to a page the search indexes
    # Only what the saves changed was rendered again: far fewer pages than the whole site.
    rendered = [int(n) for n in re.findall(r"(\d+) of \d+ pages rendered", log)]
    assert all(n < rendered[0] / 10 for n in rendered[1:]), rendered
