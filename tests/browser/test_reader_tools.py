"""A reader with a date in mind, and a reader who prints."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def test_a_date_leads_to_the_version_in_force_that_day(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/getx/privacy/on/?date=2024-10-15")
    expect(page).to_have_url(f"{base_url}/getx/privacy/2024-09-01/?on=2024-10-15")
    expect(page.get_by_role("region", name="Осы нұсқаның мәртебесі")).to_contain_text(
        "2024\u00a0жылғы\u00a01\u00a0қыркүйектегі нұсқа: күшін жойған"
    )

    page.goto(f"{base_url}/en/getx/privacy/on/?date=2020-01-01")
    expect(page.locator("#ps-on-result")).to_have_text(
        "On January 1, 2020, no version of this policy was in force yet: the first took effect on "
        "March 1, 2024."
    )


def test_the_history_page_s_date_field_finds_the_version(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/ru/meest/privacy/history/")
    page.fill("input[name=date]", "2024-03-01")
    page.get_by_role("button", name="Найти").click()
    expect(page).to_have_url(f"{base_url}/ru/meest/privacy/2024-02-01/?on=2024-03-01")


def test_the_timeline_marks_lead_to_what_each_version_changed(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/en/getx/privacy/history/")
    page.locator("a.ps-timeline__mark--current:visible").click()
    expect(page).to_have_url(f"{base_url}/en/getx/privacy/2025-06-01/changes/")
    # On a phone, the same marks down the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.go_back()
    page.locator("a.ps-timeline__mark--superseded:visible").first.click()
    expect(page).to_have_url(f"{base_url}/en/getx/privacy/2024-03-01/")


def test_a_version_prints_with_its_address_and_banners_and_no_site_furniture(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}/en/getx/privacy/2024-03-01/")
    pdf = page.pdf(format="A4")
    text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages
    )
    assert (
        "Permanent address: http://127.0.0.1:8000/en/getx/privacy/2024-03-01/ · Effective: March 1, 2024"
        in text
    )
    assert (
        "Version of March 1, 2024: superseded · March 1, 2024 – August 31, 2024"
        " · Read the text in force" in text
    )
    assert "Replaced by: Version of September 1, 2024" in text
    for furniture in (
        "How to read this archive",
        "For editors",
        "History of this section",
        "All versions",
        "Permanent address and citation",
    ):
        assert furniture not in text, furniture
