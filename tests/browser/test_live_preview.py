"""The live preview (`make serve`) reloads the page an editor reads when a file is saved,
and nothing on its pages is refused by the browser (the published site's
Content-Security-Policy is not set there: MkDocs' live reload needs its own script)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage
from support.project import copy_site_config
from support.repos import GitRepo, policy
from support.sites import make_serve

pytestmark = pytest.mark.browser

KK = "policies/acme/privacy.kk.md"


def test_a_save_reloads_the_page_in_the_preview(browser: Browser, tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    repo.git("init", "-q", "-b", "main")
    copy_site_config(tmp_path)
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    with make_serve(tmp_path) as url:
        page = browser.new_page()
        messages: list[ConsoleMessage] = []
        page.on("console", lambda message: messages.append(message))
        loads: list[float] = []
        page.on("load", lambda _page: loads.append(time.monotonic()))
        deadline = time.monotonic() + 120
        while True:  # the first build takes a while
            try:
                page.goto(f"{url}/acme/privacy/")
                break
            except Exception:
                assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                time.sleep(0.5)
        page.wait_for_function("document.readyState === 'complete'")
        time.sleep(1)  # live reload starts polling
        before = len(loads)
        (tmp_path / KK).write_text(policy("2024-03-01", "## 1. General\n\nText, edited.\n"))
        while len(loads) == before:
            assert time.monotonic() < deadline, "the page was not reloaded after the save"
            page.wait_for_timeout(200)
        errors = [m.text for m in messages if m.type == "error"]
        assert errors == []
        assert any("live reload" in m.text for m in messages)
