"""Statuses as of the day the site was built for, on home, history and version pages, in
feeds; and the warning when the reader's clock says they may be out of date."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from support.project import SAMPLE_DAY

from policysite.render.strings import Strings

pytestmark = pytest.mark.browser

PREFIXES = {"": "kk", "ru/": "ru", "en/": "en"}
PAGES = [
    "",
    "getx/privacy/",
    "getx/privacy/2025-06-01/",
    "getx/privacy/2027-01-15/",
    "getx/privacy/history/",
]
#: A superseded version stays superseded whatever the day: its page names no day, so it
#: settles (issue 30).
SETTLED = "getx/privacy/2024-03-01/"
#: getx's next version takes effect on this day, after the sample's build day.
NEXT = datetime(2027, 1, 15).date()


def as_of(lang: str) -> str:
    t = Strings(lang)
    return t("as_of.text", date=t.date(SAMPLE_DAY))


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_every_status_page_says_as_of_when(
    page: Page, base_url: str, prefix: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.clock.set_fixed_time(datetime(2026, 11, 23, 9, 0))  # the day after the build
    for address in PAGES:
        page.goto(f"{base_url}/{prefix}{address}")
        line = page.locator(".ps-as-of")
        expect(line).to_have_text(as_of(PREFIXES[prefix]))
        expect(line).to_be_visible()
        expect(page.locator(".ps-as-of__warning")).to_have_count(0)
    page.goto(f"{base_url}/{prefix}{SETTLED}")
    expect(page.locator(".ps-status")).to_be_visible()
    expect(page.locator(".ps-as-of")).to_have_count(0)


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_a_page_past_the_next_change_says_its_statuses_may_be_outdated(
    page: Page, base_url: str, prefix: str
) -> None:
    t = Strings(PREFIXES[prefix])
    page.clock.set_fixed_time(datetime(2027, 1, 20, 9, 0))
    page.goto(f"{base_url}/{prefix}getx/privacy/")
    warning = page.locator(".ps-as-of__warning")
    expect(warning.locator("summary")).to_have_text(
        t("as_of.stale.short_change", next=t.date(NEXT))
    )
    expect(warning.locator("p")).to_have_text(
        t("as_of.stale.change", built=t.date(SAMPLE_DAY), next=t.date(NEXT))
    )
    expect(warning.locator("p")).to_be_visible()


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_on_a_phone_the_warning_is_short_and_the_text_stays_on_the_first_screen(
    page: Page, base_url: str, prefix: str
) -> None:
    """Issue 31: the warning pushed the policy's text off a phone's first screen, in the
    superseded status's tint."""
    t = Strings(PREFIXES[prefix])
    page.set_viewport_size({"width": 390, "height": 844})
    page.clock.set_fixed_time(datetime(2027, 1, 20, 9, 0))
    page.goto(f"{base_url}/{prefix}getx/privacy/")
    warning = page.locator(".ps-as-of__warning")
    expect(warning.locator("summary")).to_be_visible()
    expect(warning.locator("p")).to_be_hidden()
    box = warning.bounding_box()
    assert box and box["height"] <= 64, box  # two lines at most: it names the day
    first = page.locator("article h2").first.bounding_box()
    assert first and first["y"] + first["height"] < 844, first  # the text starts on screen
    tint = warning.evaluate("node => getComputedStyle(node).backgroundColor")
    page.goto(f"{base_url}/{prefix}getx/privacy/2024-03-01/")
    superseded = page.locator(".ps-status").evaluate(
        "node => getComputedStyle(node).backgroundColor"
    )
    assert tint != superseded
    # The countdown on the home page counts on the reader's clock, not the build day's.
    page.clock.set_fixed_time(datetime(2027, 1, 5, 9, 0))
    page.goto(f"{base_url}/{prefix}")
    expect(page.locator(".ps-countdown").first).to_have_text(t("home.countdown", count=10))


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_a_page_days_past_its_build_says_so(page: Page, base_url: str, prefix: str) -> None:
    t = Strings(PREFIXES[prefix])
    page.clock.set_fixed_time(datetime(2026, 11, 27, 9, 0))  # five days on, no change due
    page.goto(f"{base_url}/{prefix}meest/privacy/history/")
    expect(page.locator(".ps-as-of__warning p")).to_have_text(
        t("as_of.stale.days", built=t.date(SAMPLE_DAY))
    )


def test_without_a_script_the_day_still_shows(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/ru/getx/privacy/2025-06-01/")
    expect(page.locator(".ps-as-of")).to_have_text(as_of("ru"))
    context.close()


def test_feeds_say_as_of_when(sample_site: Path) -> None:
    for prefix, lang in PREFIXES.items():
        for feed in (
            sample_site / prefix / "feed.xml",
            sample_site / prefix / "getx/privacy/feed.xml",
        ):
            assert f"<subtitle>{as_of(lang)}</subtitle>" in feed.read_text("utf-8"), feed
