"""An address the site does not have: the reader is told so in the language of the
address, on a page entirely in that language (its header, navigation, search field and
tab title), with a way home, to each language's home and, for an address that names a
policy, to its history.

The sample site is served as GitHub Pages and Netlify serve a site: the root `404.html`
for every address it lacks (tests/support/sites.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from support.project import SAMPLE_DAY, copy_site_config
from support.repos import GitRepo, two_policies
from support.sites import mkdocs_build, serve

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}


@dataclass(frozen=True)
class Seen:
    """What a reader sees of a 404 page in one language."""

    lang: str
    #: The header's title, after the page's own in the tab's title.
    site_name: str
    #: The page's heading, first in the tab's title.
    heading: str
    #: The search field's placeholder.
    search: str
    #: The navigation's first entry (home and the policies).
    policies: str
    home: str


KAZAKH = Seen("kk", "Саясаттар мұрағаты", "Бет табылмады", "Іздеу", "Саясаттар", "/")
RUSSIAN = Seen("ru", "Архив политик", "Страница не найдена", "Поиск", "Политики", "/ru/")
ENGLISH = Seen("en", "Policy archive", "Page not found", "Search", "Policies", "/en/")


def _open(browser: Browser, viewport: ViewportSize, javascript: bool = True) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def reader(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from _open(browser, request.param)


def _read(page: Page, seen: Seen, address: str) -> None:
    """The page at `address` is the 404 page in `seen`'s language, every part of it."""
    page.locator(f"html[lang='{seen.lang}'] .ps-not-found").wait_for(state="visible")
    assert page.url.endswith(address), "the address bar keeps the address the reader typed"
    assert page.title() == f"{seen.heading} - {seen.site_name}"
    assert page.locator(".md-header__topic").first.inner_text().strip() == seen.site_name
    assert page.locator(".ps-not-found h1").inner_text() == seen.heading
    home = page.locator(".ps-not-found a").first
    assert home.get_attribute("href") == seen.home
    # The search field: in the header on a desktop, behind its button on a phone.
    search = page.locator("input.md-search__input")
    if not search.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    search.wait_for(state="visible")
    assert search.get_attribute("placeholder") == seen.search
    page.keyboard.press("Escape")
    # The navigation: beside the page on a desktop, in the drawer on a phone.
    navigation = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > a").first
    if not navigation.is_visible():
        page.locator("label.md-header__button[for='__drawer']").click()
    navigation.wait_for(state="visible")
    assert navigation.inner_text().strip() == seen.policies
    # Where the link leads (Material writes the root language's home as `/.`).
    assert navigation.evaluate("link => new URL(link.href).pathname") == seen.home
    # The language switcher leads to each language's home.
    languages = page.locator(".md-select__link")
    assert [
        (languages.nth(i).get_attribute("hreflang"), languages.nth(i).get_attribute("href"))
        for i in range(languages.count())
    ] == [("kk", "/"), ("ru", "/ru/"), ("en", "/en/")]


def test_a_missing_page_at_the_root_is_kazakh_throughout(reader: Page, base_url: str) -> None:
    response = reader.goto(base_url + "/no-such/")
    assert response is not None and response.status == 404
    _read(reader, KAZAKH, "/no-such/")
    assert not reader.locator(".ps-not-found [data-history]").is_visible()


def test_a_missing_page_under_ru_is_russian_throughout(reader: Page, base_url: str) -> None:
    response = reader.goto(base_url + "/ru/no-such/")
    assert response is not None and response.status == 404
    _read(reader, RUSSIAN, "/ru/no-such/")
    assert not reader.locator(".ps-not-found [data-history]").is_visible()


def test_a_missing_version_in_english_links_to_its_policys_history(
    reader: Page, base_url: str
) -> None:
    response = reader.goto(base_url + "/en/getx/privacy/1999-01-01/")
    assert response is not None and response.status == 404
    _read(reader, ENGLISH, "/en/getx/privacy/1999-01-01/")
    history = reader.locator(".ps-not-found [data-history]")
    assert history.is_visible()
    assert history.inner_text() == "The history of the policy this address names"
    assert history.get_attribute("href") == "/en/getx/privacy/history/"
    history.click()
    reader.wait_for_url(base_url + "/en/getx/privacy/history/")
    assert reader.locator("html").get_attribute("lang") == "en"


