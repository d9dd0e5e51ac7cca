"""`python -m policysite verify ADDRESS`: what a version's text is proven to be, without
trusting the server it came from.

Given the address of a version (or of its exact text, `policy.md`), it reads the text,
the site's manifest, the manifest's signature, the keys allowed to sign and the
manifest published before it (online, or from a saved copy of the site: `--offline
DIR`), and checks with OpenSSH (`signatures.py`) that:

- the text's sha256 is the one the manifest lists for that version;
- the manifest is signed by a key of the signers (the site's own list, or `--signers`);
- the manifest's `previous` is the sha256 of the manifest published before it
  (`/manifest.previous.json`), itself signed when it says it is.

It says in one paragraph what is proven, or each thing that failed; exit 0 only when
all of it holds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from policysite.addresses import MANIFEST, PUBLISHED_SIGNERS
from policysite.errors import ConfigError, UsageError
from policysite.pipeline.live_manifest import (
    MAX_PUBLISHED_BYTES,
    LiveManifest,
    manifest_before,
    parse_manifest,
    read_live,
    read_published,
    signed_by,
    with_signature,
)
from policysite.signatures import SIGNATURE_SUFFIX, SIGNERS_FILE, SignatureError, Signer

#: Where what the text's check proved says how much it proves (`Verdict.text`).
VERB = "\x00verb\x00"


@dataclass
class Verdict:
    """What was proven (`proven`, in the order a reader follows it) and what failed."""

    proven: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    #: The text's sha256 matched the manifest: VERB is "was published as" once everything
    #: holds, else only "is what the manifest lists for".
    text: str = ""
    #: Where the keys allowed to sign came from, when it was the site itself: what is
    #: proven then holds only as far as that list is the publisher's.
    site_keys: str = ""

    @property
    def ok(self) -> bool:
        return not self.failed

    def report(self, address: str) -> list[str]:
        """What to print: one paragraph when all of it holds, else a line for each
        failure and one for what did check out."""
        if self.ok:
            head = "Verified"
            if self.site_keys:
                head += (
                    f" with the keys the site itself lists ({self.site_keys}), which whoever "
                    "controls the site could replace: compare the key's fingerprint below with "
                    f"the publisher's own list ({SIGNERS_FILE} in its repository), or give that "
                    "file with --signers"
                )
            return [
                f"{head}. " + " ".join([self.text.replace(VERB, "was published as"), *self.proven])
            ]
        lines = [f"NOT verified: {address}"]
        lines += [f"  - {failure}" for failure in self.failed]
        held = [self.text.replace(VERB, "is what the manifest lists for")] if self.text else []
        if held or self.proven:
            lines.append("What did check out: " + " ".join([*held, *self.proven]))
        return lines


@dataclass(frozen=True)
class _Site:
    """Where the site's files are read from: its root (a URL ending in `/`, or a folder)."""

    root: str
    manifest: LiveManifest

    def read(self, path: str, limit: int = MAX_PUBLISHED_BYTES) -> bytes | None:
        return read_published(self.locate(path), limit=limit)

    def locate(self, path: str) -> str:
        if self.root.startswith(("http://", "https://")):
            return self.root + quote(path.lstrip("/"))
        return str(Path(self.root) / path.lstrip("/"))


def verify_address(
    address: str,
    offline: Path | None = None,
    signers: Path | None = None,
    text: Path | None = None,
) -> Verdict:
    """Check the version at `address` (a URL, or with `offline` also a path of the site);
    `text` is a saved copy of its exact text to check instead of the one served."""
    site, path = _offline_site(address, offline) if offline else _online_site(address)
    entry, key = _version_entry(site.manifest.data, path)
    verdict = Verdict()
    _check_text(site, entry, key, verdict, text)
    if signers is not None:
        listed: bytes | None = signers.read_bytes()
        origin = str(signers)
    else:
        listed = site.read(PUBLISHED_SIGNERS, limit=1_000_000)
        origin = site.locate(PUBLISHED_SIGNERS)
        verdict.site_keys = origin
    signer = _check_signature(site.manifest, listed, origin, "the manifest", verdict)
    _check_chain(site, listed, origin, verdict, signer)
    return verdict


def _online_site(address: str) -> tuple[_Site, str]:
    """The site an address belongs to: the nearest folder above it whose policysite
    manifest lists the address (a copy served elsewhere than its site_url included)."""
    try:
        parts = urlsplit(address)
    except ValueError as error:
        raise UsageError(f"{address}: not an address ({error})") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"{address}: give the full address of a version (https://…/<policy>/<version>/), "
            "or a saved copy of the site with --offline DIR"
        )
    base = f"{parts.scheme}://{parts.netloc}"
    folders = [segment for segment in unquote(parts.path).split("/") if segment]
    unread = ""
    for depth in range(len(folders)):
        root = base + "/" + quote("".join(f"{folder}/" for folder in folders[:depth]))
        try:
            raw = read_published(root + MANIFEST)
            data = None if raw is None else parse_manifest(raw, root + MANIFEST)
        except ConfigError as error:
            unread = f" ({error})"
            continue
        path = "/" + "/".join(folders[depth:]) + ("/" if parts.path.endswith("/") else "")
        if raw is not None and data is not None and _address_key(path) in data["addresses"]:
            return _Site(root, with_signature(root + MANIFEST, raw, data)), path
    raise ConfigError(
        f"{address}: no policysite manifest ({MANIFEST}) at the site's root or any folder "
        "above the address lists it: is it the address of a version of a policysite site?" + unread
    )


