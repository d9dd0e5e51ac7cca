"""Readers beyond the page: feeds, the JSON API and the exact text of each version."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
from bs4 import BeautifulSoup
from support import PROJECT

ATOM = "{http://www.w3.org/2005/Atom}"


def local(site: Path, url: str) -> Path:
    path = urlparse(url).path.lstrip("/")
    target = site / path
    return target / "index.html" if url.endswith("/") else target


def test_the_json_validates_against_its_schemas(sample_site: Path) -> None:
    policies_schema = json.loads((PROJECT / "schemas/policies.schema.json").read_text("utf-8"))
    versions_schema = json.loads((PROJECT / "schemas/versions.schema.json").read_text("utf-8"))
    policies = json.loads((sample_site / "api/policies.json").read_text("utf-8"))
    jsonschema.validate(policies, policies_schema)
    checked = 0
    for path in sample_site.rglob("versions.json"):
        jsonschema.validate(json.loads(path.read_text("utf-8")), versions_schema)
        checked += 1
    assert checked == 6  # 2 policies x 3 languages


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


def test_the_site_feed_in_each_language_covers_every_policy(sample_site: Path) -> None:
    for prefix, word in [("", "нұсқасы"), ("ru", "Редакция от"), ("en", "Version of")]:
        feed = parse_feed(sample_site / prefix / "feed.xml")
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 8
        assert all(word in (e.findtext(f"{ATOM}title") or "") for e in entries)
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == (prefix or "kk")


def test_pages_announce_their_feeds(sample_site: Path) -> None:
    html = (sample_site / "ru/getx/privacy/2024-03-01/index.html").read_text("utf-8")
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Изменения этой политики" href="../feed.xml">'
        in html
    )
    assert 'title="Изменения всех политик" href="../../../feed.xml"' in html


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
        "Барлығы 4 нұсқа: алғашқысы 1 наурыз 2024 ж., соңғысы 15 қаңтар 2027 ж. "
        "Қазір 1 маусым 2025 ж. нұсқасы қолданыста. 15 қаңтар 2027 ж. нұсқасы әлі күшіне енбеген."
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
