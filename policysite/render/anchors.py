"""A text's links, resolved as a reader follows them on the site.

Documents converted from web pages link to their own sections by the anchors their
old site gave (`[Welcome](#welcome)`, `#1-definitions`), while a version page's
sections are anchored by lineage id. `section_names` maps every name a link may use for
a section (its lineage id, its `{#id}`, the id it had before headings were read as
plain text, and the slugs GitHub and Python-Markdown make of its heading) to its
lineage id; `TextLinks` resolves each link of the text with it when the text is
rendered:

- a fragment that names a section reaches that section: on the version page itself,
  and from a page that shows only part of the text (a timeline, a changes page), on
  the version page;
- a link to another policy's file (`../terms.en.md`) reaches that policy's page;
- a relative link that names nothing here (`doc`, `logos/a.pdf`, a fragment of no
  section) is shown as its text: lint refuses it in a version being added, and a
  version already published keeps its text with one note (`tools/lint.py`,
  `pipeline/assemble.py`).

Links to other hosts, `mailto:`/`tel:` links and site-absolute links (`/getx/privacy/`,
which lint checks) are left as written.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import unquote

from markdown.extensions.toc import slugify, slugify_unicode
from pymdownx.slugs import slugify as configurable_slugify

from policysite.addresses import is_remote
from policysite.compare.changes import Located
from policysite.compare.text import text_parser
from policysite.errors import Problem
from policysite.history.policy_file import PolicySource

#: GitHub's heading anchors: lower case, word characters, `-` for spaces.
_github = configurable_slugify(case="lower")


def section_names(
    located: Iterable[Located], earlier: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Every name a link may give a section of one version -> its lineage id.

    Names the site gives win over names a converter may have made: lineage ids, then
    `{#id}` anchors and earlier ids, then slugs of the headings in reading order (a
    second heading with the same slug is `slug-1` as GitHub counts, `slug_1` as
    Python-Markdown does)."""
    found: dict[str, str] = {}
    sections = [x for x in located if not x.section.is_preamble]
    for x in sections:
        found[x.lineage] = x.lineage
    for x in sections:
        for name in (x.section.anchor, (earlier or {}).get(x.lineage)):
            if name:
                found.setdefault(name, x.lineage)
    seen: dict[str, int] = {}
    for x in sections:
        for text in dict.fromkeys((x.section.heading, x.section.title)):
            for slug in dict.fromkeys(
                (_github(text, "-"), slugify(text, "-"), slugify_unicode(text, "-"))
            ):
                if not slug:
                    continue
                count = seen.get(slug, 0)
                seen[slug] = count + 1
                names = (slug,) if count == 0 else (f"{slug}-{count}", f"{slug}_{count}")
                for name in names:
                    found.setdefault(name, x.lineage)
    return found


def fragment_of(href: str) -> str | None:
    """The section name an in-document link asks for, decoded (`#%D0%B0` -> `а`); None
    for a link that is not a fragment."""
    if not href.startswith("#"):
        return None
    return unquote(href[1:])


def is_relative(href: str) -> bool:
    """A link relative to the page it is on: `doc`, `../terms.en.md`, `#welcome`. Links to
    hosts, mail and phones are not, nor a site-absolute link (`/getx/privacy/`), which
    names a page of this site (lint checks those that name a policy)."""
    href = href.strip()
    return bool(href) and not is_remote(href) and not href.startswith("/")


