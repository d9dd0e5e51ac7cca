"""Every kind of page, on a desktop and a phone, checked with axe-core; and the site asks
nothing of another host, and nothing it does not have."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Request, Response, expect

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
    # Issue 31: code comments and a code block that scrolls sideways on a phone; an
    # untranslated version's labels; the compare page as it opens.
    "/en/apps/",
    "/apps/",
    "/en/getx/privacy/2027-01-15/?on=2027-02-01",
    "/ru/getx/privacy/compare/",
    # Issue 32: the "since when" page, whole and with older text folded.
    "/getx/privacy/2025-06-01/origins/",
    "/ru/getx/privacy/2025-06-01/origins/?since=2024-09-01",
]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("address", PAGES)
def test_no_serious_accessibility_problem_and_no_request_elsewhere_or_in_vain(
    browser: Browser, base_url: str, address: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    hosts: set[str] = set()
    failed: list[str] = []

    def on_request(request: Request) -> None:
        hosts.add(urlparse(request.url).hostname or request.url)

    def on_response(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    page.on("request", on_request)
    page.on("response", on_response)
    page.goto(base_url + address)
    if "compare" in address:
        expect(page.locator("#ps-compare-result .ps-counts")).to_be_visible()
    if width < 1220:  # a phone's header has the search button, not the field
        page.locator("label.md-header__button[for=__search]").click()
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
    # Material's language switcher looks for sitemap.xml beside every alternate address.
    assert failed == [], address
    context.close()
