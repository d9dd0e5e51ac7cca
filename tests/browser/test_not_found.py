"""An address the site does not have: the reader is told so in the language of the
address, with a way home and, for an address that names a policy, to its history."""

from __future__ import annotations

from playwright.sync_api import Page


def test_a_missing_version_of_a_policy_in_russian(page: Page, base_url: str) -> None:
    response = page.goto(base_url + "/ru/getx/privacy/2023-01-01/")
    assert response is not None and response.status == 404
    assert page.locator("html").get_attribute("lang") == "ru"
    shown = page.locator(".ps-not-found section:visible")
    assert shown.count() == 1
    assert shown.locator("h1").inner_text() == "Страница не найдена"
    history = shown.locator("a[data-history]")
    assert history.is_visible()
    assert history.get_attribute("href") == "/ru/getx/privacy/history/"
    page.locator(".md-select__link[hreflang='kk']").first.wait_for(state="attached")
    languages = page.locator(".md-select__link")
    assert [languages.nth(i).get_attribute("href") for i in range(languages.count())] == [
        "/",
        "/ru/",
        "/en/",
    ]
    history.click()
    assert page.url == base_url + "/ru/getx/privacy/history/"


def test_a_missing_page_in_english_and_in_kazakh(page: Page, base_url: str) -> None:
    page.goto(base_url + "/en/no-such-page/")
    shown = page.locator(".ps-not-found section:visible")
    assert shown.locator("h1").inner_text() == "Page not found"
    assert not shown.locator("a[data-history]").is_visible()
    page.goto(base_url + "/meest/privacy/1999-01-01/changes/")
    shown = page.locator(".ps-not-found section:visible")
    assert shown.locator("h1").inner_text() == "Бет табылмады"
    assert shown.locator("a[data-history]").get_attribute("href") == "/meest/privacy/history/"
