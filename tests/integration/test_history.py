"""Versions from git history: first parent, renames, statuses, immutability."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from support.project import PROJECT, epoch
from support.repos import GitRepo, policy

from policysite.config import build_day as today
from policysite.errors import ConfigError, PolicyError
from policysite.history.reading import read_history
from policysite.history.repository import GitError, Repository
from policysite.history.texts import History, TranslationState
from policysite.history.versions import Status

LANGS = ("kk", "ru", "en")
UTC = ZoneInfo("UTC")


def history_of(repo: GitRepo) -> History:
    with Repository(repo.root) as git:
        return read_history(git, "policies", LANGS, UTC, "kk")


def ids(history: History, policy_id: str = "acme/privacy", lang: str = "kk") -> list[str]:
    text = history.text(policy_id, lang)
    assert text is not None
    return [v.id for v in text.versions]


def test_each_effective_date_is_a_version_with_the_last_text_carrying_it(repo: GitRepo) -> None:
    path = "policies/acme/privacy.kk.md"
    repo.commit({path: policy("2024-03-01", "Draft.\n")}, "draft", "2024-02-01T10:00:00+00:00")
    repo.commit({path: policy("2024-03-01", "Final.\n")}, "final", "2024-02-10T10:00:00+00:00")
    repo.commit({path: policy("2024-09-01", "Second.\n")}, "v2", "2024-08-01T10:00:00+00:00")

    text = history_of(repo).text("acme/privacy", "kk")
    assert text is not None
    first, second = text.versions
    assert (first.id, second.id) == ("2024-03-01", "2024-09-01")
    assert first.source.body.strip() == "Final."
    assert [c.subject for c in first.commits] == ["draft", "final"]
    assert [c.subject for c in second.commits] == ["v2"]


def test_commits_outside_the_policies_folder_are_ignored(repo: GitRepo) -> None:
    repo.commit({"README.md": "hello\n"}, "readme", "2024-01-01T10:00:00+00:00")
    repo.commit(
        {"policies/acme/privacy.kk.md": policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00"
    )
    repo.commit({"README.md": "hello again\n"}, "docs", "2024-05-01T10:00:00+00:00")

    text = history_of(repo).text("acme/privacy", "kk")
    assert text is not None
    assert [c.subject for v in text.versions for c in v.commits] == ["v1"]


def test_a_merged_pull_request_is_one_step_of_the_first_parent_chain(repo: GitRepo) -> None:
    path = "policies/acme/privacy.kk.md"
    repo.commit({path: policy("2024-03-01", "One.\n")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "edit")
    repo.commit({path: policy("2024-09-01", "Wip.\n")}, "wip", "2024-07-01T10:00:00+00:00")
    repo.commit({path: policy("2024-10-01", "Two.\n")}, "done", "2024-07-02T10:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.commit({"README.md": "x\n"}, "unrelated", "2024-07-03T10:00:00+00:00")
    repo.git(
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge pull request #1",
        "edit",
        when="2024-07-04T10:00:00+00:00",
    )

    text = history_of(repo).text("acme/privacy", "kk")
    assert text is not None
    # The branch's intermediate 2024-09-01 never reached main on its own.
    assert [v.id for v in text.versions] == ["2024-03-01", "2024-10-01"]
    assert text.versions[1].commits[0].subject == "Merge pull request #1"
    assert text.versions[1].source.body.strip() == "Two."


def test_a_renamed_file_keeps_its_versions(repo: GitRepo) -> None:
    old, new = "policies/acme/privacy.kk.md", "policies/acme/privacy-policy.kk.md"
    repo.commit({old: policy("2024-03-01", "One.\n")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.git("mv", old, new)
    repo.commit({}, "rename", "2024-04-01T10:00:00+00:00")
    repo.commit({new: policy("2024-09-01", "Two.\n")}, "v2", "2024-08-01T10:00:00+00:00")

    history = history_of(repo)
    assert history.text("acme/privacy", "kk") is None
    assert ids(history, "acme/privacy-policy") == ["2024-03-01", "2024-09-01"]


@pytest.mark.parametrize(
    ("day", "statuses"),
    [
        (date(2024, 2, 15), ["upcoming", "upcoming", "upcoming"]),
        (date(2024, 3, 1), ["current", "upcoming", "upcoming"]),
        (date(2025, 1, 1), ["superseded", "current", "upcoming"]),
        (date(2027, 1, 15), ["superseded", "superseded", "current"]),
    ],
)
def test_status_is_relative_to_source_date_epoch(
    repo: GitRepo, day: date, statuses: list[str]
) -> None:
    path = "policies/acme/privacy.kk.md"
    for effective, when in [
        ("2024-03-01", "2024-02-01"),
        ("2024-09-01", "2024-08-01"),
        ("2027-01-15", "2024-12-01"),
    ]:
        repo.commit(
            {path: policy(effective, f"{effective}\n")}, effective, f"{when}T10:00:00+00:00"
        )
    text = history_of(repo).text("acme/privacy", "kk")
    assert text is not None

    now = today(UTC, {"SOURCE_DATE_EPOCH": epoch(day)})
    assert now == day
    assert [str(text.status(v, now)) for v in text.versions] == statuses
    current = text.current(now)
    assert (current.id if current else None) == next(
        (v.id for v, s in zip(text.versions, statuses, strict=True) if s == Status.CURRENT), None
    )


def test_a_bad_source_date_epoch_is_named() -> None:
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH: 'yesterday' is not a Unix time"):
        today(UTC, {"SOURCE_DATE_EPOCH": "yesterday"})


def test_editing_a_version_in_force_without_a_correction_fails(repo: GitRepo) -> None:
    path = "policies/acme/privacy.kk.md"
    repo.commit({path: policy("2024-03-01", "Original.\n")}, "v1", "2024-02-01T10:00:00+00:00")
    sha = repo.commit(
        {path: policy("2024-03-01", "Quietly changed.\n")},
        "tweak wording",
        "2024-05-01T10:00:00+00:00",
    )
    with pytest.raises(PolicyError) as raised:
        history_of(repo)
    message = str(raised.value)
    assert "policies/acme/privacy.kk.md" in message
    assert "version 2024-03-01" in message
    assert sha[:7] in message and "tweak wording" in message
    assert "correction: <why>" in message and "later 'effective' date" in message


def test_a_correction_with_its_reason_is_published(repo: GitRepo) -> None:
    path = "policies/acme/privacy.kk.md"
    repo.commit({path: policy("2024-03-01", "Emial us.\n")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit(
        {path: policy("2024-03-01", "Email us.\n", correction="Typo in the word email")},
        "fix typo",
        "2024-05-01T10:00:00+00:00",
    )
    text = history_of(repo).text("acme/privacy", "kk")
    assert text is not None
    (version,) = text.versions
    assert version.source.body.strip() == "Email us."
    (correction,) = version.corrections
    assert correction.reason == "Typo in the word email"
    assert correction.previous.body.strip() == "Emial us."
    assert correction.commit.subject == "fix typo"


def test_a_version_may_change_freely_before_it_takes_effect(repo: GitRepo) -> None:
    path = "policies/acme/privacy.kk.md"
    repo.commit({path: policy("2024-03-01", "Draft.\n")}, "v1", "2024-01-01T10:00:00+00:00")
    repo.commit({path: policy("2024-03-01", "Final.\n")}, "v1 again", "2024-02-28T10:00:00+00:00")
    text = history_of(repo).text("acme/privacy", "kk")
    assert text is not None and text.versions[0].corrections == ()


def test_an_earlier_effective_date_than_the_last_is_an_error(repo: GitRepo) -> None:
    path = "policies/acme/privacy.kk.md"
    repo.commit({path: policy("2024-09-01")}, "v1", "2024-02-01T10:00:00+00:00")
    # Made after the first version took effect (before, it would move that version).
    repo.commit({path: policy("2024-03-01", "Other.\n")}, "back", "2024-10-01T10:00:00+00:00")
    with pytest.raises(PolicyError) as raised:
        history_of(repo)
    assert (
        "policies/acme/privacy.kk.md:3: effective date 2024-03-01 is earlier than 2024-09-01"
        in str(raised.value)
    )


def test_every_problem_is_reported_at_once(repo: GitRepo) -> None:
    repo.commit(
        {
            "policies/acme/privacy.kk.md": "---\ntitle: A\neffective: 2024-13-01\n---\n\nText.\n",
            "policies/Acme/terms.kk.md": policy("2024-03-01"),
            "policies/acme/cookies.md": policy("2024-03-01"),
        },
        "several mistakes",
        "2024-02-01T10:00:00+00:00",
    )
    with pytest.raises(PolicyError) as raised:
        history_of(repo)
    problems = [str(p) for p in raised.value.problems]
    assert len(problems) == 3
    assert (
        "policies/acme/privacy.kk.md:3: effective date 2024-13-01 is not a date (write YYYY-MM-DD)"
        in problems
    )
    assert any(p.startswith("policies/Acme/terms.kk.md: policy id 'Acme/terms'") for p in problems)
    assert any(p.startswith("policies/acme/cookies.md: has no language suffix") for p in problems)


def test_a_translation_follows_the_versions_of_the_authoritative_text(repo: GitRepo) -> None:
    repo.commit(
        {"policies/acme/privacy.kk.md": policy("2024-03-01", "Бір.\n")},
        "kk",
        "2024-02-01T10:00:00+00:00",
    )
    repo.commit(
        {"policies/acme/privacy.kk.md": policy("2024-09-01", "Екі.\n")},
        "kk v2",
        "2024-08-01T10:00:00+00:00",
    )
    repo.commit(
        {"policies/acme/privacy.ru.md": policy("2024-03-01", "Один.\n")},
        "ru",
        "2024-08-02T10:00:00+00:00",
    )
    history = history_of(repo)
    ru = history.view("acme/privacy", "ru")
    assert [(v.id, v.lang, v.source.body.strip()) for v in ru.versions] == [
        ("2024-03-01", "ru", "Один."),
        ("2024-09-01", "kk", "Екі."),
    ]
    en = history.view("acme/privacy", "en")
    assert [v.lang for v in en.versions] == ["kk", "kk"]


def test_a_translation_with_an_unknown_effective_date_is_an_error(repo: GitRepo) -> None:
    repo.commit(
        {
            "policies/acme/privacy.kk.md": policy("2024-03-01"),
            "policies/acme/privacy.ru.md": policy("2024-03-02"),
            "policies/acme/terms.en.md": policy("2024-03-01"),
        },
        "translations",
        "2024-02-01T10:00:00+00:00",
    )
    with pytest.raises(PolicyError) as raised:
        history_of(repo)
    problems = [str(p) for p in raised.value.problems]
    assert any(
        p.startswith("policies/acme/privacy.ru.md:3: effective date 2024-03-02")
        and "matches no version of policies/acme/privacy.kk.md (2024-03-01)" in p
        for p in problems
    )
    assert any(
        p.startswith("policies/acme/terms.en.md: is a translation of policy 'acme/terms'")
        and "add policies/acme/terms.kk.md first" in p
        for p in problems
    )


def test_a_mistake_fixed_by_a_later_commit_does_not_fail_the_build(repo: GitRepo) -> None:
    path = "policies/acme/privacy.kk.md"
    repo.commit({path: "---\ntitle: [unclosed\n---\n"}, "broken", "2024-01-01T10:00:00+00:00")
    repo.commit({path: policy("2024-03-01")}, "fixed", "2024-01-02T10:00:00+00:00")
    history = history_of(repo)
    assert ids(history) == ["2024-03-01"]
    assert any("could not be read and is skipped" in note for note in history.notes)


def test_a_deleted_policy_is_withdrawn_not_forgotten(repo: GitRepo) -> None:
    path = "policies/acme/privacy.kk.md"
    repo.commit({path: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({path: None}, "withdraw", "2024-06-01T10:00:00+00:00")
    history = history_of(repo)
    assert history.policies() == ["acme/privacy"]
    text = history.texts[("acme/privacy", "kk")]
    assert text.withdrawn is not None and text.withdrawn.day.isoformat() == "2024-06-01"
    assert text.status(text.versions[0], date(2026, 11, 22)) == Status.WITHDRAWN
    assert any("is withdrawn on 2024-06-01" in note for note in history.notes)


def test_the_sample_policies_history() -> None:
    """The sample site's own history: every version the README promises."""

    with Repository(PROJECT) as git:
        history = read_history(git, "policies", LANGS, ZoneInfo("Asia/Almaty"), "kk")
    getx = history.text("getx/privacy", "kk")
    meest = history.text("meest/privacy", "kk")
    assert getx is not None and meest is not None
    assert [v.id for v in getx.versions] == ["2024-03-01", "2024-09-01", "2025-06-01", "2027-01-15"]
    assert [v.id for v in meest.versions] == [
        "2023-05-01",
        "2024-02-01",
        "2025-03-01",
        "2026-10-01",
    ]
    assert all(v.summary for v in (*getx.versions, *meest.versions))
    translated = {
        (policy, lang): [v.id for v in text.versions]
        for (policy, lang), text in history.texts.items()
        if lang != "kk"
    }
    assert translated == {
        ("getx/privacy", "ru"): ["2025-06-01"],
        ("getx/privacy", "en"): ["2025-06-01"],
        ("meest/privacy", "ru"): ["2025-03-01", "2026-10-01"],
        ("meest/privacy", "en"): ["2025-03-01"],
    }
    # As in practice, one translation lags behind the Kazakh text in force.
    day = date(2026, 11, 22)
    lagging = history.translation_status("meest/privacy", "en", day)
    assert lagging.state == TranslationState.OUTDATED
    assert lagging.follows is not None and lagging.follows.id == "2025-03-01"
    assert lagging.prevailing is not None and lagging.prevailing.id == "2026-10-01"
    assert history.translation_status("meest/privacy", "ru", day).state == TranslationState.CURRENT
    assert history.translation_status("getx/privacy", "en", day).state == TranslationState.CURRENT


