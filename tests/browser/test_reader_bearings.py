"""Material's furniture finished, and titles in the reader's language, in chromium."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page, expect
from support.project import SAMPLE_DAY

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
    expect(page.locator("article h1 .headerlink")).to_have_count(0)  # issue 31
    expect(page.locator(".md-footer-meta")).to_be_hidden()
    for tool in ("compare", "history", "on"):
        page.goto(f"{base_url}/{prefix}getx/privacy/{tool}/")
        assert page.title().startswith(TITLES[lang]), (tool, page.title())


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_the_day_asked_for_is_shown_with_the_versions_period(
    page: Page, base_url: str, prefix: str, width: int
) -> None:
    t = Strings(PREFIXES[prefix])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{prefix}getx/privacy/on/?date=2024-10-15")
    expect(page).to_have_url(f"{base_url}/{prefix}getx/privacy/2024-09-01/?on=2024-10-15")
    asked = page.locator(".ps-asked")
    expect(asked).to_be_visible()
    expect(asked).to_have_text(
        t(
            "asked.ended",
            date=t.date(date(2024, 10, 15)),
            start=t.date(date(2024, 9, 1)),
            end=t.date(date(2025, 5, 31)),
        )
    )
    # A day the version was not in force (an address edited by hand) says so.
    page.goto(f"{base_url}/{prefix}getx/privacy/2024-09-01/?on=2026-01-01")
    expect(asked).to_have_text(
        t(
            "asked.after",
            date=t.date(date(2026, 1, 1)),
            start=t.date(date(2024, 9, 1)),
            end=t.date(date(2025, 5, 31)),
        )
    )
    # The version in force on the build day, asked of a day before the build day.
    page.goto(f"{base_url}/{prefix}getx/privacy/2025-06-01/?on=2026-01-01")
    expect(asked).to_have_text(
        t("asked.since", date=t.date(date(2026, 1, 1)), start=t.date(date(2025, 6, 1)))
    )


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_a_day_after_the_build_day_is_answered_as_scheduled(
    page: Page, base_url: str, prefix: str, width: int
) -> None:
    """Issue 31: a future day landed on the upcoming version, whose status line said "not
    yet in force" while the box said "in force since". Both now say it takes effect."""
    t = Strings(PREFIXES[prefix])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{prefix}getx/privacy/on/?date=2027-02-01")
    expect(page).to_have_url(f"{base_url}/{prefix}getx/privacy/2027-01-15/?on=2027-02-01")
    status = page.locator(".ps-status")
    expect(status).to_contain_text(t("status.upcoming"))
    expect(status).to_contain_text(t("status.from", date=t.date(date(2027, 1, 15))))
    asked = page.locator(".ps-asked")
    expect(asked).to_be_visible()
    expect(asked).to_have_text(
        t(
            "asked.upcoming_announced",
            date=t.date(date(2027, 2, 1)),
            start=t.date(date(2027, 1, 15)),
            built=t.date(SAMPLE_DAY),
            announced=t("announced.short_estimated", date=t.date(date(2026, 11, 20))),
        )
    )
    # The version in force on the build day, asked of a day before its successor's.
    page.goto(f"{base_url}/{prefix}getx/privacy/2025-06-01/?on=2026-12-20")
    expect(asked).to_have_text(
        t(
            "asked.since_until",
            date=t.date(date(2026, 12, 20)),
            start=t.date(date(2025, 6, 1)),
            built=t.date(SAMPLE_DAY),
            end=t.date(date(2027, 1, 14)),
        )
    )
    page.goto(f"{base_url}/{prefix}getx/privacy/2025-06-01/?on=2027-03-01")
    expect(asked).to_have_text(
        t(
            "asked.after_upcoming",
            date=t.date(date(2027, 3, 1)),
            start=t.date(date(2025, 6, 1)),
            built=t.date(SAMPLE_DAY),
            end=t.date(date(2027, 1, 14)),
        )
    )
    for text in (asked.inner_text(), status.inner_text()):
        assert ".." not in text


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_the_date_tool_writes_dates_as_the_site_does(
    page: Page, base_url: str, prefix: str
) -> None:
    t = Strings(PREFIXES[prefix])
    page.goto(f"{base_url}/{prefix}getx/privacy/on/?date=2020-01-01")
    expect(page.locator(".ps-on__answer")).to_have_text(
        t("on.none", date=t.date(date(2020, 1, 1)), first=t.date(date(2024, 3, 1)))
    )


