"""`python -m policysite pr-summary`: what a branch does to the policies, in Markdown."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from support.pipeline import build_pipeline
from support.project import PROJECT, SSH_KEYGEN, copy_site_config
from support.repos import GitRepo, policy

KK = "policies/acme/privacy.kk.md"
RU = "policies/acme/privacy.ru.md"
V1 = "## 1. Жалпы\n\nДеректерді түзету.\n\n## 2. Cookie\n\nCookie файлдары.\n\n## 3. Байланыс\n\nХат.\n"


def summary(repo: GitRepo, lang: str = "en") -> str:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "policysite",
            "pr-summary",
            "--base",
            "main",
            "--head",
            "HEAD",
            "--lang",
            lang,
            "--root",
            str(repo.root),
        ],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": "1795305600", "PATH": "/usr/bin:/bin"},  # 2026-11-22
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def promise_notice(repo: GitRepo, days: int) -> None:
    """Set the site's extra.policysite.notice_days."""
    config = repo.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        re.sub(r"notice_days: \d+", f"notice_days: {days}", text, count=1), encoding="utf-8"
    )


@pytest.fixture
def main(repo: GitRepo) -> GitRepo:
    copy_site_config(repo.root)
    # The versions of these pull requests took effect before the day of the check: what
    # they summarise is tested here, the notice they give in test_notice.py.
    promise_notice(repo, 0)
    repo.commit(
        {KK: policy("2024-03-01", V1, summary="Бірінші.")}, "v1", "2024-02-01T10:00:00+00:00"
    )
    repo.git("checkout", "-q", "-b", "edit")
    return repo


def test_a_new_version_is_summarised_section_by_section(main: GitRepo) -> None:
    v2 = (
        "## 1. Жалпы\n\nДеректерін түзету.\n\n## 2. Мерзім\n\nДеректер 30 күн сақталады.\n\n"
        "## 3. Cookie\n\nCookie файлдары.\n\n## 4. Байланыс\n\nХат.\n"
    )
    main.commit(
        {KK: policy("2025-01-01", v2, summary="Мерзім қосылды.")}, "v2", "2024-12-01T10:00:00+00:00"
    )
    text = summary(main)
    assert text.startswith("## Policy changes\n\n### `acme/privacy` (kk) — new version\n")
    # Each fact is an item of its own (the effective line once ran into the next one).
    assert (
        "- **Effective:** January\u00a01, 2025 (`2025-01-01`)\n- **Title:** Privacy policy\n"
        in text
    )
    assert "- **What this version changes:** Мерзім қосылды." in text
    assert "**Changes:** added: 1 · text changed: 1 · renumbered: 2" in text
    # Headings are escaped as Markdown (`2\.` reads as `2.` on GitHub, never as a list).
    assert "| 2\\. Мерзім | added |" in text
    assert "| 3\\. Cookie | renumbered (was: 2\\. Cookie) |" in text
    assert "| 1\\. Жалпы | text changed |" in text
    # The redline: only the changed suffix of the word.
    assert (
        "<details><summary>1. Жалпы: text changed</summary><p>Деректер<del>ді</del><ins>ін</ins> түзету.</p></details>"
        in text
    )
    assert text == summary(main)  # deterministic


def test_an_upcoming_version_a_correction_and_lint_problems(main: GitRepo) -> None:
    main.commit(
        {
            KK: policy(
                "2024-03-01",
                V1.replace("Хат.", "Хат жазыңыз."),
                summary="Бірінші.",
                correction="Сөз түсіп қалған",
            )
        },
        "fix",
        "2024-12-01T10:00:00+00:00",
    )
    main.commit(
        {KK: policy("2027-01-01", V1, summary="Алдағы.")}, "upcoming", "2024-12-02T10:00:00+00:00"
    )
    main.commit(
        {RU: policy("2024-03-02", "## 1. Общие\n\nТекст.\n")}, "bad ru", "2024-12-03T10:00:00+00:00"
    )
    text = summary(main, "ru")
    assert text.startswith("## Изменения политик\n\n> [!CAUTION]\n> **Проверка нашла 1 ошибку**")
    assert "> - `policies/acme/privacy.ru.md:3: effective date 2024-03-02" in text
    # With the head unreadable, the summary still says what it can: nothing touched is hidden.
    main.commit({RU: None}, "drop ru", "2024-12-04T10:00:00+00:00")
    text = summary(main)
    assert "### `acme/privacy` (kk) — correction of a published version" in text
    assert "- **Reason for the correction:** Сөз түсіп қалған" in text
    assert "Хат <ins>жазыңыз</ins>." in text  # the mark covers the word, not the space
    assert "### `acme/privacy` (kk) — upcoming version" in text
    assert "CAUTION" not in text


