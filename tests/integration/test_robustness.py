"""Any real repository, any real text: a message, never a traceback."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import markdown
import pytest
import yaml
from feedgen.feed import FeedGenerator
from hypothesis import given, settings
from hypothesis import strategies as st
from support.pipeline import build_pipeline
from support.project import PROJECT
from support.repos import GitRepo, image_bytes, policy

from policysite.errors import PolicyError
from policysite.history.policy_file import parse_source
from policysite.history.reading import read_history
from policysite.history.repository import Repository
from policysite.render.strings import Strings

KK = "policies/acme/privacy.kk.md"


def test_a_submodule_under_policies_is_named_as_one(repo: GitRepo) -> None:
    first = repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{first},policies/acme/terms.kk.md")
    repo.git("commit", "-q", "-m", "a submodule", when="2024-02-02T10:00:00+00:00")
    with pytest.raises(PolicyError) as raised:
        build_pipeline(repo.root)
    assert [str(p) for p in raised.value.problems] == [
        "policies/acme/terms.kk.md: is a git submodule; policies must be plain files"
    ]


def test_a_title_ending_in_a_hash_keeps_it(repo: GitRepo) -> None:
    repo.commit(
        {KK: policy("2024-03-01", title="Policy for C#")}, "v1", "2024-02-01T10:00:00+00:00"
    )
    page = build_pipeline(repo.root).read("acme/privacy/index.kk.md")
    assert "# Policy for C\\#\n" in page
    html = markdown.markdown(page.split("---\n", 2)[2], extensions=["attr_list"])
    assert "<h1>Policy for C#</h1>" in html


def test_a_version_of_1900_has_a_valid_atom_date(repo: GitRepo) -> None:
    repo.commit({KK: policy("1900-01-01")}, "old", "2024-02-01T10:00:00+00:00")
    feed = build_pipeline(repo.root, timezone="Asia/Almaty").read("acme/privacy/feed.en.xml")
    dates = re.findall(r"<updated>([^<]+)</updated>", feed)
    assert dates and all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", d) for d in dates
    )
    assert "1899-12-31T18:52:12" in feed  # midnight of Almaty's local mean time, in UTC


def test_a_read_only_cache_is_used_as_it_is(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    first = build_pipeline(repo.root)  # fills the cache
    repo.commit(
        {KK: policy("2025-03-01", "## 1. General\n\nTwo.\n")}, "v2", "2025-02-01T10:00:00+00:00"
    )

    def read_only(path: Path, data: bytes) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    # As a cache restored read-only in CI: root may write anywhere, so the writes fail here.
    monkeypatch.setattr("policysite.pipeline.cache.replace_file", read_only)
    monkeypatch.setattr("policysite.mkdocs.incremental.replace_file", read_only)
    site = build_pipeline(repo.root)
    notes = [n for n in site.notes if "cannot be written" in n]
    assert len(notes) == 1 and "Read-only file system" in notes[0]
    assert [v.id for v in site.history.texts[("acme/privacy", "kk")].versions] == [
        "2024-03-01",
        "2025-03-01",
    ]
    assert "Two." in site.read("acme/privacy/2025-03-01/index.kk.md")
    assert first.made == 3 and site.made == 3  # the policy in each language, made again


@pytest.mark.parametrize("depth", [1, 2, 5, None], ids=["depth-1", "depth-2", "depth-5", "archive"])
def test_the_sample_builds_from_an_incomplete_history(depth: int | None, tmp_path: Path) -> None:
    """A shallow clone at any depth, or a `git archive` export without git, builds with the
    "history incomplete" notice when the option allows it."""
    root = tmp_path / "sample"
    if depth is None:
        root.mkdir()
        archive = subprocess.run(
            ["git", "archive", "HEAD"], cwd=PROJECT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    else:
        subprocess.run(
            ["git", "clone", "-q", "--depth", str(depth), f"file://{PROJECT}", str(root)],
            check=True,
        )
    site = build_pipeline(root, allow_incomplete_history=True)
    assert site.history.incomplete is not None
    page = site.read("meest/privacy/index.en.md")
    assert '!!! danger "History incomplete"' in page
    # The English translation of 2025-03-01 lags the Kazakh text: at every depth the
    # Kazakh text it translates is cut off, and the English text is what can be known.
    assert [v.translates for v in site.history.before_cut[("meest/privacy", "en")]] == [
        "2025-03-01"
    ]
    for (policy_id, lang), versions in site.history.before_cut.items():
        for version in versions:
            shown = site.read(f"{policy_id}/{version.translates}/index.{lang}.md")
            assert version.title in shown
            lines = version.source.body.splitlines()
            prose = next(x for x in lines if x[:1].isalpha() and not set("[*_`") & set(x))
            assert prose in shown  # its text
            assert "!!! warning" in shown and Strings(lang)("before_cut.title") in shown
            for other in ("kk", "ru", "en"):  # every language's policy page links it
                listed = site.read(f"{policy_id}/index.{other}.md")
                assert f"{version.translates}/" in listed.split("!!! info")[0], (policy_id, other)
    if depth == 1:
        # Only the upcoming Kazakh version of getx is in the one commit read: the version
        # in force is known from its Russian and English translations, never "none".
        home = site.read("index.en.md")
        assert (
            "In force: the version of June\u00a01, 2025, known from its translations only" in home
        )
        assert "No version of this policy is in force yet" not in site.read(
            "getx/privacy/index.en.md"
        )
        assert "Настоящая Политика конфиденциальности" in site.read(
            "getx/privacy/2025-06-01/index.ru.md"
        )


# Every class of code point but surrogates (which UTF-8 cannot hold) and NUL (a binary file).
_ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(title=_ANY_TEXT, summary=_ANY_TEXT, heading=_ANY_TEXT)
def test_any_characters_in_front_matter_and_headings_reach_the_feed(
    title: str, summary: str, heading: str
) -> None:
    """Pasted from a word processor: control characters never crash the feed (XML) or the
    front matter (YAML); they are normalised as the page and policy.md show them."""
    front = yaml.safe_dump({"title": title, "summary": summary}, allow_unicode=True, width=1000)
    data = f"---\n{front}effective: 2024-03-01\n---\n\n## {heading}\n\nText.\n".encode()
    try:
        source = parse_source("policies/acme/privacy.kk.md", data)
    except PolicyError as error:  # e.g. a title that is blank once normalised
        assert all(p.path == "policies/acme/privacy.kk.md" for p in error.problems)
        return
    assert not re.search("[\x00-\x08\x0b-\x1f\ufffe\uffff]", source.published.decode())
    feed = FeedGenerator()
    feed.id("https://example.kz/")
    feed.title(source.front.title)
    entry = feed.add_entry()
    entry.id("https://example.kz/1")
    entry.title(source.front.title)
    entry.content(source.front.summary or "", type="html")
    assert feed.atom_str()


def test_a_vertical_tab_from_word_does_not_break_the_feed(repo: GitRepo) -> None:
    text = policy(
        "2024-03-01", "## 1. Жалпы\x01 ережелер\n\nБірінші\x0bжол.\n", title="Privacy\x0bpolicy"
    )
    repo.commit({KK: text}, "pasted from Word", "2024-02-01T10:00:00+00:00")
    site = build_pipeline(repo.root)
    assert "<title>Privacy policy</title>" in site.read("acme/privacy/feed.en.xml")
    page = site.read("acme/privacy/2024-03-01/index.kk.md")
    assert "Жалпы ережелер" in page and "Бірінші жол." in page
    exact = site.history.texts[("acme/privacy", "kk")].versions[0].data
    assert b"\x0b" not in exact and b"\x01" not in exact  # policy.md as the page shows it


def _plumb(repo: GitRepo, data: bytes, *args: str) -> str:
    """A git plumbing command fed `data`: the object id it prints."""
    done = subprocess.run(
        ["git", *args], cwd=repo.root, input=data, capture_output=True, check=True
    )
    return done.stdout.decode().strip()


def _raw_commit(repo: GitRepo, parent: str, text: bytes, author: bytes, message: bytes) -> str:
    """A commit written byte for byte (as migration tools write them), changing the policy."""
    blob = _plumb(repo, text, "hash-object", "-w", "--stdin")
    tree = _plumb(repo, f"100644 blob {blob}\tprivacy.kk.md\n".encode(), "mktree")
    acme = _plumb(repo, f"040000 tree {tree}\tacme\n".encode(), "mktree")
    root = _plumb(repo, f"040000 tree {acme}\tpolicies\n".encode(), "mktree")
    data = (
        f"tree {root}\nparent {parent}\n".encode()
        + b"author " + author + b" <a@example.kz> 1730000000 +0500\n"
        + b"committer " + author + b" <a@example.kz> 1730000000 +0500\n\n"
        + message
    )  # fmt: skip
    return _plumb(repo, data, "hash-object", "-t", "commit", "-w", "--literally", "--stdin")


_BYTES = st.binary(max_size=40).filter(lambda b: b"\n" not in b and b"<" not in b and b">" not in b)


@settings(max_examples=60, deadline=None)
@given(author=_BYTES, subject=st.binary(max_size=60), body=st.binary(max_size=60))
def test_commit_metadata_of_any_bytes_is_read_without_a_crash(
    tmp_path_factory: pytest.TempPathFactory, author: bytes, subject: bytes, body: bytes
) -> None:
    root = tmp_path_factory.mktemp("raw") / "repo"
    root.mkdir()
    repo = GitRepo(root)
    repo.git("init", "-q", "-b", "main")
    first = repo.commit({KK: policy("2027-01-15")}, "v1", "2024-02-01T10:00:00+00:00")
    text = policy("2027-01-15", "## 1. General\n\nEdited.\n").encode()
    edited = _raw_commit(repo, first, text, author or b"x", subject + b"\n\n" + body)
    repo.git("update-ref", "refs/heads/main", edited)
    with Repository(root) as git:
        history = read_history(git, "policies", ("kk", "ru", "en"), ZoneInfo("UTC"), "kk")
    commits = history.texts[("acme/privacy", "kk")].versions[0].commits
    assert [c.sha for c in commits] == [first, edited]
    shown = commits[-1]
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", shown.subject + shown.author)
    shown.subject.encode("utf-8")  # printable anywhere: no lone surrogates
    shown.author.encode("utf-8")


def test_an_image_beside_the_policy_is_published_once_with_its_hash(repo: GitRepo) -> None:
    logo = image_bytes()
    (repo.root / "policies/acme").mkdir(parents=True)
    (repo.root / "policies/acme/logo.png").write_bytes(logo)
    text = "## 1. General\n\nText.\n\n![Our logo](logo.png)\n"
    repo.commit(
        {KK: policy("2024-03-01", text), "policies/acme/privacy.ru.md": policy("2024-03-01", text)},
        "v1 with a logo",
        "2024-02-01T10:00:00+00:00",
    )
    site = build_pipeline(repo.root)
    digest = hashlib.sha256(logo).hexdigest()
    path = f"acme/privacy/files/{digest[:16]}/logo.png"
    assert [f.path for f in site.raw_files if f.path.endswith(".png")] == [path]
    assert site.manifest["addresses"]["/" + path]["sha256"] == digest
    kk = site.read("acme/privacy/2024-03-01/index.kk.md")
    assert f'<img src="../files/{digest[:16]}/logo.png" alt="Our logo" />' in kk
    ru = site.read("acme/privacy/2024-03-01/index.ru.md")
    assert f'<img src="../../../../acme/privacy/files/{digest[:16]}/logo.png"' in ru
    # The file changes later: the published version keeps showing the one it was published with.
    (repo.root / "policies/acme/logo.png").write_bytes(image_bytes(color="red"))
    repo.commit(
        {KK: policy("2025-03-01", text), "policies/acme/privacy.ru.md": policy("2025-03-01", text)},
        "v2, a new logo",
        "2025-02-01T10:00:00+00:00",
    )
    again = build_pipeline(repo.root)
    assert f"{digest[:16]}/logo.png" in again.read("acme/privacy/2024-03-01/index.kk.md")
    assert f"{digest[:16]}/logo.png" not in again.read("acme/privacy/2025-03-01/index.kk.md")


def test_a_missing_image_is_named_with_its_fix(repo: GitRepo) -> None:
    text = "## 1. General\n\n![Map](img/map.png)\n"
    repo.commit({KK: policy("2024-03-01", text)}, "v1", "2024-02-01T10:00:00+00:00")
    with pytest.raises(PolicyError) as raised:
        build_pipeline(repo.root)
    assert [str(p) for p in raised.value.problems] == [
        "policies/acme/privacy.kk.md:8: image 'img/map.png' is not a file in the repository "
        "(policies/acme/img/map.png); put it beside the policy file, or correct its name"
    ]


def test_a_long_section_rewritten_says_so(repo: GitRepo) -> None:
    # One paragraph of 3 000 words, every other word changed: too long to mark word by word.
    old = "## 1. General\n\n" + " ".join(["бірінші"] * 3000) + "\n"
    new = "## 1. General\n\n" + " ".join(["бірінші", "екінші"] * 1500) + "\n"
    repo.commit({KK: policy("2024-03-01", old)}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({KK: policy("2025-03-01", new)}, "v2", "2025-02-01T10:00:00+00:00")
    changes = build_pipeline(repo.root).read("acme/privacy/2025-03-01/changes/index.en.md")
    assert '<p class="ps-change__rewritten">Rewritten: too long and too changed' in changes
    small = build_pipeline(repo.root).read("acme/privacy/2025-03-01/changes/index.kk.md")
    assert small.count("ps-change__rewritten") == 1
