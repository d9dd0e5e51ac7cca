"""A reader on the sample site: from the home page to an old version, across languages, and search."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_a_reader_finds_an_old_version_and_reads_it_in_russian(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/")
    page.get_by_role("link", name="Құпиялылық саясаты — getxkz.com").first.click()
    expect(page).to_have_url(f"{base_url}/getx/privacy/")
    expect(page.get_by_role("region", name="Осы нұсқаның мәртебесі")).to_contain_text(
        "2025\u00a0жылғы\u00a01\u00a0маусымдағы нұсқа: қолданыста"
    )
    expect(page.locator("article")).to_contain_text(
        "Жаңа нұсқа 2027\u00a0жылғы\u00a015\u00a0қаңтарда күшіне енеді"
    )

    page.get_by_text("Барлық нұсқалар (4)").click()
    page.get_by_role("link", name="2024\u00a0жылғы\u00a01\u00a0наурыздағы нұсқа").click()
    expect(page).to_have_url(f"{base_url}/getx/privacy/2024-03-01/")
    expect(page.get_by_role("region", name="Осы нұсқаның мәртебесі")).to_contain_text(
        "2024\u00a0жылғы\u00a01\u00a0наурыздағы нұсқа: күшін жойған"
    )
    expect(page.locator("article")).to_contain_text("Транзакциялар туралы деректер")

    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Русский").click()
    expect(page).to_have_url(f"{base_url}/ru/getx/privacy/2024-03-01/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("article")).to_contain_text("Этой редакции на русском языке нет")
    expect(page.get_by_role("region", name="Статус этой редакции")).to_contain_text(
        "Редакция от 1 марта 2024\u00a0г.: утратила силу"
    )


def test_the_history_page_leads_to_every_version(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/en/meest/privacy/history/")
    expect(page.locator("article h2")).to_have_count(4)
    page.get_by_role("link", name="Read this version").nth(3).click()
    expect(page).to_have_url(f"{base_url}/en/meest/privacy/2023-05-01/")
    expect(page.get_by_role("region", name="Status of this version")).to_have_text(
        "Version of May 1, 2023: superseded · May 1, 2023 – January 31, 2024"
        " · Read the text in force"
    )


def test_search_finds_kazakh_words_in_the_texts_in_force_only(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/")
    search = page.get_by_role("textbox", name="Іздеу")
    search.click()
    search.fill("технологиялар")
    search.press("End")
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible()
    hrefs = [str(a.get_attribute("href")) for a in results.all()]
    assert any(re.search(r"/getx/privacy/(\?[^#]*)?#cookie", href) for href in hrefs), hrefs
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", href) for href in hrefs), hrefs

    # Hubspot is named only in versions of the meest policy no longer in force.
    search.fill("hubspot")
    search.press("End")
    expect(page.locator(".md-search-result__meta")).to_have_text("Сәйкес құжат табылмады")
