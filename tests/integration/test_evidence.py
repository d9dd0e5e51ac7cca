"""Evidence without trusting the host: a signed build verifies over http; a changed text,
a changed manifest, a signature by a key the repository does not list, and a broken
chain are each refused by `verify` and by `check-permanence`, with the reason; an
unsigned build builds and says so. Keys are made by ssh-keygen in a temporary folder."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from support.corpus import terms
from support.project import SSH_KEYGEN
from support.repos import GitRepo, policy
from support.signing import (
    KK,
    PRINCIPAL,
    build,
    check,
    deploy,
    keys,
    publish,
    signed_repo,
    signers_line,
    two_deploys,
    verify,
)
from support.sites import serve

from policysite.errors import ConfigError
from policysite.pipeline.evidence import UNSIGNED
from policysite.signatures import SIGNERS_FILE
from policysite.tools.verify import verify_address

__all__ = ["keys"]  # a fixture


def test_a_signed_chained_site_verifies_over_http_and_says_what_is_proven(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    signed_repo(repo, keys["deploy"])
    first, second = two_deploys(repo, keys, tmp_path)
    manifest = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["signed"] is True and manifest["version"] == 5
    first_sha = hashlib.sha256((first / "manifest.json").read_bytes()).hexdigest()
    assert manifest["previous"] == first_sha
    assert (second / "manifest.previous.json").read_bytes() == (
        first / "manifest.json"
    ).read_bytes()
    assert (second / ".well-known/policysite/allowed_signers").read_text() == signers_line(
        keys["deploy"]
    )
    with serve(second) as url:
        done = verify(f"{url}/ru/acme/privacy/2024-03-01/")
        text = verify(f"{url}/acme/privacy/2025-03-01/policy.md")
    assert done.returncode == 0, done.stderr
    said = done.stdout
    entry = manifest["addresses"]["/ru/acme/privacy/2024-03-01/"]
    signers = f"{url}/.well-known/policysite/allowed_signers"
    # No --signers: the verdict says first that the keys are the site's own.
    assert said.startswith(f"Verified with the keys the site itself lists ({signers}), which ")
    hashed = f"{url}/ru/acme/privacy/2024-03-01/policy.md"
    assert f"This text (sha256 {entry['sha256']}, kk) was published as version " in said
    assert "2024-03-01 of acme/privacy, in force from 2024-03-01, announced on" in said
    copy = "(a copy of https://policies.example.kz/ru/acme/privacy/2024-03-01/policy.md)"
    assert f", at {hashed} {copy}, in a manifest built for 2026-11-22" in said
    assert "The signature covers this exact text, not how a page shows it" in said
    assert f"signed by {PRINCIPAL} (acme deploy key), ED25519 key SHA256:" in said
    assert f"It was built after the manifest {first_sha}, which the site serves unchanged" in said
    assert "The manifest before it is signed by" in said
    assert "different keys" not in said
    assert text.returncode == 0 and "as version 2025-03-01 of acme/privacy" in text.stdout
    # Offline, on the saved site, with the repository's own list of keys.
    offline = verify(
        "/acme/privacy/2024-03-01/",
        "--offline",
        str(second),
        "--signers",
        str(repo.root / SIGNERS_FILE),
    )
    assert offline.returncode == 0, offline.stderr
    assert offline.stdout.startswith("Verified. This text (")
    # A saved copy of the text is checked as well as the one served, and a changed one not.
    saved = tmp_path / "saved.md"
    saved.write_bytes((second / "acme/privacy/2024-03-01/policy.md").read_bytes())
    mine = verify("/acme/privacy/2024-03-01/", "--offline", str(second), "--text", str(saved))
    assert mine.returncode == 0 and f"This text ({saved}, sha256 " in mine.stdout
    saved.write_bytes(saved.read_bytes().replace(b"Text.", b"Text!"))
    mine = verify("/acme/privacy/2024-03-01/", "--offline", str(second), "--text", str(saved))
    assert mine.returncode == 1 and f"  - text changed: {saved} has sha256 " in mine.stderr
    # ... and the deploy after it keeps the chain.
    assert check(first, second, repo.root).returncode == 0


def test_a_changed_text_is_refused(repo: GitRepo, keys: dict[str, Path], tmp_path: Path) -> None:
    signed_repo(repo, keys["deploy"])
    site = deploy(repo, keys["deploy"], tmp_path / "site")
    text = site / "acme/privacy/2024-03-01/policy.md"
    text.write_text(text.read_text(encoding="utf-8").replace("Text.", "Text!"), encoding="utf-8")
    with serve(site) as url:
        done = verify(f"{url}/acme/privacy/2024-03-01/")
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"NOT verified: {url}/acme/privacy/2024-03-01/\n  - text changed: "
    )
    assert "but the manifest lists" in done.stderr
    assert f"The manifest is signed by {PRINCIPAL}" in done.stderr  # what still holds, said too
    # The repository's text rewritten (a force-push) is refused by the next deploy.
    repo.git("checkout", "-q", "HEAD~1")
    repo.git("checkout", "-q", "-B", "main")
    repo.commit(
        {KK: policy("2025-03-01", "## 1. General\n\nOther text.\n")},
        "v2'",
        "2025-02-02T10:00:00+00:00",
    )
    current = deploy(repo, keys["deploy"], tmp_path / "next", after=site)
    refused = check(site, current, repo.root)
    assert refused.returncode == 1
    assert "/acme/privacy/2025-03-01/: version 2025-03-01 of acme/privacy" in refused.stderr
    assert "now shows another text" in refused.stderr


def test_a_changed_manifest_is_refused(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    signed_repo(repo, keys["deploy"])
    site = deploy(repo, keys["deploy"], tmp_path / "site")
    text = site / "acme/privacy/2024-03-01/policy.md"
    text.write_text("Another text\n", encoding="utf-8")
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    forged = hashlib.sha256(text.read_bytes()).hexdigest()
    for address in ("/acme/privacy/2024-03-01/", "/acme/privacy/2024-03-01/policy.md"):
        manifest["addresses"][address]["sha256"] = forged
    (site / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with serve(site) as url:
        done = verify(f"{url}/acme/privacy/2024-03-01/")
    assert done.returncode == 1
    assert (
        "the signature of the manifest is refused: the signature by policies@example.kz does "
        "not match it: the manifest was changed after it was signed"
    ) in done.stderr
    current = deploy(repo, keys["deploy"], tmp_path / "next", after=site)
    refused = check(site, current, repo.root)
    assert refused.returncode == 1
    assert "manifest.json: its signature does not verify with .policysite/allowed_signers" in (
        refused.stderr
    )


def test_a_signature_by_a_key_the_repository_does_not_list_is_refused(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    signed_repo(repo, keys["deploy"])
    # The build itself refuses such a key before building anything, with the line to add.
    with pytest.raises(ConfigError) as raised:
        build(repo, keys["stranger"])
    assert "POLICYSITE_SIGNING_KEY: the manifest cannot be signed with" in str(raised.value)
    public = Path(f"{keys['stranger']}.pub").read_text(encoding="utf-8").split()[1]
    assert f"commit it:\n  <who signs, e.g. policies@example.kz> ssh-ed25519 {public}" in str(
        raised.value
    )
    # A site whose manifest someone else signed (the host, say, with its own list of keys).
    site = deploy(repo, keys["deploy"], tmp_path / "site")
    signature = subprocess.run(
        [SSH_KEYGEN, "-Y", "sign", "-f", str(keys["stranger"]), "-n", "policysite-manifest"],
        input=(site / "manifest.json").read_bytes(),
        capture_output=True,
        check=True,
    ).stdout
    (site / "manifest.json.sig").write_bytes(signature)
    with serve(site) as url:
        done = verify(f"{url}/acme/privacy/2024-03-01/", "--signers", str(repo.root / SIGNERS_FILE))
    assert done.returncode == 1
    assert "it is signed with a key that is not among the signers (ED25519 key SHA256:" in (
        done.stderr
    )
    current = deploy(repo, keys["deploy"], tmp_path / "next", after=site)
    refused = check(site, current, repo.root)
    assert refused.returncode == 1 and "is not among the signers" in refused.stderr


def test_a_manifest_whose_previous_does_not_match_is_refused(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    signed_repo(repo, keys["deploy"])
    first, second = two_deploys(repo, keys, tmp_path)
    # The site serves another manifest as the one before (or the chain was forged).
    other = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    (second / "manifest.previous.json").write_text(json.dumps(other), encoding="utf-8")
    with serve(second) as url:
        done = verify(f"{url}/acme/privacy/2024-03-01/")
    assert done.returncode == 1
    assert f"  - chain broken: {url}/manifest.json says it was built after the manifest " in (
        done.stderr
    )
    # A deploy built after another manifest than the live one is refused ...
    current = publish(
        build(repo, keys["deploy"], str(second / "manifest.previous.json")), tmp_path / "third"
    )
    refused = check(first, current, repo.root)
    assert refused.returncode == 1
    assert "but the live one is" in refused.stderr and "chain of publications would break" in (
        refused.stderr
    )
    # ... and so is a live manifest whose own link to the one before it is broken.
    after_second = publish(
        build(repo, keys["deploy"], str(second / "manifest.json")), tmp_path / "4"
    )
    refused = check(second, after_second, repo.root)
    assert refused.returncode == 1
    assert f"chain broken: {second}/manifest.json says it was built after the manifest " in (
        refused.stderr
    )


def test_an_unsigned_build_builds_and_says_so(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    (repo.root / "docs").mkdir()
    (repo.root / "docs/about.ru.md").write_text(
        "# Как читать архив\n\n<!-- policysite:signature -->\n", encoding="utf-8"
    )
    made = build(repo, None)
    assert UNSIGNED in made.notes
    assert made.manifest["signed"] is False and made.manifest["previous"] is None
    assert "Манифест этого сайта **не подписан**." in made.read("about.ru.md")
    site = publish(made, tmp_path / "site")
    assert not (site / "manifest.json.sig").exists()
    with serve(site) as url:
        done = verify(f"{url}/acme/privacy/2024-03-01/")
    assert done.returncode == 1
    assert "  - the manifest is not signed: there is no signature beside it" in done.stderr
    assert "What did check out: This text (sha256 " in done.stderr
    assert f"at {url}/acme/privacy/2024-03-01/policy.md (a copy of " in done.stderr
    assert ") is what the manifest lists for version 2024-03-01 of acme/privacy" in done.stderr
    # The repository lists signers: an unsigned build after it is refused, with the fix ...
    (repo.root / ".policysite").mkdir()
    (repo.root / SIGNERS_FILE).write_text(signers_line(keys["deploy"]), encoding="utf-8")
    forgot = deploy(repo, None, tmp_path / "forgot", after=site)
    refused = check(site, forgot, repo.root, "--start-signing")
    assert refused.returncode == 1
    assert "the new build is not signed, but the repository lists the keys" in refused.stderr
    assert "the Actions secret POLICYSITE_SIGNING_KEY" in refused.stderr
    # ... and so is a signed one after an unsigned live manifest (a host could serve a
    # forged one), unless the deploy says it starts signing: then the chain starts, once.
    signing = build(repo, keys["deploy"], str(site / "manifest.json"))
    assert "Манифест этого сайта **подписан**." in signing.read("about.ru.md")
    assert UNSIGNED not in signing.notes
    signed = publish(signing, tmp_path / "next")
    refused = check(site, signed, repo.root)
    assert refused.returncode == 1
    assert "is not signed, but the repository lists the keys that sign its manifests" in (
        refused.stderr
    )
    assert "check-permanence --start-signing" in refused.stderr
    started = check(site, signed, repo.root, "--start-signing")
    assert started.returncode == 0, started.stderr
    assert (
        "is accepted without a signature this repository's keys verify (--start-signing): the "
        "chain of signed manifests starts with this deploy"
    ) in started.stdout
    with serve(signed) as url:
        first_signed = verify(f"{url}/acme/privacy/2024-03-01/")
    assert first_signed.returncode == 0, first_signed.stderr
    assert "The manifest before it is not signed: the chain of signed manifests starts here." in (
        first_signed.stdout
    )
    # A live manifest that says it is signed, its signature gone, is refused.
    (signed / "manifest.json.sig").unlink()
    after = deploy(repo, keys["deploy"], tmp_path / "after", after=signed)
    refused = check(signed, after, repo.root)
    assert refused.returncode == 1 and "says it is signed, but no signature is beside it" in (
        refused.stderr
    )


def test_every_version_of_long_terms_through_a_messy_history_verifies(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    """Long English terms with CRLF line ends, renamed in the commit of a new version, an
    upcoming version reverted before its day, and a translation merged from a branch:
    each address of each version, in every language, verifies; the next deploy too."""
    (repo.root / ".policysite").mkdir()
    (repo.root / SIGNERS_FILE).write_text(signers_line(keys["deploy"]), encoding="utf-8")
    crlf = terms(0, sections=40).replace("\n", "\r\n")
    repo.commit({KK: policy("2024-03-01", crlf, title="Terms")}, "v1", "2024-02-01T10:00:00Z")
    repo.git("mv", KK, "policies/acme/terms.kk.md")
    repo.commit(
        {"policies/acme/terms.kk.md": policy("2025-03-01", terms(1, sections=40), title="Terms")},
        "renamed to terms, with a new version",
        "2025-02-01T10:00:00Z",
    )
    upcoming = policy("2027-02-01", terms(2, sections=40), title="Terms")
    repo.commit({"policies/acme/terms.kk.md": upcoming}, "v3", "2026-10-01T10:00:00Z")
    repo.git("revert", "--no-edit", "HEAD", when="2026-10-02T10:00:00Z")
    repo.git("checkout", "-q", "-b", "translation", "HEAD~3")
    repo.commit(
        {"policies/acme/privacy.ru.md": policy("2024-03-01", crlf, title="Условия")},
        "ru",
        "2024-02-10T10:00:00Z",
    )
    repo.git("checkout", "-q", "main")
    repo.git(
        "merge", "-q", "--no-ff", "-m", "translation", "translation", when="2026-10-03T10:00:00Z"
    )
    made = build(repo, keys["deploy"])
    assert "acme/terms" in made.history.policies()  # the rename kept its versions
    site = publish(made, tmp_path / "site")
    listed = repo.root / SIGNERS_FILE
    versions = [a for a, entry in made.manifest["addresses"].items() if "version" in entry]
    # A page and a policy.md for each of 3 versions (the one taken back included), in 3
    # languages: the translation merged under the former id kept that id's first version.
    assert len(versions) == 18 and "/ru/acme/privacy/2024-03-01/policy.md" in versions
    for address in versions:
        verdict = verify_address(address, site, listed)
        assert verdict.ok, (address, verdict.failed)
    # Committed with CRLF line ends, published as the site publishes every text (line ends
    # aside): the hash is of what is served.
    assert (repo.root / "policies/acme/privacy.ru.md").read_bytes().count(b"\r\n") > 100
    later = deploy(repo, keys["deploy"], tmp_path / "later", after=site)
    assert check(site, later, repo.root).returncode == 0
    done = verify("/ru/acme/terms/2027-02-01/", "--offline", str(later), "--signers", str(listed))
    assert done.returncode == 0, done.stderr


def test_a_live_signature_that_is_no_signature_is_not_published_again(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    signed_repo(repo, keys["deploy"])
    site = deploy(repo, keys["deploy"], tmp_path / "site")
    (site / "manifest.json.sig").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        build(repo, keys["deploy"], str(site / "manifest.json"))
    assert str(raised.value) == (
        f"POLICYSITE_PREVIOUS_MANIFEST: {site}/manifest.json.sig is not an SSH signature (it "
        "does not begin with -----BEGIN SSH SIGNATURE-----): find out who changed the live site"
    )
