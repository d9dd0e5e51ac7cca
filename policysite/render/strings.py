"""Reader-facing strings of the generated pages, one YAML catalog per language.

A string is either a text with `{placeholders}` or, where a count is involved,
a mapping of CLDR plural categories (`one`, `few`, `many`, `other`) to texts;
Babel picks the category for the language. Dates are formatted by Babel.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date

from policysite.errors import MissingString
from policysite.render import kazakh

# libyaml's safe loader where PyYAML has it.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

CATALOG_LANGUAGES = ("kk", "ru", "en")


@cache
def catalog(lang: str) -> dict[str, Any]:
    """The flat key -> string catalog of one language."""
    name = f"{lang}.yml"
    path = resources.files("policysite.render") / "locales" / name
    if not path.is_file():
        raise MissingString(
            f"language {lang!r} has no string catalog (policysite/render/locales/{name}); "
            f"use one of {', '.join(CATALOG_LANGUAGES)}, or write that catalog"
        )
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(data, dict):
        raise MissingString(
            f"policysite/render/locales/{name} must be a mapping of keys to strings"
        )
    return data


def require_catalogs(languages: tuple[str, ...], setting: str) -> None:
    """Every language in `languages` has a string catalog; else a ConfigError that names
    `setting`, where the language was asked for."""
    for lang in languages:
        try:
            catalog(lang)
        except MissingString as error:
            raise MissingString(f"{setting}: {error}") from None


@dataclass(frozen=True)
class Strings:
    """The strings and date format of one language."""

    lang: str

    def __call__(self, key: str, count: int | None = None, **values: object) -> str:
        if count is not None:
            values["count"] = count
        return fill(self.text(key, count), values)

    def text(self, key: str, count: int | None = None) -> str:
        """The catalog's text of `key` (for `count`, where it has plural forms), unfilled."""
        try:
            entry = catalog(self.lang)[key]
        except KeyError:
            raise MissingString(
                f"string {key!r} is missing in policysite/render/locales/{self.lang}.yml"
            ) from None
        if isinstance(entry, dict):
            if count is None:
                raise MissingString(f"string {key!r} has plural forms; pass a count")
            entry = entry.get(Locale.parse(self.lang).plural_form(count), entry["other"])
        return str(entry)

    def raw(self, key: str) -> str | dict[str, str]:
        """The catalog entry as it is (a text, or plural forms), for the browser's scripts."""
        entry = catalog(self.lang).get(key)
        if entry is None:
            raise MissingString(
                f"string {key!r} is missing in policysite/render/locales/{self.lang}.yml"
            )
        return entry if isinstance(entry, dict) else str(entry)

    def date_samples(self) -> str:
        """The 28th of each month of 2000 as the language writes it, as JSON: a script
        writes any date as the site does by putting its day and year in (`asked.js`)."""
        return json.dumps(
            [self.date(date(2000, month, 28)) for month in range(1, 13)], ensure_ascii=False
        )

    def date(self, value: date) -> str:
        """A date as the language writes it: `2025 жылғы 1 наурыз`, `1 марта 2025 г.`,
        `March 1, 2025`.

        The pattern is the catalog's `date.format`: a Babel/CLDR pattern, or `long`
        for CLDR's own long format.
        """
        return _format_date(self.lang, value)


_FORMATTER = string.Formatter()


@cache
def _parsed(text: str) -> tuple[tuple[str, str | None, str, bool], ...]:
    """A catalog string's parts, parsed once: each literal, the field after it (None at
    the end), the field's spec, and whether the literal begins with a lone period."""
    return tuple(
        (literal, field, spec or "", literal.startswith(".") and not literal.startswith(".."))
        for literal, field, spec, _conversion in _FORMATTER.parse(text)
    )


def fill(text: str, values: dict[str, object], escape: Callable[[str], str] = str) -> str:
    """`text` with its `{placeholders}` filled, as `str.format` does, and two things it
    does not: `{date:abl}` puts a Kazakh case ending on the value's last word
    (policysite/render/kazakh.py), and a value that ends in a period ("1 июня 2025 г.",
    or a Markdown link whose text does) takes the place of the sentence's own, so no
    sentence ends in "г..". `escape` is applied to the text around the values."""
    parts: list[str] = []
    value = ""
    for literal, field, spec, period in _parsed(text):
        parts.append(escape(literal[1:] if period and _ends_in_period(value) else literal))
        if field is None:
            break
        found = values[field]
        value = kazakh.inflect(str(found), spec) if spec in kazakh.CASES else format(found, spec)
        parts.append(value)
    return "".join(parts)


_LINK_ENDING_IN_PERIOD = re.compile(r"\.\]\([^()\s]*\)$")


def _ends_in_period(value: str) -> bool:
    return value.endswith(".") or _LINK_ENDING_IN_PERIOD.search(value) is not None


@cache
def _format_date(lang: str, value: date) -> str:
    """Babel takes ~40 µs a date; a site prints the same few hundred dates many times."""
    return format_date(value, str(catalog(lang)["date.format"]), locale=lang)
