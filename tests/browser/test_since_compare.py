"""since.json and the compare page tell an app and a reader the same changes."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page
from support.compare_page import browser_kinds

pytestmark = pytest.mark.browser


def test_since_json_names_the_sections_the_compare_page_shows_changed(
    page: Page, base_url: str, sample_site: Path
) -> None:
    compared = 0
    for path in sorted(sample_site.rglob("since.json")):
        data = json.loads(path.read_text("utf-8"))
        if not data["compare_url"]:
            continue
        link = urlparse(data["compare_url"])
        page.goto(f"{base_url}{link.path}?{link.query}")
        shown = {
            lineage: kinds for lineage, kinds in browser_kinds(page).items() if kinds != "unchanged"
        }
        assert shown == {s["lineage"]: " ".join(s["kinds"]) for s in data["sections"]}, path
        compared += 1
    assert compared >= 12  # every older version of both policies, in kk, ru and en


@pytest.mark.parametrize("prefix", ["", "ru/", "en/"])
def test_the_guide_s_example_shows_the_changed_titles_and_links_the_comparison(
    page: Page, base_url: str, sample_site: Path, prefix: str
) -> None:
    page.goto(f"{base_url}/{prefix}apps/")
    example = page.locator(".highlight code", has_text="changesSince").inner_text()
    assert len(example.strip().splitlines()) <= 22
    lang = prefix.rstrip("/") or "kk"
    shown = page.evaluate(
        f"""async () => {{
            {example}
            const found = await changesSince({json.dumps(base_url)}, "getx/privacy",
                                             "2024-03-01", {json.dumps(lang)});
            return {{
                titles: Array.from(found.box.querySelectorAll("li"), li => li.textContent),
                link: found.box.querySelector("a").href,
                accept: found.acceptNow,
            }};
        }}"""
    )
    since = json.loads((sample_site / prefix / "getx/privacy/2024-03-01/since.json").read_text())
    assert shown["titles"] == [s["title"] or s["old_title"] for s in since["sections"]]
    assert len(shown["titles"]) >= 3
    assert shown["link"] == since["compare_url"]
    assert shown["accept"] == since["in_force"]["id"] == "2025-06-01"
