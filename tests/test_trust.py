"""The site never publishes something wrong: incomplete history, bad input, permanence."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from support import GitRepo, epoch, policy

from policysite.addresses import Languages
from policysite.config import Options
from policysite.errors import PolicyError
from policysite.history import IncompleteHistory
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
