"""A manifest a release of policysite wrote, read back: the live site's (`/manifest.json`
over http(s), for the next deploy and the permanence check) or a file, in any format a
release has written, refused with a clear message when it is another site's or newer."""

from __future__ import annotations

import http.client
import json
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from policysite.config import PREVIOUS_MANIFEST, previous_manifest
from policysite.errors import ConfigError
from policysite.history.notice import Announcement, VersionKey
from policysite.render.manifest import FORMAT, VERSION, published_announcements
from policysite.render.schemas import problem as schema_problem


def load_manifest(source: str, setting: str = "", site_url: str | None = None) -> dict[str, Any]:
    """A manifest from a file path or an http(s) URL (the live site's `/manifest.json`), in
    any format a release has written; ConfigError when it cannot be read, was written by a
    newer release, or (given this site's `site_url`) is another site's. Messages start with
    `setting` (what named the manifest)."""
    try:
        if source.startswith(("http://", "https://")):
            with urllib.request.urlopen(source, timeout=30) as response:
                data = json.loads(response.read().decode("utf-8"))
        else:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise ConfigError(f"{setting}{source}: cannot read it ({error})") from None
    version = data.get("version") if isinstance(data, dict) else None
    newer = isinstance(version, int) and version > VERSION
    if newer and data.get("format") == FORMAT:
        raise ConfigError(
            f"{setting}{source} was written by a newer policysite (format {version}; this "
            f"one reads up to {VERSION}); upgrade policysite before deploying"
        )
    problem = schema_problem("manifest", data)
    if problem is not None:
        raise ConfigError(
            f"{setting}{source} is not a policysite manifest ({problem}); give the "
            "manifest.json of a site built by policysite (policysite/schemas/manifest.schema.json)"
        )
    found: dict[str, Any] = data
    theirs = str(found.get("site_url") or "")
    if site_url and theirs and theirs.rstrip("/") != site_url.rstrip("/"):
        raise ConfigError(
            f"{setting}{source} is the manifest of another site ({theirs}; this one is "
            f"{site_url}): give the live manifest of this site, or build with SITE_URL set "
            "to the address it is published at"
        )
    return found


def published_versions(
    environ: Mapping[str, str], site_url: str | None
) -> dict[VersionKey, Announcement | None] | None:
    """Every version the live site's manifest lists, when the build is given it (a deploy,
    `POLICYSITE_PREVIOUS_MANIFEST`), with the day it was announced; the manifest of another
    site is refused."""
    source = previous_manifest(environ)
    if source is None:
        return None
    live = load_manifest(source, f"{PREVIOUS_MANIFEST}: ", site_url)
    return published_announcements(live)
