"""Reader-facing strings: every key in every language, Material's Kazakh theme strings complete."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import material
import pytest
from support.project import PROJECT

from policysite.render.strings import CATALOG_LANGUAGES, Strings, catalog

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
    # "2025 ж." and "2025 г." are kept on one line by a no-break space.
    assert Strings("kk").date(day) == "1 наурыз 2025\u00a0ж."
    assert Strings("ru").date(day) == "1 марта 2025\u202fг."
    assert Strings("en").date(day) == "March 1, 2025"
