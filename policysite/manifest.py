"""The manifest of permanent addresses, and the check that a new deploy keeps them.

Every build writes `/manifest.json`: each address the generated site serves and,
for a version's page, the sha256 of the version text it shows. Before deploying,
`python -m policysite check-permanence --previous <manifest of the live site>`
compares the two with deepdiff and fails if an address disappeared or a version
already in force shows another text without a recorded correction: what a
force-pushed, rewritten history would do.
"""

from __future__ import annotations

import json
import posixpath
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from deepdiff import DeepDiff

from policysite.addresses import version_doc
from policysite.pages import SiteContext

MANIFEST = "manifest.json"
FORMAT = 1


def address_of(site: SiteContext, path: str) -> str:
    """`getx/privacy/2025-03-01/index.ru.md` -> `/ru/getx/privacy/2025-03-01/`."""
    stem, extension = posixpath.splitext(path)
    stem, _, lang = stem.rpartition(".")
    if extension == ".md":
        return "/" + site.languages.url(lang, stem + extension)
    prefix = "" if lang == site.languages.default else f"{lang}/"
    return f"/{prefix}{stem}{extension}"


def build_manifest(site: SiteContext, paths: Iterable[str]) -> dict[str, Any]:
    """Every generated address; a version's page and its exact text (`policy.md`), each
    with the hash of the text it serves."""
    addresses: dict[str, dict[str, Any]] = {address_of(site, path): {} for path in paths}
    for policy in site.history.policies():
        for lang in site.languages.all:
            for version in site.history.view(policy, lang).versions:
                address = "/" + site.languages.url(lang, version_doc(policy, version.id))
                addresses[address] = addresses[address + "policy.md"] = {
                    "policy": policy,
                    "version": version.id,
                    "effective": version.effective.isoformat(),
                    "text_lang": version.lang,
                    "sha256": version.sha256,
                    "corrections": len(version.corrections),
                }
    return {
        "format": FORMAT,
        "built_for": site.today.isoformat(),
        "addresses": dict(sorted(addresses.items())),
    }


def write_manifest(site_dir: Path, manifest: dict[str, Any]) -> None:
    (site_dir / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def load_manifest(source: str) -> dict[str, Any]:
    """A manifest from a file path or an http(s) URL (the live site's `/manifest.json`)."""
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=30) as response:
            data: dict[str, Any] = json.loads(response.read().decode("utf-8"))
            return data
    loaded: dict[str, Any] = json.loads(Path(source).read_text(encoding="utf-8"))
    return loaded


def check_permanence(previous: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Every way `current` breaks a promise `previous` made; empty when it keeps them all."""
    before: dict[str, dict[str, Any]] = previous.get("addresses", {})
    after: dict[str, dict[str, Any]] = current.get("addresses", {})
    published_by = str(previous.get("built_for", ""))
    problems: list[str] = []
    diff = DeepDiff(before, after, view="tree", threshold_to_diff_deeper=0)
    for level in diff.get("dictionary_item_removed", []):
        path = level.path(output_format="list")
        if len(path) == 1:
            problems.append(f"{path[0]}: the address is gone; a published address must stay")
    for level in diff.get("values_changed", []):
        address, key = (str(part) for part in level.path(output_format="list")[:2])
        if key != "sha256":
            continue
        old, new = before[address], after[address]
        if str(old.get("effective", "")) > published_by:
            continue  # not yet in force when last published: it may still change
        if old.get("text_lang") != new.get("text_lang"):
            continue  # a translation of this version arrived in place of the original
        if int(new.get("corrections", 0)) > int(old.get("corrections", 0)):
            continue  # changed with a recorded correction, shown on the page
        problems.append(
            f"{address}: version {old.get('version')} of {old.get('policy')}, in force since "
            f"{old.get('effective')}, now shows another text (sha256 {str(old['sha256'])[:12]}… "
            f"-> {str(new['sha256'])[:12]}…) with no correction recorded. Was the history "
            "rewritten (force-push, rebase)? Restore it, or publish the change as a new version"
        )
    return problems
