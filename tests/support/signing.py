"""Signed sites for the tests: keys made by ssh-keygen, a repository that lists one, its
builds (by the pipeline, signed or not, after a live manifest or not), what a deploy
publishes of them, and `verify` and `check-permanence` as a reader and a deploy run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policysite.pipeline.assemble import SiteBuild
from policysite.signatures import SIGNERS_FILE
from support.pipeline import build_pipeline, run_check_permanence
from support.project import SSH_KEYGEN
from support.repos import GitRepo, policy


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two Ed25519 keys: `deploy` (the repository lists it) and `stranger` (it does not)."""
    folder = tmp_path_factory.mktemp("keys")
    made = {}
    for name in ("deploy", "stranger"):
        key = folder / name
        subprocess.run(
            [SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)],
            check=True,
        )
        made[name] = key
    return made


LIVE = "https://policies.example.kz/"
KK = "policies/acme/privacy.kk.md"
PRINCIPAL = "policies@example.kz"


def signers_line(key: Path, comment: str = "acme deploy key") -> str:
    kind, blob = Path(f"{key}.pub").read_text(encoding="utf-8").split()[:2]
    return f"{PRINCIPAL} {kind} {blob} {comment}\n"


def signed_repo(repo: GitRepo, key: Path) -> None:
    """A policy published on 2024-03-01 and changed on 2025-03-01; `key` allowed to sign."""
    (repo.root / ".policysite").mkdir()
    (repo.root / SIGNERS_FILE).write_text(signers_line(key), encoding="utf-8")
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit(
        {KK: policy("2025-03-01", "## 1. General\n\nNew text.\n")},
        "v2",
        "2025-02-01T10:00:00+00:00",
    )


def build(repo: GitRepo, key: Path | None, live: str | None = None) -> SiteBuild:
    environ = {"POLICYSITE_SIGNING_KEY": str(key)} if key else {}
    if live:
        environ["POLICYSITE_PREVIOUS_MANIFEST"] = live
    return build_pipeline(repo.root, site_url=LIVE, environ=environ)


def publish(made: SiteBuild, folder: Path) -> Path:
    """What a deploy publishes that `verify` reads: the manifest and the files beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").write_bytes(made.manifest_file)
    for file in made.raw_files:
        (folder / file.path).parent.mkdir(parents=True, exist_ok=True)
        (folder / file.path).write_bytes(file.data)
    return folder


def deploy(repo: GitRepo, key: Path | None, folder: Path, after: Path | None = None) -> Path:
    """A deploy of `repo` signed with `key`, built after the site in `after` (if any), as
    published in `folder`."""
    return publish(build(repo, key, str(after / "manifest.json") if after else None), folder)


def verify(address: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "policysite", "verify", address, *options],
        capture_output=True,
        text=True,
    )


def check(live: Path, current: Path, root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return run_check_permanence(live / "manifest.json", current / "manifest.json", root, *options)


def two_deploys(repo: GitRepo, keys: dict[str, Path], tmp_path: Path) -> tuple[Path, Path]:
    """The first deploy's site, and the second's, built after the first was live."""
    first = deploy(repo, keys["deploy"], tmp_path / "first")
    repo.commit(
        {KK: policy("2027-02-01", "## 1. General\n\nLater.\n")}, "v3", "2026-11-01T10:00:00+00:00"
    )
    second = build(repo, keys["deploy"], str(first / "manifest.json"))
    return first, publish(second, tmp_path / "second")
