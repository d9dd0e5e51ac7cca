"""Every JSON file the site publishes has a schema, and every build checks itself by it;
every feed is checked too.

The schemas are in `policysite/schemas/` (the one copy: `schemas/` at the
repository's root links there), one per kind of file:

| file | schema |
|---|---|
| `/manifest.json` | `manifest.schema.json` (also every format a release has written) |
| `/manifest.previous.json` | the same: the live manifest a deploy was built after |
| `/api/policies.json` | `policies.schema.json` |
| `/<policy>/versions.json` | `versions.schema.json` |
| `/<policy>/<version>/sections.json` | `sections.schema.json` |
| `/<policy>/sections/<digest>.json` | `section_text.schema.json` |
| `/<policy>/<version>/since.json` | `since.schema.json` |

A build checks each file as it makes it (jsonschema-rs: a file of a big site in
a few hundredths of a millisecond), so what it publishes is what the schemas
promise readers and apps; a file that fails stops the build with its name, the
field and the rule it breaks.

A feed (`feed.xml`, `<policy>/feed.xml`) must be well-formed XML, an Atom feed,
and name the XSLT stylesheet a browser shows it through (`feed.xsl`) before it.
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import cache
from importlib import resources
from typing import Any
from xml.etree import ElementTree

import jsonschema_rs

from policysite.addresses import FEED_STYLESHEET, is_section_text
from policysite.errors import OutputError

#: The kind of JSON file a published path is (its name, a language suffix aside).
_KIND = re.compile(
    r"(?:^|/)(manifest|policies|versions|sections|since)(?:\.previous|\.[a-z]{2,3})?\.json$"
)


def schema(kind: str) -> dict[str, Any]:
    """The schema of one kind of file (`versions`, `since`, …)."""
    text = (resources.files("policysite") / "schemas" / f"{kind}.schema.json").read_text("utf-8")
    found: dict[str, Any] = json.loads(text)
    return found


@cache
def _validator(kind: str) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(schema(kind))


def kind_of(path: str) -> str | None:
    """The kind of a published JSON file by its path, if it has a schema."""
    found = _KIND.search(path)
    if found:
        return found[1]
    return "section_text" if is_section_text(path) else None


def problem(kind: str, data: object) -> str | None:
    """What is wrong with `data` as a file of `kind`: where (its JSON path) and the rule it
    breaks; None when it is valid."""
    error = next(iter(_validator(kind).iter_errors(data)), None)
    if error is None:
        return None
    error = _deepest(error)
    where = "/".join(str(part) for part in error.instance_path) or "the top level"
    message = error.message if len(error.message) <= 300 else error.message[:297] + "..."
    return f"{where}: {message}"


def _deepest(error: jsonschema_rs.ValidationError) -> jsonschema_rs.ValidationError:
    """Of an error that no branch of a `oneOf` fits, the branch that got furthest into the
    file, and its deepest error: what a reader fixes (as jsonschema's `best_match`)."""
    branches = [branch for branch in getattr(error.kind, "context", None) or [] if branch]
    if not branches:
        return error
    best = max(branches, key=lambda b: (max(len(e.instance_path) for e in b), -len(b)))
    return _deepest(max(best, key=lambda e: len(e.instance_path)))


#: A feed the site publishes (`feed.xml`, `<policy>/feed.xml`; a language suffix aside).
_FEED = re.compile(r"(?:^|/)feed(?:\.[a-z]{2,3})?\.xml$")
_ATOM_FEED = "{http://www.w3.org/2005/Atom}feed"
#: A pseudo-attribute of a processing instruction: `href="/ru/feed.xsl"`.
_PSEUDO_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def feed_problem(text: str) -> str | None:
    """What is wrong with a feed as published: XML that does not parse, a document that is
    not an Atom feed, or no stylesheet named before it; None when it is right."""
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(
        events=("start", "pi")
    )
    try:
        parser.feed(text.encode("utf-8"))
        parser.close()
    except ElementTree.ParseError as error:
        return f"is not well-formed XML ({error})"
    stylesheets: list[dict[str, str]] = []
    root = None
    for found in parser.read_events():
        element = found[-1]
        if not isinstance(element, ElementTree.Element):
            continue  # not asked for: every event asked for is an element's or a PI's
        if found[0] == "start":
            root = element
            break
        target, _, data = (element.text or "").partition(" ")
        if target == "xml-stylesheet":
            stylesheets.append(dict(_PSEUDO_ATTRIBUTE.findall(data)))
    if root is None or root.tag != _ATOM_FEED:
        return f"is not an Atom feed (its root is {root.tag if root is not None else 'missing'})"
    if not any(
        sheet.get("type") == "text/xsl"
        and posixpath.basename(sheet.get("href", "")) == FEED_STYLESHEET
        for sheet in stylesheets
    ):
        return (
            f'names no stylesheet (<?xml-stylesheet type="text/xsl" href=".../{FEED_STYLESHEET}"?> '
            "before the feed): a browser would show it as raw XML"
        )
    return None


def check_output(path: str, text: str) -> None:
    """Raise OutputError if `text`, to be published at `path`, fails its schema (a feed:
    `feed_problem`)."""
    if _FEED.search(path):
        found = feed_problem(text)
        if found is not None:
            raise OutputError(
                f"{path}: the build made a feed that {found}; nothing was published. This is "
                "a bug of policysite or of a change to it: report it with this message"
            )
        return
    kind = kind_of(path)
    if kind is None:
        return
    found = problem(kind, json.loads(text))
    if found is not None:
        raise OutputError(
            f"{path}: the build made a file that fails its own schema "
            f"(policysite/schemas/{kind}.schema.json) at {found}; nothing was published. This "
            "is a bug of policysite or of a change to it: report it with this message"
        )
