"""Readers beyond the page: feeds, the JSON API and the exact text of each version."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup

from policysite.render import schemas

ATOM = "{http://www.w3.org/2005/Atom}"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def local(site: Path, url: str) -> Path:
    path = urlparse(url).path.lstrip("/")
    target = site / path
    return target / "index.html" if url.endswith("/") else target


def test_every_json_file_of_the_site_validates_against_its_schema(sample_site: Path) -> None:
    """What MkDocs and the hook finally publish, not only what the pipeline staged."""
    checked: dict[str, int] = {}
    for path in sorted(sample_site.rglob("*.json")):
        kind = schemas.kind_of(path.relative_to(sample_site).as_posix())
        if kind is None:
            assert path.name == "search_index.json"  # Material's own, not the site's API
            continue
        assert schemas.problem(kind, json.loads(path.read_text("utf-8"))) is None, path
        checked[kind] = checked.get(kind, 0) + 1
    # 2 policies x 3 languages, each with 4 versions; their 150 section texts, each kept
    # once for every version that has it (24 versions of 10 to 13 sections each).
    assert checked == {
        "manifest": 1,
        "policies": 1,
        "versions": 6,
        "sections": 24,
        "since": 24,
        "section_text": 150,
    }


def test_every_version_has_a_since_json_that_validates_and_is_in_the_manifest(
    sample_site: Path,
) -> None:
    manifest = json.loads((sample_site / "manifest.json").read_text("utf-8"))["addresses"]
    for versions_file in sample_site.rglob("versions.json"):
        versions = json.loads(versions_file.read_text("utf-8"))
        for version in versions["versions"]:
            if version["status"] in ("moved", "withdrawn") and "moved_to" in version:
                continue  # taken back before its day: nobody accepted it
            path = versions_file.parent / version["id"] / "since.json"
            data = json.loads(path.read_text("utf-8"))
            assert schemas.problem("since", data) is None
            assert data["accepted"]["id"] == version["id"]
            assert data["lang"] == versions["lang"]
            assert "/" + path.relative_to(sample_site).as_posix() in manifest
            # Asked again exactly when the version is older than the one in force.
            in_force = data["in_force"]["id"] if data["in_force"] else None
            older = in_force is not None and version["id"] < in_force
            assert data["ask_again"] == (older and bool(data["sections"])), path
            if older:
                assert data["versions"][-1]["id"] == in_force


def test_policies_json_says_what_is_in_force_and_where(sample_site: Path) -> None:
    data = json.loads((sample_site / "api/policies.json").read_text("utf-8"))
    assert data["built_for"] == "2026-11-22" and data["authoritative"] == "kk"
    getx = next(p for p in data["policies"] if p["id"] == "getx/privacy")
    meest = next(p for p in data["policies"] if p["id"] == "meest/privacy")
    assert getx["in_force"]["id"] == "2025-06-01"
    assert [u["id"] for u in getx["upcoming"]] == ["2027-01-15"]
    assert meest["languages"] == {"kk": "original", "ru": "current", "en": "outdated"}
    assert getx["titles"]["en"] == "Privacy policy — getxkz.com"
    for url in (*getx["urls"].values(), *getx["versions_json"].values(), *getx["feeds"].values()):
        assert local(sample_site, url).is_file(), url


def test_every_version_s_exact_text_hashes_to_its_sha256(sample_site: Path) -> None:
    checked = 0
    for path in sample_site.rglob("versions.json"):
        for version in json.loads(path.read_text("utf-8"))["versions"]:
            text = local(sample_site, version["text_url"]).read_bytes()
            assert hashlib.sha256(text).hexdigest() == version["sha256"], version["text_url"]
            assert text.startswith(b"---\ntitle:")
            checked += 1
    assert checked == 3 * (4 + 4)


def test_versions_json_lists_commits_and_what_each_version_changed(sample_site: Path) -> None:
    data = json.loads((sample_site / "meest/privacy/versions.json").read_text("utf-8"))
    first, second = data["versions"][0], data["versions"][1]
    assert first["changes_url"] is None and first["counts"] == {}
    assert first["commits"][0]["message"].startswith("meest/privacy: publish the privacy policy")
    assert second["counts"] == {
        "modified": 2,
        "renamed": 1,
        "renumbered": 2,
        "moved": 1,
        "unchanged": 7,
    }
    assert "engizilgen-mazmun" in second["changed_sections"]
    assert [v["status"] for v in data["versions"]] == [
        "superseded",
        "superseded",
        "superseded",
        "current",
    ]


def parse_feed(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())


def test_a_policy_feed_has_one_entry_per_version_newest_first(sample_site: Path) -> None:
    feed = parse_feed(sample_site / "getx/privacy/feed.xml")
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert [i.rsplit("/", 2)[-2] for i in ids if i] == [
        "2027-01-15",
        "2025-06-01",
        "2024-09-01",
        "2024-03-01",
    ]
    upcoming = entries[0]
    # Announced when committed (2026-11-20), not dated in the future.
    assert upcoming.findtext(f"{ATOM}updated") == "2026-11-20T11:00:00+05:00"
    content = upcoming.findtext(f"{ATOM}content") or ""
    assert "әлі күшіне енбеген" in content and "орны ауысты: 1" in content
    assert "3. Пайдаланушылардың құқықтары — нөмірі өзгерді, орны ауысты" in content
    assert "/getx/privacy/2027-01-15/changes/" in content
    assert entries[1].findtext(f"{ATOM}updated") == "2025-06-01T00:00:00+05:00"
    assert feed.findtext(f"{ATOM}updated") == "2026-11-20T11:00:00+05:00"


def test_a_feed_entry_says_what_the_first_version_is_once_in_its_own_language(
    sample_site: Path,
) -> None:
    """The English feed's first entry said it twice: the editor's summary in Kazakh, then
    "The first published version of the policy" (without its period)."""
    entries = parse_feed(sample_site / "en/getx/privacy/feed.xml").findall(f"{ATOM}entry")
    first = entries[-1].findtext(f"{ATOM}content") or ""
    assert '<p lang="kk">Құпиялылық саясатының алғашқы жарияланған нұсқасы.</p>' in first
    assert "The first published version" not in first


def test_the_site_feed_in_each_language_covers_every_policy(sample_site: Path) -> None:
    for prefix, word in [("", "нұсқа"), ("ru", "Редакция от"), ("en", "Version of")]:
        feed = parse_feed(sample_site / prefix / "feed.xml")
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 8
        assert all(word in (e.findtext(f"{ATOM}title") or "") for e in entries)
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == (prefix or "kk")


def stylesheets_named(data: bytes) -> list[dict[str, str]]:
    """The stylesheet processing instructions before a document's root, as a browser reads
    them: each one's pseudo-attributes."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("pi", "start"))
    parser.feed(data)
    parser.close()
    named = []
    for found in parser.read_events():
        element = found[-1]
        assert isinstance(element, ET.Element)
        if found[0] == "start":
            break
        target, _, pseudo = (element.text or "").partition(" ")
        if target == "xml-stylesheet":
            named.append(dict(re.findall(r'([\w-]+)="([^"]*)"', pseudo)))
    return named


