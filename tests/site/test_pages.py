"""A site built by MkDocs from a scratch git repository, checked page by page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag
from support.project import copy_site_config
from support.repos import GitRepo, policy
from support.sites import mkdocs_build

from policysite.compare.blocks import MIN_LIKENESS
from policysite.compare.redline import WORD_LIMIT
from policysite.compare.rules import rules
from policysite.render.blocks import SCRIPT_MARKUP
from policysite.render.strings import Strings

DAY = date(2026, 11, 22)
KK = "policies/acme/privacy.kk.md"
RU = "policies/acme/privacy.ru.md"
BODY_V1 = "Кіріспе.\n\n## 1. Жалпы ережелер\n\nЕскісөз мәтіні.\n\n## 2. Байланыс\n\nХат жазыңыз.\n"
# Version 2 rewords section 1 and inserts a section 2 (with HTML that must stay text),
# so "Байланыс" becomes section 3 without a word of it changing.
BODY_V2 = (
    "Кіріспе.\n\n## 1. Жалпы ережелер\n\nЖаңасөз мәтіні.\n\n"
    '## 2. Cookie\n\nБіз <script>alert("cookie")</script> қолданбаймыз.\n\n'
    "## 3. Байланыс\n\nХат жазыңыз.\n"
)
BODY_V3 = BODY_V2.replace("Жаңасөз", "Болашақсөз")
RU_V2 = (
    "Введение.\n\n## 1. Общие положения\n\nНовослово текст.\n\n"
    "## 2. Cookie\n\nМы не используем cookie.\n\n## 3. Контакты\n\nПишите.\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("acme") / "repo"
    root.mkdir()
    repo = GitRepo(root)
    repo.git("init", "-q", "-b", "main")
    copy_site_config(root)
    repo.commit({}, "Site configuration", "2024-01-10T09:00:00+05:00")
    repo.commit(
        {KK: policy("2024-03-01", BODY_V1, title="Құпиялылық саясаты", summary="Алғашқы нұсқа.")},
        "acme/privacy: first version",
        "2024-02-01T09:00:00+05:00",
    )
    repo.commit(
        {KK: policy("2025-01-01", BODY_V2, title="Құпиялылық саясаты", summary="Жаңа сөз.")},
        "Reword <b>section</b> 1 & *stars*",
        "2024-12-01T09:00:00+05:00",
    )
    repo.commit(
        {
            RU: policy(
                "2025-01-01", RU_V2, title="Политика конфиденциальности", summary="Новое слово."
            )
        },
        "acme/privacy: Russian translation",
        "2024-12-05T09:00:00+05:00",
    )
    repo.commit(
        {KK: policy("2027-02-01", BODY_V3, title="Құпиялылық саясаты", summary="Болашақ.")},
        "acme/privacy: upcoming version",
        "2026-11-01T09:00:00+05:00",
    )
    out = root.parent / "site"
    mkdocs_build(root, out, DAY)
    yield out


def page(site: Path, address: str) -> BeautifulSoup:
    path = site / address.strip("/") / "index.html"
    assert path.is_file(), f"no page at /{address}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text_of(soup: BeautifulSoup | Tag) -> str:
    return " ".join(soup.get_text(" ").split())


def article(soup: BeautifulSoup) -> Tag:
    found = soup.select_one("article")
    assert found is not None
    return found


def links(soup: BeautifulSoup | Tag) -> list[str]:
    return [str(a.get("href")) for a in soup.select("a[href]")]


@pytest.mark.parametrize("prefix", ["", "ru/", "en/"])
def test_every_version_has_a_page_in_every_language(site: Path, prefix: str) -> None:
    for version in ("2024-03-01", "2025-01-01", "2027-02-01"):
        soup = page(site, f"{prefix}acme/privacy/{version}/")
        assert soup.html is not None
        assert soup.html["lang"] == (prefix.strip("/") or "kk")
    for address in ("", "acme/privacy/", "acme/privacy/history/"):
        page(site, prefix + address)


def test_home_lists_the_policy_with_its_version_in_force_and_upcoming(site: Path) -> None:
    home = article(page(site, ""))
    text = text_of(home)
    assert "Құпиялылық саясаты" in text
    assert "Қолданыстағы нұсқа: 2025 жылғы 1 қаңтар" in text
    assert "Жаңа нұсқа 2027 жылғы 1 ақпанда күшіне енеді" in text
    assert "3 нұсқа" in text
    assert {
        "acme/privacy/",
        "acme/privacy/2025-01-01/",
        "acme/privacy/2027-02-01/",
        "acme/privacy/history/",
    } <= set(links(home))


def test_the_policy_page_shows_the_text_in_force_and_the_upcoming_notice(site: Path) -> None:
    body = article(page(site, "acme/privacy/"))
    text = text_of(body)
    assert "Жаңасөз мәтіні" in text and "Ескісөз" not in text and "Болашақсөз" not in text
    status = body.select_one("[role=region].ps-status")
    assert status is not None
    assert (
        text_of(status)
        == "2025 жылғы 1 қаңтардағы нұсқа: қолданыста · 2025 жылғы 1 қаңтардан бастап"
    )
    assert "Жаңа нұсқа 2027 жылғы 1 ақпанда күшіне енеді: Жаңа нұсқаны оқу" in text
    assert "2027-02-01/" in links(body)
    facts = body.select_one(".ps-facts")
    assert facts is not None and "history/" in links(facts)
    assert "Бұл нұсқа не өзгертеді: Жаңа сөз." in text


def test_a_superseded_version_says_when_it_was_in_force_and_what_replaced_it(site: Path) -> None:
    body = article(page(site, "acme/privacy/2024-03-01/"))
    text = text_of(body)
    status = body.select_one("[role=region].ps-status--superseded")
    assert status is not None
    assert text_of(status) == (
        "2024 жылғы 1 наурыздағы нұсқа: күшін жойған · 2024 жылғы 1 наурыз – 2024 жылғы 31 желтоқсан"
        " · Қазір қолданыстағы мәтінді оқу"
    )
    assert "Оны ауыстырған нұсқа: 2025 жылғы 1 қаңтардағы нұсқа" in text
    assert {"../2025-01-01/", "../"} <= set(links(body))
    assert "Ескісөз мәтіні" in text and "Жаңасөз" not in text
    assert "http://127.0.0.1:8000/acme/privacy/2024-03-01/" in text  # the address to cite


def test_an_upcoming_version_says_when_it_takes_effect_and_what_applies_until_then(
    site: Path,
) -> None:
    body = article(page(site, "en/acme/privacy/2027-02-01/"))
    text = text_of(body)
    status = body.select_one("[role=region].ps-status--upcoming")
    assert status is not None
    assert text_of(status) == (
        "Version of February 1, 2027: not yet in force · takes effect on February 1, 2027"
        " · Read the text in force"
    )
    assert "Until then, the version of January 1, 2025 is in force." in text
    assert "../2025-01-01/" in links(body)


def test_a_version_page_leads_to_every_version_and_names_none_published_after_it(
    site: Path,
) -> None:
    """An archived page settles (issue 30): a new version does not change it. The history
    lists every version; the policy's page still lists them too."""
    body = article(page(site, "ru/acme/privacy/2024-03-01/"))
    every = body.select_one(".ps-all-versions a")
    assert every is not None and text_of(every) == "Все редакции"
    assert every["href"] == "../history/"
    assert "../2027-02-01/" not in links(body) and "2027" not in text_of(body)
    assert not [d for d in body.select("details") if "Все редакции" in text_of(d)]
    policy = article(page(site, "ru/acme/privacy/"))
    listed = next(d for d in policy.select("details") if "Все редакции (3)" in text_of(d))
    assert {"2024-03-01/", "2025-01-01/", "2027-02-01/", "history/"} <= set(links(listed))


