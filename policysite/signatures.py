"""The manifest's signature, in OpenSSH's own format, made and checked by `ssh-keygen -Y`.

OpenSSH is on every machine a deploy runs on, and its signature format (`SSHSIG`) is
the one git and GitHub verify commits with: no cryptography is written here. The
public keys allowed to sign a site's manifests are listed in OpenSSH's
`allowed_signers` format (`man ssh-keygen`, "ALLOWED SIGNERS"), one line per key:

    policies@getx.kz ssh-ed25519 AAAAC3Nza… getx.kz deploy key, 2026

(principal, key, and an optional comment, which a reader is shown as who signed).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from policysite.errors import PolicysiteError

#: What a signature is made for: a manifest's signature is never valid as anything else.
NAMESPACE = "policysite-manifest"
#: The repository's list of the keys allowed to sign, relative to the site's folder.
SIGNERS_FILE = ".policysite/allowed_signers"
#: A manifest's signature is published beside it with this suffix (`manifest.json.sig`).
SIGNATURE_SUFFIX = ".sig"

_GOOD = re.compile(r'^Good "[^"]*" signature (?:for (?P<who>.+?) )?with (?P<key>\S+ key \S+)$')


class SignatureError(PolicysiteError):
    """A signature cannot be made, or does not prove what it should; the message says which."""


@dataclass(frozen=True)
class Signer:
    """Who signed: the principal the signers file names, its comment there, and the key."""

    principal: str
    key: str  # "ED25519 key SHA256:…"
    comment: str = ""

    def __str__(self) -> str:
        named = f"{self.principal} ({self.comment})" if self.comment else self.principal
        return f"{named}, {self.key}"


def sign(data: bytes, key: Path) -> bytes:
    """The signature of `data` by the private key in the file `key` (no passphrase).

    The key is read from a private copy: a key a deploy wrote from a secret with the
    default permissions is refused by ssh-keygen as "unprotected"."""
    if not key.is_file():
        raise SignatureError(f"{key}: no such file; give the path of an SSH private key")
    with tempfile.TemporaryDirectory(prefix="policysite-sign-") as folder:
        private = Path(folder) / "key"
        private.write_bytes(key.read_bytes())
        private.chmod(0o600)
        done = _ssh_keygen("-Y", "sign", "-f", str(private), "-n", NAMESPACE, data=data)
    if done.returncode != 0 or not done.stdout.startswith(b"-----BEGIN SSH SIGNATURE-----"):
        said = " ".join(done.stderr.decode(errors="replace").split())
        raise SignatureError(
            f"{key}: ssh-keygen cannot sign with it ({said}). Give an Ed25519 private key "
            "without a passphrase (ssh-keygen -t ed25519 -N '' -f KEY)"
        )
    return done.stdout


def public_key(key: Path) -> str:
    """The public half of the private key in `key`, as a line of authorized_keys."""
    with tempfile.TemporaryDirectory(prefix="policysite-sign-") as folder:
        private = Path(folder) / "key"
        private.write_bytes(key.read_bytes())
        private.chmod(0o600)
        done = _ssh_keygen("-y", "-f", str(private))
    if done.returncode != 0:
        raise SignatureError(f"{key}: not an SSH private key ({done.stderr.decode().strip()})")
    return done.stdout.decode().strip()


def verify(data: bytes, signature: bytes, signers: bytes, on: date | None = None) -> Signer:
    """Who of `signers` (an allowed_signers file) signed `data`; SignatureError saying
    what is wrong otherwise: the signature is damaged, made with a key not among the
    signers, or does not match `data` (it was changed after it was signed).

    `on` is the day the signer says it signed (a manifest's `built_for`): a key the list
    retired later (`valid-before="20270101"`) still verifies what it signed before."""
    when = ("-O", f"verify-time={on:%Y%m%d}235959Z") if on else ()
    with tempfile.TemporaryDirectory(prefix="policysite-verify-") as folder:
        signature_file, signers_file = Path(folder) / "sig", Path(folder) / "signers"
        signature_file.write_bytes(signature)
        signers_file.write_bytes(signers)
        found = _ssh_keygen(
            "-Y", "find-principals", *when, "-s", str(signature_file), "-f", str(signers_file)
        )  # fmt: skip
        principals = found.stdout.decode(errors="replace").split() if found.returncode == 0 else []
        if not principals:
            checked = _ssh_keygen(
                "-Y", "check-novalidate", "-n", NAMESPACE, "-s", str(signature_file), data=data
            )
            good = _GOOD.match(checked.stdout.decode(errors="replace").strip())
            if checked.returncode != 0 or good is None:
                raise SignatureError(
                    "the signature does not match it: the manifest was changed after it was "
                    "signed, or the signature is not a policysite manifest's"
                )
            raise SignatureError(
                f"it is signed with a key that is not among the signers ({good['key']}), or "
                "whose line there does not allow it on the day the manifest names "
                "(valid-before, valid-after): whoever signed it is not one the signers allow"
            )
        done = _ssh_keygen(
            "-Y", "verify", *when, "-f", str(signers_file), "-I", principals[0],
            "-n", NAMESPACE, "-s", str(signature_file), data=data,
        )  # fmt: skip
    good = _GOOD.match(done.stdout.decode(errors="replace").strip())
    if done.returncode != 0 or good is None:
        raise SignatureError(
            f"the signature by {principals[0]} does not match it: the manifest was changed "
            "after it was signed, the signature was made for something else, or the "
            "signers' line of its key does not allow it (namespaces=)"
        )
    key = good["key"]
    return Signer(principals[0], key, _comment(signers, key.rsplit(" ", 1)[-1], principals[0]))


#: The key types OpenSSH names in a key line (`man ssh-keygen`), certificates included.
_KEY_TYPE = re.compile(
    r"^(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp(?:256|384|521)"
    r"|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(?:-cert-v01@openssh\.com)?$"
)


@dataclass(frozen=True)
class ListedKey:
    """One line of a signers file: who, on what terms (its options: `valid-before=`,
    `namespaces=`, `cert-authority`), the key's fingerprint, and its comment."""

    principals: str
    options: str
    fingerprint: str  # "SHA256:…", as ssh-keygen names a key
    comment: str

    def __str__(self) -> str:
        said = " ".join(part for part in (self.principals, self.options, self.fingerprint) if part)
        return said + (f" ({self.comment})" if self.comment else "")


def listed_keys(signers: bytes) -> list[ListedKey]:
    """Every key line of an allowed_signers file (comment lines and unreadable keys aside)."""
    return [key for _number, key in _key_lines(signers) if key is not None]


def signers_problems(signers: bytes, name: str = SIGNERS_FILE) -> list[str]:
    """Each line of a signers file that is not a key line, as `file:line: what, fix`: the
    file is published as it is, so it must hold nothing but keys."""
    try:
        signers.decode("utf-8")
    except UnicodeDecodeError:
        return [f"{name}: not UTF-8 text; an allowed_signers file is text (man ssh-keygen)"]
    return [
        f"{name}:{number}: not a key line; write 'principals [options] key-type base64-key "
        "[comment]' (OpenSSH's allowed_signers format), or start the line with #"
        for number, key in _key_lines(signers)
        if key is None
    ]


def _key_lines(signers: bytes) -> list[tuple[int, ListedKey | None]]:
    """Each line of a signers file that is not blank or a comment, numbered from 1, with
    the key it lists (None: it lists none that can be read)."""
    found: list[tuple[int, ListedKey | None]] = []
    for number, line in enumerate(signers.decode(errors="replace").splitlines(), 1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        kind = next((i for i in range(1, len(fields)) if _KEY_TYPE.match(fields[i])), None)
        try:
            blob = base64.b64decode(fields[kind + 1], validate=True) if kind else b""
        except (ValueError, IndexError):
            blob = b""
        if kind is None or not blob:
            found.append((number, None))
            continue
        digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
        key = ListedKey(
            fields[0], " ".join(fields[1:kind]), f"SHA256:{digest}", " ".join(fields[kind + 2 :])
        )
        found.append((number, key))
    return found


def _comment(signers: bytes, fingerprint: str, principal: str) -> str:
    """The comment of the line of `signers` that lists `principal` with the key whose
    fingerprint is `fingerprint`."""
    return next(
        (
            key.comment
            for key in listed_keys(signers)
            if key.fingerprint == fingerprint and principal in key.principals.split(",")
        ),
        "",
    )


def _ssh_keygen(*args: str, data: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    program = os.environ.get("SSH_KEYGEN") or shutil.which("ssh-keygen")
    if program is None:
        raise SignatureError(
            "OpenSSH's ssh-keygen is needed to sign and verify manifests: install it "
            "(Debian, Ubuntu: apt-get install openssh-client), or set SSH_KEYGEN to its path"
        )
    return subprocess.run(
        [program, *args],
        input=data,
        capture_output=True,
        check=False,
        env={**os.environ, "SSH_ASKPASS_REQUIRE": "never"},
        start_new_session=True,  # no terminal to ask a passphrase on
    )