def test_translation_of_names_the_version_a_translation_follows(repo: GitRepo) -> None:
    kk, en = "policies/acme/privacy.kk.md", "policies/acme/privacy.en.md"
    repo.commit({kk: policy("2024-03-01", "Бір.\n")}, "kk v1", "2024-02-01T10:00:00+00:00")
    repo.commit({en: policy("2024-03-01", "One.\n")}, "en v1", "2024-02-02T10:00:00+00:00")
    repo.commit({kk: policy("2024-09-01", "Екі.\n")}, "kk v2", "2024-08-01T10:00:00+00:00")
    # The translator publishes a reworded English text, still of the March version.
    repo.commit(
        {en: policy("2024-10-01", "One, better.\n", translation_of="2024-03-01")},
        "en reworded",
        "2024-09-20T10:00:00+00:00",
    )
    history = history_of(repo)
    view = history.view("acme/privacy", "en")
    assert [(v.id, v.lang, v.source.body.strip()) for v in view.versions] == [
        ("2024-03-01", "en", "One, better."),
        ("2024-09-01", "kk", "Екі."),
    ]
    assert view.versions[0].translates == "2024-03-01"
    status = history.translation_status("acme/privacy", "en", date(2024, 12, 1))
    assert status.state == TranslationState.OUTDATED
    assert status.follows is not None and status.follows.id == "2024-03-01"
    assert history.translation_status("acme/privacy", "en", date(2024, 5, 1)).state == (
        TranslationState.CURRENT
    )
    assert history.translation_status("acme/privacy", "ru", date(2024, 5, 1)).state == (
        TranslationState.MISSING
    )


