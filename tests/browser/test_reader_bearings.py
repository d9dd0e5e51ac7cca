"""Material's furniture finished, and titles in the reader's language, in chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from policysite.render.strings import Strings

pytestmark = pytest.mark.browser

PREFIXES = {"": "kk", "ru/": "ru", "en/": "en"}
TITLES = {"kk": "Құпиялылық саясаты", "ru": "Политика конфиденциальности", "en": "Privacy policy"}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_headings_footer_and_titles_speak_the_readers_language(
    page: Page, base_url: str, prefix: str, width: int
) -> None:
    lang = PREFIXES[prefix]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{prefix}getx/privacy/2024-03-01/")
    titles = page.locator("article h2 .headerlink").evaluate_all(
        "ns => [...new Set(ns.map(n => n.title))]"
    )
    assert titles == [Strings(lang)("permalink.title")]
    expect(page.locator("article h1 .headerlink")).to_be_hidden()
    expect(page.locator(".md-footer-meta")).to_be_hidden()
    for tool in ("compare", "history", "on"):
        page.goto(f"{base_url}/{prefix}getx/privacy/{tool}/")
        assert page.title().startswith(TITLES[lang]), (tool, page.title())
