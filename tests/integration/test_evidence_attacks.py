"""What a host that does not hold the key may try on `verify` and `check-permanence`, found
by an attacker's review (issue 33): words that a terminal would act on, addresses and
files made to crash it, keys retired or replaced, and an unsigned manifest served in
place of a signed chain."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support.project import SSH_KEYGEN
from support.repos import GitRepo
from support.signing import (
    PRINCIPAL,
    check,
    deploy,
    keys,
    signed_repo,
    signers_line,
    two_deploys,
    verify,
)
from support.sites import serve

from policysite.signatures import SIGNERS_FILE

__all__ = ["keys"]  # a fixture


def test_what_a_hostile_manifest_says_is_shown_never_acted_on_by_the_terminal(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    signed_repo(repo, keys["deploy"])
    site = deploy(repo, None, tmp_path / "site")
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    fake = "\x1b[H\x1b[2JVerified: all of it.\n\x1b[8m\u202e"
    manifest["site_url"] = fake
    (site / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with serve(site) as url:
        done = verify(f"{url}/acme/privacy/2024-03-01/")
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\u202e" not in done.stderr
    assert "\\x1b[H\\x1b[2JVerified: all of it.\\n\\x1b[8m\\u202e" in done.stderr


@pytest.mark.parametrize(
    "address",
    ["http://127.0.0.1:{port}/тест/x/", "http://[::1/x/", "ftp://example.kz/a/", "not an address"],
)
def test_an_address_that_is_not_a_version_is_one_line_never_a_traceback(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path, address: str
) -> None:
    signed_repo(repo, keys["deploy"])
    site = deploy(repo, keys["deploy"], tmp_path / "site")
    with serve(site) as url:
        done = verify(address.replace("{port}", url.rsplit(":", 1)[1]))
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1


def test_a_manifest_nested_beyond_reason_is_refused_in_one_line(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    signed_repo(repo, keys["deploy"])
    site = deploy(repo, keys["deploy"], tmp_path / "site")
    (site / "manifest.json").write_text("[" * 200_000, encoding="utf-8")
    with serve(site) as url:
        done = verify(f"{url}/acme/privacy/2024-03-01/")
        live = check(site, site, repo.root)
    for said in (done, live):
        assert said.returncode == 1 and "Traceback" not in said.stderr
    assert "no policysite manifest (manifest.json) at the site's root" in done.stderr
    assert "manifest.json: cannot read it (maximum recursion depth exceeded" in live.stderr


def test_a_key_retired_since_still_verifies_what_it_signed_and_its_own_comment_is_shown(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    """The deploy key is retired (`valid-before`) after the manifests were built for their
    days; another line of the same principal, listed first, is another key's."""
    signed_repo(repo, keys["deploy"])
    _first, second = two_deploys(repo, keys, tmp_path)
    kind, blob = Path(f"{keys['deploy']}.pub").read_text(encoding="utf-8").split()[:2]
    signers = tmp_path / "allowed_signers"
    signers.write_text(
        signers_line(keys["stranger"], "old key, REVOKED")
        + f'{PRINCIPAL} valid-before="20261201" {kind} {blob} deploy key until December\n',
        encoding="utf-8",
    )
    done = verify("/acme/privacy/2024-03-01/", "--offline", str(second), "--signers", str(signers))
    assert done.returncode == 0, done.stderr
    assert f"signed by {PRINCIPAL} (deploy key until December), ED25519 key" in done.stdout
    assert "REVOKED" not in done.stdout


def test_a_key_changed_between_deploys_is_said(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    signed_repo(repo, keys["deploy"])
    with (repo.root / SIGNERS_FILE).open("a", encoding="utf-8") as listed:
        listed.write(signers_line(keys["stranger"], "the new key"))
    first = deploy(repo, keys["deploy"], tmp_path / "first")
    second = deploy(repo, keys["stranger"], tmp_path / "2", after=first)
    done = verify("/acme/privacy/2024-03-01/", "--offline", str(second))
    assert done.returncode == 0, done.stderr
    assert "Note: the two manifests were signed with different keys" in done.stdout


def test_a_forged_unsigned_live_manifest_is_refused_where_the_repository_signs(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    """The host serves, in place of the signed chain, an unsigned manifest saying it is
    not signed, with a text of a version in force changed: refused, not a new start."""
    signed_repo(repo, keys["deploy"])
    site = deploy(repo, keys["deploy"], tmp_path / "site")
    (site / "manifest.json.sig").unlink()
    forged = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    forged["signed"] = False
    forged["addresses"]["/acme/privacy/2024-03-01/"]["sha256"] = "0" * 64
    (site / "manifest.json").write_text(json.dumps(forged), encoding="utf-8")
    after = deploy(repo, keys["deploy"], tmp_path / "after", after=site)
    refused = check(site, after, repo.root)
    assert refused.returncode == 1
    assert "is not signed, but the repository lists the keys that sign its manifests" in (
        refused.stderr
    )
    # A signature made for git by the deploy key is no manifest's signature either.
    (site / "manifest.json.sig").write_bytes(
        subprocess.run(
            [SSH_KEYGEN, "-Y", "sign", "-f", str(keys["deploy"]), "-n", "git"],
            input=(site / "manifest.json").read_bytes(),
            capture_output=True,
            check=True,
        ).stdout
    )
    refused = check(site, after, repo.root)
    assert refused.returncode == 1 and "does not verify with .policysite/allowed_signers" in (
        refused.stderr
    )


def test_a_signing_key_removed_from_the_list_stops_the_deploy_until_the_chain_starts_again(
    repo: GitRepo, keys: dict[str, Path], tmp_path: Path
) -> None:
    """A stolen key is removed, not retired: the live manifest it signed no longer
    verifies, and the deploy says why; run by hand with start-signing, it goes on."""
    signed_repo(repo, keys["deploy"])
    site = deploy(repo, keys["deploy"], tmp_path / "site")
    (repo.root / SIGNERS_FILE).write_text(signers_line(keys["stranger"], "new"), encoding="utf-8")
    after = deploy(repo, keys["stranger"], tmp_path / "after", after=site)
    refused = check(site, after, repo.root)
    assert refused.returncode == 1
    assert "or the key that signed it was removed from the list (retire a key with" in (
        refused.stderr
    )
    started = check(site, after, repo.root, "--start-signing")
    assert started.returncode == 0, started.stderr
    assert "the chain of signed manifests starts with this deploy" in started.stdout
