"""Advance notice: the day each version was announced, and the promise of notice kept where
editors work (lint, the pull request) and where the site is published (the deploy)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from support.pipeline import build_pipeline
from support.project import copy_site_config, epoch
from support.repos import GitRepo, policy
from support.sites import serve

from policysite.errors import ConfigError, PolicyError
from policysite.mkdocs.options import load_options
from policysite.render.manifest import manifest_json

KK = "policies/acme/privacy.kk.md"
RU = "policies/acme/privacy.ru.md"
V1 = "## 1. General\n\nWe keep data.\n\n## 2. Contact\n\nWrite to us.\n"
V2 = "## 1. General\n\nWe keep your data for a year.\n\n## 2. Contact\n\nWrite to us.\n"
TODAY = date(2026, 11, 22)


@pytest.fixture
def site(repo: GitRepo) -> GitRepo:
    """A site promising 30 days of notice (as the sample does), with one version in force."""
    copy_site_config(repo.root)
    config = (repo.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "notice_days: 30" in config
    repo.commit({KK: policy("2024-03-01", V1)}, "v1", "2024-02-01T10:00:00+00:00")
    return repo


def spaced(text: str) -> str:
    """The text with the no-break spaces of dates ("2026 г.") as plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def run(root: Path, *args: str, day: date = TODAY) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "policysite", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": epoch(day), "PATH": "/usr/bin:/bin"},
    )


def test_a_pull_request_with_too_little_notice_is_refused_naming_the_earliest_date(
    site: GitRepo,
) -> None:
    site.git("checkout", "-q", "-b", "soon")
    site.commit({KK: policy("2026-12-02", V2)}, "v2 in 10 days", "2026-11-21T10:00:00+00:00")
    done = run(site.root, "pr-summary", "--check", "--base", "main", "--head", "HEAD")
    assert done.returncode == 1
    assert "would take effect 10 days after it is made public (2026-11-22)" in done.stdout
    assert "the site promises 30 days of notice" in done.stdout
    assert "Set 'effective: 2026-12-22' or later" in done.stdout
    assert "policies/acme/privacy.kk.md:3:" in done.stdout  # the line of `effective:`
    assert "Announced today, takes effect in 10 days." in done.stdout
    assert "1 problem(s) refuse this change" in done.stderr

    # Moved to the earliest date the promise allows: accepted, and said so in kk and ru.
    site.commit({KK: policy("2026-12-22", V2)}, "v2 in 30 days", "2026-11-21T11:00:00+00:00")
    done = run(site.root, "pr-summary", "--check", "--base", "main", "--head", "HEAD")
    assert done.returncode == 0, done.stdout
    assert "Announced today, takes effect in 30 days." in done.stdout
    ru = run(site.root, "pr-summary", "--base", "main", "--head", "HEAD", "--lang", "ru")
    assert "Объявляется сегодня, вступает в силу через 30 дней." in ru.stdout
    kk = run(site.root, "pr-summary", "--base", "main", "--head", "HEAD", "--lang", "kk")
    assert "Бүгін жарияланады, 30 күннен кейін күшіне енеді." in kk.stdout


def test_an_urgent_version_is_published_with_its_reason(site: GitRepo) -> None:
    reason = "Order of the Agency for Personal Data Protection of 20 November 2026"
    site.git("checkout", "-q", "-b", "urgent")
    site.commit(
        {KK: policy("2026-11-25", V2, urgent=reason)}, "urgent v2", "2026-11-21T10:00:00+00:00"
    )
    done = run(site.root, "pr-summary", "--check", "--base", "main", "--head", "HEAD")
    assert done.returncode == 0, done.stdout
    assert f"**Urgent:** {reason}" in done.stdout

    build = build_pipeline(site.root, day=TODAY)
    page = build.read("acme/privacy/2026-11-25/index.en.md")
    assert f"__Why it takes effect with less notice:__ {reason}" in page
    assert "Announced on November 21, 2026, 4 days before its effective date." in spaced(page)
    assert reason in build.read("acme/privacy/feed.en.xml")
    assert reason in build.read("acme/privacy/history/index.en.md")
    versions = json.loads(build.read("acme/privacy/versions.en.json"))["versions"]
    assert versions[-1]["urgent"] == reason
    assert "Толық ескерту мерзімінсіз күшіне ену себебі:" in build.read(
        "acme/privacy/2026-11-25/index.kk.md"
    )


