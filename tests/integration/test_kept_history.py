"""`make serve` keeps the committed history between saves (issue 30): a save of a draft
reads no commit again, and a commit, a reset or a new day is read at the next rebuild."""

from __future__ import annotations

from datetime import date

from support.pipeline import build_pipeline
from support.repos import GitRepo, policy

KK = "policies/acme/privacy.kk.md"
V1 = "## 1. Жалпы\n\nДеректер.\n"
V2 = "## 1. Жалпы\n\nДеректер өзгерді.\n"


def versions(repo: GitRepo, day: date = date(2026, 11, 22)) -> list[str]:
    build = build_pipeline(repo.root, drafts=True, day=day)
    return [v.id for v in build.history.view("acme/privacy", "kk").versions]


def test_a_save_reads_no_commit_again_and_shows_the_draft(repo: GitRepo) -> None:
    repo.commit({KK: policy("2024-03-01", V1)}, "v1", "2024-02-01T10:00:00+00:00")
    first = build_pipeline(repo.root, drafts=True)
    repo.write({KK: policy("2027-01-01", V2)})  # the editor saves
    again = build_pipeline(repo.root, drafts=True)
    assert again.history.texts is first.history.texts  # the commits were not read again
    assert ("acme/privacy", "kk") in again.history.drafts
    assert ("acme/privacy", "kk") not in first.history.drafts
    # A build for publishing reads them, and never shows a draft.
    published = build_pipeline(repo.root)
    assert published.history.texts is not first.history.texts and not published.history.drafts


def test_a_commit_a_reset_and_a_new_day_are_read_at_the_next_rebuild(repo: GitRepo) -> None:
    repo.commit({KK: policy("2024-03-01", V1)}, "v1", "2024-02-01T10:00:00+00:00")
    assert versions(repo) == ["2024-03-01"]
    repo.commit({KK: policy("2027-01-01", V2)}, "v2", "2026-11-01T10:00:00+00:00")
    assert versions(repo) == ["2024-03-01", "2027-01-01"]
    repo.git("reset", "-q", "--hard", "HEAD~1")
    assert versions(repo) == ["2024-03-01"]
    repo.commit({KK: policy("2027-01-01", V2)}, "v2 again", "2026-11-02T10:00:00+00:00")
    kept = build_pipeline(repo.root, drafts=True)
    # The day decides what is in force: a new day reads the history for it.
    later = build_pipeline(repo.root, drafts=True, day=date(2027, 1, 2))
    assert later.history.texts is not kept.history.texts
    assert later.history.view("acme/privacy", "kk").current(date(2027, 1, 2)).id == "2027-01-01"
