"""Rebuilds: a policy whose texts did not change is neither analysed nor rendered again,
and what a rebuild stages is exactly what a build from nothing stages."""

from __future__ import annotations

import shutil
from pathlib import Path

from support import GitRepo, build_pipeline, policy

KK = "policies/acme/privacy.kk.md"
OTHER = "policies/beta/terms.kk.md"
V1 = "## 1. Жалпы\n\nДеректерді түзету.\n\n## 2. Байланыс\n\nХат.\n"


def staged(root: Path) -> dict[str, bytes]:
    folder = root / "build" / "docs"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def two_policies(repo: GitRepo) -> GitRepo:
    repo.commit(
        {KK: policy("2024-03-01", V1), OTHER: policy("2024-03-01", V1, title="Шарттар")},
        "v1",
        "2024-02-01T10:00:00+00:00",
    )
    return repo


def test_a_rebuild_of_the_same_commit_makes_no_policy_again(repo: GitRepo) -> None:
    two_policies(repo)
    first = build_pipeline(repo.root)
    before = staged(repo.root)
    second = build_pipeline(repo.root)
    assert (first.made, second.made) == (2, 0)
    assert second.stage_report.written == 0
    assert staged(repo.root) == before
    assert [p.path for p in second.pages] == [p.path for p in first.pages]


def test_a_new_version_remakes_its_policy_only_and_stages_what_a_fresh_build_does(
    repo: GitRepo, tmp_path: Path
) -> None:
    two_policies(repo)
    build_pipeline(repo.root)
    repo.commit(
        {KK: policy("2025-03-01", V1.replace("түзету", "жою"))}, "v2", "2025-02-01T10:00:00+00:00"
    )
    rebuilt = build_pipeline(repo.root)
    assert rebuilt.made == 1
    assert "acme/privacy/2025-03-01/changes/index.kk.md" in {p.path for p in rebuilt.pages}
    changes = rebuilt.read("acme/privacy/2025-03-01/changes/index.ru.md")
    assert '</span>түзету<span class="ps-sr">]</span></del>' in changes

    fresh = tmp_path / "fresh"
    shutil.copytree(repo.root, fresh, ignore=shutil.ignore_patterns("build", ".cache"))
    build_pipeline(fresh)
    assert staged(repo.root) == staged(fresh)


def test_a_staged_page_deleted_by_hand_is_made_again(repo: GitRepo) -> None:
    two_policies(repo)
    build_pipeline(repo.root)
    page = repo.root / "build" / "docs" / "acme" / "privacy" / "2024-03-01" / "index.kk.md"
    text = page.read_text(encoding="utf-8")
    page.unlink()
    again = build_pipeline(repo.root)
    assert again.made == 1
    assert page.read_text(encoding="utf-8") == text


def test_a_removed_policy_leaves_nothing_staged(repo: GitRepo) -> None:
    two_policies(repo)
    build_pipeline(repo.root)
    repo.commit({OTHER: None}, "drop beta", "2024-05-01T10:00:00+00:00")
    build_pipeline(repo.root)
    assert not [name for name in staged(repo.root) if name.startswith("beta/")]