def test_translation_of_must_name_a_version(repo: GitRepo) -> None:
    repo.commit(
        {
            "policies/acme/privacy.kk.md": policy("2024-03-01"),
            "policies/acme/privacy.ru.md": policy("2024-03-01", translation_of="2024-02-30"),
            "policies/acme/terms.kk.md": policy("2024-03-01"),
            "policies/acme/terms.ru.md": policy("2024-03-05", translation_of="2024-03-04"),
        },
        "translations",
        "2024-02-01T10:00:00+00:00",
    )
    with pytest.raises(PolicyError) as raised:
        history_of(repo)
    problems = [str(p) for p in raised.value.problems]
    assert any(
        p.startswith("policies/acme/privacy.ru.md:4: translation_of 2024-02-30 is not a version id")
        for p in problems
    )
    assert any(
        p.startswith("policies/acme/terms.ru.md:4: translation_of 2024-03-04")
        and "matches no version of policies/acme/terms.kk.md (2024-03-01)" in p
        for p in problems
    )


def test_a_text_missing_from_git_is_named_with_the_fix(repo: GitRepo) -> None:
    repo.commit(
        {"policies/acme/privacy.kk.md": policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00"
    )
    with Repository(repo.root) as git:
        assert git.read_blobs([]) == {}
        with pytest.raises(GitError, match=r"blob 0{40} is missing .*run 'git fsck' there"):
            git.read_blobs(["0" * 40])
