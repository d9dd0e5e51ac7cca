"""A policy's life where two rules meet: an id used again, a policy withdrawn and added
again, renamed back. Each case once published a wrong page or lost a published one."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.pipeline import build_pipeline
from support.project import copy_site_config
from support.repos import GitRepo, policy

from policysite.errors import PolicyError
from policysite.history.life import Happening, lives
from policysite.history.reading import read_history
from policysite.history.repository import Repository
from policysite.history.texts import History
from policysite.history.versions import Status
from policysite.mkdocs.project import load_project
from policysite.tools.permanence import check_permanence
from policysite.tools.pr_summary import summarize

PRIVACY = "policies/acme/privacy.kk.md"
TERMS = "policies/acme/terms.kk.md"


def history_of(repo: GitRepo, today: date | None = None) -> History:
    with Repository(repo.root) as git:
        return read_history(git, "policies", ("kk", "ru", "en"), ZoneInfo("UTC"), "kk", today=today)


def refusal(repo: GitRepo) -> str:
    with pytest.raises(PolicyError) as error:
        history_of(repo)
    return str(error.value)


def two_policies_then_privacy_withdrawn(repo: GitRepo) -> None:
    repo.commit(
        {PRIVACY: policy("2024-03-01"), TERMS: policy("2024-03-01", title="Terms")},
        "two policies",
        "2024-02-01T10:00:00+00:00",
    )
    repo.commit({PRIVACY: None}, "withdraw the privacy policy", "2024-06-01T10:00:00+00:00")


def test_renaming_a_policy_onto_a_withdrawn_policys_id_is_refused(repo: GitRepo) -> None:
    two_policies_then_privacy_withdrawn(repo)
    repo.git("mv", TERMS, PRIVACY)
    repo.commit({}, "the terms become the privacy policy", "2024-07-01T10:00:00+00:00")

    message = refusal(repo)
    assert f"{PRIVACY}: the id acme/privacy belongs to the policy withdrawn" in message
    assert "An id once published belongs to that policy forever" in message
    assert f"git mv {PRIVACY} policies/<another id>.kk.md" in message
    assert f"git mv {PRIVACY} {TERMS}" in message  # or rename it back


def test_a_new_policy_at_a_renamed_policys_former_id_is_refused(repo: GitRepo) -> None:
    repo.commit({PRIVACY: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.git("mv", PRIVACY, TERMS)
    repo.commit({}, "rename", "2024-04-01T10:00:00+00:00")
    repo.commit({PRIVACY: policy("2024-09-01", title="New")}, "new", "2024-08-01T10:00:00+00:00")

    message = refusal(repo)
    assert f"{PRIVACY}: the id acme/privacy belongs to the policy renamed to acme/terms" in message
    assert "its addresses redirect there" in message


def test_a_reused_id_moved_to_an_id_of_its_own_leaves_both_policies_whole(repo: GitRepo) -> None:
    """The fix the refusal proposes: both policies keep every version, and only the
    renamed policy's former id redirects."""
    two_policies_then_privacy_withdrawn(repo)
    repo.git("mv", TERMS, PRIVACY)
    repo.commit({}, "reuse", "2024-07-01T10:00:00+00:00")
    repo.git("mv", PRIVACY, "policies/acme/rules.kk.md")
    repo.commit({}, "choose another id", "2024-07-02T10:00:00+00:00")

    history = history_of(repo)
    assert history.policies() == ["acme/privacy", "acme/rules"]
    withdrawn = history.texts[("acme/privacy", "kk")]
    assert withdrawn.withdrawn is not None and withdrawn.versions[0].title == "Privacy policy"
    assert history.texts[("acme/rules", "kk")].versions[0].title == "Terms"
    assert dict(history.moves) == {"acme/terms": "acme/rules"}


