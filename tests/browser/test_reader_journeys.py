"""Reader journeys of issue 31, as a person goes through them at 390 and 1280 px: one
click from a version to its comparisons, a compare page that names its pair and heads
each side, side by side that works at every width, and a language switch that keeps
the section in view."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from policysite.render.strings import Strings

pytestmark = pytest.mark.browser

PREFIXES = {"": "kk", "ru/": "ru", "en/": "en"}
WIDTHS = [1280, 390]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_a_version_page_compares_with_the_text_in_force_in_one_click(
    page: Page, base_url: str, prefix: str, width: int
) -> None:
    t = Strings(PREFIXES[prefix])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{prefix}getx/privacy/2024-03-01/")
    links = page.locator(".ps-compare-links")
    expect(links.get_by_role("link", name=t("compare.with_previous"))).to_have_count(0)
    links.get_by_role("link", name=t("compare.with_current")).click()
    # The address names the pair on the screen, the version in force resolved.
    expect(page).to_have_url(
        f"{base_url}/{prefix}getx/privacy/compare/?from=2024-03-01&to=2025-06-01"
    )
    pair = page.locator(".ps-compare-pair li")
    expect(pair).to_have_count(2)
    expect(pair.nth(0)).to_contain_text(
        t("compare.pair.from") + ": " + t("version.label", date=t.date(date(2024, 3, 1)))
    )
    expect(pair.nth(0)).to_contain_text(t("status.superseded"))
    expect(pair.nth(1)).to_contain_text(t("status.current"))
    pair.nth(0).get_by_role("link").click()
    expect(page).to_have_url(f"{base_url}/{prefix}getx/privacy/2024-03-01/")
    # The upcoming version compares with the one before it, the text in force.
    page.goto(f"{base_url}/{prefix}getx/privacy/2027-01-15/")
    page.locator(".ps-compare-links").get_by_role("link", name=t("compare.with_previous")).click()
    expect(page).to_have_url(
        f"{base_url}/{prefix}getx/privacy/compare/?from=2025-06-01&to=2027-01-15"
    )
    expect(page.locator(".ps-compare-pair li").nth(1)).to_contain_text(t("status.upcoming"))


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_the_compare_page_opens_on_the_text_in_force_and_the_one_before_it(
    page: Page, base_url: str, prefix: str
) -> None:
    page.goto(f"{base_url}/{prefix}getx/privacy/compare/")
    expect(page).to_have_url(
        f"{base_url}/{prefix}getx/privacy/compare/?from=2024-09-01&to=2025-06-01"
    )
    expect(page.locator(".ps-compare-pair li")).to_have_count(2)
    page.select_option("#ps-compare-from", "2024-03-01")
    expect(page).to_have_url(
        f"{base_url}/{prefix}getx/privacy/compare/?from=2024-03-01&to=2025-06-01"
    )
    expect(page.locator(".ps-compare-pair li").nth(0)).to_have_attribute(
        "data-version", "2024-03-01"
    )


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_side_by_side_stacks_with_a_note_on_a_phone_and_takes_the_width_on_a_desktop(
    page: Page, base_url: str, prefix: str
) -> None:
    t = Strings(PREFIXES[prefix])
    address = f"{base_url}/{prefix}getx/privacy/compare/?from=2024-03-01&to=2025-06-01&view=split"
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(address)
    expect(page.locator(".ps-split-note")).to_have_text(t("view.narrow"))
    expect(page.locator(".ps-split-note")).to_be_visible()
    cells = page.locator("table.ps-split td:not(:empty)")
    expect(cells.first).to_be_visible()
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert first and second and second["y"] >= first["y"] + first["height"] - 1  # stacked
    # Each side named in a word, not with the version's whole name over every block.
    sides = [cells.nth(i).evaluate("n => getComputedStyle(n, '::before').content") for i in (0, 1)]
    assert sides == [f'"{t("compare.pair.from")}"', f'"{t("compare.pair.to")}"'], sides
    expect(page.locator(".ps-redline").first).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator(".ps-split-note")).to_be_hidden()
    table = page.locator("table.ps-split").first.bounding_box()
    assert table and table["width"] > 900, table  # not squeezed into the text column
    heads = page.locator("table.ps-split").first.locator("th")
    expect(heads.nth(0)).to_contain_text(t("status.superseded"))
    expect(heads.nth(1)).to_contain_text(t("status.current"))
    # A paragraph inserted whole stands in the newer version's column, not the older's.
    inserted = page.locator("table.ps-split td:last-child:not(:empty) ins").first
    older = page.locator("table.ps-split th").nth(1).bounding_box()
    box = inserted.bounding_box()
    assert box and older and box["x"] >= older["x"] - 1, (box, older)
    for row in page.locator("table.ps-split tr:has(td:first-child:empty)").all()[:3]:
        kept = row.locator("td").nth(1).bounding_box()
        assert kept and older and kept["x"] >= older["x"] - 1
    page.locator(".ps-view").get_by_role("link", name=t("view.inline")).click()
    expect(page.locator(".ps-split-note")).to_have_count(0)
    expect(page.locator(".ps-redline").first).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_switching_language_keeps_the_section_in_view(
    page: Page, base_url: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{base_url}/ru/getx/privacy/")
    heading = page.locator("article h2").nth(5)
    section = heading.get_attribute("id")
    heading.scroll_into_view_if_needed()
    page.evaluate("id => document.getElementById(id).scrollIntoView()", section)
    page.wait_for_timeout(300)
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{base_url}/en/getx/privacy/#{section}")
    page.wait_for_timeout(300)
    box = page.locator(f"[id='{section}']").bounding_box()
    assert box and 0 <= box["y"] < 844 / 2, box
    # On the compare page, the pair and the view go with the reader.
    page.goto(f"{base_url}/en/getx/privacy/compare/?from=2024-03-01&to=2025-06-01&view=split")
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Русский").click()
    expect(page).to_have_url(
        f"{base_url}/ru/getx/privacy/compare/?from=2024-03-01&to=2025-06-01&view=split"
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_a_sections_history_is_named_as_the_reader_knows_it(
    page: Page, base_url: str, prefix: str, width: int
) -> None:
    """Issue 31: the timeline of "6. Data security" was titled with the upcoming version's
    Kazakh heading "7. …", and did not say its last entry was not yet in force."""
    t = Strings(PREFIXES[prefix])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{prefix}getx/privacy/")
    section = page.locator("article h2#derekterding-qauipsizdigi")
    heading = section.inner_text().strip(" ¶")
    assert heading.startswith("6. ")
    links = page.locator("article .ps-section-link")
    expect(links.first).to_have_text(t("section.unchanged"))  # never changed: no timeline
    page.locator("#derekterding-qauipsizdigi + .ps-section-link a").click()
    expect(page.locator("article h1")).to_have_text(t("timeline.page_title", heading=heading))
    upcoming = page.locator(".ps-timeline-upcoming")
    expect(upcoming).to_have_count(1)
    expect(upcoming).to_have_text(t("timeline.upcoming", date=t.date(date(2027, 1, 15))))
    # Which versions have the section, in a sentence (it read as a list of two versions).
    first = t("timeline.present.first", date=t.date(date(2024, 3, 1)))
    last = t("timeline.present.last", date=t.date(date(2027, 1, 15)))
    expect(page.locator("article p", has_text=first)).to_have_text(
        t("timeline.present", first=first, last=last)
    )


@pytest.mark.parametrize("width", [1600, 1280, 700, 390])
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_a_deep_link_highlights_its_own_entry_in_the_contents(
    page: Page, base_url: str, prefix: str, width: int
) -> None:
    """Issue 31: the sticky status line was not in Material's offset, so a deep link
    highlighted the section before the one linked to."""
    page.set_viewport_size({"width": width, "height": 844})
    for section in ("derekterding-qauipsizdigi", "paydalanushylardyng-quqyqtary"):
        page.goto(f"{base_url}/{prefix}getx/privacy/2025-06-01/#{section}")
        active = page.locator(".md-nav--secondary .md-nav__link--active")
        expect(active).to_have_count(1)
        expect(active).to_have_attribute("href", f"#{section}")
        heading = page.locator(f"[id='{section}']").bounding_box()
        status = page.locator(".ps-status").bounding_box()
        assert heading and status and status["y"] + status["height"] <= heading["y"] < 844 / 2


@pytest.mark.parametrize("prefix", ["ru/", "en/"])
def test_labels_speak_the_pages_language_around_the_kazakh_text(
    page: Page, base_url: str, prefix: str
) -> None:
    """Issue 31: on a page showing an untranslated version, the interface's labels were
    announced as Kazakh and the Kazakh contents entries as the page's language."""
    lang = PREFIXES[prefix]
    t = Strings(lang)
    page.goto(f"{base_url}/{prefix}getx/privacy/2027-01-15/")

    def language_of(selector: str) -> str:
        return page.locator(selector).first.evaluate("node => node.closest('[lang]').lang")

    assert language_of(".ps-summary strong") == lang
    assert language_of(".ps-summary span") == "kk"
    assert language_of("article .ps-section-link") == lang
    expect(page.locator("article .ps-section-link").first).to_have_text(
        re.compile(f"{t('section.history')}|{t('section.unchanged')}")
    )
    assert language_of("article h2") == "kk"
    entries = page.locator(".md-nav--secondary a.md-nav__link")
    assert entries.count() > 5
    assert {entries.nth(i).get_attribute("lang") for i in range(entries.count())} == {"kk"}
    expect(page.locator("article h1 .headerlink")).to_have_count(0)