def test_the_language_switcher_stays_on_the_same_version(site: Path) -> None:
    here = "/acme/privacy/2024-03-01/"
    soup = page(site, here)
    languages = {
        str(a.get("hreflang")): urljoin(here, str(a.get("href")))
        for a in soup.select(".md-select__link[hreflang]")
    }
    assert languages == {
        "kk": "/acme/privacy/2024-03-01/",
        "ru": "/ru/acme/privacy/2024-03-01/",
        "en": "/en/acme/privacy/2024-03-01/",
    }


def test_a_translated_version_is_shown_in_its_language(site: Path) -> None:
    body = article(page(site, "ru/acme/privacy/"))
    text = text_of(body)
    assert "Политика конфиденциальности" in text
    assert "Редакция от 1 января 2025 г.: действует · с 1 января 2025 г." in text
    assert "Новослово текст" in text
    assert "на русском языке нет" not in text
    # "1 января" and "2025 г." stay on one line: the date keeps its no-break spaces.
    assert "с 1\u00a0января 2025\u202fг." in body.get_text()


def test_an_untranslated_version_says_so_and_shows_the_kazakh_text(site: Path) -> None:
    body = article(page(site, "ru/acme/privacy/2024-03-01/"))
    text = text_of(body)
    assert "Этой редакции на русском языке нет" in text
    assert "Редакция от 1 марта 2024 г.: утратила силу" in text
    kazakh = body.select_one('div[lang="kk"]')
    assert kazakh is not None and "Ескісөз мәтіні" in text_of(kazakh)
    title = body.select_one("h1")
    assert title is not None and title.get("lang") == "kk"