def test_renaming_back_gives_the_id_back(repo: GitRepo) -> None:
    repo.commit({PRIVACY: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.git("mv", PRIVACY, TERMS)
    repo.commit({}, "rename", "2024-04-01T10:00:00+00:00")
    repo.git("mv", TERMS, PRIVACY)
    repo.commit({}, "rename back", "2024-05-01T10:00:00+00:00")

    history = history_of(repo)
    assert history.policies() == ["acme/privacy"]
    assert dict(history.moves) == {"acme/terms": "acme/privacy"}


def withdrawn_then_added_again(repo: GitRepo) -> None:
    repo.commit({PRIVACY: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({PRIVACY: None}, "withdraw", "2024-06-01T10:00:00+00:00")
    repo.commit(
        {PRIVACY: policy("2025-03-01", "## 1. General\n\nBack.\n")},
        "add the policy again",
        "2025-01-15T10:00:00+00:00",
    )


def test_a_policy_added_again_keeps_the_time_it_was_withdrawn(repo: GitRepo) -> None:
    withdrawn_then_added_again(repo)
    text = history_of(repo).texts[("acme/privacy", "kk")]
    first, back = text.versions
    today = date(2025, 6, 1)
    assert text.withdrawn is None
    assert text.status(first, today) == Status.WITHDRAWN
    assert text.last_day(first, today) == date(2024, 5, 31)
    assert text.status(back, today) == Status.CURRENT
    # Nothing was in force while it was withdrawn, nor between its return and its day.
    assert text.current(date(2024, 12, 1)) is None
    assert text.current(date(2025, 2, 1)) is None
    assert text.current(today) is back


def test_a_policy_added_again_says_so_on_its_pages(repo: GitRepo) -> None:
    withdrawn_then_added_again(repo)
    site = build_pipeline(repo.root, day=date(2025, 6, 1))
    page = site.read("acme/privacy/2024-03-01/index.en.md")
    assert "March\u00a01, 2024 – May\u00a031, 2024" in page, page[:3000]
    on = site.read("acme/privacy/on/index.en.md")
    versions = json.loads(on.split('data-versions="')[1].split('"')[0].replace("&#34;", '"'))
    assert [v.get("ended") for v in versions] == ["2024-06-01", None]


def test_a_policy_added_again_with_a_version_it_had_before_is_refused(repo: GitRepo) -> None:
    text = policy("2024-03-01")
    repo.commit({PRIVACY: text}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({PRIVACY: None}, "withdraw", "2024-06-01T10:00:00+00:00")
    repo.commit({PRIVACY: text}, "restore", "2024-07-01T10:00:00+00:00")

    message = refusal(repo)
    assert "was withdrawn on 2024-06-01 and added again" in message
    assert "a policy added again comes back with a new version" in message
    assert "effective: 2024-07-01" in message


def test_a_policys_life_is_one_ordered_record_of_what_happened(repo: GitRepo) -> None:
    ru = "policies/acme/privacy.ru.md"
    repo.commit({PRIVACY: policy("2024-03-01", "One.\n")}, "create", "2024-01-10T10:00:00+00:00")
    repo.commit({PRIVACY: policy("2024-03-01", "One!\n")}, "edit", "2024-01-20T10:00:00+00:00")
    repo.commit({ru: policy("2024-03-01", "Раз.\n")}, "ru", "2024-02-01T10:00:00+00:00")
    repo.commit({PRIVACY: policy("2024-06-01", "Two.\n")}, "v2", "2024-04-01T10:00:00+00:00")
    repo.commit({PRIVACY: policy("2024-07-01", "Two.\n")}, "later", "2024-04-02T10:00:00+00:00")
    fixed = policy("2024-07-01", "Two, fixed.\n", correction="a typo")
    repo.commit({PRIVACY: fixed}, "fix", "2024-08-01T10:00:00+00:00")
    repo.commit({ru: None}, "drop ru", "2024-08-02T10:00:00+00:00")
    repo.git("mv", PRIVACY, TERMS)
    repo.commit({}, "rename", "2024-09-01T10:00:00+00:00")
    repo.commit({TERMS: None}, "withdraw", "2024-10-01T10:00:00+00:00")
    back = policy("2025-01-01", "Three.\n", urgent="a court order")
    repo.commit({TERMS: back}, "back", "2024-12-01T10:00:00+00:00")

    history = history_of(repo)
    life = lives(history, date(2025, 6, 1), ZoneInfo("UTC"))["acme/terms"]
    H = Happening
    assert [(e.day.isoformat(), e.happening, e.lang, e.version, e.detail) for e in life.events] == [
        ("2024-01-10", H.CREATED, "kk", "2024-03-01", None),
        ("2024-01-20", H.EDITED, "kk", "2024-03-01", None),
        ("2024-02-01", H.TRANSLATION_ADDED, "ru", "2024-03-01", None),
        ("2024-03-01", H.TOOK_EFFECT, "kk", "2024-03-01", None),
        ("2024-04-01", H.ANNOUNCED, "kk", "2024-06-01", None),
        ("2024-04-02", H.POSTPONED, "kk", "2024-06-01", "2024-07-01"),
        ("2024-07-01", H.TOOK_EFFECT, "kk", "2024-07-01", None),
        ("2024-08-01", H.CORRECTED, "kk", "2024-07-01", "a typo"),
        ("2024-08-02", H.TRANSLATION_REMOVED, "ru", None, None),
        ("2024-09-01", H.RENAMED, "kk", None, "acme/privacy"),
        ("2024-10-01", H.WITHDRAWN, "kk", None, None),
        ("2024-12-01", H.ADDED_AGAIN, "kk", None, None),
        ("2024-12-01", H.ANNOUNCED, "kk", "2025-01-01", None),
        ("2025-01-01", H.TOOK_EFFECT, "kk", "2025-01-01", None),
    ]


def test_check_permanence_names_what_happened_to_a_policy_whose_address_is_gone(
    repo: GitRepo,
) -> None:
    repo.commit({PRIVACY: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.git("mv", PRIVACY, TERMS)
    repo.commit({}, "rename", "2024-04-01T10:00:00+00:00")
    history = history_of(repo)
    entry = {"policy": "acme/privacy", "version": "2024-03-01", "sha256": "0" * 64}
    gone = {"addresses": {"/acme/privacy/2024-03-01/": entry}}
    renamed = check_permanence(gone, {"addresses": {}}, history=history)
    assert "Policy acme/privacy was renamed to acme/terms in commit" in renamed[0]
    assert "its addresses no longer redirect there" in renamed[0]
    entry["policy"] = "beta/cookies"
    lost = check_permanence(gone, {"addresses": {}}, history=history)
    assert "No file of policy beta/cookies is in the history of the policies folder" in lost[0]
    assert "was extra.policysite.policies_dir changed" in lost[0]


ONE = "## 1. Жалпы\n\nМәтін.\n\n## 2. Байланыс\n\nХат.\n"
OTHER = "## 1. Жалпы\n\nЖаңа ереже: деректерді бермейміз.\n\n## 2. Байланыс\n\nХат.\n"
THIRD = "## 1. Жалпы\n\nМүлде басқа ереже.\n\n## 2. Байланыс\n\nХат.\n"


@pytest.mark.parametrize(
    "moves",
    [
        [("2024-01-11", ONE), ("2024-02-22", OTHER), ("2024-02-09", OTHER), ("2024-02-23", THIRD)],
        [("2024-03-03", ONE), ("2024-03-04", ONE), ("2024-02-09", ONE)],
    ],
    ids=["rewritten-and-moved", "postponed-then-brought-forward"],
)
def test_a_first_version_moved_again_and_again_keeps_every_page_it_had(
    repo: GitRepo, moves: list[tuple[str, str]]
) -> None:
    """Found by the editors' stories: a taken-back version's "what it would have changed"
    page and its sections' timelines depended on the version before it, and vanished once
    that one was taken back too (or appeared). Each now stays: with no version before it,
    every section is new, and every section of a taken-back version has a timeline."""
    published: set[str] = set()
    for effective, body in moves:
        repo.commit({PRIVACY: policy(effective, body)}, effective, "2024-01-10T10:00:00+00:00")
        site = build_pipeline(repo.root, day=date(2024, 1, 10))
        addresses = set(site.manifest["addresses"])
        assert published <= addresses, sorted(published - addresses)
        published = addresses
    assert "/acme/privacy/sections/zhalpy/" in published
    assert f"/acme/privacy/{moves[0][0]}/changes/" in published
    if all(moves[0][0] < effective for effective, _ in moves[1:]):  # none came before it
        page = site.read(f"acme/privacy/{moves[0][0]}/changes/index.en.md")
        assert "No version came before it: every section is new." in page


RU_FILE = "policies/acme/privacy.ru.md"


def both_brought_forward(repo: GitRepo) -> str:
    """A version of 3 March with its Russian text ("Раз."), both brought forward to 9
    February ("Два."), all on 10 January; returns that day's commit time."""
    when = "2024-01-10T10:00:00+00:00"
    repo.commit({PRIVACY: policy("2024-03-03", "## 1. A\n\nA.\n")}, "kk", when)
    repo.commit({RU_FILE: policy("2024-03-03", "## 1. А\n\nРаз.\n")}, "ru", when)
    forward = {
        PRIVACY: policy("2024-02-09", "## 1. A\n\nA.\n"),
        RU_FILE: policy("2024-02-09", "## 1. А\n\nДва.\n"),
    }
    repo.commit(forward, "both brought forward", when)
    return when


def test_a_translation_follows_its_version_brought_forward_or_moved_twice(repo: GitRepo) -> None:
    """Found by the editors' stories: a translation moved to an earlier day with its
    version was refused as "earlier than a version in force", and one left behind by two
    moves was no longer shown."""
    when = both_brought_forward(repo)
    site = build_pipeline(repo.root, day=date(2024, 1, 10))
    assert "Два." in site.read("acme/privacy/2024-02-09/index.ru.md")
    assert "Раз." in site.read("acme/privacy/2024-03-03/index.ru.md")  # as published there
    for effective in ("2024-02-20", "2024-02-25"):  # the Kazakh text moves on alone
        repo.commit({PRIVACY: policy(effective, "## 1. A\n\nA.\n")}, effective, when)
    site = build_pipeline(repo.root, day=date(2024, 1, 10))
    assert "Два." in site.read("acme/privacy/2024-02-25/index.ru.md")


def test_the_version_a_policy_came_back_with_may_be_brought_forward(repo: GitRepo) -> None:
    """Found by the editors' stories: the version a policy came back with is an upcoming
    version like any other until its day, and the period it was withdrawn ends with it."""
    withdrawn_then_added_again(repo)  # back on 2025-01-15 with 2025-03-01
    sooner = policy("2025-02-20", "## 1. General\n\nBack.\n")
    repo.commit({PRIVACY: sooner}, "sooner", "2025-01-16T10:00:00+00:00")
    text = history_of(repo).texts[("acme/privacy", "kk")]
    assert [v.id for v in text.versions] == ["2024-03-01", "2025-02-20"]
    assert text.past_withdrawals[0].until == date(2025, 2, 20)
    repo.commit({PRIVACY: policy("2024-03-01")}, "the old text back", "2025-01-17T10:00:00+00:00")
    assert "its versions from before cannot come back" in refusal(repo)


def test_a_site_whose_every_policy_is_withdrawn_still_builds_from_a_fresh_clone(
    repo: GitRepo, tmp_path: Path
) -> None:
    """Found by the editors' stories: git keeps no empty folder, so a clone made after the
    last policy was withdrawn has no policies folder, and the build said it "does not
    exist" instead of publishing the withdrawn policy's versions."""
    repo.commit({PRIVACY: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({PRIVACY: None}, "withdraw", "2024-06-01T10:00:00+00:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo.root), str(clone)], check=True)
    assert not (clone / "policies").exists()
    site = build_pipeline(clone, day=date(2024, 7, 1))
    assert "/acme/privacy/2024-03-01/" in site.manifest["addresses"]
    assert "withdrawn" in site.read("acme/privacy/2024-03-01/index.en.md")


def test_a_version_moved_away_from_a_day_and_back_keeps_its_first_announcement(
    repo: GitRepo,
) -> None:
    """Found by the editors' stories: announced on 19 November for 14 February, brought
    forward to 2 January, postponed to 6 January and brought back to 2 January, the
    version was said to be announced on 1 January (the day it left 2 January was taken
    for the day it came there). Every move is now read in order."""
    repo.commit({PRIVACY: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({PRIVACY: policy("2025-02-14")}, "v2", "2024-11-19T10:00:00+00:00")
    for effective in ("2025-01-02", "2025-01-06", "2025-01-02"):
        repo.commit({PRIVACY: policy(effective)}, effective, "2025-01-01T10:00:00+00:00")
    site = build_pipeline(repo.root, day=date(2025, 1, 1), notice_days=30)
    versions = json.loads(site.read("acme/privacy/versions.kk.json"))["versions"]
    found = {entry["id"]: (entry["status"], entry["announced"]) for entry in versions}
    assert found["2025-01-02"] == ("upcoming", "2024-11-19")
    assert found["2025-02-14"] == ("moved", "2024-11-19")
    assert found["2025-01-06"][0] == "moved"
    text = site.history.texts[("acme/privacy", "kk")]
    assert text.moved_from("2025-01-02") == ("2025-01-06", "2025-01-02", "2025-02-14")
    assert text.shown_as("2025-02-14") == text.shown_as("2025-01-06") == "2025-01-02"


def test_a_translation_deleted_before_a_rename_stays_beside_the_new_one(repo: GitRepo) -> None:
    """Found by the editors' stories: a Russian text deleted, the policy renamed, and a new
    Russian text added under the new id: the deleted one stayed under the former id,
    "a translation of a policy which has no authoritative text", and the build stopped."""
    ru = "policies/acme/privacy.ru.md"
    repo.commit(
        {PRIVACY: policy("2024-03-01"), ru: policy("2024-03-01", "## 1. Общее\n\nРаз.\n")},
        "v1",
        "2024-02-01T10:00:00+00:00",
    )
    repo.commit({ru: None}, "delete the Russian text", "2024-04-01T10:00:00+00:00")
    repo.git("mv", PRIVACY, TERMS)
    repo.commit({}, "rename", "2024-04-02T10:00:00+00:00")
    later = {
        TERMS: policy("2024-06-01", "## 1. General\n\nTwo.\n"),
        "policies/acme/terms.ru.md": policy("2024-06-01", "## 1. Общее\n\nДва.\n"),
    }
    repo.commit(later, "v2 with its Russian text", "2024-04-03T10:00:00+00:00")
    site = build_pipeline(repo.root, day=date(2024, 7, 1))
    assert "Раз." in site.read("acme/terms/2024-03-01/index.ru.md")
    assert "Два." in site.read("acme/terms/2024-06-01/index.ru.md")
    assert site.manifest["addresses"]["/ru/acme/privacy/2024-03-01/"]["moved_to"] == (
        "/ru/acme/terms/2024-03-01/"
    )


def test_a_first_version_moved_back_to_a_day_it_had_is_brought_forward_not_new(
    repo: GitRepo,
) -> None:
    """A first version moved 16 February -> 9 February -> 8 April -> 9 February: back on
    a day it had, it is the same version brought forward, not a new policy."""
    copy_site_config(repo.root)
    when = "2024-01-10T10:00:00+00:00"
    for effective in ("2024-02-16", "2024-02-09", "2024-04-08", "2024-02-09"):
        base = repo.git("rev-parse", "HEAD").strip() if effective != "2024-02-16" else None
        repo.commit({PRIVACY: policy(effective)}, effective, when)
    assert base is not None
    summary = summarize(load_project(repo.root), base, "HEAD", date(2024, 1, 10))
    assert "`acme/privacy` (kk) — upcoming version brought forward" in summary, summary
    assert "- **Announced to take effect on:** April\u00a08, 2024 (`2024-04-08`)" in summary
    assert "new policy" not in summary and "[!CAUTION]" not in summary


def test_a_translation_brought_forward_with_its_version_may_be_renamed_later(
    repo: GitRepo,
) -> None:
    """Found by the editors' stories: a Russian text that followed its version to an
    earlier day was refused, once renamed after that day, as "earlier than" the day it
    had left (which never took effect)."""
    both_brought_forward(repo)
    repo.git("mv", PRIVACY, TERMS)
    repo.git("mv", RU_FILE, "policies/acme/terms.ru.md")
    repo.commit({}, "rename", "2024-04-01T10:00:00+00:00")
    site = build_pipeline(repo.root, day=date(2024, 4, 1))
    assert "Два." in site.read("acme/terms/2024-02-09/index.ru.md")
    assert "Раз." in site.read("acme/terms/2024-03-03/index.ru.md")  # as published there


def test_a_version_moved_through_days_it_had_is_summarised_by_its_last_move(
    repo: GitRepo,
) -> None:
    """Found by the editors' stories: moved 12 May -> 8 June -> 9 February -> 20 March ->
    12 May -> 9 February, the last move was summarised as a new policy "announced to take
    effect on 20 March": which version came to a day was looked up by the day alone."""
    copy_site_config(repo.root)
    when = "2024-01-10T10:00:00+00:00"
    days = ("2024-05-12", "2024-06-08", "2024-02-09", "2024-03-20", "2024-05-12", "2024-02-09")
    for effective in days:
        base = repo.git("rev-parse", "HEAD").strip() if effective != days[0] else None
        repo.commit({PRIVACY: policy(effective)}, effective, when)
    assert base is not None
    summary = summarize(load_project(repo.root), base, "HEAD", date(2024, 1, 10))
    assert "`acme/privacy` (kk) — upcoming version brought forward" in summary, summary
    assert "- **Announced to take effect on:** May\u00a012, 2024 (`2024-05-12`)" in summary
    assert "new policy" not in summary


THREE = "## 1. Alpha\n\nA.\n\n## 2. Beta\n\nB.\n\n## 3. Gamma\n\nC.\n"


def test_a_section_only_a_version_taken_back_had_keeps_its_timeline(repo: GitRepo) -> None:
    """Found with the stories on long terms: what a taken-back version would have changed
    links every section's timeline, and a section only that version had had none (a link
    to nowhere). Its timeline now says the section was only in that version."""
    two = "## 1. Alpha\n\nA.\n\n## 2. Beta\n\nB.\n"
    repo.commit({PRIVACY: policy("2024-01-01", two)}, "v1", "2023-12-01T10:00:00+00:00")
    repo.commit({PRIVACY: policy("2024-06-01", THREE)}, "v2", "2024-02-01T10:00:00+00:00")
    repo.commit({PRIVACY: policy("2024-01-01", two)}, "taken back", "2024-02-02T10:00:00+00:00")
    site = build_pipeline(repo.root, day=date(2024, 2, 3))
    assert "sections/gamma/" in site.read("acme/privacy/2024-06-01/changes/index.en.md")
    for lang, said in (
        ("en", "The section appears only in this version, announced and taken back"),
        ("ru", "Раздел есть только в этой редакции, объявленной и отозванной"),
        ("kk", "Бөлім тек осы нұсқада бар"),
    ):
        page = site.read(f"acme/privacy/sections/gamma/index.{lang}.md")
        assert said in page and "(../../2024-06-01/index.md)" in page, page


def test_a_translation_divided_otherwise_keeps_the_timelines_its_readers_had(
    repo: GitRepo,
) -> None:
    """Found with the stories on long terms: Russian readers had the timelines of the
    Kazakh text's sections until a Russian text divided into other sections arrived; then
    those addresses were gone. They stay, following the authoritative text."""
    when = "2024-01-10T10:00:00+00:00"
    repo.commit({PRIVACY: policy("2024-01-14", THREE)}, "v1", when)
    moved = THREE.replace("A.", "Alpha, rewritten.").replace("C.", "Gamma, rewritten.")
    repo.commit({PRIVACY: policy("2024-02-09", moved)}, "moved", when)
    before = build_pipeline(repo.root, day=date(2024, 1, 10)).manifest["addresses"]
    ru = policy("2024-02-09", "## 1. Общее\n\nВсё в одном разделе.\n", title="Политика")
    repo.commit({RU_FILE: ru}, "ru", "2024-01-11T10:00:00+00:00")
    after = build_pipeline(repo.root, day=date(2024, 1, 11)).manifest["addresses"]
    timelines = {a for a in before if a.startswith("/ru/acme/privacy/sections/")}
    assert "/ru/acme/privacy/sections/gamma/" in timelines
    assert timelines <= set(after), sorted(timelines - set(after))


def test_a_translation_of_an_earlier_version_after_a_later_one_was_taken_back(
    repo: GitRepo,
) -> None:
    """Found by the editors' stories: the Russian text of an upcoming version, deleted with
    it when it was taken back, then a Russian text of the version in force at the same
    path: refused as "earlier than" the day of the version that never took effect."""
    repo.commit({PRIVACY: policy("2024-01-24")}, "v1", "2024-01-10T10:00:00+00:00")
    upcoming = {
        PRIVACY: policy("2024-05-23", "## 1. General\n\nTwo.\n"),
        RU_FILE: policy("2024-05-23", "## 1. Общее\n\nДва.\n"),
    }
    repo.commit(upcoming, "v2 with its Russian text", "2024-04-05T10:00:00+00:00")
    taken_back = {PRIVACY: policy("2024-01-24"), RU_FILE: None}
    repo.commit(taken_back, "v2 taken back", "2024-04-06T10:00:00+00:00")
    repo.commit(
        {RU_FILE: policy("2024-01-24", "## 1. Общее\n\nОдин.\n")},
        "the Russian text of v1",
        "2024-07-02T10:00:00+00:00",
    )
    site = build_pipeline(repo.root, day=date(2024, 7, 2))
    assert "Один." in site.read("acme/privacy/2024-01-24/index.ru.md")
    assert "Два." in site.read("acme/privacy/2024-05-23/index.ru.md")  # as it was announced


def test_a_translation_deleted_before_a_rename_and_written_again_is_a_correction(
    repo: GitRepo,
) -> None:
    """Found by the editors' stories: the Russian text of the version in force deleted, the
    policy renamed, and a new Russian text of that version written under the new id: it
    replaced the published one as if nothing had been published (check-permanence: "another
    text with no correction recorded"). The file's history goes on across the rename: the
    new text is a correction of the published one, and says why."""
    ru = "policies/acme/privacy.ru.md"
    repo.commit({PRIVACY: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({ru: policy("2024-03-01", "## 1. Общее\n\nРаз.\n")}, "ru", "2024-04-01T10:00:00Z")
    published = build_pipeline(repo.root, day=date(2024, 4, 1)).manifest
    repo.commit({ru: None}, "delete the Russian text", "2024-04-02T10:00:00+00:00")
    repo.git("mv", PRIVACY, TERMS)
    repo.commit({}, "rename", "2024-04-03T10:00:00+00:00")
    again = "policies/acme/terms.ru.md"
    uncorrected = policy("2024-03-01", "## 1. Общее\n\nДва.\n")
    repo.commit({again: uncorrected}, "ru again", "2024-04-04T10:00:00+00:00")
    with pytest.raises(PolicyError) as error:
        history_of(repo, today=date(2024, 4, 4))
    assert "correction" in str(error.value)
    corrected = policy("2024-03-01", "## 1. Общее\n\nДва.\n", correction="Перевод уточнён")
    repo.commit({again: corrected}, "ru again, corrected", "2024-04-05T10:00:00+00:00")
    site = build_pipeline(repo.root, day=date(2024, 4, 5))
    assert "Два." in site.read("acme/terms/2024-03-01/index.ru.md")
    with Repository(repo.root) as git:
        assert check_permanence(published, site.manifest, git) == []


def test_the_translation_of_a_moved_version_written_once_in_force_is_a_correction(
    repo: GitRepo,
) -> None:
    """Found by the editors' stories: the Russian text of an upcoming version followed it
    when it was postponed; once that version was in force, its own Russian text replaced
    the published one with its correction unrecorded (check-permanence: "another text with
    no correction recorded"). The correction it gives is recorded."""
    repo.commit({PRIVACY: policy("2024-01-01")}, "v1", "2023-12-01T10:00:00+00:00")
    upcoming = {
        PRIVACY: policy("2024-03-01", "## 1. General\n\nTwo.\n"),
        RU_FILE: policy("2024-03-01", "## 1. Общее\n\nДва.\n"),
    }
    repo.commit(upcoming, "v2 with its Russian text", "2024-01-10T10:00:00+00:00")
    postponed = policy("2024-03-10", "## 1. General\n\nTwo.\n")
    repo.commit({PRIVACY: postponed}, "v2 postponed", "2024-01-11T10:00:00+00:00")
    published = build_pipeline(repo.root, day=date(2024, 4, 1))
    assert "Два." in published.read("acme/privacy/2024-03-10/index.ru.md")
    own = policy("2024-03-10", "## 1. Общее\n\nДва, точнее.\n", correction="Уточнён перевод")
    repo.commit({RU_FILE: own}, "its own Russian text", "2024-04-01T10:00:00+00:00")
    site = build_pipeline(repo.root, day=date(2024, 4, 1))
    page = site.read("acme/privacy/2024-03-10/index.ru.md")
    assert "Два, точнее." in page and "Уточнён перевод" in page
    with Repository(repo.root) as git:
        assert check_permanence(published.manifest, site.manifest, git) == []


def test_an_upcoming_version_withdrawn_with_its_policy_does_not_move_to_its_return(
    repo: GitRepo,
) -> None:
    """Found by the editors' stories: a policy withdrawn before its upcoming version's
    day, and added again with a new version, had that version "moved" to the new day, its
    Russian text with it: the Russian text written later for the new version replaced a
    published one. The upcoming version was withdrawn with its policy."""
    upcoming = {
        PRIVACY: policy("2024-02-09", "## 1. General\n\nOne.\n"),
        RU_FILE: policy("2024-02-09", "## 1. Общее\n\nРаз.\n"),
    }
    repo.commit(upcoming, "v1 with its Russian text", "2024-01-10T10:00:00+00:00")
    repo.commit({PRIVACY: None, RU_FILE: None}, "withdraw", "2024-01-11T10:00:00+00:00")
    back = policy("2024-02-15", "## 1. General\n\nTwo.\n")
    repo.commit({PRIVACY: back}, "added again", "2024-01-12T10:00:00+00:00")
    text = history_of(repo, today=date(2024, 5, 1)).view("acme/privacy", "ru")
    assert [(r.version.id, r.moved_to) for r in text.retracted] == [("2024-02-09", None)]
    assert text.versions[-1].lang == "kk"  # no Russian text of its own yet


def test_a_translation_left_behind_by_a_rename_stays_beside_the_new_one(repo: GitRepo) -> None:
    """The Kazakh file renamed without its Russian one, a new Russian text written under
    the new id, and only then the old one deleted: what the old one published stays, under
    the new id, beside the new text."""
    ru = "policies/acme/privacy.ru.md"
    repo.commit(
        {PRIVACY: policy("2024-03-01"), ru: policy("2024-03-01", "## 1. Общее\n\nРаз.\n")},
        "v1",
        "2024-02-01T10:00:00+00:00",
    )
    repo.git("mv", PRIVACY, TERMS)
    repo.commit({}, "rename, the Russian file forgotten", "2024-04-02T10:00:00+00:00")
    later = {
        TERMS: policy("2024-06-01", "## 1. General\n\nTwo.\n"),
        "policies/acme/terms.ru.md": policy("2024-06-01", "## 1. Общее\n\nДва.\n"),
    }
    repo.commit(later, "v2 with a new Russian text", "2024-04-03T10:00:00+00:00")
    repo.commit({ru: None}, "the forgotten Russian file deleted", "2024-04-04T10:00:00+00:00")
    site = build_pipeline(repo.root, day=date(2024, 7, 1))
    assert "Раз." in site.read("acme/terms/2024-03-01/index.ru.md")
    assert "Два." in site.read("acme/terms/2024-06-01/index.ru.md")
