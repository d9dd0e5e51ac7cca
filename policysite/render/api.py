"""The JSON API and the exact text of every version.

- `/api/policies.json`: every policy, its titles and languages, the version in
  force and the upcoming ones, and where everything is;
- `/<policy>/versions.json`, per language: every version with its status, the
  commits that made it, the sha256 of its exact text, its addresses, and what it
  changed (counts per kind and the changed sections' lineage ids);
- `/<policy>/<version>/since.json`, per language: what changed between that version
  and the one in force, for an app that stored which version its user accepted: the
  versions in between and every section changed, with the compare page's analysis;
- `/<policy>/<version>/policy.md`: that exact text, so anyone can check the hash.

Every build checks both documents against their schemas (`render/schemas.py`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from policysite.addresses import (
    POLICIES_JSON,
    changes_doc,
    compare_doc,
    compare_query,
    image_file,
    localized,
    origins_doc,
    policy_doc,
    policy_feed,
    policy_text,
    section_doc,
    since_json,
    version_doc,
    versions_json,
)
from policysite.compare.analysis import (
    LanguageChanges,
    PolicyAnalysis,
    compared_as_read,
)
from policysite.compare.changes import SectionChange, compare_known
from policysite.history.versions import Status, Version
from policysite.render.context import Page, SiteContext

FORMAT = 1


@dataclass(frozen=True)
class RawFile:
    """A file written into the built site as it is (MkDocs would render a `.md` file)."""

    path: str
    data: bytes


def policies_page(site: SiteContext) -> Page:
    return Page(localized(POLICIES_JSON, site.languages.default), _dump(_policies(site)))


def versions_page(site: SiteContext, analysis: PolicyAnalysis) -> Page:
    """The policy's versions.json in the analysis' language."""
    text = analysis.view
    return Page(localized(versions_json(text.policy), text.lang), _dump(_versions(site, analysis)))


def since_pages(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """Every version's since.json in the analysis' language, taken-back versions too
    (someone may have accepted one while it was announced)."""
    text = analysis.view
    for accepted in (*text.versions, *(r.version for r in text.retracted)):
        data = _since(site, analysis, accepted)
        compact = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        yield Page(localized(since_json(text.policy, accepted.id), text.lang), compact)


def _since(site: SiteContext, analysis: PolicyAnalysis, accepted: Version) -> dict[str, Any]:
    """What changed between `accepted` and the version in force: the versions that took
    effect after it up to that one, and each section changed, compared as the compare
    page compares the pair. Nothing to ask again when it is the one in force, a later
    one, or the policy is withdrawn (then `withdrawn` says since when). A version taken
    back before its day never took effect: its text is compared with the one in force."""
    text = analysis.view
    policy, lang = text.policy, text.lang
    in_force = text.current(site.today)
    withdrawn = text.withdrawn_by(site.today)
    retraction = next((r for r in text.retracted if r.version is accepted), None)
    # Both texts in one language: the reader's where both are translated, else the
    # authoritative ones (as the compare page and the changes pages do).
    same = in_force is None or compared_as_read(accepted.lang, in_force.lang)
    compared = analysis if same else analysis.original
    # The language of the texts compared: a reader's view of untranslated versions is in
    # the authoritative language, whatever the reader's.
    sections_lang = (in_force or accepted).lang if same else compared.view.lang
    changed: tuple[SectionChange, ...] = ()
    between: list[Version] = []
    compare: str | None = None
    if in_force is not None and retraction is not None:
        now = compared.versions[compared.position(in_force.id)]
        version = accepted if same else _retracted(compared, accepted.id)
        before, _changes = compared.aside(version, now.version)
        changed = compare_known(before.located, now.located).changed
    elif in_force is not None and in_force.effective > accepted.effective:
        now = compared.versions[compared.position(in_force.id)]
        before = compared.versions[compared.position(accepted.id)]
        changed = compare_known(before.located, now.located).changed
        between = [
            v for v in text.versions if accepted.effective < v.effective <= now.version.effective
        ]
        compare = site.page_url(lang, compare_doc(policy)) + compare_query(accepted.id, in_force.id)
    timelines = analysis.lineages_with_history

    def entry(version: Version) -> dict[str, Any]:
        return {
            **_reference(site, lang, policy, version),
            "summary": version.summary,
            "changes_url": site.page_url(lang, changes_doc(policy, version.id)),
        }

    return {
        "format": FORMAT,
        "policy": policy,
        "lang": lang,
        "built_for": site.today.isoformat(),
        "accepted": _reference(site, lang, policy, accepted),
        "taken_back": None
        if retraction is None
        else {"moved_to": retraction.moved_to.isoformat() if retraction.moved_to else None},
        "in_force": _reference(site, lang, policy, in_force) if in_force else None,
        "withdrawn": withdrawn.day.isoformat() if withdrawn else None,
        "ask_again": bool(changed),
        "versions": [entry(version) for version in between],
        "upcoming": [entry(version) for version in text.upcoming(site.today)],
        "compare_url": compare,
        "sections_lang": sections_lang,
        "sections": [
            {
                "lineage": change.lineage,
                "kinds": [str(kind) for kind in change.kinds],
                "number": change.new.number if change.new else None,
                "title": change.new.title if change.new else None,
                "old_number": change.old.number if change.old else None,
                "old_title": change.old.title if change.old else None,
                **(
                    {"formatting": [found.as_dict() for found in change.formatting]}
                    if change.formatting
                    else {}
                ),
                "timeline_url": (
                    site.page_url(lang, section_doc(policy, change.lineage))
                    if change.lineage in timelines
                    else None
                ),
            }
            for change in changed
        ],
    }


def _retracted(analysis: PolicyAnalysis, version_id: str) -> Version:
    """The text taken back before its day, with id `version_id`, in `analysis`' language."""
    return next(r.version for r in analysis.view.retracted if r.version.id == version_id)


