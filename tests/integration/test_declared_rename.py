"""A policy renamed in the commit that brings its next version: git pairs a moved file with
its former path only while the text stays mostly the same, so an editor who renames a
policy and rewrites it at once says so with `renamed_from:`. Without it, the policy was
withdrawn (nothing in force until the new day, its addresses without redirects) and the
new version was a "new policy" that needed no notice."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from support.pipeline import build_pipeline
from support.project import copy_site_config
from support.repos import GitRepo, policy

from policysite.errors import PolicyError

KK, RU = "policies/acme/privacy.kk.md", "policies/acme/privacy.ru.md"
NEW_KK, NEW_RU = "policies/acme/privacy-policy.kk.md", "policies/acme/privacy-policy.ru.md"
OLD_TEXT = "## 1. Жалпы\n\nБіз деректерді өңдейміз.\n\n## 2. Байланыс\n\nХат.\n"
#: Another text altogether: git does not take it for the same file.
NEW_TEXT = (
    "## 1. Кіріспе\n\nОсы саясат жеке деректерді жинау, сақтау және жою тәртібін, "
    "сондай-ақ пайдаланушылардың құқықтарын толық сипаттайды.\n\n"
    "## 2. Деректер\n\nАты-жөні, телефон нөмірі, электрондық пошта, төлем тарихы.\n\n"
    "## 3. Сақтау мерзімі\n\nҮш жыл, содан кейін деректер жойылады.\n"
)
TODAY = date(2026, 11, 22)  # the day pr-summary is run on (SOURCE_DATE_EPOCH below)
NOW = "2026-11-21T10:00:00+00:00"  # the day the changes are committed


@pytest.fixture
def site(repo: GitRepo) -> GitRepo:
    copy_site_config(repo.root)
    repo.commit(
        {
            KK: policy("2026-01-01", OLD_TEXT),
            RU: policy("2026-01-01", "## 1. Общее\n\nМы обрабатываем.\n", title="Политика"),
        },
        "v1",
        "2025-12-01T10:00:00+00:00",
    )
    repo.git("checkout", "-q", "-b", "rename")
    return repo


def rename_with_a_new_version(repo: GitRepo, effective: str, **front: str) -> None:
    """Delete the files of acme/privacy and add acme/privacy-policy's, rewritten, in one
    commit (as `git mv` followed by an edit would, once the text changed this much)."""
    ru = policy(effective, "## 1. Введение\n\nСовсем другой текст.\n", title="П", **front)
    repo.commit(
        {KK: None, RU: None, NEW_KK: policy(effective, NEW_TEXT, **front), NEW_RU: ru},
        "rename and rewrite",
        "2026-11-21T10:00:00+00:00",
    )


def pr_summary(repo: GitRepo, lang: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "policysite", "pr-summary", "--check", "--lang", lang),
            *("--base", "main", "--head", "HEAD", "--root", str(repo.root)),
        ],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": "1795305600", "PATH": "/usr/bin:/bin"},  # 2026-11-22
    )


def test_git_does_not_pair_the_files_and_the_summary_says_how_to_declare_it(
    site: GitRepo,
) -> None:
    rename_with_a_new_version(site, "2027-01-15")
    build = build_pipeline(site.root, day=TODAY)
    assert build.history.texts[("acme/privacy", "kk")].withdrawn is not None  # as git sees it
    done = pr_summary(site)
    assert "`acme/privacy` (kk) — policy withdrawn" in done.stdout
    assert "`acme/privacy-policy` (kk) — new policy" in done.stdout
    assert (
        "This change withdraws acme/privacy and adds acme/privacy-policy as a new policy. "
        "If acme/privacy-policy is acme/privacy under another id, add the line below to "
        f"the front matter of {NEW_KK}: its versions then go with it"
    ) in done.stdout
    assert ">\n> `renamed_from: acme/privacy`\n" in done.stdout
    assert "`renamed_from: acme/privacy`" in pr_summary(site, "kk").stdout
    assert "`renamed_from: acme/privacy`" in pr_summary(site, "ru").stdout


def test_a_declared_rename_with_a_new_version_keeps_the_policy_whole(site: GitRepo) -> None:
    rename_with_a_new_version(site, "2027-01-15", renamed_from="acme/privacy")
    build = build_pipeline(site.root, day=TODAY)
    history = build.history
    assert history.moves == {"acme/privacy": "acme/privacy-policy"}
    for lang in ("kk", "ru"):
        text = history.texts[("acme/privacy-policy", lang)]
        assert [v.id for v in text.versions] == ["2026-01-01", "2027-01-15"], lang
        assert text.withdrawn is None
    assert ("acme/privacy", "kk") not in history.texts
    # The version in force stays in force until the new one's day; the former addresses
    # redirect to the new ones.
    text = history.view("acme/privacy-policy", "kk")
    assert text.current(TODAY) is text.versions[0]
    addresses = build.manifest["addresses"]
    assert addresses["/acme/privacy/2026-01-01/"]["moved_to"] == "/acme/privacy-policy/2026-01-01/"
    assert "/acme/privacy-policy/2027-01-15/" in addresses
    assert "Мы обрабатываем." in build.read("acme/privacy-policy/2026-01-01/index.ru.md")

    done = pr_summary(site)
    assert done.returncode == 0, done.stdout
    assert "`acme/privacy-policy` (kk) — renamed" in done.stdout
    assert "`acme/privacy-policy` (kk) — upcoming version" in done.stdout
    for wrong in (
        "new policy",
        "withdrawn",
        "policy removed",
        "translation removed",
        "renamed_from",
    ):
        assert wrong not in done.stdout, done.stdout  # nothing left to suggest


def test_the_new_version_of_a_declared_rename_needs_the_notice_promised(site: GitRepo) -> None:
    """A rename is not a new policy: its next version is announced when it is merged."""
    rename_with_a_new_version(site, "2026-12-01", renamed_from="acme/privacy")
    done = pr_summary(site)
    assert done.returncode == 1, done.stdout
    assert "`acme/privacy-policy` (kk) — upcoming version" in done.stdout
    assert (
        f"{NEW_KK}:3: version 2026-12-01 would take effect 9 days after it is made public "
        "(2026-11-22); the site promises 30 days of notice"
    ) in done.stdout
    assert "policy removed" not in done.stdout and "withdrawn" not in done.stdout


def test_renamed_from_an_id_the_commit_did_not_delete_is_refused(site: GitRepo) -> None:
    """The policy would be published as a new one beside the one it says it continues."""
    site.commit(
        {NEW_KK: policy("2027-01-15", NEW_TEXT, renamed_from="acme/privacy")},
        "a copy, not a rename",
        "2026-11-21T10:00:00+00:00",
    )
    with pytest.raises(PolicyError) as error:
        build_pipeline(site.root, day=TODAY)
    message = str(error.value)
    assert f"{NEW_KK}:4: says renamed_from: acme/privacy, but it does not continue {KK}" in message
    assert f"'git mv {KK} {NEW_KK}'" in message
    assert "remove renamed_from if this is a policy of its own" in message


def test_renamed_from_kept_through_later_renames_is_not_a_problem(site: GitRepo) -> None:
    rename_with_a_new_version(site, "2027-01-15", renamed_from="acme/privacy")
    site.git("mv", NEW_KK, "policies/acme/data.kk.md")
    site.git("mv", NEW_RU, "policies/acme/data.ru.md")
    site.commit({}, "rename again", "2026-11-21T11:00:00+00:00")
    history = build_pipeline(site.root, day=TODAY).history
    assert history.moves == {"acme/privacy": "acme/data", "acme/privacy-policy": "acme/data"}
    assert [v.id for v in history.texts[("acme/data", "kk")].versions] == [
        "2026-01-01",
        "2027-01-15",
    ]


def raw_statuses(repo: GitRepo) -> str:
    """What git itself makes of the last commit: its statuses and paths."""
    return repo.git("show", "-M", "--name-status", "--format=", "HEAD")


TERMS = "policies/acme/terms.kk.md"
TERMS_TEXT = "## 1. Жалпы\n\nacme/terms: деректер 1 рет өңделеді.\n\n## 2. Байланыс\n\nХат 1.\n"


def test_git_pairing_a_file_with_one_in_another_language_is_not_a_rename(site: GitRepo) -> None:
    """Found by the editors' stories: a policy withdrawn in the commit that adds another
    policy's Russian text, much like it, was "renamed" into that translation."""
    site.commit({TERMS: policy("2026-01-01", TERMS_TEXT)}, "terms", "2026-11-01T10:00:00Z")
    ru = TERMS_TEXT.replace("Хат 1.", "Письмо.")  # the Russian text, much like it
    cookies, cookies_ru = "policies/beta/cookies.kk.md", "policies/beta/cookies.ru.md"
    site.commit(
        {
            TERMS: None,
            cookies: policy("2026-12-30", NEW_TEXT),
            cookies_ru: policy("2026-12-30", ru),
        },
        "terms withdrawn; a new policy, with its Russian text",
        NOW,
    )
    assert f"{TERMS}\t{cookies_ru}" in raw_statuses(site)  # git takes one for the other
    history = build_pipeline(site.root, day=TODAY).history
    assert history.texts[("acme/terms", "kk")].withdrawn is not None
    assert history.moves == {}
    assert [v.id for v in history.texts[("beta/cookies", "ru")].versions] == ["2026-12-30"]


def test_a_declared_rename_wins_over_the_file_git_paired_instead(site: GitRepo) -> None:
    """git pairs the deleted file with the new file most like it; the file that says
    `renamed_from:` is the one that continues it."""
    site.commit({TERMS: policy("2026-01-01", TERMS_TEXT)}, "terms", "2026-11-01T10:00:00Z")
    cookies = "policies/beta/cookies.kk.md"
    site.commit(
        {
            TERMS: None,
            cookies: policy("2026-12-30", TERMS_TEXT.replace("terms", "cookies")),
            NEW_KK: policy("2027-01-15", NEW_TEXT, renamed_from="acme/terms"),
        },
        "terms renamed and rewritten, and a new policy much like the old terms",
        NOW,
    )
    assert f"{TERMS}\t{cookies}" in raw_statuses(site)
    history = build_pipeline(site.root, day=TODAY).history
    assert history.moves == {"acme/terms": "acme/privacy-policy"}
    versions = history.texts[("acme/privacy-policy", "kk")].versions
    assert [v.id for v in versions] == ["2026-01-01", "2027-01-15"]
    assert [v.id for v in history.texts[("beta/cookies", "kk")].versions] == ["2026-12-30"]
