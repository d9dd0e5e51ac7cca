"""Kazakh case endings, for dates written the official way.

Official Kazakh documents write a date as "2025 жылғы 1 маусым", and where a case follows,
the ending goes on the month: "2025 жылғы 1 маусымнан бастап" (from), "… маусымда" (on),
"… маусымға дейін" (until). A catalog string asks for one with a format spec:
`{date:abl} бастап` (policysite/render/strings.py). The ending follows the word's last
vowel (back а/ы, front е/і) and its last sound (a vowel, м/н/ң, another voiced
consonant, or a voiceless one), as the grammar has it.
"""

from __future__ import annotations

from functools import cache

#: The cases a catalog string may ask for, by the spec it writes; `attr` is the locative
#: made an attribute: "2025 жылғы 1 маусымдағы нұсқа", the version of 1 June 2025.
CASES = ("loc", "abl", "dat", "gen", "attr")

_BACK = set("аоұыя")
_FRONT = set("әеөүіэ")
_VOWELS = _BACK | _FRONT | set("юи")
_NASAL = set("мнң")
_VOICELESS = set("кқпстшфхцчщһ")
_VOICED = set("лрйузжбвгдғ")

#: Endings by case and the word's last sound: (back vowel harmony, front vowel harmony).
_ENDINGS: dict[str, dict[str, tuple[str, str]]] = {
    "loc": {
        "vowel": ("да", "де"),
        "nasal": ("да", "де"),
        "voiced": ("да", "де"),
        "voiceless": ("та", "те"),
    },
    "abl": {
        "vowel": ("дан", "ден"),
        "nasal": ("нан", "нен"),
        "voiced": ("дан", "ден"),
        "voiceless": ("тан", "тен"),
    },
    "dat": {
        "vowel": ("ға", "ге"),
        "nasal": ("ға", "ге"),
        "voiced": ("ға", "ге"),
        "voiceless": ("қа", "ке"),
    },
    "gen": {
        "vowel": ("ның", "нің"),
        "nasal": ("ның", "нің"),
        "voiced": ("дың", "дің"),
        "voiceless": ("тың", "тің"),
    },
}


@cache  # a site writes the same few hundred dates many times
def inflect(text: str, case: str) -> str:
    """`text` with `case`'s ending on its last word: `inflect("2025 жылғы 1 маусым",
    "abl")` is "2025 жылғы 1 маусымнан"."""
    if case == "attr":
        located = inflect(text, "loc")
        return located + ("гі" if located.endswith("е") else "ғы")
    if case not in _ENDINGS:
        raise ValueError(f"unknown Kazakh case {case!r}; use one of {', '.join(CASES)}")
    word = text.rstrip()
    last = word[-1:].lower()
    if not last.isalpha():
        raise ValueError(f"cannot put a case ending on {text!r}: it does not end in a word")
    front = next((ch in _FRONT for ch in reversed(word.lower()) if ch in _BACK | _FRONT), False)
    if last in _NASAL:
        sound = "nasal"
    elif last in _VOICELESS:
        sound = "voiceless"
    elif last in _VOICED:
        sound = "voiced"
    else:
        sound = "vowel"
    return word + _ENDINGS[case][sound][front]
