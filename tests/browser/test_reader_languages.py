"""A reader in Russian or English: the right version, their own search, and honest notices."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def search(page: Page, placeholder: str, words: str) -> list[str]:
    box = page.get_by_role("textbox", name=placeholder)
    box.click()
    box.fill(words)
    box.press("End")  # Material's search needs a key press after Cyrillic input
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    return [str(a.get_attribute("href")) for a in results.all()]


def test_a_search_for_a_kazakh_word_on_the_kazakh_site_lists_the_meest_policy(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}/")
    hrefs = search(page, "Іздеу", "қауіпсіздігі")
    assert any(href.startswith(f"{base_url}/meest/privacy/") for href in hrefs), hrefs
    assert all(not href.startswith((f"{base_url}/ru/", f"{base_url}/en/")) for href in hrefs)


def test_a_search_for_a_russian_word_on_the_russian_site_finds_russian_pages(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}/ru/")
    hrefs = search(page, "Поиск", "безопасность")
    assert any(href.startswith(f"{base_url}/ru/getx/privacy/") for href in hrefs), hrefs
    assert all(href.startswith(f"{base_url}/ru/") for href in hrefs), hrefs
    page.locator(".md-search-result__item > a").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")


def test_the_language_switcher_on_a_version_page_stays_on_that_version(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}/en/getx/privacy/2025-06-01/")
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Қазақша").click()
    expect(page).to_have_url(f"{base_url}/getx/privacy/2025-06-01/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")


def test_an_english_reader_is_told_the_translation_lags_and_reaches_the_kazakh_text(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}/en/")
    page.locator("article").get_by_role("link", name="Privacy policy — kz.meest.com").click()
    warning = page.locator("article .admonition.warning")
    expect(warning).to_contain_text("This translation is out of date")
    expect(warning).to_contain_text("the Kazakh text in force since October 1, 2026 prevails")
    warning.get_by_role("link", name="What changed since March 1, 2025").click()
    expect(page).to_have_url(f"{base_url}/en/meest/privacy/compare/?from=2025-03-01&to=2026-10-01")
    expect(page.locator("#ps-compare-result .ps-counts")).to_contain_text("text changed: 2")
    page.go_back()
    page.locator("article .admonition.warning").get_by_role(
        "link", name="Read the Kazakh text in force"
    ).click()
    expect(page).to_have_url(f"{base_url}/meest/privacy/")
    expect(page.get_by_role("region", name="Осы нұсқаның мәртебесі")).to_contain_text("қолданыста")