def test_a_branch_that_touches_no_policy_says_so(main: GitRepo) -> None:
    main.commit({"README.md": "x\n"}, "docs", "2024-12-01T10:00:00+00:00")
    assert summary(main) == "## Policy changes\n\nThis change touches no policy.\n"


def test_a_translation_is_summarised_as_the_site_shows_it(repo: GitRepo) -> None:
    """The Russian text renames and rewords its contacts section: read alone, the two
    Russian texts share nothing there (a section removed, another added); the site follows
    the Kazakh text's sections, and so does the summary."""
    copy_site_config(repo.root)
    kk = "## 1. Жалпы\n\nДеректерді түзету.\n\n## 2. Байланыс\n\nХат жазыңыз.\n"
    ru = "## 1. Общие положения\n\nИсправление данных.\n\n## 2. Контакты\n\nПишите нам.\n"
    repo.commit(
        {KK: policy("2024-03-01", kk), RU: policy("2024-03-01", ru)},
        "v1",
        "2024-02-01T10:00:00+00:00",
    )
    repo.commit(
        {KK: policy("2025-03-01", kk.replace("Хат жазыңыз.", "Телефон шалыңыз."))},
        "kk v2",
        "2025-02-01T10:00:00+00:00",
    )
    repo.git("checkout", "-q", "-b", "translate")
    ru2 = ru.replace("## 2. Контакты\n\nПишите нам.", "## 2. Как связаться\n\nЗвоните по телефону.")
    repo.commit({RU: policy("2025-03-01", ru2)}, "ru v2", "2025-02-02T10:00:00+00:00")
    text = summary(repo)
    assert "### `acme/privacy` (ru) — translation added" in text
    assert "| 2\\. Как связаться | text changed, renamed (was: 2\\. Контакты) |" in text
    assert "added: " not in text and "| added" not in text and "removed" not in text
    # The site's own record of that version says the same.
    site = build_pipeline(repo.root)
    versions = json.loads(site.read("acme/privacy/versions.ru.json"))["versions"]
    assert versions[-1]["counts"] == {"modified": 1, "renamed": 1, "unchanged": 1}


def test_a_pull_request_is_judged_by_the_day_it_is_checked_not_its_commit_dates(
    main: GitRepo,
) -> None:
    """A commit dated before the version took effect, merged after: the build cannot tell,
    the pull request's check can."""
    main.commit(
        {KK: policy("2024-03-01", V1.replace("Хат.", "Хат жазыңыз."), summary="Бірінші.")},
        "an old branch commit",
        "2024-02-15T10:00:00+00:00",
    )
    text = summary(main)
    assert "> [!CAUTION]" in text
    assert "version 2024-03-01 is in force (as of 2026-11-22)" in text
    assert "correction" in text


def test_the_summary_shows_the_text_as_readers_see_it(main: GitRepo) -> None:
    """A long English text with lists, links, tables and escapes: the redlines show
    rendered text (GitHub keeps `<ins>`, `<del>`, `<details>`), never Markdown source."""
    terms = PROJECT / "tests" / "fixtures" / "terms"
    path = "policies/acme/terms.kk.md"
    main.commit(
        {path: policy("2024-03-01", (terms / "v1.md").read_text())},
        "t1",
        "2024-02-02T10:00:00+00:00",
    )
    main.git("checkout", "-q", "main")
    main.git("merge", "-q", "--ff-only", "edit")
    main.git("checkout", "-q", "edit")
    main.commit(
        {path: policy("2024-09-01", (terms / "v2.md").read_text())},
        "t2",
        "2024-08-01T10:00:00+00:00",
    )
    text = summary(main)
    details = re.findall(r"<details>.*</details>", text)
    assert len(details) == 8  # "8. Contact us" is only renumbered: no redline
    for line in details:
        shown = BeautifulSoup(line, "html.parser").get_text()
        assert not re.search(r"\]\(|\*\*|\\[!-/:-@\[-`{-~]|(?:^|<br>)\s*[-*+]\s", shown), line
    assert "Last updated: 1 <del>March</del><ins>September</ins> 2024." in text
    assert '<p>&emsp;• <a href="#who-we-are">1. Who we are</a></p>' in text


