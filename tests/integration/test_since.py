"""since.json: what an app shows a user who accepted an older version."""

from __future__ import annotations

import json
from typing import Any

from support.pipeline import build_pipeline
from support.repos import GitRepo, policy

from policysite.render import schemas

KK = "policies/acme/privacy.kk.md"
RU = "policies/acme/privacy.ru.md"
V1 = "## 1. General\n\nWe keep data.\n\n## 2. Contact\n\nWrite to us.\n"
# Section 1 reworded; a section added before Contact, which is renumbered.
V2 = (
    "## 1. General\n\nWe keep your data.\n\n## 2. Retention\n\nOne year.\n\n"
    "## 3. Contact\n\nWrite to us.\n"
)
# Contact renamed.
V3 = (
    "## 1. General\n\nWe keep your data.\n\n## 2. Retention\n\nOne year.\n\n"
    "## 3. Contacts\n\nWrite to us.\n"
)
# Retention removed (upcoming on the build day, 2026-11-22).
V4 = "## 1. General\n\nWe keep your data.\n\n## 3. Contacts\n\nWrite to us.\n"


def since(repo: GitRepo, version: str, lang: str = "kk") -> dict[str, Any]:
    build = build_pipeline(repo.root)
    data: dict[str, Any] = json.loads(build.read(f"acme/privacy/{version}/since.{lang}.json"))
    assert schemas.problem("since", data) is None
    return data


def four_versions(repo: GitRepo) -> None:
    for effective, body, when in (
        ("2024-03-01", V1, "2024-02-01"),
        ("2025-01-01", V2, "2024-12-01"),
        ("2026-01-01", V3, "2025-12-01"),
        ("2027-01-01", V4, "2026-11-01"),
    ):
        summary = f"Version of {effective}"
        repo.commit({KK: policy(effective, body, summary=summary)}, effective, f"{when}T10:00:00Z")


def test_an_older_version_lists_every_version_since_and_each_changed_section(
    repo: GitRepo,
) -> None:
    four_versions(repo)
    data = since(repo, "2024-03-01")
    assert data["accepted"]["id"] == "2024-03-01"
    assert data["in_force"]["id"] == "2026-01-01"
    assert data["ask_again"] is True
    assert [(v["id"], v["summary"]) for v in data["versions"]] == [
        ("2025-01-01", "Version of 2025-01-01"),
        ("2026-01-01", "Version of 2026-01-01"),
    ]
    assert [v["id"] for v in data["upcoming"]] == ["2027-01-01"]
    assert data["compare_url"] == "/acme/privacy/compare/?from=2024-03-01&to=2026-01-01"
    changed = {s["title"] or s["old_title"]: s["kinds"] for s in data["sections"]}
    assert changed == {
        "General": ["modified"],
        "Retention": ["added"],
        "Contacts": ["renamed", "renumbered"],
    }
    contact = next(s for s in data["sections"] if s["title"] == "Contacts")
    assert (contact["old_number"], contact["old_title"]) == ("2.", "Contact")
    assert contact["timeline_url"] == f"/acme/privacy/sections/{contact['lineage']}/"


def test_the_version_in_force_and_an_upcoming_one_ask_nothing(repo: GitRepo) -> None:
    four_versions(repo)
    current = since(repo, "2026-01-01")
    assert current["in_force"]["id"] == "2026-01-01" and current["ask_again"] is False
    assert current["versions"] == [] and current["sections"] == []
    assert current["compare_url"] is None
    assert [v["id"] for v in current["upcoming"]] == ["2027-01-01"]
    upcoming = since(repo, "2027-01-01")
    assert upcoming["ask_again"] is False and upcoming["sections"] == []


def test_a_withdrawn_policy_says_so_and_asks_nothing(repo: GitRepo) -> None:
    repo.commit({KK: policy("2024-03-01", V1)}, "v1", "2024-02-01T10:00:00Z")
    repo.commit({KK: policy("2025-01-01", V2)}, "v2", "2024-12-01T10:00:00Z")
    repo.commit({KK: None}, "withdrawn", "2025-06-01T10:00:00Z")
    data = since(repo, "2024-03-01")
    assert data["withdrawn"] == "2025-06-01"
    assert data["in_force"] is None and data["ask_again"] is False and data["upcoming"] == []


def test_an_untranslated_version_is_compared_in_the_authoritative_language(
    repo: GitRepo,
) -> None:
    repo.commit({KK: policy("2024-03-01", V1)}, "v1", "2024-02-01T10:00:00Z")
    ru = (
        "## 1. Общее\n\nМы храним ваши данные.\n\n## 2. Срок\n\nГод.\n\n## 3. Контакты\n\nПишите.\n"
    )
    repo.commit(
        {KK: policy("2025-01-01", V2), RU: policy("2025-01-01", ru, title="Политика")},
        "v2 and its translation",
        "2024-12-01T10:00:00Z",
    )
    data = since(repo, "2024-03-01", "ru")
    # The accepted version was never translated: the Russian reader is told what changed
    # between the two Kazakh texts, not that every section was rewritten in Russian.
    assert data["sections_lang"] == "kk"
    assert {s["title"]: s["kinds"] for s in data["sections"]} == {
        "General": ["modified"],
        "Retention": ["added"],
        "Contact": ["renumbered"],
    }
    assert data["compare_url"] == "/ru/acme/privacy/compare/?from=2024-03-01&to=2025-01-01"


def test_untranslated_versions_are_said_to_be_compared_in_their_own_language(
    repo: GitRepo,
) -> None:
    """Neither version has an English text: the English since.json lists the Kazakh
    titles it compared, and says they are Kazakh, not English."""
    four_versions(repo)
    data = since(repo, "2024-03-01", "en")
    assert data["sections"] and data["sections_lang"] == "kk"
    assert since(repo, "2024-03-01", "kk")["sections_lang"] == "kk"