def test_a_version_page_without_a_day_asked_for_shows_nothing_of_it(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}/en/getx/privacy/2024-09-01/")
    expect(page.locator(".ps-asked")).to_be_hidden()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_a_version_can_be_cited_with_its_address_and_the_hash_of_its_text(
    browser: Browser, base_url: str, sample_site: Path, prefix: str, width: int
) -> None:
    t = Strings(PREFIXES[prefix])
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{base_url}/{prefix}getx/privacy/2025-06-01/")  # translated: its own text
    exact = (sample_site / prefix / "getx/privacy/2025-06-01/policy.md").read_bytes()
    sha = hashlib.sha256(exact).hexdigest()
    page.get_by_text(t("cite.title")).click()
    citation = page.locator(".ps-cite")
    expect(citation).to_be_visible()
    text = citation.inner_text()
    assert f"/{prefix}getx/privacy/2025-06-01/" in text and sha in text
    label = t("version.named", date=t.date(date(2025, 6, 1)))
    assert text.startswith(f"{TITLES[PREFIXES[prefix]]} — getxkz.com ({label}). http")
    page.get_by_role("button", name=t("cite.copy")).click()
    assert page.evaluate("navigator.clipboard.readText()") == text
    href = page.locator(".ps-cite__exact").get_attribute("href")
    assert href is not None
    response = page.request.get(urljoin(page.url, href))
    assert hashlib.sha256(response.body()).hexdigest() == sha
    # "How to verify this text": the command, as a reader copies it and runs it (issue 33).
    command = page.locator("li", has_text=t("cite.verify")).locator("code").inner_text()
    address = f"http://127.0.0.1:8000/{prefix}getx/privacy/2025-06-01/"
    assert command == f"python -m policysite verify {address}"
    served = address.replace("http://127.0.0.1:8000", base_url)
    done = subprocess.run(
        [sys.executable, "-m", "policysite", "verify", served], capture_output=True, text=True
    )
    assert done.returncode == 1  # the sample site is not signed, and says so
    assert "  - the manifest is not signed: there is no signature beside it" in done.stderr
    assert f"What did check out: This text (sha256 {sha}" in done.stderr
    assert (
        f"at {served}policy.md" in done.stderr and "a manifest built for 2026-11-22" in done.stderr
    )
    # An untranslated version shows the Kazakh text: its citation says so (issue 31).
    page.goto(f"{base_url}/{prefix}getx/privacy/2027-01-15/")
    page.get_by_text(t("cite.title")).click()
    said = page.locator(".ps-cite").inner_text()
    key = "cite.text_original" if prefix else "cite.text"
    label = t("version.named", date=t.date(date(2027, 1, 15)))
    url = f"http://127.0.0.1:8000/{prefix}getx/privacy/2027-01-15/"
    expected = t(key, title=f"{TITLES['kk']} — getxkz.com", label=label, url=url, sha="")
    assert said.startswith(expected.split(url)[0] + url), said
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_a_deep_link_into_a_superseded_version_keeps_its_status_in_view(
    page: Page, base_url: str, prefix: str, width: int
) -> None:
    t = Strings(PREFIXES[prefix])
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{base_url}/{prefix}getx/privacy/2024-03-01/#derekterding-qauipsizdigi")
    status = page.get_by_role("region", name=t("status.line"))
    expect(status).to_contain_text(t("status.superseded"))
    expect(status).to_contain_text(f"{t.date(date(2024, 3, 1))} – {t.date(date(2024, 8, 31))}")
    expect(status.get_by_role("link", name=t("banner.read_current"))).to_be_visible()
    box, header = status.bounding_box(), page.locator("header.md-header").bounding_box()
    heading = page.locator("h2#derekterding-qauipsizdigi").bounding_box()
    assert box and header and heading
    # In view, just below the header, and the section the link leads to just below it.
    assert abs(box["y"] - header["height"]) < 2
    assert box["y"] + box["height"] <= heading["y"] < 844
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(200)
    moved = status.bounding_box()
    assert moved and abs(moved["y"] - header["height"]) < 2  # still there after scrolling
    page.goto(f"{base_url}/{prefix}getx/privacy/2025-06-01/changes/")
    expect(page.get_by_role("region", name=t("status.line"))).to_contain_text(t("status.current"))


