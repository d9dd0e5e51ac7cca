"""A published address keeps its text: through branch switches, nested policy ids, and a
permanence check that refuses what is not a manifest."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml
from support.pipeline import build_pipeline, run_check_permanence
from support.project import copy_site_config
from support.repos import GitRepo, policy

from policysite.errors import PolicyError
from policysite.history.repository import Repository
from policysite.history.versions import Status
from policysite.tools.permanence import check_permanence

KK = "policies/acme/privacy.kk.md"


def staged(root: Path) -> dict[str, bytes]:
    folder = root / "build" / "docs"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_switching_branches_with_edits_of_the_same_length_never_mixes_texts(
    repo: GitRepo,
) -> None:
    repo.commit(
        {KK: policy("2024-03-01", "## 1. Мерзім\n\nДеректер 30 күн сақталады.\n")},
        "v1",
        "2024-02-01T10:00:00+00:00",
    )
    repo.git("checkout", "-q", "-b", "x")
    repo.commit(
        {KK: policy("2025-03-01", "## 1. Мерзім\n\nДеректер 60 күн сақталады.\n")},
        "x: 60 days",
        "2025-02-01T10:00:00+00:00",
    )
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "y")
    repo.commit(
        {KK: policy("2025-03-01", "## 1. Мерзім\n\nДеректер 90 күн сақталады.\n")},
        "y: 90 days",
        "2025-02-01T10:00:00+00:00",
    )
    for branch in ("x", "y", "x"):
        repo.git("checkout", "-q", branch)
        site = build_pipeline(repo.root)
    incremental = staged(repo.root)
    assert "60 күн" in site.read("acme/privacy/index.kk.md")
    assert "90 күн" not in "".join(v.decode() for v in incremental.values())
    # A full build of x from nothing stages exactly the same files.
    shutil.rmtree(repo.root / "build")
    shutil.rmtree(repo.root / ".cache")
    build_pipeline(repo.root)
    assert staged(repo.root) == incremental


def test_nested_policies_announce_their_own_feed(repo: GitRepo) -> None:
    repo.commit(
        {
            "policies/getx.kk.md": policy("2024-03-01", title="GetX"),
            "policies/getx/privacy.kk.md": policy("2024-03-01", title="GetX privacy"),
        },
        "two nested policies",
        "2024-02-01T10:00:00+00:00",
    )
    site = build_pipeline(repo.root)

    def feeds(path: str) -> list[str]:
        front = site.read(path).split("---\n")[1]
        return [feed["href"] for feed in yaml.safe_load(front)["feeds"]]

    # Its own feed (getx/privacy/feed.xml), then the site's; never the shorter id's.
    assert feeds("getx/privacy/history/index.kk.md") == ["../feed.xml", "../../../feed.xml"]
    assert feeds("getx/history/index.kk.md") == ["../feed.xml", "../../feed.xml"]


def check(previous: object, current: object, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    (tmp_path / "previous.json").write_text(json.dumps(previous), encoding="utf-8")
    (tmp_path / "current.json").write_text(json.dumps(current), encoding="utf-8")
    return run_check_permanence(tmp_path / "previous.json", tmp_path / "current.json")


GOOD = {"format": 1, "built_for": "2026-11-22", "addresses": {"/acme/privacy/": {}}}


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"addresses": []},
        {"name": "Web app", "start_url": "/", "icons": []},
        [],
        None,
        {"format": 99, "built_for": "2026-11-22", "addresses": {}},
    ],
    ids=["empty", "list-of-addresses", "web-app-manifest", "list", "null", "unknown-format"],
)
def test_check_permanence_refuses_what_is_not_a_manifest(bad: object, tmp_path: Path) -> None:
    for previous, current in ((bad, GOOD), (GOOD, bad)):
        done = check(previous, current, tmp_path)
        assert done.returncode == 1, done.stdout
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("error: ") and "is not a policysite manifest" in done.stderr


def test_a_manifest_of_a_previous_format_is_still_read(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    current = build_pipeline(repo.root).manifest
    assert (current["format"], current["version"]) == ("policysite-manifest", 5)
    # Version 4 did not record the chain or the signature; version 3 not the site's
    # address; version 2 no announcement days either; format 1 did not name itself
    # (tests/test_manifest.py reads each as its release wrote it).
    version_3 = {
        key: value
        for key, value in current.items()
        if key not in ("site_url", "previous", "signed")
    }
    version_3["version"] = 3
    version_2 = {
        **version_3,
        "version": 2,
        "addresses": {
            address: {k: v for k, v in entry.items() if not k.startswith("announced")}
            for address, entry in current["addresses"].items()
        },
    }
    legacy = {**version_2, "format": 1}
    del legacy["version"]
    for previous in (version_3, version_2, legacy):
        # Built after it, as a deploy builds (`check` writes it as json.dumps does).
        chained = {**current, "previous": hashlib.sha256(json.dumps(previous).encode()).hexdigest()}
        done = check(previous, chained, tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(
            f"check-permanence: all {len(current['addresses'])} published"
        )


def test_policy_ids_that_are_addresses_of_the_site_are_refused(repo: GitRepo) -> None:
    copy_site_config(repo.root)  # docs/about.*.md and docs/editors.*.md
    repo.commit(
        {
            "policies/about.kk.md": policy("2024-03-01"),
            "policies/ru/terms.kk.md": policy("2024-03-01"),
            "policies/api.kk.md": policy("2024-03-01"),
            "policies/acme/privacy.kk.md": policy("2024-03-01"),
        },
        "ids that take the site's addresses",
        "2024-02-01T10:00:00+00:00",
    )
    with pytest.raises(PolicyError) as raised:
        build_pipeline(repo.root)
    problems = {p.path: p.message for p in raised.value.problems}
    assert sorted(problems) == [
        "policies/about.kk.md",
        "policies/api.kk.md",
        "policies/ru/terms.kk.md",
    ]
    assert "which is the hand-written page or folder about." in problems["policies/about.kk.md"]
    assert "the address of the site's ru pages (/ru/)" in problems["policies/ru/terms.kk.md"]
    assert "the site's JSON API (/api/)" in problems["policies/api.kk.md"]
    assert all("rename the file" in message for message in problems.values())


def test_a_foxtrot_merge_is_refused_naming_the_merge_and_the_fix(repo: GitRepo) -> None:
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "work")
    repo.commit({"notes.txt": "draft\n"}, "local work", "2024-03-05T10:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.commit(
        {KK: policy("2025-03-01", "## 1. General\n\nTwo.\n")}, "v2", "2025-02-01T10:00:00+00:00"
    )
    repo.commit(
        {KK: policy("2025-09-01", "## 1. General\n\nThree.\n")}, "v3", "2025-08-01T10:00:00+00:00"
    )
    published = build_pipeline(repo.root).manifest
    assert "/acme/privacy/2025-03-01/" in published["addresses"]
    # `git pull` on the local branch merges main into it; that merge is pushed as main.
    repo.git("checkout", "-q", "work")
    repo.git("merge", "-q", "--no-edit", "main", when="2025-08-02T10:00:00+00:00")
    merge = repo.git("rev-parse", "--short=7", "HEAD").strip()
    repo.git("checkout", "-q", "main")
    repo.git("reset", "-q", "--hard", "work")
    current = build_pipeline(repo.root).manifest
    with Repository(repo.root) as git:
        problems = check_permanence(published, current, git)
    gone = [p for p in problems if p.startswith("/acme/privacy/2025-03-01/:")]
    assert gone, problems
    assert "the address is gone" in gone[0]
    assert f"second parent of merge {merge}" in gone[0] and "foxtrot" in gone[0]
    assert f"git checkout -B main {merge}^2 && git merge --no-ff {merge}^1" in gone[0]


def test_a_foxtrot_merge_that_hides_a_whole_policy_is_named_once(repo: GitRepo) -> None:
    """Found by the editors' stories: a policy renamed and then withdrawn, both hidden by a
    foxtrot merge: its pages under the new id are gone, and the pages with no text of their
    own (the policy's page) say nothing of a commit. The merge is named, with the fix, and
    the fix brings every address back."""
    cookies, renamed = "policies/beta/cookies.kk.md", "policies/beta/cookie-policy.kk.md"
    when = "2024-01-10T10:00:00+00:00"
    repo.commit({cookies: policy("2024-01-25"), ".gitignore": "build/\n"}, "add", when)
    repo.git("mv", cookies, renamed)
    repo.commit({}, "rename", when)
    repo.commit({renamed: None}, "withdraw", when)
    published = build_pipeline(repo.root, day=date(2024, 1, 10)).manifest
    repo.git("checkout", "-q", "-b", "side", "HEAD~2")
    repo.commit({"NOTES.md": "notes\n"}, "notes", when)
    repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'main' into side", "main", when=when)
    merge = repo.git("rev-parse", "--short=7", "HEAD").strip()
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "side")
    current = build_pipeline(repo.root, day=date(2024, 1, 10)).manifest
    with Repository(repo.root) as git:
        problems = check_permanence(published, current, git)
    assert "/beta/cookie-policy/: the address is gone; a published address must stay" in "\n".join(
        problems
    )
    named = [p for p in problems if f"second parent of merge {merge}" in p]
    assert named, problems
    assert f"git checkout -B main {merge}^2 && git merge --no-ff {merge}^1" in named[0]
    repo.git("checkout", "-q", "-B", "main", f"{merge}^2")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", f"{merge}^1", when=when)
    fixed = build_pipeline(repo.root, day=date(2024, 1, 10)).manifest
    with Repository(repo.root) as git:
        assert check_permanence(published, fixed, git) == []


def test_a_translation_replaced_by_the_original_is_a_broken_promise(repo: GitRepo) -> None:
    ru = "policies/acme/privacy.ru.md"
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    without = build_pipeline(repo.root).manifest
    repo.commit(
        {ru: policy("2024-03-01", "## 1. Общие\n\nТекст.\n")}, "ru", "2024-07-01T10:00:00+00:00"
    )
    with_ru = build_pipeline(repo.root).manifest
    # A translation arriving in place of the original is allowed ...
    assert check_permanence(without, with_ru) == []
    # ... a published one giving way to the original again (a rewritten history) is not.
    problems = check_permanence(with_ru, without)
    assert any(
        p.startswith("/ru/acme/privacy/2024-03-01/:")
        and "was published here in ru, and now shows the kk text instead" in p
        for p in problems
    ), problems


def test_a_section_removed_and_restored_keeps_its_anchor_and_its_timeline(repo: GitRepo) -> None:
    cookies = "## 2. Cookie файлдары\n\nСайт cookie файлдарын аутентификация үшін пайдаланады.\n\n"
    v1 = "## 1. Жалпы\n\nМәтін.\n\n" + cookies + "## 3. Байланыс\n\nХат.\n"
    v2 = "## 1. Жалпы\n\nМәтін.\n\n## 2. Байланыс\n\nХат.\n"
    v3 = v1.replace("аутентификация үшін", "аутентификация мен талдау үшін")
    for day, text in (("2024-03-01", v1), ("2024-09-01", v2), ("2025-03-01", v3)):
        repo.commit(
            {KK: policy(day, text)},
            f"version of {day}",
            f"{day[:8]}01T09:00:00+00:00".replace("-01T", "-01T", 1),
        )
    site = build_pipeline(repo.root)
    timeline = site.read("acme/privacy/sections/cookie-fayldary/index.kk.md")
    assert "Бұрынғы нұсқада алынып тасталған бөлім осы нұсқада қайта енгізілді." in timeline
    # Not "in the versions from 1 March 2024 to 1 March 2025", as if in each of them.
    assert "бірақ бәрінде емес: ол алынып тасталып, кейін қайта енгізілген." in timeline
    kept = site.read("acme/privacy/sections/baylanys/index.kk.md")  # renumbered, never gone
    assert "дейінгі нұсқаларда бар." in kept and "бәрінде емес" not in kept
    # One timeline, not a second one for the same section under a new id.
    assert not (site.staging / "acme/privacy/sections/cookie-fayldary-2").exists()
    assert "{#cookie-fayldary}" in site.read("acme/privacy/2025-03-01/index.kk.md")


RU = "policies/acme/privacy.ru.md"
UPCOMING = "2027-01-15"  # after SAMPLE_DAY


def test_a_translation_is_immutable_as_the_version_it_is_published_as(repo: GitRepo) -> None:
    repo.commit(
        {KK: policy("2024-03-01"), "policies/acme/terms.kk.md": policy(UPCOMING)},
        "kk",
        "2024-02-01T10:00:00+00:00",
    )
    # A translation of an upcoming version, dated in the past: still free to change.
    early = policy("2024-06-01", "## 1. Общие\n\nТекст.\n", translation_of=UPCOMING)
    repo.commit({"policies/acme/terms.ru.md": early}, "ru terms", "2024-07-01T10:00:00+00:00")
    repo.commit(
        {"policies/acme/terms.ru.md": early.replace("Текст.", "Новый текст.")},
        "ru terms reworded",
        "2024-08-01T10:00:00+00:00",
    )
    build_pipeline(repo.root)
    # A translation of the version in force, dated in the future: immutable already.
    late = policy("2027-02-01", "## 1. Общие\n\nТекст.\n", translation_of="2024-03-01")
    repo.commit({RU: late}, "ru privacy", "2024-09-01T10:00:00+00:00")
    repo.commit(
        {RU: late.replace("Текст.", "Другой текст.")}, "reworded", "2024-10-01T10:00:00+00:00"
    )
    with pytest.raises(PolicyError) as raised:
        build_pipeline(repo.root)
    (problem,) = raised.value.problems
    assert problem.path == RU
    assert "version 2024-03-01 has been in force since 2024-03-01" in problem.message


def test_every_published_byte_is_immutable_but_line_ends_are_not(repo: GitRepo) -> None:
    text = policy("2024-03-01", summary="Бірінші нұсқа.")
    repo.commit({KK: text}, "v1", "2024-02-01T10:00:00+00:00")
    published = build_pipeline(repo.root).manifest
    # Saved again with CRLF line ends: the same text, the same hash.
    repo.commit({KK: text.replace("\n", "\r\n")}, "CRLF", "2024-06-01T10:00:00+00:00")
    again = build_pipeline(repo.root).manifest
    page = "/acme/privacy/2024-03-01/"
    assert again["addresses"][page]["sha256"] == published["addresses"][page]["sha256"]
    assert check_permanence(published, again) == []
    # The summary is published too: changing it needs a correction.
    edited = text.replace("Бірінші нұсқа.", "Өзгертілген.")
    repo.commit({KK: edited}, "summary", "2024-07-01T10:00:00+00:00")
    with pytest.raises(PolicyError, match="without a 'correction:' reason"):
        build_pipeline(repo.root)
    corrected = edited.replace("summary:", "correction: Қате түзетілді\nsummary:")
    repo.commit({KK: corrected}, "corrected", "2024-08-01T10:00:00+00:00")
    site = build_pipeline(repo.root)
    assert [
        c.reason for c in site.history.texts[("acme/privacy", "kk")].versions[0].corrections
    ] == ["Қате түзетілді"]
    # A second correction that keeps the first one's reason is told the real rule.
    repo.commit(
        {KK: corrected.replace("Өзгертілген.", "Тағы.")}, "again", "2024-09-01T10:00:00+00:00"
    )
    with pytest.raises(PolicyError) as raised:
        build_pipeline(repo.root)
    assert "each correction needs a reason of its own" in str(raised.value)


def test_a_commit_dated_in_the_future_edits_an_upcoming_version_freely(repo: GitRepo) -> None:
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    # A clock two months ahead: the commits say 2027, the version is still upcoming.
    repo.commit({KK: policy(UPCOMING, "## 1. General\n\nA.\n")}, "v2", "2027-01-20T10:00:00+00:00")
    repo.commit(
        {KK: policy(UPCOMING, "## 1. General\n\nB.\n")}, "v2 again", "2027-01-21T10:00:00+00:00"
    )
    site = build_pipeline(repo.root)
    text = site.history.texts[("acme/privacy", "kk")]
    assert [v.id for v in text.versions] == ["2024-03-01", UPCOMING]


COOKIES = "policies/acme/cookies.kk.md"


def test_a_deleted_policy_is_withdrawn_and_every_version_stays(repo: GitRepo) -> None:
    repo.commit(
        {KK: policy("2024-03-01"), COOKIES: policy("2024-03-01", title="Cookies")},
        "two policies",
        "2024-02-01T10:00:00+00:00",
    )
    repo.commit(
        {COOKIES: policy("2025-03-01", "## 1. General\n\nTwo.\n", title="Cookies")},
        "v2",
        "2025-02-01T10:00:00+00:00",
    )
    published = build_pipeline(repo.root).manifest
    repo.commit({COOKIES: None}, "withdraw the cookie policy", "2025-06-01T10:00:00+00:00")
    site = build_pipeline(repo.root)
    assert check_permanence(published, site.manifest) == []
    # The version in force then, in every language, says so; the earlier one is superseded.
    en = site.read("acme/cookies/2025-03-01/index.en.md")
    assert '!!! danger "This policy has been withdrawn"' in en
    assert "It was withdrawn on June\u00a01, 2025" in en
    assert "This version was in force from March\u00a01, 2025 until the withdrawal." in en
    assert "Бұл саясат қолданыстан алынды" in site.read("acme/cookies/index.kk.md")
    assert "Политика отменена" in site.read("acme/cookies/index.ru.md")
    assert "superseded" in site.read("acme/cookies/2024-03-01/index.en.md")
    # The home page lists it apart; the API and the feed say it.
    home = site.read("index.en.md")
    assert home.index("## Withdrawn policies") > home.index("Privacy policy")
    assert "Withdrawn on June\u00a01, 2025" in home
    policies = json.loads(site.read("api/policies.kk.json"))["policies"]
    assert {p["id"]: p["withdrawn"] for p in policies} == {
        "acme/cookies": "2025-06-01",
        "acme/privacy": None,
    }
    versions = json.loads(site.read("acme/cookies/versions.en.json"))["versions"]
    assert [v["status"] for v in versions] == ["superseded", "withdrawn"]
    assert "Cookies — withdrawn on June\u00a01, 2025" in site.read("acme/cookies/feed.en.xml")
    # The version in force on a date after the withdrawal: none.
    on = site.read("acme/cookies/on/index.en.md")
    assert "&#34;ended&#34;: &#34;2025-06-01&#34;" in on
    assert "March\u00a01, 2025 – May\u00a031, 2025" in on
    # Added again, it continues the same history.
    repo.commit(
        {COOKIES: policy("2026-01-01", "## 1. General\n\nBack.\n", title="Cookies")},
        "back",
        "2025-12-01T10:00:00+00:00",
    )
    again = build_pipeline(repo.root)
    text = again.history.texts[("acme/cookies", "kk")]
    assert [v.id for v in text.versions] == ["2024-03-01", "2025-03-01", "2026-01-01"]
    assert text.withdrawn is None
    # The time it was withdrawn stays on the version it ended.
    assert text.status(text.versions[1], date(2026, 11, 22)) == Status.WITHDRAWN
    assert "March\u00a01, 2025 – May\u00a031, 2025" in again.read(
        "acme/cookies/2025-03-01/index.en.md"
    )


def test_a_deleted_translation_stays_published(repo: GitRepo) -> None:
    ru = "policies/acme/privacy.ru.md"
    repo.commit(
        {KK: policy("2024-03-01"), ru: policy("2024-03-01", "## 1. Общие\n\nТекст.\n")},
        "v1 with its Russian text",
        "2024-02-01T10:00:00+00:00",
    )
    published = build_pipeline(repo.root).manifest
    repo.commit({ru: None}, "drop the Russian text", "2024-06-01T10:00:00+00:00")
    site = build_pipeline(repo.root)
    assert check_permanence(published, site.manifest) == []
    assert "Текст." in site.read("acme/privacy/2024-03-01/index.ru.md")


def test_an_upcoming_version_may_be_moved_or_withdrawn_and_its_address_says_so(
    repo: GitRepo,
) -> None:
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    announced = policy(UPCOMING, "## 1. General\n\nNew rules.\n")
    repo.commit({KK: announced}, "announce", "2026-10-01T10:00:00+00:00")
    first = build_pipeline(repo.root).manifest
    # Postponed.
    repo.commit(
        {KK: announced.replace(UPCOMING, "2027-03-01")}, "postpone", "2026-10-02T10:00:00+00:00"
    )
    site = build_pipeline(repo.root)
    assert check_permanence(first, site.manifest) == []
    text = site.history.texts[("acme/privacy", "kk")]
    assert [v.id for v in text.versions] == ["2024-03-01", "2027-03-01"]
    page = site.read(f"acme/privacy/{UPCOMING}/index.en.md")
    assert '!!! warning "This version was moved to another day"' in page
    assert (
        "It was announced to take effect on January\u00a015, 2027; before that day, it was moved to March\u00a01, 2027."
        in page
    )
    assert "[Read the version of March\u00a01, 2027](../2027-03-01/index.md)" in page
    assert "күні ауыстырылды" in site.read(f"acme/privacy/{UPCOMING}/index.kk.md")
    assert "the version of January\u00a015, 2027 moved to March\u00a01, 2027" in site.read(
        "acme/privacy/feed.en.xml"
    )
    versions = json.loads(site.read("acme/privacy/versions.en.json"))["versions"]
    assert [(v["id"], v["status"], v.get("moved_to")) for v in versions] == [
        ("2024-03-01", "current", None),
        (UPCOMING, "moved", "2027-03-01"),
        ("2027-03-01", "upcoming", None),
    ]
    # Brought forward again, then withdrawn by reverting the announcement.
    second = site.manifest
    repo.commit(
        {KK: announced.replace(UPCOMING, "2027-02-01")}, "sooner", "2026-10-03T10:00:00+00:00"
    )
    repo.commit({KK: policy("2024-03-01")}, "withdraw the new rules", "2026-10-04T10:00:00+00:00")
    site = build_pipeline(repo.root)
    assert check_permanence(second, site.manifest) == []
    text = site.history.texts[("acme/privacy", "kk")]
    assert [v.id for v in text.versions] == ["2024-03-01"]
    assert {r.version.id: r.moved_to for r in text.retracted} == {
        UPCOMING: date(2027, 3, 1),
        "2027-03-01": date(2027, 2, 1),
        "2027-02-01": None,
    }
    withdrawn = site.read("acme/privacy/2027-02-01/index.ru.md")
    assert "Редакция отозвана до вступления в силу" in withdrawn


def test_a_version_in_force_cannot_be_moved(repo: GitRepo) -> None:
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({KK: policy("2023-01-01")}, "back-dated", "2024-04-01T10:00:00+00:00")
    with pytest.raises(PolicyError, match="effective date 2023-01-01 is earlier than 2024-03-01"):
        build_pipeline(repo.root)


def test_a_renamed_policy_keeps_every_old_address(repo: GitRepo) -> None:
    copy_site_config(repo.root)
    repo.commit({COOKIES: policy("2024-03-01", title="Cookies")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit(
        {COOKIES: policy("2025-03-01", "## 1. General\n\nTwo.\n", title="Cookies")},
        "v2",
        "2025-02-01T10:00:00+00:00",
    )
    published = build_pipeline(repo.root).manifest
    repo.git("mv", COOKIES, "policies/acme/cookie-policy.kk.md")
    repo.commit({}, "rename the cookie policy", "2025-06-01T10:00:00+00:00")
    site = build_pipeline(repo.root)
    assert site.history.moves == {"acme/cookies": "acme/cookie-policy"}
    assert check_permanence(published, site.manifest) == []
    addresses = site.manifest["addresses"]
    old = addresses["/ru/acme/cookies/2024-03-01/"]
    new = addresses["/ru/acme/cookie-policy/2024-03-01/"]
    assert old["moved_to"] == "/ru/acme/cookie-policy/2024-03-01/"
    assert old["sha256"] == new["sha256"]
    assert addresses["/acme/cookies/history/"]["moved_to"] == "/acme/cookie-policy/history/"
    assert "/en/acme/cookies/2024-03-01/policy.md" in addresses


def test_a_rewritten_history_is_named_as_the_cause_whether_or_not_the_clone_holds_the_commit(
    repo: GitRepo,
) -> None:
    """A force-pushed history: the published commit is still in this clone (its reflog)
    but not on the branch, or it is not in the clone at all (a fresh clone, a shallow
    one). Each is said as what it is, never as "not an ancestor" of an unknown commit."""
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit(
        {KK: policy("2025-03-01", "## 1. General\n\nTwo.\n")}, "v2", "2025-02-01T10:00:00+00:00"
    )
    published = build_pipeline(repo.root).manifest
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.commit(
        {KK: policy("2025-03-01", "## 1. General\n\nOther.\n")}, "v2'", "2025-02-02T10:00:00+00:00"
    )
    current = build_pipeline(repo.root).manifest
    with Repository(repo.root) as git:
        held = [p for p in check_permanence(published, current, git) if "/2025-03-01/:" in p]
    assert held and "which the history no longer holds" in held[0], held
    # The same check in a clone that never had the published commit.
    clone = repo.root.parent / "clone"
    subprocess.run(["git", "clone", "-q", "--no-local", str(repo.root), str(clone)], check=True)
    with Repository(clone) as git:
        assert not git.has_commit(published["addresses"]["/acme/privacy/2025-03-01/"]["commit"])
        absent = [p for p in check_permanence(published, current, git) if "/2025-03-01/:" in p]
    assert absent and "which this clone does not hold" in absent[0], absent
    assert "git fetch --unshallow" in absent[0]


def test_a_policy_withdrawn_before_its_first_day_never_shows_a_period_ending_before_it_starts(
    repo: GitRepo,
) -> None:
    """Announced for 15 January 2027 and withdrawn on 20 November 2026: its version was
    never in force, and its status line says so in every language, not "15 January 2027 –
    19 November 2026"."""
    repo.commit({COOKIES: policy("2027-01-15", title="Cookies")}, "v1", "2026-11-01T10:00:00+00:00")
    repo.commit({COOKIES: None}, "withdraw it", "2026-11-20T10:00:00+00:00")
    site = build_pipeline(repo.root)
    pages = {
        lang: site.read(f"acme/cookies/2027-01-15/index.{lang}.md") for lang in ("kk", "ru", "en")
    }
    assert "was to take effect on January\u00a015, 2027; never in force" in pages["en"]
    assert "должна была вступить в силу 15\u00a0января 2027" in pages["ru"]
    assert "күшіне енген жоқ" in pages["kk"]
    for page in pages.values():
        assert "2026 –" not in page and "2027 –" not in page, page
    versions = json.loads(site.read("acme/cookies/versions.en.json"))["versions"]
    assert [v["status"] for v in versions] == ["withdrawn"]


def test_a_translation_follows_its_version_when_it_is_postponed(repo: GitRepo) -> None:
    """The Kazakh version of 15 January is postponed to 1 February and its Russian file is
    left as it was: the Russian text follows it to 1 February, and stays at the address
    that served it (which now says the version was moved)."""
    ru = "policies/acme/privacy.ru.md"
    russian = "## 1. Общее\n\nМы храним данные.\n"
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit(
        {KK: policy("2027-01-15", "## 1. General\n\nNew.\n"), ru: policy("2027-01-15", russian)},
        "v2 and its translation",
        "2026-11-01T10:00:00+00:00",
    )
    published = build_pipeline(repo.root)
    assert "Мы храним данные." in published.read("acme/privacy/2027-01-15/index.ru.md")
    repo.commit(
        {KK: policy("2027-02-01", "## 1. General\n\nNew.\n")}, "later", "2026-11-20T10:00:00+00:00"
    )
    site = build_pipeline(repo.root)
    assert "Мы храним данные." in site.read("acme/privacy/2027-02-01/index.ru.md")
    moved = site.read("acme/privacy/2027-01-15/index.ru.md")
    assert "Мы храним данные." in moved and "2027-02-01" in moved
    assert (
        "policies/acme/privacy.ru.md: its text of version 2027-01-15 is shown as the text of "
        "2027-02-01, the day that version was moved to; set 'effective: 2027-02-01' in it"
    ) in " ".join(site.notes)
    assert check_permanence(published.manifest, site.manifest) == []
