"""`<policy>/<id>/sections.json`: a version's sections as the compare page reads them,
with what tells two versions of a section apart as the build's changes do."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from policysite.addresses import (
    localized,
    policy_doc,
    section_text_json,
    sections_json,
    version_doc,
)
from policysite.compare.analysis import VersionSections
from policysite.compare.changes import Located
from policysite.compare.lineage import normalize
from policysite.compare.text import (
    heading_runs,
    link_targets,
    section_blocks,
    targets,
    visible_text,
)
from policysite.render.anchors import TextLinks, is_relative, policy_file_target
from policysite.render.context import Links, Page, SiteContext
from policysite.render.parts import site_policy_files, text_links


def text_digest(body: str) -> str:
    """What tells two versions of a section's text apart, as the changes do (whitespace
    folded): the compare page's "text changed" is the build's."""
    return hashlib.sha256(normalize(body).encode()).hexdigest()[:16]


def _targets_data(markup: str, body: str) -> dict[str, list[tuple[str, str]]]:
    return {kind: found for kind in ("link", "image") if (found := targets(markup, body, kind))}


def _link_data(
    site: SiteContext, lang: str, links: TextLinks, href: str, text_path: str
) -> dict[str, str] | None:
    """Where a relative link of a text leads: a section of the version, another policy's
    page (its full address), or nowhere (None), as `anchors.TextLinks` says."""
    lineage = links.section(href)
    if lineage is not None:
        return {"section": lineage}
    policy = policy_file_target(href, text_path, site_policy_files(site))
    return {"url": site.page_url(lang, policy_doc(policy))} if policy else None


def words_digest(body: str) -> str:
    """What tells two versions of a section's words apart (`text.visible_text`): the compare
    page's "formatting changed" is the build's."""
    return hashlib.sha256(json.dumps(visible_text(body)).encode()).hexdigest()[:16]


def section_data(located: Located) -> dict[str, object]:
    """One section in its version's sections.json: what the compare page's script compares
    (`compare_rules.js`, as `compare/changes.py` and `compare/blocks.py` do)."""
    section = located.section
    return {
        "lineage": located.lineage,
        "number": section.number or "",
        "title": section.title,
        # Not the source: the page shows blocks, and tells a changed text by this.
        "digest": text_digest(section.body),
        "words": words_digest(section.body),
        **({"heading": runs} if (runs := heading_runs(section.markup or "")) else {}),
        **(
            {"targets": found}
            if (found := _targets_data(section.markup or "", section.body))
            else {}
        ),
        "blocks": [block.as_dict() for block in section_blocks(section.body)],
    }


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def sections_data(
    site: SiteContext, lang: str, policy: str, sections: VersionSections
) -> tuple[str, dict[str, str]]:
    """A version's sections as JSON (`<policy>/<id>/sections.json`), for the compare page:
    with each section's formatted heading, its links' and images' targets, and where the
    text's relative links lead (a section's lineage id, another policy's page, or nowhere).

    Each section's blocks are named by their digest and kept apart, once for every version
    that has them (`<policy>/sections/<digest>.json`, returned by digest): most sections of
    a version are its predecessor's word for word, and the compare page fetches only the
    texts two versions do not share (sections.json were a fifth of a big site, issue 30)."""
    version = sections.version
    links = text_links(Links(site, lang, version_doc(policy, version.id)), policy, sections)
    relative = sorted(
        {
            href
            for x in sections.located
            for href in (*link_targets(x.section.markup or ""), *link_targets(x.section.body))
            if is_relative(href)
        }
    )
    texts: dict[str, str] = {}
    listed = []
    for located in sections.located:
        data = section_data(located)
        text = _compact(data["blocks"]) + "\n"
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        texts[digest] = text
        listed.append({**data, "blocks": digest})
    data = {
        "policy": policy,
        "version": version.id,
        "lang": version.lang,
        "title": version.title,
        "sections": listed,
        "links": {
            href: _link_data(site, lang, links, href, version.source.path) for href in relative
        },
    }
    return _compact(data) + "\n", texts


def sections_pages(
    site: SiteContext, lang: str, policy: str, sections: VersionSections
) -> Iterator[Page]:
    """A version's sections.json and its sections' texts (a text another version has too
    is made again, the same: the policy's pages are kept once by address)."""
    data, texts = sections_data(site, lang, policy, sections)
    yield Page(localized(sections_json(policy, sections.version.id), lang), data)
    for digest, text in texts.items():
        yield Page(localized(section_text_json(policy, digest), lang), text)
