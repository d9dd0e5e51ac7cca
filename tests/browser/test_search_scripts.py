"""Search finds the words of either script in every language: Latin words and numbers
("cookie", "email", "IP", getxkz.com, a company's registration number) on the Kazakh, Russian and English sites,
and Cyrillic words on the English site, listed and marked in the search box and marked
again on the page a hit leads to."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

#: What a reader types on a language's site, and a hit it must list: its address (below
#: the language's root) and the title the search box shows for it.
SEARCHES = [
    ("ru/", "cookie", "getx/privacy/#cookie-fayldary", "9. Файлы cookie и аналогичные технологии"),
    ("ru/", "email", "getx/privacy/#baylanys-aqparaty", "11. Контактная информация"),
    ("ru/", "IP", "getx/privacy/#zhinalatyn-derekter", "3. Собираемые данные"),
    ("ru/", "getxkz", "getx/privacy/", "Политика конфиденциальности — getxkz.com"),
    ("ru/", "160340024801", "meest/privacy/#zhalpy-sharttar", "1. Общие положения"),
    ("en/", "Русский", "", "Policies"),
    ("en/", "cookie", "getx/privacy/#cookie-fayldary", "9. Cookies and similar technologies"),
    ("", "cookie", "getx/privacy/#cookie-fayldary", "9. Cookie файлдары және ұқсас технологиялар"),
    ("", "IP", "getx/privacy/#zhinalatyn-derekter", "3. Жиналатын деректер"),
    ("", "getxkz", "getx/privacy/", "Құпиялылық саясаты — getxkz.com"),
]


def marks_the_word(marked: str, typed: str) -> bool:
    """A mark is the typed word, a form of it ("cookies"), or the stem it was searched by
    ("cooki" for "cookie"), which the page marks."""
    marked, typed = marked.lower(), typed.lower()
    return len(marked) >= 2 and (marked.startswith(typed) or typed.startswith(marked))


@pytest.mark.parametrize(
    ("prefix", "typed", "address", "title"),
    SEARCHES,
    ids=[f"{prefix or 'kk/'}{typed}" for prefix, typed, *_ in SEARCHES],
)
def test_the_search_box_lists_and_marks_words_of_either_script(
    page: Page, base_url: str, prefix: str, typed: str, address: str, title: str
) -> None:
    page.goto(f"{base_url}/{prefix}")
    search = page.locator("input.md-search__input")
    search.click()
    search.fill(typed)
    search.press("End")  # Material searches on a key press, which filling Cyrillic lacks
    results = page.locator(".md-search-result__item a.md-search-result__link:visible")
    expect(results.first).to_be_visible()
    seen: dict[str, Locator] = {}
    for link in results.all():
        href = urlparse(str(link.get_attribute("href")))
        seen[href.path + (f"#{href.fragment}" if href.fragment else "")] = link
    titles = {where: link.locator("h1, h2").first.inner_text() for where, link in seen.items()}
    hit = seen.get(f"/{prefix}{address}")
    assert hit is not None, (typed, titles)
    expect(hit.locator("h1, h2").first).to_have_text(title)
    marked = page.locator(".md-search-result__item mark").all_inner_texts()
    assert any(marks_the_word(mark, typed) for mark in marked), (typed, marked)
    hit.click()
    # The page the hit leads to marks the word too (Material, from the link's `?h=`).
    expect(page).to_have_url(
        re.compile(re.escape(f"{base_url}/{prefix}{address.split('#')[0]}?h="))
    )
    highlighted = page.locator("article mark[data-md-highlight]:visible")
    expect(highlighted.first).to_be_visible()
    marked = highlighted.all_inner_texts()
    assert all(marks_the_word(mark, typed) for mark in marked), (typed, marked)