@pytest.mark.parametrize("prefix", ["ru/", "en/"])
def test_the_compare_page_names_the_side_not_in_the_readers_language(
    page: Page, base_url: str, prefix: str
) -> None:
    """Issue 31: "this version or the one before it" did not say which."""
    t = Strings(PREFIXES[prefix])
    in_language = t(f"language.in.{PREFIXES[prefix]}")
    for pair, side in (
        ("2024-03-01&to=2025-06-01", "older"),
        ("2025-06-01&to=2027-01-15", "newer"),
    ):
        page.goto(f"{base_url}/{prefix}getx/privacy/compare/?from={pair}")
        expect(page.locator("#ps-compare-result .ps-note")).to_have_text(
            t(f"compare.in_original.{side}", in_language=in_language)
        )


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_a_headings_hidden_permalink_never_takes_a_line_of_its_own(
    page: Page, base_url: str, prefix: str
) -> None:
    """At 390 px, "Редакция от 1 сентября 2024 г." filled its line and the hidden "¶"
    wrapped onto the next, leaving a blank line under the heading."""
    page.set_viewport_size({"width": 390, "height": 900})
    for address in ("getx/privacy/sections/derekterding-qauipsizdigi/", "getx/privacy/history/"):
        page.goto(f"{base_url}/{prefix}{address}")
        alone = page.eval_on_selector_all(
            "article :is(h2, h3):has(> .headerlink)",
            """headings => headings.filter(h => {
                const link = h.querySelector(':scope > .headerlink');
                const words = document.createRange();
                words.setStartBefore(h.firstChild);
                words.setEndBefore(link);
                const lines = words.getClientRects();
                return link.getBoundingClientRect().top >= lines[lines.length - 1].bottom - 1;
            }).map(h => h.textContent)""",
        )
        assert alone == [], alone
