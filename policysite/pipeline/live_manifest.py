"""A manifest a release of policysite wrote, read back: the live site's (`/manifest.json`
over http(s), for the next deploy and the permanence check) or a file, in any format a
release has written, refused with a clear message when it is another site's or newer;
with its bytes and signature, which the next manifest's chain and `verify` check."""

from __future__ import annotations

import hashlib
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from policysite.addresses import PREVIOUS_MANIFEST_FILE
from policysite.config import PREVIOUS_MANIFEST, previous_manifest
from policysite.errors import ConfigError
from policysite.history.notice import Announcement, VersionKey
from policysite.render.manifest import FORMAT, VERSION, published_announcements
from policysite.render.schemas import problem as schema_problem
from policysite.signatures import SIGNATURE_SUFFIX, SignatureError, Signer, verify


@dataclass(frozen=True)
class LiveManifest:
    """A published manifest as it was read: its bytes (what its sha256 and signature are
    of), what they say, and its signature (`manifest.json.sig` beside it), if it has one."""

    source: str
    raw: bytes
    data: dict[str, Any]
    signature: bytes | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


#: The most a published file may hold when it is read back: a manifest of ten thousand
#: versions is a few tens of MB; a signature or a list of signers, a few hundred bytes.
MAX_PUBLISHED_BYTES = 128_000_000


def read_published(
    source: str, setting: str = "", limit: int = MAX_PUBLISHED_BYTES
) -> bytes | None:
    """A published file from a path or an http(s) URL; None when there is none (no such
    file, HTTP 404); ConfigError when it cannot be read or holds more than `limit` bytes.
    Messages start with `setting`."""
    try:
        if source.startswith(("http://", "https://")):
            try:
                with urllib.request.urlopen(source, timeout=30) as response:
                    data: bytes = response.read(limit + 1)
            except urllib.error.HTTPError as error:
                if error.code == 404:
                    return None
                raise
        else:
            path = Path(source)
            if not path.is_file():
                return None
            with path.open("rb") as file:
                data = file.read(limit + 1)
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise ConfigError(f"{setting}{source}: cannot read it ({error})") from None
    if len(data) > limit:
        raise ConfigError(f"{setting}{source}: cannot read it (it holds over {limit} bytes)")
    return data


def read_live(source: str, setting: str = "", site_url: str | None = None) -> LiveManifest:
    """`load_manifest`, with the bytes it was read from and the signature beside it."""
    raw = read_published(source, setting)
    if raw is None:
        raise ConfigError(f"{setting}{source}: cannot read it (there is no such file)")
    return with_signature(source, raw, _parsed(raw, source, setting, site_url), setting)


def with_signature(
    source: str, raw: bytes, data: dict[str, Any], setting: str = ""
) -> LiveManifest:
    """The manifest read from `source`, with the signature published beside it, if any."""
    signature = read_published(source + SIGNATURE_SUFFIX, setting, limit=1_000_000)
    if signature is not None and not signature.startswith(b"-----BEGIN SSH SIGNATURE-----"):
        # Published again beside the next manifest: only what it says it is.
        raise ConfigError(
            f"{setting}{source}{SIGNATURE_SUFFIX} is not an SSH signature (it does not begin "
            "with -----BEGIN SSH SIGNATURE-----): find out who changed the live site"
        )
    return LiveManifest(source, raw, data, signature)


def parse_manifest(raw: bytes, source: str) -> dict[str, Any]:
    """What the manifest read from `source` says; ConfigError when it is not one."""
    return _parsed(raw, source, "", None)


def load_manifest(source: str, setting: str = "", site_url: str | None = None) -> dict[str, Any]:
    """A manifest from a file path or an http(s) URL (the live site's `/manifest.json`), in
    any format a release has written; ConfigError when it cannot be read, was written by a
    newer release, or (given this site's `site_url`) is another site's. Messages start with
    `setting` (what named the manifest)."""
    return read_live(source, setting, site_url).data


def _parsed(raw: bytes, source: str, setting: str, site_url: str | None) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as error:
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
    live = live_manifest(environ, site_url)
    return None if live is None else published_announcements(live.data)


def live_manifest(environ: Mapping[str, str], site_url: str | None) -> LiveManifest | None:
    """The live site's manifest, when the build is given it (`POLICYSITE_PREVIOUS_MANIFEST`)."""
    source = previous_manifest(environ)
    if source is None:
        return None
    return read_live(source, f"{PREVIOUS_MANIFEST}: ", site_url)


def beside(source: str, name: str) -> str:
    """The address of the file `name` in the folder of `source` (a path or a URL)."""
    if source.startswith(("http://", "https://")):
        return urllib.parse.urljoin(source, name)
    return str(Path(source).parent / name)


def built_on(manifest: dict[str, Any]) -> date | None:
    """The day a manifest says it was built for: its signature is checked as of then."""
    try:
        return date.fromisoformat(str(manifest.get("built_for")))
    except ValueError:
        return None


def signed_by(manifest: LiveManifest, signers: bytes) -> Signer:
    """Who of `signers` signed `manifest` (SignatureError: its signature is missing or
    refused, and why)."""
    if manifest.signature is None:
        raise SignatureError(
            f"there is no signature beside it ({manifest.source}{SIGNATURE_SUFFIX})"
        )
    return verify(manifest.raw, manifest.signature, signers, built_on(manifest.data))


def manifest_before(live: LiveManifest) -> tuple[LiveManifest | None, str | None]:
    """The manifest `live` says it was built after, as published beside it
    (`manifest.previous.json`), when the link holds; else what breaks it. (None, None)
    for a manifest built after none."""
    before = live.data.get("previous")
    if not before:
        return None, None
    source = beside(live.source, PREVIOUS_MANIFEST_FILE)
    found = read_published(source)
    if found is None:
        return None, (
            f"chain broken: {live.source} was built after the manifest {before}, which is "
            f"not published beside it ({source})"
        )
    sha = hashlib.sha256(found).hexdigest()
    if sha != before:
        return None, (
            f"chain broken: {live.source} says it was built after the manifest {before}, "
            f"but the one published before it ({source}) is {sha}"
        )
    try:
        data = _parsed(found, source, "", None)
    except ConfigError as error:
        return None, f"chain broken: {error}"
    return with_signature(source, found, data), None
