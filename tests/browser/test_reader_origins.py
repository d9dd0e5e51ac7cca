"""The "since when" page of a version: every part of the text with the day its wording
dates from, in each language, on a phone and a wide screen, with and without a script."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

ORIGINS = "getx/privacy/2025-06-01/origins/"
#: What each language's marks and legend say of the sample's oldest wording.
OLDEST = {
    "kk": ("", "2024 жылғы 1 наурыздан бері", "2024 жылғы 1 наурыздағы нұсқа"),
    "ru": ("/ru", "с 1 марта 2024 г.", "Редакция от 1 марта 2024 г."),
    "en": ("/en", "since March 1, 2024", "Version of March 1, 2024"),
}


def parts(page: Page) -> list[tuple[str, str]]:
    """Each part of the text shown: its mark as the eye reads it, and its day."""
    found: list[tuple[str, str]] = page.locator(".ps-origins .ps-origin:visible").evaluate_all(
        """parts => parts.map(part => [
            Array.from(part.querySelector('.ps-origin__mark').childNodes)
                .filter(node => node.nodeType === Node.TEXT_NODE)
                .map(node => node.textContent).join(''),
            part.dataset.effective])"""
    )
    return [(" ".join(mark.split()), day) for mark, day in found]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_part_of_the_text_says_since_when(
    browser: Browser, base_url: str, lang: str, width: int
) -> None:
    prefix, oldest_mark, oldest_label = OLDEST[lang]
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}{prefix}/{ORIGINS}")
    shown = parts(page)
    assert len(shown) == page.locator(".ps-origins .ps-b, .ps-origins .ps-origin__heading").count()
    assert len(shown) > 40
    assert len({day for _mark, day in shown}) >= 2
    assert (oldest_mark, "2024-03-01") in shown
    assert all(mark for mark, _day in shown)
    # The legend names the versions, newest first, with a shade each.
    legend = page.locator(".ps-origins__legend li")
    expect(legend).to_have_count(len({day for _mark, day in shown}))
    expect(legend.last).to_contain_text(oldest_label)
    # A mark is read out as a sentence, and leads to what that version changed.
    expect(page.locator(".ps-origin__mark").first).to_have_attribute(
        "href",
        "../../2024-03-01/#zhalpy-erezheler",  # never changed: where it first was
    )
    first = page.locator(".ps-origins .ps-origin").first
    box, text = first.locator(".ps-origin__mark").bounding_box(), first.bounding_box()
    assert box is not None and text is not None
    if width == 1280:  # beside the text
        assert box["x"] > text["x"] + text["width"] / 2
    else:  # above it, on its own line
        assert box["width"] < text["width"] and box["x"] < text["x"] + 40
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_a_mark_leads_to_the_section_where_its_version_changed_it(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}/en/{ORIGINS}")
    newest = page.locator('.ps-origin[data-effective="2025-06-01"]').first
    # Read out as a sentence; the screen shows the date alone.
    expect(newest.locator(".ps-origin__mark")).to_have_text(
        re.compile(r"^Wording unchanged: since June\s1, 2025$")
    )
    expect(newest.locator(".ps-origin__mark .ps-sr")).to_have_text("Wording unchanged: ")
    lineage = newest.evaluate("part => part.closest('section').dataset.lineage")
    newest.locator(".ps-origin__mark").click()
    expect(page).to_have_url(f"{base_url}/en/getx/privacy/2025-06-01/changes/#{lineage}")
    expect(page.locator(f"#{lineage}")).to_be_in_viewport()


def test_changed_since_folds_the_older_text_and_keeps_the_choice_in_the_address(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}/ru/{ORIGINS}")
    everything = len(parts(page))
    page.get_by_label("Показать только изменённое после редакции от").select_option("2024-03-01")
    expect(page).to_have_url(f"{base_url}/ru/{ORIGINS}?since=2024-03-01")
    newer = parts(page)
    # Only what changed after 1 March 2024 is left, with the headings of its sections.
    assert {day for _mark, day in newer} >= {"2024-09-01", "2025-06-01"}
    assert (
        sum(day != "2024-03-01" for _mark, day in newer)
        == page.locator('.ps-origins .ps-origin:not([data-effective="2024-03-01"])').count()
    )
    assert len(newer) < everything / 2
    expect(page.locator(".ps-since__status")).to_contain_text(
        "Показан только текст, изменённый после выбранной редакции"
    )
    # The address alone gives the same page; a folded run opens with its button.
    page.goto(f"{base_url}/ru/{ORIGINS}?since=2024-09-01")
    # Headings stay as the place of newer text; every other part left is newer.
    days = page.locator(".ps-origin:not(.ps-origin--heading):visible").evaluate_all(
        "parts => parts.map(part => part.dataset.effective)"
    )
    assert days and set(days) == {"2025-06-01"}
    folded = page.locator(".ps-since__fold").first
    count = int(re.findall(r"\d+", folded.inner_text())[-1])
    before = len(parts(page))
    folded.click()
    assert len(parts(page)) == before + count
    # A day that names no version: the versions up to it fold.
    page.goto(f"{base_url}/en/{ORIGINS}?since=2025-01-01")
    expect(page.get_by_label("Show only what changed after the version of")).to_have_value(
        "2024-09-01"
    )
    days = page.locator(".ps-origin:not(.ps-origin--heading):visible").evaluate_all(
        "parts => parts.map(part => part.dataset.effective)"
    )
    assert set(days) == {"2025-06-01"}
    # Back to the whole text: the address forgets the choice.
    page.get_by_label("Show only what changed after the version of").select_option("")
    expect(page).to_have_url(f"{base_url}/en/{ORIGINS}")
    assert len(parts(page)) == everything


def test_without_a_script_every_mark_is_there_and_the_control_is_not(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}/en/{ORIGINS}?since=2024-09-01")
    expect(page.locator("form.ps-since")).to_be_hidden()
    marks = page.locator(".ps-origin__mark:visible")
    assert marks.count() == page.locator(".ps-origins .ps-origin").count() > 40
    expect(page.locator(".ps-origins__legend")).to_contain_text("(this version)")
    context.close()


def test_the_version_page_and_the_history_lead_to_it(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/en/getx/privacy/2025-06-01/")
    page.get_by_role("link", name="Since when each passage says this").click()
    expect(page).to_have_url(f"{base_url}/en/{ORIGINS}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Since when does it say this?")
    page.goto(f"{base_url}/ru/getx/privacy/history/")
    page.get_by_role("link", name="С какой редакции действует каждая формулировка").first.click()
    expect(page).to_have_url(re.compile(r"/ru/getx/privacy/\d{4}-\d{2}-\d{2}/origins/$"))


def test_an_address_naming_nothing_to_fold_shows_the_whole_text_and_forgets_it(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}/en/{ORIGINS}")
    everything = len(parts(page))
    for since in ("yesterday", "2020-01-01"):  # not a day; a day before every version
        page.goto(f"{base_url}/en/{ORIGINS}?since={since}")
        expect(page).to_have_url(f"{base_url}/en/{ORIGINS}")
        assert len(parts(page)) == everything
        expect(page.locator(".ps-since__status")).to_have_text("")
    # A day after this version: only this version's own wording is left (with its headings).
    page.goto(f"{base_url}/en/{ORIGINS}?since=2030-01-01")
    days = page.locator(".ps-origin:not(.ps-origin--heading):visible").evaluate_all(
        "parts => parts.map(part => part.dataset.effective)"
    )
    assert days and set(days) == {"2025-06-01"}
    # The fold's button speaks the page's language inside the Kazakh text, and opening it
    # leaves the keyboard on the text it showed.
    page.goto(f"{base_url}/en/getx/privacy/2024-09-01/origins/?since=2024-03-01")
    button = page.locator(".ps-since__fold").first
    expect(button).to_have_attribute("lang", "en")
    button.click()
    assert page.evaluate("document.activeElement.classList.contains('ps-origin')")
