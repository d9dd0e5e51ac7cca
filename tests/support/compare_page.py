"""The compare page as chromium shows it."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def browser_kinds(page: Page) -> dict[str, str]:
    """Each section's lineage id and its kinds, once the compare page shows its result."""
    result = page.locator("#ps-compare-result")
    expect(result.locator(".ps-counts")).to_be_visible()
    return dict(
        result.locator("[data-lineage]").evaluate_all(
            "nodes => nodes.map(n => [n.dataset.lineage, n.dataset.kinds])"
        )
    )