def test_a_translation_carries_its_versions_urgent_reason(site: GitRepo) -> None:
    """The Russian text of an urgent version gives no reason of its own: it takes effect
    with the same notice, so its page, versions.json and feed give the Kazakh reason,
    marked as Kazakh text."""
    reason = "Агенттіктің 2026 жылғы 20 қарашадағы бұйрығы"
    ru = "## 1. Общее\n\nМы храним ваши данные год.\n\n## 2. Контакты\n\nПишите.\n"
    site.commit(
        {KK: policy("2026-11-25", V2, urgent=reason), RU: policy("2026-11-25", ru, title="П")},
        "urgent v2 and its translation",
        "2026-11-21T10:00:00+00:00",
    )
    build = build_pipeline(site.root, day=TODAY)
    page = build.read("acme/privacy/2026-11-25/index.ru.md")
    assert f"{reason}\n{{: .ps-urgent lang=kk }}" in page
    versions = json.loads(build.read("acme/privacy/versions.ru.json"))["versions"]
    assert versions[-1]["text_lang"] == "ru" and versions[-1]["urgent"] == reason
    assert reason in build.read("acme/privacy/feed.ru.xml")
    # A reason of its own stays its own, in its own language.
    own = "Приказ Агентства от 20 ноября 2026 года"
    site.commit(
        {RU: policy("2026-11-25", ru, title="П", urgent=own)}, "ru reason", "2026-11-21T11:00:00Z"
    )
    page = build_pipeline(site.root, day=TODAY).read("acme/privacy/2026-11-25/index.ru.md")
    assert f"{own}\n{{: .ps-urgent }}" in page


def test_lint_refuses_an_uncommitted_version_with_too_little_notice(site: GitRepo) -> None:
    path = site.root / KK
    path.write_text(policy("2026-12-02", V2), encoding="utf-8")
    done = run(site.root, "lint")
    assert done.returncode == 1
    assert "Set 'effective: 2026-12-22' or later" in done.stdout
    path.write_text(policy("2026-12-02", V2, urgent="A security fix"), encoding="utf-8")
    assert run(site.root, "lint").returncode == 0
    path.write_text(policy("2026-12-22", V2), encoding="utf-8")
    assert run(site.root, "lint").returncode == 0
    # Committed versions are the pull request's and the deploy's to judge: the one in
    # force since 2024, committed a month before it, is never refused.
    path.write_text(policy("2024-03-01", V1), encoding="utf-8")
    assert run(site.root, "lint").returncode == 0


def test_a_new_policy_needs_no_notice(site: GitRepo) -> None:
    (site.root / "policies/beta").mkdir(parents=True)
    (site.root / "policies/beta/terms.kk.md").write_text(policy("2026-11-23", V1))
    assert run(site.root, "lint").returncode == 0


def deploy(
    site: GitRepo, day: date, previous: str | None, folder: Path
) -> dict[str, dict[str, object]]:
    """A deploy's build as of `day` after the live site's manifest at `previous`; its
    manifest is published in `folder` (served as the live site), and returned."""
    environ = {"POLICYSITE_PREVIOUS_MANIFEST": previous} if previous else {}
    build = build_pipeline(site.root, day=day, environ=environ, notice_days=30)
    folder.mkdir(exist_ok=True)
    (folder / "manifest.json").write_bytes(manifest_json(build.manifest))
    return {
        str(entry["version"]): entry
        for address, entry in build.manifest["addresses"].items()
        if address.startswith("/acme/privacy/") and address.endswith("/policy.md")
    }