def test_history_lists_versions_newest_first_with_their_commits(site: Path) -> None:
    body = article(page(site, "acme/privacy/history/"))
    headings = [text_of(h) for h in body.select("h2")]
    assert [h.split()[:4] for h in headings] == [
        ["2027", "жылғы", "1", "ақпандағы"],
        ["2025", "жылғы", "1", "қаңтардағы"],
        ["2024", "жылғы", "1", "наурыздағы"],
    ]
    text = text_of(body)
    assert "әлі күшіне енбеген" in text and "қолданыста" in text and "күшін жойған" in text
    # A commit message is shown as text, never as markup.
    assert "Reword <b>section</b> 1 & *stars*" in text
    assert body.select("b") == []
    assert re.search(r"\b[0-9a-f]{7}\b · 2024 жылғы 1 желтоқсан · Reword", text)
    assert {"../2027-02-01/", "../2025-01-01/", "../2024-03-01/"} <= set(links(body))


def test_archived_versions_and_history_stay_out_of_search_and_navigation(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "Жаңасөз" in indexed
    assert "Ескісөз" not in indexed and "Болашақсөз" not in indexed
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}/|history/", loc) for loc in locations)
    nav = page(site, "").select_one("nav.md-nav--primary")
    assert nav is not None
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}|history", href) for href in links(nav))


def test_search_finds_the_policy_not_the_words_every_page_repeats(site: Path) -> None:
    """Searching "email" in English listed the page's status line, its permanent address,
    "All versions" and the citation box as one hit, above the sections that say it."""
    t = Strings("kk")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    top = " ".join(doc["text"] for doc in index["docs"] if doc["location"] == "acme/privacy/")
    shown = text_of(article(page(site, "acme/privacy/")))
    for words in (t("status.current"), t("version.permanent"), t("compare.with")):
        assert words in shown
        assert words not in top
    assert "Жаңасөз" in " ".join(doc["text"] for doc in index["docs"])


def test_the_site_loads_nothing_from_another_host(site: Path) -> None:
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("script[src], link[href], img[src], iframe[src]"):
            url = str(tag.get("src") or tag.get("href"))
            assert not re.match(r"(https?:)?//", url) or url.startswith("http://127.0.0.1:8000/"), (
                f"{html.relative_to(site)} loads {url}"
            )


