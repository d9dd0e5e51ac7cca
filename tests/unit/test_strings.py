"""Reader-facing strings: every key in every language, Material's Kazakh theme strings complete."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import material
import pytest
from support.project import PROJECT

from policysite.render.kazakh import inflect
from policysite.render.strings import CATALOG_LANGUAGES, Strings, catalog, fill

_KEY = re.compile(r'^\s*"([a-z.]+)":\s*"(.*)",?$', re.M)


def theme_strings(path: Path) -> dict[str, str]:
    return dict(_KEY.findall(path.read_text(encoding="utf-8")))


def test_the_kazakh_theme_strings_cover_every_key_material_uses() -> None:
    english = theme_strings(
        Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    )
    kazakh = theme_strings(PROJECT / "overrides" / "partials" / "languages" / "kk.html")
    assert sorted(kazakh) == sorted(english)
    untranslated = [
        key
        for key, text in kazakh.items()
        if text == english[key]
        and re.search(r"[A-Za-z]{3}", text)
        and key not in ("search.config.pipeline", "direction")
    ]
    assert untranslated == []


def test_every_language_has_every_string_and_none_is_empty() -> None:
    keys = {lang: set(catalog(lang)) for lang in CATALOG_LANGUAGES}
    for lang in CATALOG_LANGUAGES:
        assert keys[lang] == keys["kk"], f"{lang}: {keys[lang] ^ keys['kk']}"
        for key, entry in catalog(lang).items():
            forms = entry.values() if isinstance(entry, dict) else [entry]
            assert all(str(form).strip() for form in forms), f"{lang}: {key} is empty"
            if isinstance(entry, dict):
                assert "other" in entry, f"{lang}: {key} has no 'other' plural form"


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("ru", 1, "1 редакция"),
        ("ru", 3, "3 редакции"),
        ("ru", 5, "5 редакций"),
        ("en", 1, "1 version"),
        ("en", 4, "4 versions"),
        ("kk", 4, "4 нұсқа"),
    ],
)
def test_counts_take_the_plural_form_of_the_language(lang: str, count: int, expected: str) -> None:
    assert Strings(lang)("home.versions", count=count) == expected


def test_dates_are_written_the_way_each_language_writes_them() -> None:
    day = date(2025, 3, 1)
    # Kazakh writes the official form; no-break spaces keep a date on one line.
    assert Strings("kk").date(day) == "2025\u00a0жылғы\u00a01\u00a0наурыз"
    # Russian and English: CLDR's long form, the day kept with its month ("с 1 / июня").
    assert Strings("ru").date(day) == "1\u00a0марта 2025\u202fг."
    assert Strings("en").date(day) == "March\u00a01, 2025"


@pytest.mark.parametrize(
    ("key", "day", "expected"),
    [
        # Issue 31: where a case follows, the ending goes on the month.
        ("status.since", date(2025, 6, 1), "2025 жылғы 1 маусымнан бастап"),
        ("status.from", date(2027, 1, 15), "2027 жылғы 15 қаңтарда күшіне енеді"),
        ("version.label", date(2024, 9, 1), "2024 жылғы 1 қыркүйектегі нұсқа"),
        ("version.label", date(2025, 7, 1), "2025 жылғы 1 шілдедегі нұсқа"),
        ("stale.what_changed", date(2024, 3, 1), "2024 жылғы 1 наурыздан бері не өзгерді"),
    ],
)
def test_kazakh_dates_take_the_case_a_sentence_needs(key: str, day: date, expected: str) -> None:
    t = Strings("kk")
    assert t(key, date=t.date(day)).replace("\u00a0", " ") == expected


def test_kazakh_case_endings_follow_the_words_sounds() -> None:
    months = "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан"
    assert [inflect(month, "abl") for month in months.split()] == [
        "қаңтардан",
        "ақпаннан",
        "наурыздан",
        "сәуірден",
        "мамырдан",
        "маусымнан",
        "шілдеден",
        "тамыздан",
        "қыркүйектен",
        "қазаннан",
        "қарашадан",
        "желтоқсаннан",
    ]
    assert [inflect(month, "dat") for month in ("шілде", "қыркүйек", "маусым")] == [
        "шілдеге",
        "қыркүйекке",
        "маусымға",
    ]
    with pytest.raises(ValueError, match="does not end in a word"):
        inflect("2025", "loc")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_no_sentence_ends_in_two_periods(lang: str) -> None:
    """Issue 31: "г.." where a Russian date ended a sentence."""
    t = Strings(lang)
    version = t("version.named", date=t.date(date(2024, 3, 1)))
    said = t("on.found", date=t.date(date(2025, 1, 1)), version=version)
    assert ".." not in said and said.endswith(".")
    assert fill("{a}... {b}.", {"a": "x", "b": "г."}) == "x... г."


def test_a_link_whose_text_ends_a_sentence_takes_its_period() -> None:
    """A Russian date inside a link at the end of a sentence ("действует [редакция от
    1 июня 2025 г.](…).") would show "г.." as well."""
    t = Strings("ru")
    version = "[редакция от 1 июня 2025 г.](../2025-06-01/)"
    assert t("banner.upcoming.until", version=version) == (
        "До этого действует [редакция от 1 июня 2025 г.](../2025-06-01/)"
    )
    assert fill("{a}.", {"a": "[x](y.md)"}) == "[x](y.md)."