def test_the_announcement_day_is_carried_across_deploys_from_the_served_manifest(
    site: GitRepo, tmp_path: Path
) -> None:
    live = tmp_path / "live"
    with serve(live.parent) as base:
        url = f"{base}/live/manifest.json"
        # The first deploy has no live manifest: the day of the first commit, an estimate.
        first = deploy(site, date(2026, 10, 1), None, live)
        assert (first["2024-03-01"]["announced"], first["2024-03-01"]["announced_estimated"]) == (
            "2024-02-01",
            True,
        )
        # A version merged on 20 October (committed on the 5th, which says nothing).
        site.commit({KK: policy("2026-12-01", V2)}, "v2", "2026-10-05T10:00:00+00:00")
        second = deploy(site, date(2026, 10, 20), url, live)
        assert (second["2026-12-01"]["announced"], second["2026-12-01"]["announced_estimated"]) == (
            "2026-10-20",
            False,
        )
        assert second["2024-03-01"]["announced"] == "2024-02-01"
        # A later deploy keeps both days, whatever day it runs.
        third = deploy(site, date(2026, 12, 5), url, live)
        assert third["2026-12-01"]["announced"] == "2026-10-20"
        assert third["2026-12-01"]["announced_estimated"] is False
        assert third["2024-03-01"]["announced_estimated"] is True
        page = build_pipeline(
            site.root, day=date(2026, 12, 5), environ={"POLICYSITE_PREVIOUS_MANIFEST": url}
        ).read("acme/privacy/2026-12-01/index.ru.md")
        assert "Объявлена 20 октября 2026 г., за 42 дня до вступления в силу." in spaced(page)
        assert "Дата приблизительная" not in page


def test_a_pull_request_merged_after_its_window_closed_is_refused_at_deploy(
    site: GitRepo, tmp_path: Path
) -> None:
    live = tmp_path / "live"
    deploy(site, date(2026, 10, 1), None, live)
    # Reviewed in time, merged late: on 20 November, effective 1 December.
    site.commit({KK: policy("2026-12-01", V2)}, "v2", "2026-10-05T10:00:00+00:00")
    previous = str(live / "manifest.json")
    with pytest.raises(PolicyError) as refused:
        deploy(site, date(2026, 11, 20), previous, live)
    assert "would take effect 11 days after it is made public (2026-11-20)" in str(refused.value)
    assert "Set 'effective: 2026-12-20' or later" in str(refused.value)
    # Without the live manifest (a local build) nothing is refused: the days are estimates.
    assert deploy(site, date(2026, 11, 20), None, tmp_path / "local")["2026-12-01"][
        "announced_estimated"
    ]


