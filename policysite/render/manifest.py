"""The manifest of permanent addresses: `/manifest.json`.

Every build writes it: each address the generated site serves and, for a
version's page and its exact text, the sha256 of the version text it shows.
`python -m policysite check-permanence` (`tools/permanence.py`) compares it with
the live site's before a deploy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from policysite.addresses import (
    Languages,
    image_file,
    is_section_text,
    owner,
    policy_doc,
    policy_text,
    relative_path,
    version_doc,
)
from policysite.history.notice import Announcement, VersionKey
from policysite.render.context import SiteContext
from policysite.render.csp import with_content_security_policy
from policysite.render.strings import Strings
from policysite.render.templating import render_html

#: The manifest's format (`policysite/schemas/manifest.schema.json`). 3: versions carry
#: the day they were announced; 4: the site's address, and each image's media type; 5:
#: the sha256 of the live manifest it was built after, and whether it is signed.
FORMAT, VERSION = "policysite-manifest", 5


def build_manifest(
    site: SiteContext,
    paths: Iterable[str],
    moved_pages: Iterable[tuple[str, str, str]] = (),
    previous: str | None = None,
    signed: bool = False,
) -> dict[str, Any]:
    """Every generated address (a section's text aside: not a permanent one); a version's page and its exact text (`policy.md`), each
    with the hash of the text it serves; and `moved_pages`, (language, former page source, page
    source now) of pages whose address changed (a section's timeline, `PolicyOutput.moved`),
    each redirecting to its address now. `previous` is the sha256 of the live manifest the
    build was given (None for a site's first deploy): each manifest commits to the one
    before it, so a signed one commits to every publication before it. `signed` says the
    build signs it (`manifest.json.sig`): a live manifest that says so and has no valid
    signature was tampered with."""
    addresses: dict[str, dict[str, Any]] = {
        site.languages.served(path): {} for path in paths if not is_section_text(path)
    }
    for policy in site.history.policies():
        for lang in site.languages.all:
            view = site.history.view(policy, lang)
            for version in (*view.versions, *(r.version for r in view.retracted)):
                page = "/" + site.languages.url(lang, version_doc(policy, version.id))
                text = "/" + site.languages.file(lang, policy_text(policy, version.id))
                addresses[page] = addresses[text] = {
                    "policy": policy,
                    "version": version.id,
                    "effective": version.effective.isoformat(),
                    "text_lang": version.lang,
                    "sha256": version.sha256,
                    "corrections": len(version.corrections),
                    # The commit whose text this is, to tell what happened if it ever goes.
                    "commit": version.commits[-1].sha if version.commits else None,
                    **_announced(site, policy, version.id),
                }
    for policy in site.history.policies():
        for written in site.history.languages_of(policy).values():
            for version in written.versions:
                for image in version.images:
                    address = "/" + image_file(policy, image.sha256, image.name)
                    addresses[address] = {
                        "policy": policy,
                        "sha256": image.sha256,
                        "media_type": image.media_type,
                    }
    for lang, former, now in moved_pages:
        old, new = ("/" + site.languages.url(lang, doc) for doc in (former, now))
        if new in addresses and old not in addresses:
            addresses[old] = {"moved_to": new}
    for former, now in site.history.moves.items():
        for lang in site.languages.all:
            new_root = "/" + site.languages.url(lang, policy_doc(now))
            old_root = "/" + site.languages.url(lang, policy_doc(former))
            for address, entry in list(addresses.items()):
                if address.startswith(new_root) and owner(
                    address.removeprefix("/" + site.languages.prefix(lang)) or "/",
                    site.history.policies(),
                ) in (now, None):
                    moved = old_root + address.removeprefix(new_root)
                    addresses.setdefault(moved, {**entry, "moved_to": address})
    return {
        "format": FORMAT,
        "version": VERSION,
        "site_url": site.site_url,
        "built_for": site.today.isoformat(),
        "previous": previous,
        "signed": signed,
        "addresses": dict(sorted(addresses.items())),
    }


def _announced(site: SiteContext, policy: str, version_id: str) -> dict[str, Any]:
    found = site.announced.get((policy, version_id))
    if found is None:
        return {}
    return {"announced": found.day.isoformat(), "announced_estimated": found.estimated}


def published_announcements(manifest: dict[str, Any]) -> dict[VersionKey, Announcement | None]:
    """Every version a published manifest lists, with the day it records it was announced
    (None where it records none: manifests before format 3); the earliest of its
    addresses' days where they differ."""
    found: dict[VersionKey, Announcement | None] = {}
    commits: dict[VersionKey, set[str]] = {}
    for entry in manifest.get("addresses", {}).values():
        if "version" not in entry or "policy" not in entry:
            continue
        key = (str(entry["policy"]), str(entry["version"]))
        if entry.get("commit"):
            commits.setdefault(key, set()).add(str(entry["commit"]))
        day = entry.get("announced")
        recorded = (
            Announcement(date.fromisoformat(day), bool(entry.get("announced_estimated")))
            if day
            else None
        )
        known = found.get(key)
        if key not in found or (recorded and (known is None or recorded.day < known.day)):
            found[key] = recorded
    return {
        key: replace(found_day, published_from=frozenset(commits.get(key, ())))
        if found_day
        else None
        for key, found_day in found.items()
    }


def moved_addresses(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """Every former address of a renamed policy and the address it moved to."""
    return [
        (address, str(entry["moved_to"]))
        for address, entry in manifest["addresses"].items()
        if entry.get("moved_to")
    ]


def manifest_json(manifest: dict[str, Any]) -> bytes:
    """The manifest as it is published."""
    return (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def redirect_page(languages: Languages, site_url: str, former: str, address: str) -> bytes:
    """The page at a renamed policy's former address: it sends the reader to the same page
    under the new id (the `#fragment` and query kept), and says so in the page's language."""
    lang = languages.of_served(former.lstrip("/"))
    target = relative_path(address.strip("/"), former.strip("/")) + "/"
    html = render_html(
        "redirect.html.j2",
        t=Strings(lang),
        lang=lang,
        target=target,
        canonical=(site_url.rstrip("/") or "") + address,
    )
    return (with_content_security_policy(str(html)) + "\n").encode("utf-8")