def test_every_feed_is_atom_for_a_feed_reader_and_names_its_language_s_stylesheet(
    sample_site: Path,
) -> None:
    """A feed reader gets the Atom it always got; the one thing added is the instruction
    before the feed, which a browser follows to the XSLT stylesheet published for the feed's
    language (it must come from the site itself: a path, not another host)."""
    feeds = sorted(sample_site.rglob("feed.xml"))
    assert len(feeds) == 3 * (1 + 2)  # the site's and each policy's, in every language
    for path in feeds:
        data = path.read_bytes()
        feed = ET.fromstring(data)
        assert feed.tag == f"{ATOM}feed", path
        lang = feed.get(XML_LANG)
        assert all(feed.findtext(f"{ATOM}{field}") for field in ("id", "title", "updated"))
        entries = feed.findall(f"{ATOM}entry")
        assert entries, path
        for entry in entries:
            assert all(entry.findtext(f"{ATOM}{field}") for field in ("id", "title", "updated"))
            link = entry.find(f"{ATOM}link")  # no `rel`: the alternate, as Atom reads it
            assert link is not None and link.get("rel", "alternate") == "alternate"
            assert (link.get("href") or "").startswith("http://127.0.0.1:8000/")
            content = entry.find(f"{ATOM}content")
            assert content is not None and content.get("type") == "html"
        [named] = stylesheets_named(data)
        assert named == {"type": "text/xsl", "href": "/" + PREFIXES[lang or ""] + "feed.xsl"}
        stylesheet = ET.parse(sample_site / named["href"].lstrip("/")).getroot()
        assert stylesheet.tag == f"{XSL}stylesheet" and stylesheet.get("version") == "1.0"
        page = stylesheet.find(f"{XSL}template/html")
        assert page is not None and page.get("lang") == lang, named["href"]
        assert schemas.feed_problem(data.decode("utf-8")) is None