def test_versions_published_before_the_promise_are_never_refused(
    site: GitRepo, tmp_path: Path
) -> None:
    site.commit({KK: policy("2024-06-01", V2)}, "v2, one day's notice", "2024-05-31T10:00:00Z")
    live = tmp_path / "live"
    deploy(site, date(2024, 6, 1), None, live)
    # The live manifest is of version 2, before announcement days were recorded.
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    manifest["version"] = 2
    del manifest["site_url"]  # which version 4 added
    del manifest["previous"], manifest["signed"]  # which version 5 added
    for entry in manifest["addresses"].values():
        entry.pop("announced", None)
        entry.pop("announced_estimated", None)
    (live / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    found = deploy(site, TODAY, str(live / "manifest.json"), live)
    assert (found["2024-06-01"]["announced"], found["2024-06-01"]["announced_estimated"]) == (
        "2024-05-31",
        True,
    )


def test_a_previous_manifest_that_cannot_be_read_stops_the_build(site: GitRepo) -> None:
    with pytest.raises(ConfigError, match=r"^POLICYSITE_PREVIOUS_MANIFEST: /nowhere.json: cannot"):
        build_pipeline(site.root, environ={"POLICYSITE_PREVIOUS_MANIFEST": "/nowhere.json"})


@pytest.mark.parametrize("bad", [-1, "30", True, 1.5, 3651, 3_000_000])
def test_notice_days_must_be_a_whole_number_of_days_up_to_ten_years(bad: object) -> None:
    with pytest.raises(ConfigError) as raised:
        load_options({"notice_days": bad})
    assert str(raised.value) == (
        f"extra.policysite.notice_days: expected a whole number of days from 0 to 3650, got {bad!r}"
    )


def test_the_draft_preview_says_what_notice_the_version_would_give(site: GitRepo) -> None:
    path = site.root / KK
    path.write_text(policy("2026-12-02", V2), encoding="utf-8")
    build = build_pipeline(site.root, drafts=True, notice_days=30)
    page = spaced(build.read("acme/privacy/draft/index.kk.md"))
    assert '!!! warning "Ескерту мерзімі тым қысқа"' in page
    assert "Күшіне ену күнін 2026 жылғы 22 желтоқсанға немесе одан кейінгі күнге қойыңыз" in page
    path.write_text(policy("2027-01-01", V2), encoding="utf-8")
    page = build_pipeline(site.root, drafts=True, notice_days=30).read(
        "acme/privacy/draft/index.kk.md"
    )
    assert "тым қысқа" not in page
    assert "Бүгін жарияланады, 40 күннен кейін күшіне енеді." in page


def announced_on_20_october(site: GitRepo, tmp_path: Path) -> Path:
    """A version of 1 December committed on 5 October and deployed on 20 October: the live
    site (the folder returned) records that day, which the commits do not tell."""
    live = tmp_path / "live"
    site.commit({KK: policy("2026-12-01", V2)}, "v2", "2026-10-05T10:00:00+00:00")
    deploy(site, date(2026, 10, 20), None, live)
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["addresses"].values():
        if entry.get("version") == "2026-12-01":
            entry.update(announced="2026-10-20", announced_estimated=False)
    (live / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return live


def test_a_renamed_policy_keeps_its_announcement_days_and_is_not_refused(
    site: GitRepo, tmp_path: Path
) -> None:
    live = announced_on_20_october(site, tmp_path)
    site.git("mv", KK, "policies/acme/privacy-notice.kk.md")
    site.commit({}, "rename", "2026-11-01T10:00:00+00:00")
    # A day on which a new version of 1 December would be refused: known under its
    # former id, it is not new, and keeps the day it was announced.
    build = build_pipeline(
        site.root,
        day=date(2026, 11, 25),
        environ={"POLICYSITE_PREVIOUS_MANIFEST": str(live / "manifest.json")},
        notice_days=30,
    )
    entry = build.manifest["addresses"]["/acme/privacy-notice/2026-12-01/policy.md"]
    assert (entry["announced"], entry["announced_estimated"]) == ("2026-10-20", False)


def test_a_postponed_version_keeps_its_announcement_and_is_not_refused(
    site: GitRepo, tmp_path: Path
) -> None:
    """Announced on 20 October for 1 December, postponed on 21 November to 10 December:
    readers get more notice, not less. The pull request and the deploy accept it, and the
    site still says it was announced on 20 October; brought forward instead, it is judged
    by that day."""
    live = announced_on_20_october(site, tmp_path)
    site.git("checkout", "-q", "-b", "later")
    site.commit({KK: policy("2026-12-10", V2)}, "postpone", "2026-11-21T10:00:00+00:00")
    done = run(site.root, "pr-summary", "--check", "--base", "main", "--head", "HEAD")
    assert done.returncode == 0, done.stdout
    assert "(kk) — upcoming version postponed" in done.stdout
    assert "- **Announced to take effect on:** December\u00a01, 2026 (`2026-12-01`)" in done.stdout
    # Brought forward to 1 November instead: 27 days after its first commit, too little.
    site.git("checkout", "-q", "main")
    site.git("checkout", "-q", "-b", "sooner")
    site.commit({KK: policy("2026-11-01", V2)}, "sooner", "2026-10-21T10:00:00+00:00")
    done = run(site.root, "pr-summary", "--check", "--base", "main", "--head", "HEAD")
    assert done.returncode == 1
    assert "(kk) — upcoming version brought forward" in done.stdout
    assert "would take effect 27 days after it is made public (2026-10-05)" in done.stdout
    site.git("checkout", "-q", "main")
    site.git("merge", "-q", "--ff-only", "later")
    after = deploy(site, date(2026, 11, 22), str(live / "manifest.json"), tmp_path / "next")
    assert (after["2026-12-10"]["announced"], after["2026-12-10"]["announced_estimated"]) == (
        "2026-10-20",
        False,
    )


PLACEHOLDER = "## 1. General\n\nTo be written.\n"


def test_a_text_rewritten_before_its_day_is_announced_again(site: GitRepo, tmp_path: Path) -> None:
    """Notice is for the text readers were shown: a placeholder announced early and rewritten
    three days before its day gives three days of notice, not 106."""
    live, previous = tmp_path / "live", str(tmp_path / "live" / "manifest.json")
    site.commit({KK: policy("2027-01-15", PLACEHOLDER)}, "placeholder", "2026-10-01T10:00:00Z")
    deploy(site, date(2026, 10, 1), None, live)
    site.git("checkout", "-q", "-b", "rewrite")
    site.commit({KK: policy("2027-01-15", V2)}, "the real text", "2027-01-12T10:00:00Z")
    day = date(2027, 1, 12)
    check = run(site.root, "pr-summary", "--check", "--base", "main", "--head", "HEAD", day=day)
    assert check.returncode == 1, check.stdout
    assert "its text changed substantially since it was announced" in check.stdout
    # The deploy refuses it; a local build says when it was announced again.
    with pytest.raises(PolicyError) as refused:
        deploy(site, date(2027, 1, 12), previous, live)
    assert "would take effect 3 days after it is made public (2027-01-12)" in str(refused.value)
    assert "its text changed substantially since it was announced" in str(refused.value)
    page = build_pipeline(site.root, day=date(2027, 1, 12)).read(
        "acme/privacy/2027-01-15/index.en.md"
    )
    assert (
        "Announced on January\u00a012, 2027, 3 days before its effective date. It is announced again"
        in (page)
    )
    # A typo fixed is the same text: it keeps its day.
    site.git("checkout", "-q", "main")
    site.commit(
        {KK: policy("2027-01-15", "## 1. General\n\nTo be writen.\n")},
        "typo",
        "2027-01-12T10:00:00Z",
    )
    assert deploy(site, date(2027, 1, 12), previous, live)["2027-01-15"]["announced"] == (
        "2026-10-01"
    )


def test_a_new_text_on_a_withdrawn_versions_day_gets_no_notice_of_its_own(
    site: GitRepo, tmp_path: Path
) -> None:
    live, previous = tmp_path / "live", str(tmp_path / "live" / "manifest.json")
    site.commit({KK: policy("2027-01-15", V2)}, "v2", "2026-10-01T10:00:00Z")
    deploy(site, date(2026, 10, 1), None, live)
    site.commit({KK: policy("2024-03-01", V1)}, "take v2 back", "2026-11-01T10:00:00Z")
    deploy(site, date(2026, 11, 1), previous, live)
    other = "## 1. General\n\nWe sell your data.\n\n## 2. Contact\n\nNobody.\n"
    site.commit({KK: policy("2027-01-15", other)}, "another text", "2027-01-05T10:00:00Z")
    with pytest.raises(PolicyError) as refused:
        deploy(site, date(2027, 1, 5), previous, live)
    assert "would take effect 10 days after it is made public (2027-01-05)" in str(refused.value)


def test_a_version_postponed_and_rewritten_in_one_commit_is_announced_again(
    site: GitRepo, tmp_path: Path
) -> None:
    live, previous = tmp_path / "live", str(tmp_path / "live" / "manifest.json")
    site.commit({KK: policy("2026-12-01", V2)}, "v2", "2026-10-01T10:00:00Z")
    deploy(site, date(2026, 10, 1), None, live)
    site.git("checkout", "-q", "-b", "later")
    other = "## 1. General\n\nWe sell your data to anyone who asks.\n\n## 2. Contact\n\nNobody.\n"
    site.commit({KK: policy("2026-12-10", other)}, "later, and other", "2026-11-20T10:00:00Z")
    day = date(2026, 11, 20)
    check = run(site.root, "pr-summary", "--check", "--base", "main", "--head", "HEAD", day=day)
    assert check.returncode == 1, check.stdout
    assert "20 days after it is made public (2026-11-20) (its text changed substantially" in (
        check.stdout
    )
    with pytest.raises(PolicyError) as refused:
        deploy(site, day, previous, live)
    assert "would take effect 20 days after it is made public (2026-11-20)" in str(refused.value)
    # Postponed with the same text, it keeps its day (more notice, not less).
    site.commit({KK: policy("2026-12-10", V2)}, "only later", "2026-11-20T11:00:00Z")
    assert deploy(site, day, previous, live)["2026-12-10"]["announced"] == "2026-10-01"