def _offline_site(address: str, folder: Path) -> tuple[_Site, str]:
    if not (folder / MANIFEST).is_file():
        raise UsageError(f"--offline {folder}: no {MANIFEST} there; give a saved copy of the site")
    manifest = read_live(str(folder / MANIFEST))
    site_url = str(manifest.data.get("site_url") or "")
    path = address.removeprefix(site_url) if site_url else address
    if path.startswith(("http://", "https://")):
        try:
            path = unquote(urlsplit(path).path)
        except ValueError as error:
            raise UsageError(f"{address}: not an address ({error})") from None
    return _Site(str(folder), manifest), path


def _address_key(path: str) -> str:
    """How the manifest names the page or file at `path` (`/ru/acme/terms/2025-03-01/`)."""
    key = "/" + path.split("#")[0].split("?")[0].lstrip("/")
    key = key.removesuffix("index.html")
    return key if key.endswith(("/", ".md")) else key + "/"


def _version_entry(manifest: dict[str, Any], path: str) -> tuple[dict[str, Any], str]:
    """The manifest's entry of the version at `path`, and its address there."""
    key = _address_key(path)
    addresses: dict[str, dict[str, Any]] = manifest.get("addresses", {})
    entry = addresses.get(key, {})
    if entry.get("moved_to"):
        key = str(entry["moved_to"])
        entry = addresses.get(key, {})
    if "version" not in entry:
        raise ConfigError(
            f"{key}: the manifest lists no version of a policy at this address; give the "
            "address of a version's page (…/<policy>/<version>/) or of its policy.md"
        )
    return entry, key


def _check_text(
    site: _Site, entry: dict[str, Any], key: str, verdict: Verdict, saved: Path | None
) -> None:
    text_address = key if key.endswith(".md") else key + "policy.md"
    where = str(saved) if saved else site.locate(text_address)
    text = saved.read_bytes() if saved else site.read(text_address)
    name = f"version {entry['version']} of {entry['policy']}"
    if text is None:
        verdict.failed.append(f"text missing: {where} cannot be read")
        return
    sha = hashlib.sha256(text).hexdigest()
    if sha != entry["sha256"]:
        verdict.failed.append(
            f"text changed: {where} has sha256 {sha}, but the manifest lists "
            f"{entry['sha256']} for {name}"
        )
        return
    announced = ""
    if entry.get("announced"):
        estimated = " (estimated from the commits)" if entry.get("announced_estimated") else ""
        announced = f", announced on {entry['announced']}{estimated}"
    site_url = str(site.manifest.data.get("site_url") or "")
    served = site.locate(text_address)
    if site_url and not served.startswith(site_url):
        served += f" (a copy of {site_url.rstrip('/')}{text_address})"
    verdict.text = (
        f"This text ({f'{saved}, ' if saved else ''}sha256 {sha}, {entry['text_lang']}) "
        f"{VERB} {name}, in force "
        f"from {entry['effective']}{announced}, at {served}, in a manifest built for "
        f"{site.manifest.data.get('built_for')} (sha256 {site.manifest.sha256}). The "
        "signature covers this exact text, not how a page shows it: compare the page with it."
    )


def _check_signature(
    manifest: LiveManifest, signers: bytes | None, origin: str, what: str, verdict: Verdict
) -> Signer | None:
    if manifest.signature is None:
        verdict.failed.append(
            f"{what} is not signed: there is no signature beside it "
            f"({manifest.source}{SIGNATURE_SUFFIX}), so nothing proves who published it"
        )
        return None
    if signers is None:
        verdict.failed.append(f"no list of the keys allowed to sign: {origin} cannot be read")
        return None
    try:
        signer = signed_by(manifest, signers)
    except SignatureError as error:
        verdict.failed.append(f"the signature of {what} is refused: {error} ({origin})")
        return None
    verdict.proven.append(f"{what.capitalize()} is signed by {signer}, a key listed in {origin}.")
    return signer


def _check_chain(
    site: _Site, signers: bytes | None, origin: str, verdict: Verdict, signer: Signer | None
) -> None:
    if not site.manifest.data.get("previous"):
        if site.manifest.data.get("version", 0) >= 5:
            verdict.proven.append("The manifest is the first its site published (no previous).")
        return
    previous, broken = manifest_before(site.manifest)
    if previous is None:
        verdict.failed.append(str(broken))
        return
    verdict.proven.append(
        f"It was built after the manifest {previous.sha256}, which the site serves unchanged."
    )
    if previous.signature is None and not previous.data.get("signed"):
        verdict.proven.append(
            "The manifest before it is not signed: the chain of signed manifests starts here."
        )
        return
    before_signer = _check_signature(previous, signers, origin, "the manifest before it", verdict)
    if signer and before_signer and before_signer.key != signer.key:
        verdict.proven.append(
            f"Note: the two manifests were signed with different keys ({before_signer.key}, "
            f"then {signer.key}): a key was changed between these deploys."
        )