@dataclass(frozen=True)
class TextLinks:
    """How the links of one version's text are rendered on one page (hashable: the
    rendered text is cached by it)."""

    #: Section name -> lineage id (`section_names`), as sorted pairs.
    names: tuple[tuple[str, str], ...] = ()
    #: The version page, relative to this page ("" on the version page itself).
    version_page: str = ""
    #: Relative link as written -> where it leads on this site, for the links that name
    #: another policy's file; any other relative link leads nowhere.
    elsewhere: tuple[tuple[str, str], ...] = ()

    #: Every link shown as its text alone: a heading in a list of links.
    unlinked: bool = False

    @cached_property
    def _names(self) -> dict[str, str]:
        return dict(self.names)

    @cached_property
    def _folded(self) -> dict[str, str]:
        folded: dict[str, str] = {}
        for name, lineage in self.names:
            folded.setdefault(name.casefold(), lineage)
        return folded

    @cached_property
    def _elsewhere(self) -> dict[str, str]:
        return dict(self.elsewhere)

    def only(self, hrefs: Iterable[str]) -> ResolvedLinks | None:
        """Where just these links lead (None when none is relative to the page): what a
        text with these links renders with, so that a text rendered on many pages with
        the same targets is rendered once (`templating.policy_html` is cached by it)."""
        pairs = {href: self.target(href) for href in hrefs if self.unlinked or is_relative(href)}
        return ResolvedLinks(tuple(sorted(pairs.items())), self.unlinked) if pairs else None

    def section(self, href: str) -> str | None:
        """The lineage id a fragment link names, if any."""
        name = fragment_of(href)
        if name is None:
            return None
        return self._names.get(name) or self._folded.get(name.casefold())

    def target(self, href: str) -> str | None:
        """Where a link leads on this page: `href` itself for a link to another host or
        a mail address, the section's anchor for a fragment, the policy page for another
        policy's file; None for a link that leads nowhere (shown as text)."""
        if self.unlinked:
            return None
        if not is_relative(href):
            return href
        lineage = self.section(href)
        if lineage is not None:
            return f"{self.version_page}#{lineage}"
        return self._elsewhere.get(href)


@dataclass(frozen=True)
class ResolvedLinks:
    """Where each link of one text leads on a page (`TextLinks.only`)."""

    pairs: tuple[tuple[str, str | None], ...]
    unlinked: bool = False

    @cached_property
    def _pairs(self) -> dict[str, str | None]:
        return dict(self.pairs)

    def target(self, href: str) -> str | None:
        return self._pairs.get(href, None if self.unlinked else href)


def policy_file_target(href: str, text_path: str, policies: Mapping[str, str]) -> str | None:
    """The policy a relative link names by its file (`../terms.en.md`, `terms.md`), from
    the text at `text_path`: `policies` maps each policy file's repository path, and its
    path without the language, to the policy's id."""
    path = unquote(href.partition("#")[0].partition("?")[0])
    if not path or path.startswith("/"):
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(text_path), path))
    return policies.get(resolved)


#: How a link that leads nowhere is marked on a page (`templates/dead_link_open.html.j2`).
DEAD_LINK = 'class="ps-dead-link"'

#: A text whose links are all shown as their text (a heading inside a link).
UNLINKED = TextLinks(unlinked=True)


def dead_links(
    source: PolicySource, names: Mapping[str, str], policies: Mapping[str, str]
) -> list[Problem]:
    """The relative links of a text that lead nowhere on this site (`TextLinks.target`),
    each as the problem it is for a text not yet published: `names` are its sections'
    (`section_names`), `policies` the policy files (`policy_file_target`)."""
    links = TextLinks(tuple(sorted(names.items())))
    problems: list[Problem] = []
    for block in text_parser().parse(source.body):
        line = source.body_line + (block.map[0] if block.map else 0)
        for token in block.children or []:
            href = str(token.attrGet("href") or "") if token.type == "link_open" else ""
            if (
                href
                and links.target(href) is None
                and policy_file_target(href, source.path, policies) is None
            ):
                problems.append(Problem(source.path, line, _dead_link_message(href)))
    return problems


def _dead_link_message(href: str) -> str:
    shown = unquote(href)[:80]
    if href.startswith("#"):
        return (
            f"link {shown!r} names no section of this text (a reader's click would go "
            "nowhere); name a section by its heading's anchor or give the heading an id "
            "with '{#name}', or remove the link"
        )
    return (
        f"link {shown!r} leads nowhere on this site (it is relative, as on the site the text "
        "came from); write the full address (https://…), link a section (#…), or another "
        "policy by its file (../terms.en.md)"
    )


def policy_files(paths: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(policy id, file path) pairs -> each file's path, and that path without its
    language (`terms.md` for `terms.en.md`), to the id (`policy_file_target`)."""
    found: dict[str, str] = {}
    for policy, path in paths:
        found[path] = policy
        found.setdefault(path.rsplit(".", 2)[0] + ".md", policy)
    return found
