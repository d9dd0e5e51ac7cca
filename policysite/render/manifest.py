"""The manifest of permanent addresses: `/manifest.json`.

Every build writes it: each address the generated site serves and, for a
version's page and its exact text, the sha256 of the version text it shows.
`python -m policysite check-permanence` (`tools/permanence.py`) compares it with
the live site's before a deploy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from policysite.addresses import policy_text, version_doc
from policysite.render.context import SiteContext

#: The manifest's format (`policysite/schemas/manifest.schema.json`).
FORMAT, VERSION = "policysite-manifest", 2


def build_manifest(site: SiteContext, paths: Iterable[str]) -> dict[str, Any]:
    """Every generated address; a version's page and its exact text (`policy.md`), each
    with the hash of the text it serves."""
    addresses: dict[str, dict[str, Any]] = {site.languages.served(path): {} for path in paths}
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
                }
    return {
        "format": FORMAT,
        "version": VERSION,
        "built_for": site.today.isoformat(),
        "addresses": dict(sorted(addresses.items())),
    }


def manifest_json(manifest: dict[str, Any]) -> bytes:
    """The manifest as it is published."""
    return (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
