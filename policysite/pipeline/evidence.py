"""What lets a reader check the site without trusting its host (`signatures.py`).

Each manifest records the sha256 of the live manifest the deploy was built after
(`previous`), and the site serves that manifest, with its signature, at
`/manifest.previous.json`: the link can be checked from the site alone. With
`POLICYSITE_SIGNING_KEY`, the manifest is signed (`/manifest.json.sig`) with a key
the repository's `.policysite/allowed_signers` lists, published at
`/.well-known/policysite/allowed_signers`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from policysite.addresses import MANIFEST_SIGNATURE, PREVIOUS_MANIFEST_FILE, PUBLISHED_SIGNERS
from policysite.config import SIGNING_KEY, signing_key
from policysite.errors import ConfigError
from policysite.pipeline.live_manifest import LiveManifest
from policysite.render.api import RawFile
from policysite.signatures import (
    SIGNATURE_SUFFIX,
    SIGNERS_FILE,
    SignatureError,
    public_key,
    sign,
    signers_problems,
    verify,
)

#: What the build log says of a manifest it does not sign.
UNSIGNED = (
    f"the manifest is not signed ({SIGNING_KEY} is not set): readers can check each text "
    "against /manifest.json, but nothing proves who published it (README, 'Why the links "
    "can be cited')"
)


@dataclass(frozen=True)
class Signing:
    """The key the build signs with (None: unsigned) and the repository's signers file."""

    key: Path | None
    signers: bytes | None

    @property
    def signed(self) -> bool:
        return self.key is not None


def signing(root: Path, environ: Mapping[str, str]) -> Signing:
    """The build's signing, checked before anything is built: the signers file, published
    as it is, must hold nothing but keys; a key it does not list would sign a manifest no
    reader can verify, and is refused with the line to add."""
    key = signing_key(environ)
    path = root / SIGNERS_FILE
    signers = path.read_bytes() if path.is_file() else None
    if signers is not None and (problems := signers_problems(signers)):
        raise ConfigError("\n".join(problems))
    if key is None:
        return Signing(None, signers)
    probe = b"policysite: the signing key is one of the signers"
    try:
        signature = sign(probe, key)
    except SignatureError as error:
        raise ConfigError(f"{SIGNING_KEY}: {error}") from None
    try:
        if signers is None:
            raise SignatureError("there is no signers file")
        verify(probe, signature, signers)
    except SignatureError as error:
        line = f"<who signs, e.g. policies@example.kz> {public_key(key)}"
        raise ConfigError(
            f"{SIGNING_KEY}: the manifest cannot be signed with {key} so that readers can "
            f"verify it ({error}). List its public key in {SIGNERS_FILE} (OpenSSH's "
            f"allowed_signers format) and commit it:\n  {line}"
        ) from None
    return Signing(key, signers)


def evidence_files(
    how: Signing, manifest_file: bytes, live: LiveManifest | None
) -> tuple[RawFile, ...]:
    """The manifest's signature, the signers, and the live manifest the build was made
    after with its signature, as published beside `/manifest.json`."""
    files: list[RawFile] = []
    if how.key is not None and how.signers is not None:
        signature = sign(manifest_file, how.key)
        verify(manifest_file, signature, how.signers)  # what readers will do, done first
        files.append(RawFile(MANIFEST_SIGNATURE, signature))
    if how.signers is not None:
        files.append(RawFile(PUBLISHED_SIGNERS, how.signers))
    if live is not None:
        files.append(RawFile(PREVIOUS_MANIFEST_FILE, live.raw))
        if live.signature is not None:
            files.append(RawFile(PREVIOUS_MANIFEST_FILE + SIGNATURE_SUFFIX, live.signature))
    return tuple(files)