def test_each_version_has_a_changes_page_in_every_language(site: Path) -> None:
    """The first one's says every section is new, and links no timeline a section has not
    got (its address may have served a version taken back, whose changes page stays)."""
    for prefix in ("", "ru/", "en/"):
        for version in ("2024-03-01", "2025-01-01", "2027-02-01"):
            page(site, f"{prefix}acme/privacy/{version}/changes/")
    first = article(page(site, "en/acme/privacy/2024-03-01/changes/"))
    assert "No version came before it: every section is new." in text_of(first)


def test_the_changes_page_reports_each_section_with_its_kinds(site: Path) -> None:
    body = article(page(site, "acme/privacy/2025-01-01/changes/"))
    text = text_of(body)
    assert "Өзгерістер: қосылды: 1 · мәтіні өзгерді: 1 · нөмірі өзгерді: 1" in text
    sections = {s["data-lineage"]: s["data-kinds"] for s in body.select("section[data-lineage]")}
    assert sections == {
        "zhalpy-erezheler": "modified",
        "cookie": "added",
        "baylanys": "renumbered",
    }
    modified = body.select_one('section[data-lineage="zhalpy-erezheler"]')
    assert modified is not None
    deleted, inserted = modified.select_one("del"), modified.select_one("ins")
    assert deleted is not None and inserted is not None
    # Screen readers are told what is deleted and inserted, not left with colour.
    assert text_of(deleted) == "[алынып тасталды: Ескісөз ]"
    assert text_of(inserted) == "[қосылды: Жаңасөз ]"
    renumbered = body.select_one('section[data-lineage="baylanys"]')
    assert renumbered is not None and renumbered.select("del, ins") == []
    assert "бұрын: 2. Байланыс" in text_of(renumbered)
    unchanged = body.select('details.ps-unchanged li[data-kinds="unchanged"]')
    assert [li["data-lineage"] for li in unchanged] == ["preamble"]


def test_policy_text_is_escaped_everywhere(site: Path) -> None:
    for address in (
        "acme/privacy/",
        "acme/privacy/2025-01-01/",
        "acme/privacy/2025-01-01/changes/",
    ):
        body = article(page(site, address))
        assert body.select("script") == [], address
        assert '<script>alert("cookie")</script>' in text_of(body), address


def test_the_version_page_anchors_sections_by_lineage_and_links_their_timelines(
    site: Path,
) -> None:
    for version in ("2024-03-01", "2025-01-01"):
        body = article(page(site, f"acme/privacy/{version}/"))
        heading = body.select_one("h2#baylanys")
        assert heading is not None, version  # the same anchor in every version
        assert "../sections/baylanys/" in links(body)
    body = article(page(site, "acme/privacy/2025-01-01/"))
    assert "changes/" in links(body)
    assert "Өзгерістер: қосылды: 1" in text_of(body)


def test_the_history_page_gives_each_version_its_counts_and_changes_link(site: Path) -> None:
    body = article(page(site, "acme/privacy/history/"))
    text = text_of(body)
    # The first version says what it is in its own summary, with no label repeating it.
    assert "Алғашқы нұсқа." in text and "Саясаттың алғашқы жарияланған нұсқасы" not in text
    assert {"../2025-01-01/changes/", "../2027-02-01/changes/", "../compare/"} <= set(links(body))


def test_a_section_timeline_follows_the_section_through_every_version(site: Path) -> None:
    body = article(page(site, "acme/privacy/sections/zhalpy-erezheler/"))
    text = text_of(body)
    assert "Бөлім алғаш рет осы нұсқада пайда болды" in text
    kinds = [s["data-kinds"] for s in body.select("section[data-lineage]")]
    assert kinds == ["modified", "modified"]
    assert {"../../2024-03-01/#zhalpy-erezheler", "../../2025-01-01/changes/"} <= set(links(body))
    added = article(page(site, "en/acme/privacy/sections/cookie/"))
    assert "The section first appears" not in text_of(added)
    assert [s["data-kinds"] for s in added.select("section[data-lineage]")] == ["added"]