PREFIXES = {"kk": "", "ru": "ru/", "en": "en/"}


def test_pages_announce_their_feeds(sample_site: Path) -> None:
    html = (sample_site / "ru/getx/privacy/2024-03-01/index.html").read_text("utf-8")
    feeds = {
        str(link["title"]): str(link["href"])
        for link in BeautifulSoup(html, "html.parser").select(
            'head link[rel="alternate"][type="application/atom+xml"]'
        )
    }
    assert feeds == {
        "Изменения этой политики": "../feed.xml",
        "Изменения всех политик": "../../../feed.xml",
    }


def history_soup(site: Path, prefix: str = "") -> BeautifulSoup:
    html = (site / prefix / "getx/privacy/history/index.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser")


def test_the_history_page_draws_the_versions_on_a_timeline(sample_site: Path) -> None:
    svg = history_soup(sample_site).select_one("article .ps-timeline svg")
    assert svg is not None and svg.get("role") == "group"  # its marks are links: not an image
    title, desc = svg.select_one("title#ps-timeline-title"), svg.select_one("desc#ps-timeline-desc")
    assert title is not None and desc is not None
    described = " ".join(desc.get_text().split())
    assert described == (
        "Барлығы 4 нұсқа: алғашқысы — 2024 жылғы 1 наурыздағы, соңғысы — 2027 жылғы 15 "
        "қаңтардағы нұсқа. Қазір 2025 жылғы 1 маусымдағы нұсқа қолданыста. 2027 жылғы 15 "
        "қаңтардағы нұсқа әлі күшіне енбеген."
    )
    marks = svg.select("a.ps-timeline__mark")
    assert [m["href"] for m in marks] == [
        "../2024-03-01/",
        "../2024-09-01/changes/",
        "../2025-06-01/changes/",
        "../2027-01-15/changes/",
    ]
    kinds = [m["class"][1] for m in marks]
    assert kinds == [
        "ps-timeline__mark--superseded",
        "ps-timeline__mark--superseded",
        "ps-timeline__mark--current",
        "ps-timeline__mark--upcoming",
    ]
    # The upcoming version has another shape, not only another colour.
    assert marks[3].select_one("polygon") is not None and marks[2].select_one("circle") is not None
    radii = [float(m.select_one("circle")["r"]) for m in marks[:3]]  # type: ignore[index]
    assert radii[0] < radii[1]  # 7 sections changed in 2024-09-01, none counted for the first
    assert (
        "сегодня"
        in (
            history_soup(sample_site, "ru").select_one(".ps-timeline svg")
            or BeautifulSoup("", "html.parser")
        ).get_text()
    )


