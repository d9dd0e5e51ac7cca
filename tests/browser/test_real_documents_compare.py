"""The compare page reads real documents as the changes pages do (tests/support/corpus.py):
headings as written, a change of formatting said in words, a text's links to its own
sections leading to the version page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, Page
from support.corpus import make_repository
from support.sites import mkdocs_build, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("real-compare") / "repo"
    root.mkdir()
    make_repository(root)
    built = root.parent / "site"
    mkdocs_build(root, built, date(2026, 11, 22))
    with serve(built) as base:
        yield base


def _compare(browser: Browser, url: str, old: str, new: str) -> Page:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{url}/en/acme/terms/compare/?from={old}&to={new}")
    page.wait_for_selector("#ps-compare-result .ps-counts")
    assert errors == []
    return page


def test_the_compare_page_says_what_the_changes_page_says(browser: Browser, url: str) -> None:
    page = _compare(browser, url, "2024-03-01", "2025-03-01")
    static = browser.new_page()
    static.goto(f"{url}/en/acme/terms/2025-03-01/changes/")
    for lineage in ("preamble", "your-account"):
        shown = page.locator(f"#ps-compare-result section[id='{lineage}']")
        built = static.locator(f"section.ps-change[id='{lineage}']")
        assert shown.get_attribute("data-kinds") == built.get_attribute("data-kinds")
        # The preamble by name, a heading as written.
        assert shown.locator("h2").inner_text() == built.locator("h2").inner_text()
        assert shown.locator(".ps-change__formatting li").all_inner_texts() == (
            built.locator(".ps-change__formatting li").all_inner_texts()
        )
    unchanged = ".ps-unchanged li"
    assert page.locator(f"#ps-compare-result {unchanged}").all_inner_texts() == (
        static.locator(f"article {unchanged}").all_inner_texts()
    )
    said = page.locator("#ps-compare-result section[id='preamble'] .ps-change__formatting")
    assert "https://example.com/legal → https://example.com/legal/" in said.inner_text()
    account = page.locator("#ps-compare-result section[id='your-account'] h2")
    assert account.locator("a code").inner_text() == "account"  # the heading as written
    assert account.locator("a").first.get_attribute("href") == "../2025-03-01/#your-account"


def test_formatting_only_is_said_and_links_lead_to_the_version_page(
    browser: Browser, url: str
) -> None:
    page = _compare(browser, url, "2025-03-01", "2026-03-01")
    use = page.locator("#ps-compare-result section[id='s-2-use-of-the-service']")
    assert use.get_attribute("data-kinds") == "formatted"
    assert "only the formatting" in use.locator(".ps-change__formatting").inner_text()
    assert use.locator("h2 em").inner_text() == "Service"
    page = _compare(browser, url, "2024-03-01", "2026-03-01")
    welcome = page.locator("#ps-compare-result section[id='welcome']")
    if welcome.count():
        for href in welcome.locator(".ps-redline a").evaluate_all(
            "(a) => a.map(x => x.getAttribute('href'))"
        ):
            assert not href.startswith("#"), href
    links = page.locator("#ps-compare-result .ps-redline a[href*='#']")
    hrefs = links.evaluate_all("(a) => a.map(x => x.getAttribute('href'))")
    assert hrefs and all(h.startswith("../2026-03-01/#") for h in hrefs if "example.com" not in h)