def test_a_change_may_not_show_an_image_on_another_host(main: GitRepo) -> None:
    """Published texts with such images build (as links); what a pull request adds or
    changes may not have one, even a correction of a version in force."""
    remote = V1.replace("Хат.", "Хат. ![Logo](https://cdn.example/logo.png)")
    main.commit(
        {KK: policy("2024-03-01", remote, summary="Бірінші.", correction="Логотип")},
        "logo",
        "2024-12-01T10:00:00+00:00",
    )
    text = summary(main)
    assert "> [!CAUTION]" in text
    assert (
        "`policies/acme/privacy.kk.md:18: image 'https://cdn.example/logo.png' would make every "
        "reader's browser ask another host" in text
    )


def test_a_change_that_shows_a_file_that_is_not_an_image_is_refused(main: GitRepo) -> None:
    (main.root / "policies/acme/map.png").write_text("<svg onload='alert(1)'/>", "utf-8")
    shown = V1.replace("Хат.", "Хат.\n\n![Карта](map.png)")
    main.commit({KK: policy("2025-01-01", shown)}, "v2 with a map", "2024-12-01T10:00:00+00:00")
    text = summary(main)
    assert "> [!CAUTION]" in text
    assert (
        "`policies/acme/privacy.kk.md:18: image 'map.png' (policies/acme/map.png) is an SVG "
        "image, which can hold scripts: only PNG, JPEG, GIF, WebP and AVIF images are published"
    ) in text


def test_a_change_of_a_link_target_is_said_and_a_link_to_nowhere_refused(main: GitRepo) -> None:
    """A change the words do not show is said in words; a relative link of the site a
    text came from is refused in what the pull request adds."""
    v2 = V1.replace("Хат.", "Хат: [пошта](https://example.kz/new), [бөлім](#1-жалпы).")
    main.commit({KK: policy("2025-01-01", v2)}, "v2", "2024-12-01T10:00:00+00:00")
    v3 = v2.replace("https://example.kz/new", "https://example.kz/newer")
    main.commit({KK: policy("2025-06-01", v3)}, "v3", "2025-05-01T10:00:00+00:00")
    text = summary(main)
    assert "| 3\\. Байланыс | formatting changed |" in text
    assert (
        "Link target changed for “пошта”: https://example.kz/new → https://example.kz/newer" in text
    )
    assert "[!CAUTION]" not in text  # "#1-жалпы" (GitHub's anchor) names section 1. Жалпы
    main.commit(
        {KK: policy("2025-09-01", v3.replace("(#1-жалпы)", "(faq)"))},
        "v4",
        "2025-08-01T10:00:00+00:00",
    )
    text = summary(main)
    assert "> [!CAUTION]" in text
    assert (
        "`policies/acme/privacy.kk.md:" in text and "link 'faq' leads nowhere on this site" in text
    )


def check(repo: GitRepo) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "policysite", "pr-summary", "--check"),
            *("--base", "main", "--head", "HEAD", "--root", str(repo.root)),
        ],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": "1795305600", "PATH": "/usr/bin:/bin"},  # 2026-11-22
    )


def test_a_rename_withdrawal_or_deleted_translation_is_said_in_words(main: GitRepo) -> None:
    """What a pull request does to a policy's life, not only to its versions: a rename is
    not a new policy (and asks no notice), a withdrawal and a deleted translation are not
    "nothing"; each said in kk, ru and en."""
    main.git("checkout", "-q", "main")
    promise_notice(main, 30)
    main.commit({RU: policy("2024-03-01", V1, title="Политика")}, "ru", "2024-02-02T10:00:00Z")
    main.git("checkout", "-q", "-b", "rename")
    main.git("mv", KK, "policies/acme/privacy-policy.kk.md")
    main.git("mv", RU, "policies/acme/privacy-policy.ru.md")
    main.commit({}, "rename", "2026-11-21T10:00:00Z")
    done = check(main)
    assert done.returncode == 0, done.stdout
    assert "`acme/privacy-policy` (kk) — renamed" in done.stdout
    assert "Renamed from acme/privacy: every address of acme/privacy redirects" in done.stdout
    assert "new policy" not in done.stdout and "days before it is made public" not in done.stdout
    assert "Переименована, прежний идентификатор acme/privacy" in summary(main, "ru")

    main.git("checkout", "-q", "main")
    main.git("checkout", "-q", "-b", "withdraw")
    main.commit({RU: None}, "delete the Russian text", "2026-11-21T10:00:00Z")
    text = summary(main)
    assert "This change touches no policy." not in text
    assert "`acme/privacy` (ru) — translation removed" in text
    main.commit({KK: None}, "withdraw", "2026-11-21T11:00:00Z")
    text = summary(main)
    assert "`acme/privacy` (kk) — policy withdrawn" in text
    assert "Withdrawn when this is merged: no version is in force from then on" in text
    assert "саясат қолданыстан алынды" in summary(main, "kk")


