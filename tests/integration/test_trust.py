"""The site never publishes something wrong: incomplete history, bad input, permanence."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.pipeline import build_pipeline, run_check_permanence
from support.repos import GitRepo, policy

from policysite.compare.sections import parse_sections
from policysite.errors import ConfigError, IncompleteHistoryError, PolicyError
from policysite.history.policy_file import parse_source
from policysite.history.texts import IncompleteHistory
from policysite.mkdocs.options import load_options
from policysite.pipeline.assemble import SiteBuild
from policysite.tools.permanence import check_permanence

KK = "policies/acme/privacy.kk.md"


def build(root: Path, **options: object) -> SiteBuild:
    return build_pipeline(root, **options)


@pytest.fixture
def two_versions(repo: GitRepo) -> GitRepo:
    repo.commit({KK: policy("2024-03-01", "## 1. A\n\nOne.\n")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({KK: policy("2025-03-01", "## 1. A\n\nTwo.\n")}, "v2", "2025-02-01T10:00:00+00:00")
    return repo


def policy_pages(site: SiteBuild) -> list[str]:
    return [
        site.read(p.path)
        for p in site.pages
        if p.path.startswith("acme/privacy/") and p.path.endswith(".md")
    ]


def test_a_shallow_clone_fails_with_the_fix(two_versions: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{two_versions.root}", str(clone)],
        check=True,
    )
    with pytest.raises(IncompleteHistoryError) as raised:
        build(clone)
    message = str(raised.value)
    assert "shallow git history" in message
    assert "git fetch --unshallow" in message and "fetch-depth: 0" in message
    assert "allow_incomplete_history: true" in message


def test_a_shallow_clone_may_build_marked_incomplete(two_versions: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{two_versions.root}", str(clone)],
        check=True,
    )
    site = build(clone, allow_incomplete_history=True)
    assert site.history.incomplete == IncompleteHistory.SHALLOW
    text = site.history.text("acme/privacy", "kk")
    assert text is not None and [v.id for v in text.versions] == ["2025-03-01"]
    pages = policy_pages(site)
    assert pages and all("!!! danger" in p for p in pages)
    kk = [site.read("acme/privacy/index.kk.md")]
    assert '!!! danger "Тарих толық емес"' in kk[0]


def test_a_folder_without_git_fails_with_the_fix(two_versions: GitRepo, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(two_versions.root, archive, ignore=shutil.ignore_patterns(".git"))
    with pytest.raises(IncompleteHistoryError) as raised:
        build(archive)
    assert "is not a git repository" in str(raised.value)
    assert "allow_incomplete_history: true" in str(raised.value)


def test_a_folder_without_git_may_build_its_files_marked_incomplete(
    two_versions: GitRepo, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(two_versions.root, archive, ignore=shutil.ignore_patterns(".git"))
    site = build(archive, allow_incomplete_history=True)
    assert site.history.incomplete == IncompleteHistory.NO_GIT
    assert site.git_dir is None
    text = site.history.text("acme/privacy", "kk")
    assert text is not None and [v.id for v in text.versions] == ["2025-03-01"]
    en = [site.read("acme/privacy/index.en.md")]
    assert "History incomplete" in en[0] and "without its git history" in en[0]


def test_the_option_must_be_true_or_false() -> None:
    with pytest.raises(ConfigError, match="allow_incomplete_history: expected true or false"):
        load_options({"allow_incomplete_history": "yes"})


# Permanence across deploys ---------------------------------------------------


def test_every_build_lists_its_addresses_and_the_hash_of_each_version(
    two_versions: GitRepo,
) -> None:
    manifest = build(two_versions.root).manifest
    addresses = manifest["addresses"]
    assert manifest["built_for"] == "2026-11-22"
    old = addresses["/acme/privacy/2024-03-01/"]
    data = (two_versions.root / KK).read_bytes()  # the 2025 text is the file as it is now
    assert addresses["/acme/privacy/2025-03-01/"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert old["effective"] == "2024-03-01" and len(old["sha256"]) == 64
    for address in (
        "/",
        "/acme/privacy/",
        "/ru/acme/privacy/2024-03-01/",
        "/en/acme/privacy/history/",
        "/acme/privacy/2025-03-01/changes/",
        "/acme/privacy/compare/",
        "/acme/privacy/2025-03-01/sections.json",
        "/ru/acme/privacy/sections/a/",
    ):
        assert address in addresses, address


def test_a_rewritten_history_is_refused(two_versions: GitRepo, tmp_path: Path) -> None:
    before = build(two_versions.root).manifest
    # A force-push: the first version's text quietly changed in a rewritten commit.
    first = two_versions.git("rev-list", "--max-parents=0", "HEAD").strip()
    two_versions.git("reset", "-q", "--hard", first)
    two_versions.git("commit", "-q", "--amend", "-m", "v1", when="2024-02-01T10:00:00+00:00")
    two_versions.write({KK: policy("2024-03-01", "## 1. A\n\nOne, rewritten.\n")})
    two_versions.git("commit", "-q", "-a", "--amend", "--no-edit", when="2024-02-01T10:00:00+00:00")
    two_versions.commit(
        {KK: policy("2025-03-01", "## 1. A\n\nTwo.\n")}, "v2", "2025-02-01T10:00:00+00:00"
    )
    after = build(two_versions.root).manifest
    problems = check_permanence(before, after)
    assert len(problems) == 6  # the version's page and its policy.md, in kk, ru and en
    assert all(
        "version 2024-03-01 of acme/privacy" in p and "no correction recorded" in p
        for p in problems
    )
    assert any(p.startswith("/acme/privacy/2024-03-01/:") for p in problems)
    assert any(p.startswith("/en/acme/privacy/2024-03-01/policy.md:") for p in problems)

    previous, current = tmp_path / "previous.json", tmp_path / "current.json"
    previous.write_text(json.dumps(before), encoding="utf-8")
    # Built after the live manifest, as a deploy builds: its chain holds, its texts do not.
    after["previous"] = hashlib.sha256(previous.read_bytes()).hexdigest()
    current.write_text(json.dumps(after), encoding="utf-8")
    done = run_check_permanence(previous, current)
    assert done.returncode == 1
    assert "6 published promise(s) broken" in done.stderr


def test_addresses_lost_to_a_rewritten_history_are_refused(two_versions: GitRepo) -> None:
    before = build(two_versions.root).manifest
    # A force-push that took the second version (and the whole policy) away.
    two_versions.git("reset", "-q", "--hard", "HEAD~1")
    two_versions.commit(
        {KK: None, "policies/acme/terms.kk.md": policy("2024-03-01", title="Terms")},
        "rewritten",
        "2024-02-02T10:00:00+00:00",
    )
    two_versions.git("reflog", "expire", "--expire=now", "--all")
    two_versions.git("gc", "-q", "--prune=now")
    problems = check_permanence(before, build(two_versions.root).manifest)
    assert (
        "/acme/privacy/2025-03-01/: the address is gone; a published address must stay" in problems
    )
    assert "/ru/acme/privacy/2025-03-01/: the address is gone; a published address must stay" in (
        problems
    )


def test_corrections_new_versions_and_upcoming_edits_keep_the_promise(
    two_versions: GitRepo,
) -> None:
    two_versions.commit(
        {KK: policy("2027-01-01", "## 1. A\n\nDraft.\n")}, "upcoming", "2026-10-01T10:00:00+00:00"
    )
    before = build(two_versions.root).manifest
    two_versions.commit(
        {KK: policy("2027-01-01", "## 1. A\n\nFinal.\n")},
        "upcoming, final",
        "2026-11-01T10:00:00+00:00",
    )
    two_versions.commit(
        {"policies/acme/privacy.ru.md": policy("2025-03-01", "## 1. А\n\nДва.\n")},
        "ru translation of 2025-03-01",
        "2026-11-02T10:00:00+00:00",
    )
    after = build(two_versions.root).manifest
    assert check_permanence(before, after) == []
    assert check_permanence(before, before) == []


# Bad input: one clear message per problem, nothing staged -----------------------

BAD_INPUT = [
    pytest.param(
        {KK: "---\ntitle: [unclosed\neffective: 2024-03-01\n---\n\nText.\n"},
        "policies/acme/privacy.kk.md:3: front matter is not valid YAML",
        id="malformed-yaml",
    ),
    pytest.param(
        {KK: "---\ntitle: Privacy\n---\n\nText.\n"},
        "policies/acme/privacy.kk.md:1: front matter has no 'effective'; add 'effective: ",
        id="effective-missing",
    ),
    pytest.param(
        {KK: "---\ntitle: Privacy\neffective: 1 March 2024\n---\n\nText.\n"},
        "policies/acme/privacy.kk.md:3: effective date 1 March 2024 is not a date (write YYYY-MM-DD)",
        id="effective-not-a-date",
    ),
    pytest.param(
        {KK: "Just text, no front matter.\n"},
        "policies/acme/privacy.kk.md:1: has no front matter: start the file with a '---' line",
        id="no-front-matter",
    ),
    pytest.param(
        {KK: ""},
        "policies/acme/privacy.kk.md:1: is empty: write front matter and the policy text",
        id="empty-file",
    ),
    pytest.param(
        {"policies/acme/Privacy.kk.md": policy("2024-03-01")},
        "policies/acme/Privacy.kk.md: policy id 'acme/Privacy' is not valid",
        id="capitals-in-id",
    ),
    pytest.param(
        {"policies/acme/my policy.kk.md": policy("2024-03-01")},
        "policies/acme/my policy.kk.md: policy id 'acme/my policy' is not valid",
        id="space-in-id",
    ),
    pytest.param(
        {"policies/acme/privacy..kk.md": policy("2024-03-01")},
        "policies/acme/privacy..kk.md: policy id 'acme/privacy.' is not valid",
        id="dots-in-id",
    ),
    pytest.param(
        {"policies/acme/history.kk.md": policy("2024-03-01")},
        "policies/acme/history.kk.md: policy id 'acme/history' uses 'history'",
        id="reserved-id",
    ),
    pytest.param(
        {"policies/acme/privacy.de.md": policy("2024-03-01")},
        "policies/acme/privacy.de.md: has no language suffix: name it acme/privacy.de.<lang>.md",
        id="unknown-language",
    ),
]


@pytest.mark.parametrize(("files", "message"), BAD_INPUT)
def test_bad_input_is_named_with_its_fix_and_nothing_is_staged(
    repo: GitRepo, files: dict[str, str], message: str
) -> None:
    repo.commit(files, "bad input", "2024-02-01T10:00:00+00:00")
    with pytest.raises(PolicyError) as raised:
        build(repo.root)
    assert any(str(p).startswith(message) for p in raised.value.problems), raised.value
    assert not (repo.root / "build").exists()


def test_a_file_that_is_not_utf8_is_named_with_its_line(repo: GitRepo) -> None:
    (repo.root / "policies/acme").mkdir(parents=True)
    # Line 7 ends in a byte of another encoding (windows-1251 "я").
    data = policy("2024-03-01", "Мәтін.\n").encode("utf-8") + "я".encode("cp1251") + b"\n"
    (repo.root / KK).write_bytes(data)
    repo.commit({}, "windows-1251 bytes", "2024-02-01T10:00:00+00:00")
    with pytest.raises(PolicyError) as raised:
        build(repo.root)
    assert [str(p) for p in raised.value.problems] == [
        "policies/acme/privacy.kk.md:7: is not UTF-8 text (byte 0xff); save the file as UTF-8"
    ]


def test_a_binary_file_and_a_symlink_are_refused(repo: GitRepo) -> None:
    (repo.root / "policies/acme").mkdir(parents=True)
    (repo.root / "policies/acme/logo.kk.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (repo.root / "policies/other.kk.md").write_text(policy("2024-03-01"), encoding="utf-8")
    (repo.root / KK).symlink_to("../other.kk.md")
    repo.commit({}, "binary and link", "2024-02-01T10:00:00+00:00")
    with pytest.raises(PolicyError) as raised:
        build(repo.root)
    problems = [str(p) for p in raised.value.problems]
    assert "policies/acme/logo.kk.md: is a binary file, not Markdown text" in problems
    assert (
        "policies/acme/privacy.kk.md: is a symbolic link; policies must be plain files" in problems
    )


def test_every_problem_of_many_files_is_reported_at_once(repo: GitRepo) -> None:
    repo.commit(
        {
            KK: "---\ntitle: Privacy\n---\n",
            "policies/acme/terms.kk.md": "",
            "policies/Acme/cookies.kk.md": policy("2024-03-01"),
        },
        "three mistakes",
        "2024-02-01T10:00:00+00:00",
    )
    with pytest.raises(PolicyError) as raised:
        build(repo.root)
    assert len(raised.value.problems) == 3
    assert str(raised.value).startswith("3 problems in the policies:")


def test_a_policy_without_headings_is_one_section(repo: GitRepo) -> None:
    repo.commit(
        {KK: policy("2024-03-01", "Біз деректеріңізді қорғаймыз.\n")},
        "flat",
        "2024-02-01T10:00:00+00:00",
    )
    site = build(repo.root)
    page = site.read("acme/privacy/index.kk.md")
    assert "<p>Біз деректеріңізді қорғаймыз.</p>" in page


def test_a_5_mb_policy_builds(repo: GitRepo) -> None:
    paragraph = " ".join(["дербес деректерді қорғау"] * 40) + "."
    body = "".join(f"## {n}. Бөлім {n}\n\n{paragraph}\n\n{paragraph}\n\n" for n in range(1, 2000))
    assert len(body.encode()) > 5 * 1024 * 1024
    repo.commit({KK: policy("2024-03-01", body)}, "big", "2024-02-01T10:00:00+00:00")
    site = build(repo.root)
    text = site.history.text("acme/privacy", "kk")
    assert text is not None and text.versions[0].sha256
    page = site.read("acme/privacy/2024-03-01/index.kk.md")
    assert page.count("## ") >= 1999


# Arbitrary input never ends in a traceback ----------------------------------------


def parse_or_problems(data: bytes) -> None:
    try:
        source = parse_source("policies/acme/privacy.kk.md", data)
    except PolicyError as error:
        assert error.problems
        assert all(str(p).startswith("policies/acme/privacy.kk.md") for p in error.problems)
        return
    assert source.front.title and source.front.effective
    parse_sections(source.body, source.body_line)


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_a_clear_error_or_a_policy(data: bytes) -> None:
    parse_or_problems(data)


_FRONT = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "title: T",
                "effective: 2024-03-01",
                "effective: 2024-02-30",
                "summary: S",
                "correction: C",
                "translation_of: x",
                "title:",
                "- a",
                "key: [",
                "title: {a: b}",
                "? x",
                "effective: 2024-03-01T10:00",
            ]
        ),
        st.text(max_size=30),
    ),
    max_size=6,
)


@settings(max_examples=300)
@given(_FRONT, st.text(max_size=200))
def test_arbitrary_front_matter_and_text_give_a_clear_error_or_a_policy(
    front: list[str], body: str
) -> None:
    text = "---\n" + "\n".join(front) + "\n---\n" + body
    parse_or_problems(text.encode("utf-8", "surrogatepass"))