def test_the_date_page_lists_every_period_without_javascript(sample_site: Path) -> None:
    html = (sample_site / "en/getx/privacy/on/index.html").read_text("utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    text = " ".join(article.get_text(" ").split())
    assert "Version of March 1, 2024 : March 1, 2024 – August 31, 2024" in text
    assert "Version of June 1, 2025 : June 1, 2025 – to date" in text
    assert "Version of January 15, 2027 : January 15, 2027 – not yet in force" in text
    form = article.select_one("form.ps-on")
    assert form is not None and form.select_one('input[type="date"][name="date"]') is not None


def test_every_policy_folder_has_the_sitemap_of_its_own_pages(sample_site: Path) -> None:
    # Material looks for sitemap.xml beside each address a page announces as alternate:
    # the language roots, and a policy's feed (`/ru/getx/privacy/feed.xml`).
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    for prefix in ("", "ru/", "en/"):
        html = (sample_site / prefix / "getx/privacy/index.html").read_text("utf-8")
        head = BeautifulSoup(html, "html.parser").head
        assert head is not None
        announced = [link["href"] for link in head.select('link[rel="alternate"]')]
        # The policy's feed and the language's; not the page itself in each language.
        assert announced == ["feed.xml", "../../feed.xml"]
        for policy in ("getx/privacy", "meest/privacy"):
            tree = ET.parse(sample_site / prefix / policy / "sitemap.xml")
            pages = [urlparse(loc.text or "").path for loc in tree.iter(f"{namespace}loc")]
            assert {f"/{policy}/", f"/{policy}/history/"} <= set(pages)
            assert all(page.startswith(f"/{policy}/") for page in pages), pages
            assert len(pages) == len(set(pages)) > 10
            # Each page with its address in every language, for search engines.
            assert len(list(tree.iter("{http://www.w3.org/1999/xhtml}link"))) == 3 * len(pages)


def test_the_sitemap_lists_every_page_in_its_languages_and_nothing_that_is_not_so(
    sample_site: Path,
) -> None:
    """What search engines need of a sitemap: every page with its address in each language.
    No <lastmod>: it said the build's day for every page, the archived versions' too; no
    <changefreq>, which they ignore (issue 30)."""
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    root = ET.parse(sample_site / "sitemap.xml").getroot()
    listed = {}
    for url in root.findall(f"{namespace}url"):
        assert [child.tag for child in url] == [f"{namespace}loc", xhtml, xhtml, xhtml]
        languages = {
            link.get("hreflang"): urlparse(link.get("href") or "").path for link in url[1:]
        }
        listed[urlparse(url.findtext(f"{namespace}loc") or "").path] = languages
    pages = {
        "/" + path.parent.relative_to(sample_site).as_posix().removeprefix(".") + "/"
        for path in sample_site.rglob("index.html")
        if not re.search(r"http-equiv=\"?refresh", path.read_text("utf-8"))  # a redirect
    }
    assert set(listed) == {page.replace("//", "/") for page in pages}
    assert listed["/getx/privacy/2024-03-01/"] == {
        "kk": "/getx/privacy/2024-03-01/",
        "ru": "/ru/getx/privacy/2024-03-01/",
        "en": "/en/getx/privacy/2024-03-01/",
    }
    assert b"lastmod" not in (sample_site / "sitemap.xml").read_bytes()


def test_a_version_page_carries_the_policies_section_not_every_policy(sample_site: Path) -> None:
    # Pages outside the section (versions, history, changes) name it; its own pages list it.
    for prefix, section in (("", "Саясаттар"), ("ru/", "Политики"), ("en/", "Policies")):

        def nav(path: str, prefix: str = prefix) -> str:
            html = (sample_site / prefix / path / "index.html").read_text("utf-8")
            found = BeautifulSoup(html, "html.parser").select_one("nav.md-nav--primary")
            assert found is not None
            return " ".join(found.get_text(" ").split())

        for page in (
            "getx/privacy/2024-03-01",
            "getx/privacy/history",
            "meest/privacy/2026-10-01/changes",
        ):
            shown = nav(page)
            assert section in shown and "getxkz.com" not in shown and "meest.com" not in shown
        assert "getxkz.com" in nav("meest/privacy") and "kz.meest.com" in nav("getx/privacy")


def test_readers_see_when_each_version_was_announced_and_the_countdown(sample_site: Path) -> None:
    def text(path: str) -> str:
        html = (sample_site / path / "index.html").read_text("utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article")
        assert article is not None
        return " ".join(article.get_text(" ").replace("\u202f", " ").replace("\xa0", " ").split())

    # No live manifest in a local build: the day of the version's first commit, said so.
    assert (
        "Announced on November 20, 2026, 56 days before its effective date. The day is "
        "estimated" in text("en/getx/privacy/2027-01-15")
    )
    assert "Объявлена 20 ноября 2026 г., за 56 дней до вступления в силу." in text(
        "ru/getx/privacy/2027-01-15"
    )
    assert "2026 жылғы 20 қарашада жарияланды, күшіне енетін күнінен 56 күн бұрын." in text(
        "getx/privacy/2027-01-15"
    )
    assert "Announced on" in text("en/meest/privacy/2023-05-01")  # every version says it
    # The home page counts down to each upcoming version (as of the build day).
    assert "in 54 days" in text("en")
    assert "через 54 дня" in text("ru")
    assert "54 күннен кейін" in text("")