def test_a_policy_added_again_or_a_version_taken_back_is_said_in_words(main: GitRepo) -> None:
    """Read from the policy's life: an upcoming version withdrawn before its day, and a
    withdrawn policy added again (with the notice its new version must give)."""
    main.git("checkout", "-q", "main")
    promise_notice(main, 30)
    main.commit({KK: policy("2027-01-01", V1 + "\nЖаңа.\n")}, "v2", "2026-11-01T10:00:00Z")
    main.git("checkout", "-q", "-b", "take-back")
    main.commit(
        {KK: policy("2024-03-01", V1, summary="Бірінші.")}, "take v2 back", "2026-11-21T10:00:00Z"
    )
    text = summary(main)
    assert "`acme/privacy` (kk) — upcoming version withdrawn before its day" in text
    assert "The version announced for January\u00a01, 2027 is withdrawn" in text
    assert "This change touches no policy." not in text
    assert "отозвана до вступления в силу" in summary(main, "ru")

    main.git("checkout", "-q", "main")
    main.commit({KK: None}, "withdraw", "2026-11-10T10:00:00Z")
    main.git("checkout", "-q", "-b", "back")
    main.commit({KK: policy("2027-02-01", V1, title="Back")}, "back", "2026-11-21T10:00:00Z")
    done = check(main)
    assert done.returncode == 0, done.stdout
    assert "`acme/privacy` (kk) — policy added again" in done.stdout
    assert "the time it was withdrawn stays on its pages" in done.stdout
    assert "саясат қайта енгізілді" in summary(main, "kk")
    # Its new version is announced when this is merged: too little notice is refused.
    main.commit({KK: policy("2026-12-01", V1, title="Back")}, "sooner", "2026-11-21T11:00:00Z")
    assert check(main).returncode == 1


def test_a_policy_renamed_a_second_time_is_renamed_not_new(main: GitRepo) -> None:
    """Found by the editors' stories: the second rename of a policy was summarised as a new
    policy with every version new, and refused for notice: the summary looked for its
    history under its first id, which the branch's base no longer had."""
    main.git("checkout", "-q", "main")
    main.git("mv", KK, "policies/acme/privacy-policy.kk.md")
    main.commit({}, "first rename", "2026-11-20T10:00:00Z")
    main.git("checkout", "-q", "-b", "again")
    main.git("mv", "policies/acme/privacy-policy.kk.md", "policies/acme/data.kk.md")
    main.commit({}, "second rename", "2026-11-21T10:00:00Z")
    done = check(main)
    assert done.returncode == 0, done.stdout
    assert "`acme/data` (kk) — renamed" in done.stdout
    assert "Renamed from acme/privacy-policy: every address" in done.stdout
    assert "new policy" not in done.stdout and "new version" not in done.stdout


def test_a_change_of_who_may_sign_the_manifests_is_said_key_by_key(main: GitRepo) -> None:
    """Whoever a listed key belongs to can sign as the site: a reviewer sees each key
    added or removed by its fingerprint, in the summary's language (issue 33)."""
    keys = {}
    for name in ("old", "new"):
        key = main.root.parent / name
        subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        kind, blob = (main.root.parent / f"{name}.pub").read_text(encoding="utf-8").split()[:2]
        keys[name] = f"{kind} {blob}"
    main.git("checkout", "-q", "main")
    signers = ".policysite/allowed_signers"
    main.commit(
        {signers: f"deploy@acme.kz {keys['old']} the old key\n"},
        "sign",
        "2024-12-01T10:00:00+00:00",
    )
    main.git("checkout", "-q", "edit")
    main.git("merge", "-q", "main")
    assert "signers" not in summary(main)  # what main holds is no change of this one
    main.commit(
        {signers: f"# keys\ndeploy@acme.kz {keys['new']} the new key\n"},
        "rotate",
        "2024-12-02T10:00:00+00:00",
    )
    said = summary(main)
    old, new = (
        subprocess.run(
            [SSH_KEYGEN, "-l", "-f", str(main.root.parent / f"{name}.pub")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[1]
        for name in ("old", "new")
    )
    assert "> [!WARNING]\n> This change changes who may sign the site's manifests" in said
    assert f"> - Allowed to sign: `deploy@acme.kz {new} (the new key)`" in said
    assert f"> - No longer allowed to sign: `deploy@acme.kz {old} (the old key)`" in said
    assert "> - Енді қол қоя алмайды: `deploy@acme.kz" in summary(main, "kk")
    assert said.endswith("This change touches no policy.\n")
