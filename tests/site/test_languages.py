"""Languages on the sample site: translation status, per-language search indexes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag


def article(site: Path, address: str) -> Tag:
    html = (site / address.strip("/") / "index.html").read_text(encoding="utf-8")
    found = BeautifulSoup(html, "html.parser").select_one("article")
    assert found is not None, address
    return found


def text_of(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def inline_text(node: Tag) -> str:
    """Text as read, links running into the words around them."""
    return " ".join(node.get_text().split())


def test_a_lagging_translation_says_which_kazakh_text_prevails(sample_site: Path) -> None:
    address = "/en/meest/privacy/"
    body = article(sample_site, address)
    warning = body.select_one(".admonition.warning")
    assert warning is not None
    assert text_of(warning).startswith(
        "This translation is out of date This translation follows the version of March 1, 2025; "
        "the Kazakh text in force since October 1, 2026 prevails."
    )
    targets = {inline_text(a): urljoin(address, str(a["href"])) for a in warning.select("a[href]")}
    assert targets["Read the Kazakh text in force"] == "/meest/privacy/"
    assert targets["What changed since March 1, 2025"] == (
        "/en/meest/privacy/compare/?from=2025-03-01&to=2026-10-01"
    )
    # The English text, not the Kazakh one, is what an English reader gets to read.
    assert "Contact information" in text_of(body)
    assert body.select('div[lang="kk"]') == []


def test_an_up_to_date_translation_has_no_notice(sample_site: Path) -> None:
    body = article(sample_site, "/ru/meest/privacy/")
    assert body.select(".admonition.warning") == []
    assert "dpo.kz@meestgroup.com" in text_of(body)  # the 2026-10-01 text, in Russian
    assert "Адрес лица, ответственного за защиту персональных данных" in text_of(body)


def test_an_untranslated_version_links_to_kazakh_and_to_the_latest_translation(
    sample_site: Path,
) -> None:
    address = "/en/meest/privacy/2026-10-01/"
    body = article(sample_site, address)
    note = body.select_one(".admonition.note")
    assert note is not None
    text = text_of(note)
    assert "This version is not available in English" in text
    links = {inline_text(a): urljoin(address, str(a["href"])) for a in note.select("a[href]")}
    assert links["Open this page in Kazakh"] == "/meest/privacy/2026-10-01/"
    assert links["Version of March 1, 2025"] == "/en/meest/privacy/2025-03-01/"


def test_the_home_page_shows_which_languages_are_up_to_date(sample_site: Path) -> None:
    cards = article(sample_site, "/en/").select(".ps-policies > ul > li")
    meest = next(card for card in cards if "kz.meest.com" in text_of(card))
    getx = next(card for card in cards if "getxkz.com" in text_of(card))
    assert (
        "Languages: Қазақша — authoritative text · Русский — up to date · "
        "English — translation of the version of March 1, 2025"
    ) in inline_text(meest)
    assert "This translation is out of date" in text_of(meest)
    assert "Русский — up to date · English — up to date" in inline_text(getx)
    kazakh = inline_text(article(sample_site, "/"))
    assert "English — 2025 жылғы 1 наурыздағы нұсқаның аудармасы" in kazakh


def index_of(site: Path, prefix: str) -> dict[str, object]:
    raw = (site / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
    # Real UTF-8: Cyrillic is not written as \\uXXXX escapes.
    assert not re.search(r"\\u04[0-9a-f]{2}", raw)
    data: dict[str, object] = json.loads(raw)
    return data


def test_each_language_has_its_own_search_index_of_the_texts_in_force(sample_site: Path) -> None:
    for prefix, word, foreign in [
        ("", "қауіпсіздігі", "Общие положения"),
        ("ru", "Безопасность данных", "Жалпы ережелер"),
        ("en", "Data security", "Общие положения"),
    ]:
        docs = index_of(sample_site, prefix)["docs"]
        assert isinstance(docs, list)
        text = " ".join(str(d["title"]) + " " + str(d["text"]) for d in docs)
        assert word in text, prefix
        assert foreign not in text, prefix
        for doc in docs:
            location = str(doc["location"]).split("#")[0]
            # Locations are relative to the language's root, and never an archived
            # version, a changes page, a timeline or the compare page.
            assert not re.match(r"(ru|en)/", location), location
            assert not re.search(r"\d{4}-\d{2}-\d{2}/|history/|sections/|compare/", location)
            target = sample_site / prefix / location / "index.html" if location else None
            assert target is None or target.is_file(), location


def test_pages_of_each_language_look_for_their_own_index(sample_site: Path) -> None:
    def base(address: str) -> str:
        html = (sample_site / address.strip("/") / "index.html").read_text(encoding="utf-8")
        match = re.search(r'"base": "([^"]*)"', html)
        assert match is not None
        return urljoin(address, match[1])

    # As the browser resolves it (`new URL(base, location)`): a folder, with its slash.
    assert base("/getx/privacy/") == "/"
    assert base("/ru/getx/privacy/") == "/ru/"
    assert base("/en/meest/privacy/2025-03-01/changes/") == "/en/"


def test_no_sentence_ends_a_date_with_a_second_full_stop(sample_site: Path) -> None:
    """Kazakh and Russian dates end in "ж." and "г."; a string must not add its own."""
    doubled = re.compile(r"\b\d{4}\s(ж|г)\.\.")
    for html in sample_site.rglob("*.html"):
        text = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").get_text(" ")
        assert not doubled.search(text), f"{html.relative_to(sample_site)}: {doubled.search(text)}"