@pytest.mark.parametrize(
    "address", ["getx/privacy/", "getx/privacy/2024-03-01/", "meest/privacy/2026-10-01/"]
)
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_on_a_phone_the_first_screen_shows_the_status_and_the_beginning_of_the_text(
    page: Page, base_url: str, prefix: str, address: str
) -> None:
    t = Strings(PREFIXES[prefix])
    page.clock.set_fixed_time(datetime(2026, 11, 23, 9, 0))  # the day after the build
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base_url}/{prefix}{address}")
    status = page.get_by_role("region", name=t("status.line"))
    expect(status).to_be_in_viewport()
    text = page.locator(  # the text's first heading or paragraph, in a translation's <div> or not
        "article .ps-tools ~ :is(h2, .ps-section-text), article .ps-tools ~ div :is(h2, .ps-section-text)"
    )
    beginning = text.first.bounding_box()
    assert beginning is not None and beginning["y"] + beginning["height"] < 844, beginning
    # The permanent address is the first line of "Permanent address and citation".
    expect(page.locator(".ps-facts__address")).to_be_hidden()
    tools = page.locator("details", has_text=t("cite.title"))
    tools.locator("summary").click()
    expect(tools).to_contain_text(t("version.permanent"))


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_status_and_notices_are_at_the_size_of_the_text(
    page: Page, base_url: str, prefix: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{prefix}getx/privacy/2024-03-01/")
    size = "n => getComputedStyle(n).fontSize"
    text = page.locator("article .ps-section-text p").first.evaluate(size)
    for notice in (".ps-status", ".ps-facts p", ".admonition, details"):
        found = page.locator(f"article {notice}").first
        assert found.evaluate(size) == text, (notice, prefix, width)
    if width == 1280:
        expect(page.locator(".ps-facts__address")).to_contain_text(
            Strings(PREFIXES[prefix])("version.permanent")
        )


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_the_history_timeline_is_readable_on_a_desktop_and_a_phone(
    page: Page, base_url: str, prefix: str, width: int
) -> None:
    t = Strings(PREFIXES[prefix])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{prefix}getx/privacy/history/")
    shown = page.locator(".ps-timeline svg:visible")
    expect(shown).to_have_count(1)
    # Time runs down a phone's screen and across a desktop's.
    expect(shown).to_have_class("ps-timeline__tall" if width == 390 else "ps-timeline__wide")
    labels = shown.locator("a text")
    days = [date(2024, 3, 1), date(2024, 9, 1), date(2025, 6, 1), date(2027, 1, 15)]
    expect(labels).to_have_text([t.date(day) for day in days])
    heights = labels.evaluate_all("ns => ns.map(n => n.getBoundingClientRect().height)")
    assert min(heights) >= 11, heights  # drawn at 11 px or more, never shrunk to fit
    boxes = labels.evaluate_all(
        "ns => ns.map(n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom] })"
    )
    for i, (left, top, right, bottom) in enumerate(boxes):
        for other in boxes[i + 1 :]:
            apart = right <= other[0] or other[2] <= left or bottom <= other[1] or other[3] <= top
            assert apart, (boxes, i)
    assert boxes[-1][2] <= width  # nothing drawn off the screen


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_history_entries_say_each_thing_once_and_name_their_commits(
    page: Page, base_url: str, prefix: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{prefix}getx/privacy/history/")
    first = page.locator("article h2").last.locator("xpath=following-sibling::ul[1]")
    lines = first.locator(":scope > li").all_inner_texts()
    assert len(lines) == len(set(lines)), lines
    # The sample's mkdocs.yml names no repository: commit ids are shown, not linked.
    commits = page.locator("article li code")
    expect(commits.first).to_have_text(re.compile(r"^[0-9a-f]{7}$"))
    assert page.locator("article a code").count() == 0


def test_search_hits_show_the_sections_words_not_the_timeline_link(sample_site: Path) -> None:
    for prefix, lang in PREFIXES.items():
        index = json.loads((sample_site / prefix / "search/search_index.json").read_text("utf-8"))
        sections = [d for d in index["docs"] if "privacy/#" in d["location"]]
        assert len(sections) > 20
        link = f"<p>{Strings(lang)('section.history')}</p>"
        assert not [d["location"] for d in sections if link in d["text"]], lang


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_how_to_read_this_archive_says_whether_the_site_is_signed(
    page: Page, base_url: str, prefix: str
) -> None:
    """The sample is built without a signing key: its "How to read this archive" says so,
    in the page's language, and never that it is signed (issue 33)."""
    t = Strings(PREFIXES[prefix])
    page.goto(f"{base_url}/{prefix}about/")
    before, unsigned, _after = t("signing.unsigned").split("**")
    article = page.locator("article")
    expect(article.locator("strong", has_text=unsigned)).to_be_visible()
    expect(article).to_contain_text(before + unsigned)
    expect(article).to_contain_text("python -m policysite verify")
    signed = t("signing.signed").split("**")[1]
    assert f"{before}{signed}." not in article.inner_text()
