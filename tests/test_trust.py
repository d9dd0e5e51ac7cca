"""The site never publishes something wrong: incomplete history, bad input, permanence."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import GitRepo, epoch, policy

from policysite.addresses import Languages
from policysite.config import Options
from policysite.errors import PolicyError
from policysite.history import IncompleteHistory
from policysite.manifest import check_permanence
from policysite.site import SiteBuild, build_site

LANGUAGES = Languages("kk", ("kk", "ru", "en"), {"kk": "Қазақша", "ru": "Русский", "en": "English"})
KK = "policies/acme/privacy.kk.md"


def build(root: Path, **options: object) -> SiteBuild:
    return build_site(
        root,
        root / "docs",
        Options.from_mapping(options),
        LANGUAGES,
        "",
        {"SOURCE_DATE_EPOCH": epoch(__import__("datetime").date(2026, 11, 22))},
    )


@pytest.fixture
def two_versions(repo: GitRepo) -> GitRepo:
    repo.commit({KK: policy("2024-03-01", "## 1. A\n\nOne.\n")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({KK: policy("2025-03-01", "## 1. A\n\nTwo.\n")}, "v2", "2025-02-01T10:00:00+00:00")
    return repo


def policy_pages(site: SiteBuild) -> list[str]:
    return [
        p.content
        for p in site.pages
        if p.path.startswith("acme/privacy/") and p.path.endswith(".md")
    ]


def test_a_shallow_clone_fails_with_the_fix(two_versions: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{two_versions.root}", str(clone)],
        check=True,
    )
    with pytest.raises(PolicyError) as raised:
        build(clone)
    message = str(raised.value)
    assert "shallow git history" in message
    assert "git fetch --unshallow" in message and "fetch-depth: 0" in message
    assert "allow_incomplete_history: true" in message


def test_a_shallow_clone_may_build_marked_incomplete(two_versions: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{two_versions.root}", str(clone)],
        check=True,
    )
    site = build(clone, allow_incomplete_history=True)
    assert site.history.incomplete == IncompleteHistory.SHALLOW
    text = site.history.text("acme/privacy", "kk")
    assert text is not None and [v.id for v in text.versions] == ["2025-03-01"]
    pages = policy_pages(site)
    assert pages and all("!!! danger" in p for p in pages)
    kk = [p.content for p in site.pages if p.path == "acme/privacy/index.kk.md"]
    assert '!!! danger "Тарих толық емес"' in kk[0]


def test_a_folder_without_git_fails_with_the_fix(two_versions: GitRepo, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(two_versions.root, archive, ignore=shutil.ignore_patterns(".git"))
    with pytest.raises(PolicyError) as raised:
        build(archive)
    assert "is not a git repository" in str(raised.value)
    assert "allow_incomplete_history: true" in str(raised.value)


def test_a_folder_without_git_may_build_its_files_marked_incomplete(
    two_versions: GitRepo, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(two_versions.root, archive, ignore=shutil.ignore_patterns(".git"))
    site = build(archive, allow_incomplete_history=True)
    assert site.history.incomplete == IncompleteHistory.NO_GIT
    assert site.git_dir is None
    text = site.history.text("acme/privacy", "kk")
    assert text is not None and [v.id for v in text.versions] == ["2025-03-01"]
    en = [p.content for p in site.pages if p.path == "acme/privacy/index.en.md"]
    assert "History incomplete" in en[0] and "without its git history" in en[0]


def test_the_option_must_be_true_or_false() -> None:
    with pytest.raises(ValueError, match="allow_incomplete_history: expected true or false"):
        Options.from_mapping({"allow_incomplete_history": "yes"})


# Permanence across deploys ---------------------------------------------------


def test_every_build_lists_its_addresses_and_the_hash_of_each_version(
    two_versions: GitRepo,
) -> None:
    manifest = build(two_versions.root).manifest
    addresses = manifest["addresses"]
    assert manifest["built_for"] == "2026-11-22"
    old = addresses["/acme/privacy/2024-03-01/"]
    data = (two_versions.root / KK).read_bytes()  # the 2025 text is the file as it is now
    assert addresses["/acme/privacy/2025-03-01/"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert old["effective"] == "2024-03-01" and len(old["sha256"]) == 64
    for address in (
        "/",
        "/acme/privacy/",
        "/ru/acme/privacy/2024-03-01/",
        "/en/acme/privacy/history/",
        "/acme/privacy/2025-03-01/changes/",
        "/acme/privacy/compare/",
        "/acme/privacy/2025-03-01/sections.json",
        "/ru/acme/privacy/sections/a/",
    ):
        assert address in addresses, address


def test_a_rewritten_history_is_refused(two_versions: GitRepo, tmp_path: Path) -> None:
    before = build(two_versions.root).manifest
    # A force-push: the first version's text quietly changed in a rewritten commit.
    first = two_versions.git("rev-list", "--max-parents=0", "HEAD").strip()
    two_versions.git("reset", "-q", "--hard", first)
    two_versions.git("commit", "-q", "--amend", "-m", "v1", when="2024-02-01T10:00:00+00:00")
    two_versions.write({KK: policy("2024-03-01", "## 1. A\n\nOne, rewritten.\n")})
    two_versions.git("commit", "-q", "-a", "--amend", "--no-edit", when="2024-02-01T10:00:00+00:00")
    two_versions.commit(
        {KK: policy("2025-03-01", "## 1. A\n\nTwo.\n")}, "v2", "2025-02-01T10:00:00+00:00"
    )
    after = build(two_versions.root).manifest
    problems = check_permanence(before, after)
    assert len(problems) == 3  # the version's page in kk, ru and en
    assert all(
        "version 2024-03-01 of acme/privacy" in p and "no correction recorded" in p
        for p in problems
    )
    assert any(p.startswith("/acme/privacy/2024-03-01/:") for p in problems)

    previous, current = tmp_path / "previous.json", tmp_path / "current.json"
    previous.write_text(json.dumps(before), encoding="utf-8")
    current.write_text(json.dumps(after), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "policysite",
            "check-permanence",
            "--previous",
            str(previous),
            "--current",
            str(current),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "3 published promise(s) broken" in done.stderr


def test_a_removed_policy_breaks_its_addresses(two_versions: GitRepo) -> None:
    before = build(two_versions.root).manifest
    two_versions.commit(
        {
            KK: None,
            "policies/acme/terms.kk.md": policy(
                "2025-06-15",
                "## Шарттар\n\nҚызмет көрсету шарттары мүлде басқа мәтін.\n",
                title="Terms",
            ),
        },
        "withdraw the privacy policy",
        "2025-06-01T10:00:00+00:00",
    )
    problems = check_permanence(before, build(two_versions.root).manifest)
    assert (
        "/acme/privacy/2024-03-01/: the address is gone; a published address must stay" in problems
    )
    assert "/ru/acme/privacy/: the address is gone; a published address must stay" in problems


def test_corrections_new_versions_and_upcoming_edits_keep_the_promise(
    two_versions: GitRepo,
) -> None:
    two_versions.commit(
        {KK: policy("2027-01-01", "## 1. A\n\nDraft.\n")}, "upcoming", "2026-10-01T10:00:00+00:00"
    )
    before = build(two_versions.root).manifest
    two_versions.commit(
        {KK: policy("2027-01-01", "## 1. A\n\nFinal.\n")},
        "upcoming, final",
        "2026-11-01T10:00:00+00:00",
    )
    two_versions.commit(
        {"policies/acme/privacy.ru.md": policy("2025-03-01", "## 1. А\n\nДва.\n")},
        "ru translation of 2025-03-01",
        "2026-11-02T10:00:00+00:00",
    )
    after = build(two_versions.root).manifest
    assert check_permanence(before, after) == []
    assert check_permanence(before, before) == []
