"""A feed opened in a browser: a page in the feed's language (its XSLT stylesheet) that says
what a feed is and how to follow it, with each entry's title as a link, its date and what
it changes; and the link to a policy's feed says what it leads to."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

#: The site's address the sample is built for (mkdocs.yml `site_url`): the feed's own.
PUBLISHED = "http://127.0.0.1:8000"


def test_a_policy_feed_reads_as_a_page_in_russian(page: Page, base_url: str) -> None:
    response = page.goto(base_url + "/ru/getx/privacy/feed.xml")
    assert response is not None and response.ok
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text("Политика конфиденциальности — getxkz.com")
    expect(page.locator(".ps-feed__kind")).to_have_text("Лента изменений (Atom)")
    about = page.locator(".ps-feed__about")
    expect(about).to_contain_text("Это лента изменений: ниже перечислены изменения, новые сверху.")
    expect(about).to_contain_text("скопируйте адрес этой страницы и добавьте его в программу")
    expect(page.locator(".ps-feed__address")).to_have_text(f"{PUBLISHED}/ru/getx/privacy/feed.xml")
    expect(page.get_by_role("heading", level=2)).to_have_text("Последние изменения")
    entries = page.locator("article")
    expect(entries).to_have_count(4)
    # Newest first: the title leads to the version's page; dated as Russian writes a date.
    current = entries.nth(1)
    title = current.get_by_role(
        "link", name="Политика конфиденциальности — getxkz.com — Редакция от 1 июня 2025 г."
    )
    expect(title).to_have_attribute("href", f"{PUBLISHED}/ru/getx/privacy/2025-06-01/")
    expect(current.locator("time")).to_have_text("1 июня 2025\u202fг.")
    expect(current.locator("time")).to_have_attribute("datetime", "2025-06-01T00:00:00+05:00")
    # What it changes is shown as the site's HTML (a list, a link), not as its markup.
    expect(current.locator(".ps-feed__content li").first).to_be_visible()
    expect(current.get_by_role("link", name="Что изменилось")).to_have_attribute(
        "href", f"{PUBLISHED}/ru/getx/privacy/2025-06-01/changes/"
    )
    expect(page.locator("body")).not_to_contain_text("<p>")
    expect(page.locator("body")).not_to_contain_text("does not appear to have any style")


def test_the_site_feed_reads_as_a_page_in_english(page: Page, base_url: str) -> None:
    page.goto(base_url + "/en/feed.xml")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Policy archive")
    expect(page.locator(".ps-feed__kind")).to_have_text("Feed of changes (Atom)")
    about = page.locator(".ps-feed__about")
    expect(about).to_contain_text("This is a feed: the changes listed below, newest first")
    expect(about).to_contain_text("To subscribe, copy this page's address into your feed reader:")
    expect(page.locator(".ps-feed__address")).to_have_text(f"{PUBLISHED}/en/feed.xml")
    expect(about.get_by_role("link", name="Every policy on this site")).to_have_attribute(
        "href", f"{PUBLISHED}/en/"
    )
    titles = page.locator("article h3 a")
    expect(titles).to_have_count(8)  # both policies' versions
    for index in range(8):
        expect(titles.nth(index)).to_contain_text("Version of")
        assert (titles.nth(index).get_attribute("href") or "").startswith(f"{PUBLISHED}/en/")
    expect(page.locator("article time").first).to_have_text("November 20, 2026")


def test_a_version_page_links_to_its_feed_by_what_it_is(page: Page, base_url: str) -> None:
    page.goto(base_url + "/en/getx/privacy/2024-03-01/")
    page.get_by_text("Permanent address and citation").click()
    link = page.get_by_role("link", name="Follow changes to this policy (Atom feed)")
    expect(link).to_have_attribute("href", "../feed.xml")
    link.click()
    expect(page.locator("h1")).to_have_text("Privacy policy — getxkz.com")
    expect(page.locator(".ps-feed__kind")).to_have_text("Feed of changes (Atom)")