def test_the_compare_page_without_javascript_lists_the_changes_pages(site: Path) -> None:
    soup = page(site, "ru/acme/privacy/compare/")
    body = article(soup)
    assert {"../2027-02-01/changes/", "../2025-01-01/changes/"} <= set(links(body))
    assert [o["value"] for o in body.select("#ps-compare-from option")] == [
        "2027-02-01",
        "2025-01-01",
        "2024-03-01",
    ]
    scripts = [
        str(s.get("src")).rsplit("assets/javascripts/", 1)[-1] for s in soup.select("script[src]")
    ]
    # The rules after the library they use, before the script that uses them.
    assert [s for s in scripts if "compare" in s or "diff_match" in s] == [
        "vendor/diff_match_patch.js",
        "policysite/compare_rules.js",
        "policysite/compare.js",
    ]


def test_the_compare_page_carries_the_builds_rules_and_languages(site: Path) -> None:
    """The script compares by the page's rules, and in the texts the changes pages use: the
    Russian text where both versions have one, else the Kazakh one."""
    form = article(page(site, "ru/acme/privacy/compare/")).select_one("form.ps-compare")
    assert form is not None
    page_rules = json.loads(str(form["data-rules"]))
    assert page_rules["min_likeness"] == MIN_LIKENESS and page_rules["word_limit"] == WORD_LIMIT
    assert page_rules == json.loads(json.dumps({**rules(), "markup": SCRIPT_MARKUP}))
    languages = json.loads(str(form["data-languages"]))
    assert languages["versions"] == {"2024-03-01": "kk", "2025-01-01": "ru", "2027-02-01": "kk"}
    assert languages["pairs"] == {
        "kk kk": "read",
        "kk ru": "original",
        "ru kk": "original",
        "ru ru": "read",
    }


def test_every_version_publishes_its_sections_for_the_compare_page(site: Path) -> None:
    data = json.loads((site / "ru/acme/privacy/2025-01-01/sections.json").read_text("utf-8"))
    assert data["lang"] == "ru" and data["version"] == "2025-01-01"
    assert [(s["lineage"], s["number"], s["title"]) for s in data["sections"]] == [
        ("preamble", "", ""),
        ("zhalpy-erezheler", "1.", "Общие положения"),
        ("cookie", "2.", "Cookie"),
        ("baylanys", "3.", "Контакты"),
    ]
    kazakh = json.loads((site / "ru/acme/privacy/2024-03-01/sections.json").read_text("utf-8"))
    assert kazakh["lang"] == "kk"


def test_no_page_names_an_id_twice(site: Path) -> None:
    """A section's timeline showed the section once per version, each with the section's
    id: a link to the id, and a screen reader's landmarks, found only the first."""
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        ids = [str(element["id"]) for element in soup.select("[id]")]
        assert len(ids) == len(set(ids)), (html, sorted({i for i in ids if ids.count(i) > 1}))


def test_every_link_on_a_generated_page_leads_somewhere(site: Path) -> None:
    for html in site.rglob("*.html"):
        address = "/" + html.parent.relative_to(site).as_posix() + "/"
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for href in links(article(soup)) if soup.select_one("article") else []:
            url = urljoin(address, href.split("?")[0]).split("#")[0]
            if re.match(r"[a-z]+:", href) or not url.startswith("/"):
                continue
            target = site / url.lstrip("/")
            assert target.is_file() or (target / "index.html").is_file(), f"{address} -> {href}"


def test_a_policy_missing_in_a_language_says_so_there_and_links_to_kazakh(site: Path) -> None:
    address = "/en/acme/privacy/"
    body = article(page(site, address))
    note = body.select_one(".admonition.note")
    assert note is not None
    assert "This version is not available in English" in text_of(note)
    targets = {a.get_text(): urljoin(address, str(a["href"])) for a in note.select("a[href]")}
    assert targets["Open this page in Kazakh"] == "/acme/privacy/"
    home = text_of(article(page(site, "en/")))
    assert "English — not translated" in home
