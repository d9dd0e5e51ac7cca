"""Every kind of page, checked with axe-core; and the site asks nothing of another host."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Request, expect

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/getx/privacy/",
    "/getx/privacy/2024-03-01/",
    "/getx/privacy/2025-06-01/changes/",
    "/getx/privacy/history/",
    "/getx/privacy/compare/?from=2024-03-01&to=2027-01-15",
    "/en/getx/privacy/compare/?from=2024-03-01&to=2027-01-15&view=split",
    "/ru/meest/privacy/2026-10-01/changes/?view=split",
    "/getx/privacy/sections/paydalanushylardyng-quqyqtary/",
    "/ru/meest/privacy/",
    "/en/meest/privacy/",
    "/en/meest/privacy/2026-10-01/",
    "/ru/about/",
]


@pytest.mark.parametrize("address", PAGES)
def test_no_serious_accessibility_problem_and_no_request_elsewhere(
    browser: Browser, base_url: str, address: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    hosts: set[str] = set()

    def on_request(request: Request) -> None:
        hosts.add(urlparse(request.url).hostname or request.url)

    page.on("request", on_request)
    page.goto(base_url + address)
    if "compare" in address:
        expect(page.locator("#ps-compare-result .ps-counts")).to_be_visible()
    page.get_by_role("textbox").first.click()  # loads the search index too
    page.wait_for_timeout(300)
    results = Axe().run(page)
    violations = [
        f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert violations == [], address
    assert hosts == {"127.0.0.1"}, address
    context.close()
