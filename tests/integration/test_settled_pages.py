"""An archived version's page settles (issue 30): it depends on itself, its predecessor,
its successor and its status, never on a version published after its successor, so a new
version does not make it again (a site of V versions made V pages again at each one)."""

from __future__ import annotations

from support.pipeline import build_pipeline
from support.repos import GitRepo, policy

KK = "policies/acme/privacy.kk.md"
RU = "policies/acme/privacy.ru.md"


def text(n: int) -> str:
    return f"## 1. Жалпы\n\nДеректер {n}.\n\n## 2. Байланыс\n\nХат.\n"


def staged(repo: GitRepo) -> dict[str, str]:
    build = build_pipeline(repo.root)
    return {page.path: build.read(page.path) for page in build.pages}


def test_a_new_version_leaves_the_pages_of_the_versions_before_its_predecessor_alone(
    repo: GitRepo,
) -> None:
    days = ["2023-01-01", "2024-01-01", "2025-01-01"]
    for n, day in enumerate(days):
        repo.commit(
            {KK: policy(day, text(n)), RU: policy(day, text(n), translation_of=day)},
            f"version of {day}",
            f"{int(day[:4]) - 1}-12-01T00:00:00+00:00",
        )
    before = staged(repo)
    repo.commit(
        {
            KK: policy("2026-01-01", text(3)),
            RU: policy("2026-01-01", text(3), translation_of="2026-01-01"),
        },
        "version of 2026-01-01",
        "2025-12-01T00:00:00+00:00",
    )
    after = staged(repo)
    for lang in ("kk", "ru"):
        for day in days[:2]:  # superseded before, superseded after: the same page
            for page in (
                f"acme/privacy/{day}/index.{lang}.md",
                f"acme/privacy/{day}/changes/index.{lang}.md",
            ):
                assert after[page] == before[page], page
        # The predecessor is superseded now, and says by which version.
        old = f"acme/privacy/2025-01-01/index.{lang}.md"
        assert after[old] != before[old] and "2026-01-01/index.md" in after[old]
    assert "2026-01-01" not in after["acme/privacy/2023-01-01/index.kk.md"]
    # The history lists every version, and every version's page leads there.
    assert "2026-01-01/index.md" in after["acme/privacy/history/index.kk.md"]
    assert "](../history/index.md)" in after["acme/privacy/2023-01-01/index.kk.md"]
