"""The manifest's signature as OpenSSH makes and checks it, with keys made by ssh-keygen."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support.project import SSH_KEYGEN

from policysite.addresses import Languages
from policysite.errors import ConfigError
from policysite.pipeline.evidence import signing
from policysite.render.signing_note import MARKER, with_signing_note
from policysite.signatures import SignatureError, listed_keys, sign, verify

MANIFEST = b'{"format": "policysite-manifest"}\n'


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    made = tmp_path_factory.mktemp("key") / "deploy"
    subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(made)], check=True)
    return made


def signers(key: Path, options: str = "") -> bytes:
    kind, blob = Path(f"{key}.pub").read_text(encoding="utf-8").split()[:2]
    return f"# who may sign\npolicies@example.kz {options}{kind} {blob} acme, 2026\n".encode()


def test_a_signature_names_the_signer_with_its_comment_and_options(key: Path) -> None:
    listed = signers(key, 'namespaces="policysite-manifest" ')
    signer = verify(MANIFEST, sign(MANIFEST, key), listed)
    assert (signer.principal, signer.comment) == ("policies@example.kz", "acme, 2026")
    assert signer.key.startswith("ED25519 key SHA256:")
    assert str(signer) == f"policies@example.kz (acme, 2026), {signer.key}"


def test_a_key_file_as_a_deploy_writes_it_signs(key: Path, tmp_path: Path) -> None:
    """A secret written with the default umask (0644) is refused by ssh-keygen itself."""
    written = tmp_path / "key"
    written.write_bytes(key.read_bytes())
    written.chmod(0o644)
    assert verify(MANIFEST, sign(MANIFEST, written), signers(key)).principal == (
        "policies@example.kz"
    )


def test_a_signature_made_for_something_else_is_refused(key: Path) -> None:
    """The same key's signature of the same bytes, for git: never a manifest's."""
    for_git = subprocess.run(
        [SSH_KEYGEN, "-Y", "sign", "-f", str(key), "-n", "git"],
        input=MANIFEST,
        capture_output=True,
        check=True,
    ).stdout
    with pytest.raises(SignatureError, match="does not match it"):
        verify(MANIFEST, for_git, signers(key))


def test_a_damaged_signature_and_a_key_with_a_passphrase_are_refused(
    key: Path, tmp_path: Path
) -> None:
    with pytest.raises(SignatureError, match="the signature does not match it"):
        verify(MANIFEST, b"-----BEGIN SSH SIGNATURE-----\nAAAA\n", signers(key))
    locked = tmp_path / "locked"
    subprocess.run(
        [SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "secret", "-f", str(locked)], check=True
    )
    with pytest.raises(SignatureError) as raised:
        sign(MANIFEST, locked)
    assert "Give an Ed25519 private key without a passphrase" in str(raised.value)


def test_a_hand_written_page_says_in_its_language_whether_the_site_is_signed() -> None:
    languages = Languages("kk", ("kk", "ru", "en"), {})
    page = b"# About\n\n" + MARKER + b"\n"
    assert "**қол қойылмаған**" in with_signing_note("about.md", page, languages, False).decode()
    assert "**подписан**" in with_signing_note("about.ru.md", page, languages, True).decode()
    assert "**not signed**" in with_signing_note("x/about.en.md", page, languages, False).decode()
    assert with_signing_note("about.txt", page, languages, True) == page  # not a page


def test_every_key_line_is_read_whatever_its_principal_and_options(key: Path) -> None:
    kind, blob = Path(f"{key}.pub").read_text(encoding="utf-8").split()[:2]
    listed = listed_keys(
        f"ssh-deploy@example.kz {kind} {blob}\n"
        f'policies@example.kz valid-before="20270101" {kind} {blob} retired in 2027\n'
        f"  # not a key\nbroken {kind} not-base64!\n".encode()
    )
    fingerprint = listed[0].fingerprint
    assert fingerprint.startswith("SHA256:") and len(listed) == 2
    assert str(listed[0]) == f"ssh-deploy@example.kz {fingerprint}"
    assert str(listed[1]) == (
        f'policies@example.kz valid-before="20270101" {fingerprint} (retired in 2027)'
    )
    # A line whose terms change is another line: a pull request shows it removed and added.
    assert (
        listed[1] != listed_keys(f"policies@example.kz {kind} {blob} retired in 2027\n".encode())[0]
    )


def test_the_comment_shown_is_the_one_of_the_line_that_names_the_signer(key: Path) -> None:
    kind, blob = Path(f"{key}.pub").read_text(encoding="utf-8").split()[:2]
    listed = f"old@example.kz {kind} {blob} the old name\npolicies@example.kz {kind} {blob} ours\n"
    signer = verify(MANIFEST, sign(MANIFEST, key), listed.encode())
    assert (
        signer.comment
        == {"old@example.kz": "the old name", "policies@example.kz": "ours"}[signer.principal]
    )


def test_a_signing_key_that_cannot_sign_stops_the_build_with_the_fix(
    key: Path, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError) as raised:
        signing(tmp_path, {"POLICYSITE_SIGNING_KEY": str(tmp_path / "nowhere")})
    assert str(raised.value) == (
        f"POLICYSITE_SIGNING_KEY: {tmp_path}/nowhere: no such file; give the path of an SSH "
        "private key"
    )
    (tmp_path / "garbage").write_text("not a key\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="Give an Ed25519 private key without a passphrase"):
        signing(tmp_path, {"POLICYSITE_SIGNING_KEY": str(tmp_path / "garbage")})


def test_a_signers_file_that_holds_anything_but_keys_stops_the_build_naming_the_line(
    key: Path, tmp_path: Path
) -> None:
    """It is published as it is (/.well-known/policysite/allowed_signers): judged by its
    bytes, line by line."""
    (tmp_path / ".policysite").mkdir()
    listed = tmp_path / ".policysite/allowed_signers"
    listed.write_bytes(signers(key) + b"\n<script>alert(1)</script>\npolicies@x ssh-ed25519\n")
    with pytest.raises(ConfigError) as raised:
        signing(tmp_path, {})
    fix = (
        "not a key line; write 'principals [options] key-type base64-key [comment]' "
        "(OpenSSH's allowed_signers format), or start the line with #"
    )
    assert str(raised.value) == (
        f".policysite/allowed_signers:4: {fix}\n.policysite/allowed_signers:5: {fix}"
    )
    listed.write_bytes(b"\xff\xfe")
    with pytest.raises(ConfigError, match="allowed_signers: not UTF-8 text"):
        signing(tmp_path, {})
