"""A policy file: where it lives (policy id, language) and what it says (front matter, body)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import yaml

from policysite.addresses import RESERVED_SEGMENTS, taken_names
from policysite.errors import PolicyError, Problem

#: Policy ids: lowercase ASCII words joined by `-`, nested with `/`.
_ID_SEGMENT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: A version id, the form of every date in a policy file: `YYYY-MM-DD`.
VERSION_ID = re.compile(r"\d{4}-\d{2}-\d{2}")

FRONT_MATTER_KEYS = (
    "title",
    "effective",
    "summary",
    "correction",
    "translation_of",
    "urgent",
    "renamed_from",
)


@dataclass(frozen=True)
class PolicyPath:
    """`policies/<policy>.<lang>.md` split into its policy id and language."""

    policy: str
    lang: str


def parse_policy_path(
    relative: str, languages: tuple[str, ...], taken: Mapping[str, str] | None = None
) -> PolicyPath | str:
    """Split a path relative to the policies folder, or return what is wrong with it.

    `taken` (`addresses.taken_names`) holds the top-level names the site's own pages use;
    the languages are always taken."""
    langs = "|".join(languages)
    if not relative.endswith(".md"):
        return f"is not a policy file: name it <policy>.<lang>.md with <lang> one of {langs}"
    stem = relative.removesuffix(".md")
    policy, dot, lang = stem.rpartition(".")
    if not dot or lang not in languages:
        return f"has no language suffix: name it {stem}.<lang>.md with <lang> one of {langs}"
    first = policy.split("/")[0]
    names = taken if taken is not None else taken_names(languages, ())
    if first in names:
        return (
            f"policy id {policy!r} starts with {first!r}, which is {names[first]}: its pages "
            "would take the site's own addresses; rename the file"
        )
    for segment in policy.split("/"):
        if not _ID_SEGMENT.fullmatch(segment):
            return (
                f"policy id {policy!r} is not valid: use lowercase ASCII letters, digits "
                "and '-' in each folder and file name (e.g. getx/privacy)"
            )
        if segment in RESERVED_SEGMENTS or VERSION_ID.fullmatch(segment):
            return (
                f"policy id {policy!r} uses {segment!r}, which names pages of a policy "
                "(history, compare, sections, on, changes, api, assets, draft, or a date); rename it"
            )
    return PolicyPath(policy, lang)


@dataclass(frozen=True)
class FrontMatter:
    title: str
    effective: date
    summary: str | None = None
    correction: str | None = None
    #: In a translation: the effective date of the authoritative version it translates
    #: (defaults to its own effective date).
    translation_of: date | None = None
    #: Why the version takes effect with less notice than the site promises
    #: (`history/notice.py`), as readers are told it.
    urgent: str | None = None
    #: The policy id this policy had before the commit that added this file (and deleted
    #: the former one): a rename git cannot pair, the text having changed too much.
    renamed_from: str | None = None


@dataclass(frozen=True)
class PolicySource:
    """One state of a policy file: its front matter and Markdown body."""

    path: str
    front: FrontMatter
    body: str
    #: 1-based line of the file where `body` starts, for messages about the body.
    body_line: int
    #: 1-based line of each front matter key, for messages about it.
    key_lines: Mapping[str, int] = field(default_factory=dict)
    #: The whole file as published (`policy.md`): UTF-8 without a byte order mark, `\n`
    #: line ends. What immutability compares.
    published: bytes = field(default=b"", repr=False)


#: Characters a page, a feed (XML) or YAML cannot carry, as word processors leave them in
#: pasted text: line and page breaks inside a line (Word's manual line break is a vertical
#: tab) become a space, as a line break inside a Markdown paragraph reads; the other
#: control characters and the non-characters U+FFFE, U+FFFF go.
_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")


def decode(path: str, data: bytes) -> str:
    """The file as text, as it is published (page, feed and `policy.md` alike): `\\n` line
    ends, no byte order mark, no control characters (`_UNPRINTABLE`). Normalised rather than
    refused, since a version already published cannot be rewritten. Raises PolicyError if
    it is not UTF-8 text."""
    if b"\0" in data:
        raise PolicyError([Problem(path, None, "is a binary file, not Markdown text")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PolicyError(
            [
                Problem(
                    path,
                    line,
                    f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from None
    return _clean(text.replace("\r\n", "\n").replace("\r", "\n"))


def _clean(text: str) -> str:
    return _UNPRINTABLE.sub("", _BREAKS.sub(" ", text))


def parse_source(path: str, data: bytes) -> PolicySource:
    """Parse a policy file; raises PolicyError listing every problem found."""
    text = decode(path, data)
    if not text.strip():
        raise PolicyError([Problem(path, 1, "is empty: write front matter and the policy text")])
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise PolicyError(
            [
                Problem(
                    path,
                    1,
                    "has no front matter: start the file with a '---' line, "
                    "then title: and effective: YYYY-MM-DD, then '---'",
                )
            ]
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise PolicyError(
            [Problem(path, 1, "front matter is not closed: add a '---' line after it")]
        ) from None
    front, key_lines = _parse_front_matter(path, "\n".join(lines[1:end]))
    body = "\n".join(lines[end + 1 :])
    return PolicySource(path, front, body, end + 2, key_lines, text.encode("utf-8"))


# libyaml's loader where PyYAML has it: every version of every policy is read on every build.
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def _parse_front_matter(path: str, text: str) -> tuple[FrontMatter, dict[str, int]]:
    # BaseLoader keeps every scalar a string, so dates are checked here, with
    # the line of the key, instead of failing inside YAML's timestamp parser.
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise PolicyError(
            [
                Problem(
                    path,
                    line,
                    f"front matter is not valid YAML ({problem}); "
                    "write 'key: value' lines, quoting values that contain ': '",
                )
            ]
        ) from None
    if node is None:
        node = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(node, yaml.MappingNode):
        raise PolicyError([Problem(path, 2, "front matter must be 'key: value' lines")])

    problems: list[Problem] = []
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 2
        seen.add(key)
        if key not in FRONT_MATTER_KEYS:
            problems.append(
                Problem(
                    path,
                    line,
                    f"unknown front matter key {key!r}; "
                    f"known keys are {', '.join(FRONT_MATTER_KEYS)}",
                )
            )
            continue
        if key in lines:
            problems.append(Problem(path, line, f"{key!r} is given twice; keep one"))
            continue
        # YAML escapes ("\\b") can still write control characters: cleaned like the text.
        value = (
            _clean(str(value_node.value)).strip() if isinstance(value_node, yaml.ScalarNode) else ""
        )
        if not value:
            problems.append(Problem(path, line, f"{key!r} must be a non-empty text"))
            lines[key] = line
            continue
        values[key], lines[key] = value, line

    for required in ("title", "effective"):
        if required not in seen:
            example = "effective: 2025-03-01" if required == "effective" else "title: ..."
            problems.append(Problem(path, 1, f"front matter has no {required!r}; add '{example}'"))
    effective: date | None = None
    if "effective" in values:
        effective = parse_date(values["effective"])
        if effective is None:
            problems.append(
                Problem(
                    path,
                    lines["effective"],
                    f"effective date {values['effective']} is not a date (write YYYY-MM-DD)",
                )
            )
    translation_of: date | None = None
    if "translation_of" in values:
        translation_of = parse_date(values["translation_of"])
        if translation_of is None:
            problems.append(
                Problem(
                    path,
                    lines["translation_of"],
                    (
                        f"translation_of {values['translation_of']} is not a version id (write the "
                        "effective date of the version it translates, YYYY-MM-DD)"
                    ),
                )
            )
    if problems or effective is None:
        raise PolicyError(problems)
    front = FrontMatter(
        title=values["title"],
        effective=effective,
        summary=values.get("summary"),
        correction=values.get("correction"),
        translation_of=translation_of,
        urgent=values.get("urgent"),
        renamed_from=values.get("renamed_from"),
    )
    return front, lines


def parse_date(text: str) -> date | None:
    """A `YYYY-MM-DD` date, or None if the text is not exactly one."""
    if not VERSION_ID.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
