"""The compare page in chromium: the same kinds as the static changes pages, any pair, shareable."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect
from support.compare_page import browser_kinds

pytestmark = pytest.mark.browser

VERSIONS = {
    "getx/privacy": ["2024-03-01", "2024-09-01", "2025-06-01", "2027-01-15"],
    "meest/privacy": ["2023-05-01", "2024-02-01", "2025-03-01", "2026-10-01"],
}
PAIRS = [
    (policy, ids[i - 1], ids[i]) for policy, ids in VERSIONS.items() for i in range(1, len(ids))
]


def static_kinds(site: Path, prefix: str, policy: str, version: str) -> dict[str, str]:
    html = (site / prefix / policy / version / "changes" / "index.html").read_text("utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    return {
        str(node["data-lineage"]): str(node["data-kinds"])
        for node in article.select("[data-lineage]")
    }


def static_marks(site: Path, prefix: str, policy: str, version: str) -> dict[str, list[str]]:
    html = (site / prefix / policy / version / "changes" / "index.html").read_text("utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    return {
        str(node["data-lineage"]): [
            f"{m.name}:{' '.join(''.join(m.find_all(string=True, recursive=False)).split())}"
            for m in node.select(".ps-redline del, .ps-redline ins")
        ]
        for node in article.select("section[data-lineage]")
    }


def browser_marks(page: Page) -> dict[str, list[str]]:
    return dict(
        page.locator("#ps-compare-result section[data-lineage]").evaluate_all(
            """nodes => nodes.map(n => [n.dataset.lineage,
                 Array.from(n.querySelectorAll('.ps-redline del, .ps-redline ins'))
                   .map(m => m.localName + ':' + Array.from(m.childNodes)
                     .filter(c => c.nodeType === Node.TEXT_NODE).map(c => c.textContent).join('')
                     .split(/\\s+/).filter(Boolean).join(' '))])"""
        )
    )


def static_headings(site: Path, prefix: str, policy: str, version: str) -> list[str]:
    """What each changed section's heading and each unchanged section's entry says."""
    html = (site / prefix / policy / version / "changes" / "index.html").read_text("utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    return [
        " ".join(node.get_text().split())
        for node in article.select("section[data-lineage] h2, .ps-unchanged li")
    ]


def browser_headings(page: Page) -> list[str]:
    return [
        " ".join(text.split())
        for text in page.locator(
            "#ps-compare-result section[data-lineage] h2, #ps-compare-result .ps-unchanged li"
        ).all_text_contents()
    ]


@pytest.mark.parametrize("prefix", ["", "ru/", "en/"])
@pytest.mark.parametrize(("policy", "before", "after"), PAIRS)
def test_consecutive_versions_get_the_kinds_of_the_static_changes_page(
    page: Page, base_url: str, sample_site: Path, prefix: str, policy: str, before: str, after: str
) -> None:
    page.goto(f"{base_url}/{prefix}{policy}/compare/?from={before}&to={after}")
    assert browser_kinds(page) == static_kinds(sample_site, prefix, policy, after)
    # The same words marked deleted and inserted, too (spaces at the edges of a mark are
    # left outside it: they are not compared).
    assert browser_marks(page) == static_marks(sample_site, prefix, policy, after)
    # The same headings, as written (a renamed one with its marks), the unchanged ones too.
    assert browser_headings(page) == static_headings(sample_site, prefix, policy, after)


def test_any_two_versions_compare_and_the_address_can_be_shared(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/getx/privacy/compare/")
    page.select_option("#ps-compare-from", "2024-03-01")
    page.select_option("#ps-compare-to", "2027-01-15")
    page.get_by_role("button", name="Салыстыру").click()
    expect(page).to_have_url(f"{base_url}/getx/privacy/compare/?from=2024-03-01&to=2027-01-15")
    kinds = browser_kinds(page)
    assert kinds["derekterdi-saqtau-merzimi"] == "added"
    assert kinds["paydalanushylardyng-quqyqtary"] == "modified renumbered moved"
    assert kinds["cookie-fayldary"] == "renamed renumbered"
    rights = page.locator(
        '#ps-compare-result section[data-lineage="paydalanushylardyng-quqyqtary"]'
    )
    # деректерді -> деректерін: only the suffix is marked.
    expect(rights.locator("del").first).to_have_text("[алынып тасталды: ді]")
    expect(rights.locator("ins").first).to_have_text("[қосылды: ін]")

    page.reload()
    assert browser_kinds(page) == kinds
    page.go_back()


def test_choosing_the_same_version_twice_says_so(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/en/meest/privacy/compare/?from=2024-02-01&to=2024-02-01")
    expect(page.locator("#ps-compare-result")).to_have_text(
        "Choose two different versions to compare."
    )