def raw_files(site: SiteContext) -> Iterator[RawFile]:
    """Every version's exact text, in every language it is shown in, and every image the
    policies show (once per content, for every language)."""
    images: dict[str, bytes] = {}
    for policy in site.history.policies():
        for lang in site.languages.all:
            view = site.history.view(policy, lang)
            for version in (*view.versions, *(r.version for r in view.retracted)):
                path = site.languages.file(lang, policy_text(policy, version.id))
                yield RawFile(path, version.data)
                for image in version.images:
                    images[image_file(policy, image.sha256, image.name)] = image.data
    for path, data in sorted(images.items()):
        yield RawFile(path, data)


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _reference(site: SiteContext, lang: str, policy: str, version: Any) -> dict[str, str]:
    return {
        "id": version.id,
        "effective": version.effective.isoformat(),
        "url": site.page_url(lang, version_doc(policy, version.id)),
    }


def _policies(site: SiteContext) -> dict[str, Any]:
    default = site.languages.default
    policies = []
    for policy in site.history.policies():
        original = site.history.view(policy, default)
        in_force = original.current(site.today)
        withdrawn = original.withdrawn_by(site.today)
        titles, states, urls, versions, feeds = {}, {}, {}, {}, {}
        for lang in site.languages.all:
            view = site.history.view(policy, lang)
            status = site.history.translation_status(policy, lang, site.today)
            shown = view.version(status.follows.id) if status.follows else None
            titles[lang] = (shown or view.versions[-1]).title
            states[lang] = str(status.state)
            urls[lang] = site.page_url(lang, policy_doc(policy))
            versions[lang] = site.file_url(lang, versions_json(policy))
            feeds[lang] = site.file_url(lang, policy_feed(policy))
        policies.append(
            {
                "id": policy,
                "titles": titles,
                "languages": states,
                "in_force": _reference(site, default, policy, in_force) if in_force else None,
                "withdrawn": withdrawn.day.isoformat() if withdrawn else None,
                "upcoming": [
                    _reference(site, default, policy, v) for v in original.upcoming(site.today)
                ],
                "urls": urls,
                "versions_json": versions,
                "feeds": feeds,
            }
        )
    return {
        "format": FORMAT,
        "built_for": site.today.isoformat(),
        "languages": list(site.languages.all),
        "authoritative": default,
        "policies": policies,
    }


def _versions(site: SiteContext, analysis: PolicyAnalysis) -> dict[str, Any]:
    text = analysis.view
    policy, lang = text.policy, text.lang
    versions = []
    for index, version in enumerate(text.versions):
        found = analysis.changes(index)
        status = text.status(version, site.today)
        versions.append(_version_entry(site, policy, lang, version, status, found, origins=True))
    for retraction in text.retracted:
        entry = _version_entry(site, policy, lang, retraction.version, retraction.status, None)
        entry["moved_to"] = retraction.moved_to.isoformat() if retraction.moved_to else None
        versions.append(entry)
    versions.sort(key=lambda v: str(v["effective"]))
    return {
        "format": FORMAT,
        "policy": policy,
        "lang": lang,
        "built_for": site.today.isoformat(),
        "versions": versions,
    }


def _version_entry(
    site: SiteContext,
    policy: str,
    lang: str,
    version: Version,
    status: Status,
    found: LanguageChanges | None,
    origins: bool = False,
) -> dict[str, Any]:
    """One version in versions.json (`origins`: it has a "since when" page; a version
    taken back before its day has none)."""
    announced = site.announced.get((policy, version.translates))
    return {
        "id": version.id,
        "effective": version.effective.isoformat(),
        "status": str(status),
        "title": version.title,
        "summary": version.summary,
        "text_lang": version.lang,
        "translates": version.translates if version.lang != site.languages.default else None,
        "sha256": version.sha256,
        "text_url": site.file_url(lang, policy_text(policy, version.id)),
        "url": site.page_url(lang, version_doc(policy, version.id)),
        "changes_url": site.page_url(lang, changes_doc(policy, version.id)) if found else None,
        "origins_url": site.page_url(lang, origins_doc(policy, version.id)) if origins else None,
        "commits": [
            {"sha": c.sha, "date": c.committed.isoformat(), "message": c.subject}
            for c in version.commits
        ],
        "corrections": [
            {"sha": c.commit.sha, "date": c.commit.committed.isoformat(), "reason": c.reason}
            for c in version.corrections
        ],
        "announced": announced.day.isoformat() if announced else None,
        "announced_estimated": announced.estimated if announced else None,
        "urgent": version.urgent,
        "counts": {str(k): n for k, n in found.changes.counts().items()} if found else {},
        "changed_sections": [c.lineage for c in found.changes.changed] if found else [],
    }