def test_a_missing_version_in_russian_and_in_kazakh_link_to_their_history(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/ru/getx/privacy/2023-01-01/")
    history = page.locator("html[lang='ru'] .ps-not-found [data-history]")
    history.wait_for(state="visible")
    assert history.get_attribute("href") == "/ru/getx/privacy/history/"
    history.click()
    page.wait_for_url(base_url + "/ru/getx/privacy/history/")
    page.goto(base_url + "/meest/privacy/1999-01-01/changes/")
    history = page.locator("html[lang='kk'] .ps-not-found [data-history]")
    history.wait_for(state="visible")
    assert history.get_attribute("href") == "/meest/privacy/history/"


def test_search_on_a_missing_page_under_ru_finds_russian_pages(page: Page, base_url: str) -> None:
    page.goto(base_url + "/ru/no-such/")
    box = page.locator("html[lang='ru']").get_by_role("textbox", name=RUSSIAN.search)
    box.click()
    box.fill("безопасность")
    box.press("End")  # Material's search needs a key press after Cyrillic input
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    hrefs = [str(a.get_attribute("href")) for a in results.all()]
    assert all(href.startswith(base_url + "/ru/") for href in hrefs), hrefs


def test_without_javascript_a_missing_page_is_the_kazakh_one(
    browser: Browser, base_url: str
) -> None:
    for page in _open(browser, DESKTOP, javascript=False):
        response = page.goto(base_url + "/ru/no-such/")
        assert response is not None and response.status == 404
        assert page.locator("html").get_attribute("lang") == "kk"
        assert page.title() == f"{KAZAKH.heading} - {KAZAKH.site_name}"
        assert page.locator(".md-header__topic").first.inner_text().strip() == KAZAKH.site_name
        assert page.locator(".ps-not-found h1").inner_text() == KAZAKH.heading
        assert page.locator(".ps-not-found h1").is_visible()


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small site built for `https://policies.example.org/policies/`, served under
    `/policies/` with its root 404.html for every address it lacks."""
    root = tmp_path_factory.mktemp("sub-path")
    (root / "repo").mkdir()
    repo = GitRepo(root / "repo")
    repo.git("init", "-q", "-b", "main")
    copy_site_config(repo.root)
    two_policies(repo)
    site = root / "site"
    mkdocs_build(repo.root, site, SAMPLE_DAY, site_url="https://policies.example.org/policies/")
    with serve(site, under="/policies/") as url:
        yield url


def test_under_a_sub_path_the_address_picks_the_language(page: Page, sub_path_site: str) -> None:
    response = page.goto(sub_path_site + "/policies/ru/acme/privacy/1999-01-01/")
    assert response is not None and response.status == 404
    page.locator("html[lang='ru'] .ps-not-found").wait_for(state="visible")
    assert page.title() == f"{RUSSIAN.heading} - {RUSSIAN.site_name}"
    assert page.locator(".ps-not-found a").first.get_attribute("href") == "/policies/ru/"
    history = page.locator(".ps-not-found [data-history]")
    assert history.is_visible()
    assert history.get_attribute("href") == "/policies/ru/acme/privacy/history/"
    languages = page.locator(".md-select__link")
    assert [languages.nth(i).get_attribute("href") for i in range(languages.count())] == [
        "/policies/",
        "/policies/ru/",
        "/policies/en/",
    ]
    page.goto(sub_path_site + "/policies/no-such/")
    page.locator("html[lang='kk'] .ps-not-found").wait_for(state="visible")
    assert page.locator(".ps-not-found a").first.get_attribute("href") == "/policies/"


def test_the_test_server_answers_a_missing_address_as_a_static_host(
    sample_site: Path, base_url: str
) -> None:
    """Every missing address, in any language's folder, gets the root 404.html, as GitHub
    Pages and Netlify serve it."""
    with pytest.raises(HTTPError) as answer:
        urlopen(base_url + "/ru/no-such/")
    assert answer.value.code == 404
    assert answer.value.read() == (sample_site / "404.html").read_bytes()
