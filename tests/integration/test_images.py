"""Files beside a policy: published only if their bytes are an image, and as the version
that shows them published them."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path

import pytest
from support.pipeline import build_pipeline
from support.project import copy_site_config
from support.repos import GitRepo, image_bytes, policy

from policysite.errors import PolicyError
from policysite.mkdocs.project import load_project
from policysite.tools.lint import lint

KK = "policies/acme/privacy.kk.md"
RU = "policies/acme/privacy.ru.md"
ONLY_IMAGES = (
    "only PNG, JPEG, GIF, WebP and AVIF images are published beside a policy: save it as one "
    "of them (an SVG exported as PNG), or link to the file instead of showing it"
)


def showing(*names: str) -> str:
    """A policy body showing each image by its name as written (from line 10 on, one every
    other line)."""
    return "## 1. Жалпы\n\nМәтін.\n\n" + "".join(f"![Сурет]({name})\n\n" for name in names)


def problems_of(repo: GitRepo) -> list[str]:
    with pytest.raises(PolicyError) as raised:
        build_pipeline(repo.root)
    return [str(problem) for problem in raised.value.problems]


def published(site_files: object) -> list[str]:
    return sorted(f.path for f in site_files if "/files/" in f.path)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"<!doctype html><script>alert(document.domain)</script>", "an HTML page"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
            "an SVG image, which can hold scripts",
        ),
        (b"title: not a picture\n", "text"),
        (image_bytes()[:60], "a PNG file that cannot be decoded (damaged or cut off)"),
        (image_bytes("BMP"), "a BMP image, a format browsers do not all show"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        (b"", "an empty file"),
    ],
)
def test_a_file_that_is_not_an_image_is_refused_by_its_bytes_whatever_its_name(
    repo: GitRepo, data: bytes, kind: str
) -> None:
    copy_site_config(repo.root)
    (repo.root / "policies/acme").mkdir(parents=True)
    (repo.root / "policies/acme/map.png").write_bytes(data)
    repo.commit({KK: policy("2024-03-01", showing("map.png"))}, "v1", "2024-02-01T10:00:00+00:00")
    expected = f"{KK}:10: image 'map.png' (policies/acme/map.png) is {kind}: {ONLY_IMAGES}"
    assert problems_of(repo) == [expected]
    # lint reads the history the same way, and the file as it is on disk.
    assert [str(p) for p in lint(load_project(repo.root)).problems] == [
        f"policies/acme/map.png: is named as an image but is {kind}; only images are published "
        "beside a policy: save it as a PNG, JPEG, GIF, WebP or AVIF image, or remove it",
        expected,
    ]


def test_only_files_inside_the_policies_folder_and_no_links_are_shown(repo: GitRepo) -> None:
    (repo.root / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (repo.root / "policies/acme").mkdir(parents=True)
    (repo.root / "policies/acme/real.png").write_bytes(image_bytes())
    os.symlink("real.png", repo.root / "policies/acme/link.png")
    text = showing("../../mkdocs.yml", "../../page.html", "link.png", "<../../../etc/passwd.png>")
    repo.commit({KK: policy("2024-03-01", text)}, "v1", "2024-02-01T10:00:00+00:00")
    assert problems_of(repo) == [
        f"{KK}:10: image '../../mkdocs.yml' is outside the policies folder (mkdocs.yml); only "
        "files beside the policies are published: put it in policies/acme/ and show it by its "
        "name",
        f"{KK}:12: image '../../page.html' is outside the policies folder (page.html); only "
        "files beside the policies are published: put it in policies/acme/ and show it by its "
        "name",
        f"{KK}:14: image 'link.png' (policies/acme/link.png) is a symbolic link; put the image "
        "file itself there",
        f"{KK}:16: image '../../../etc/passwd.png' is outside the policies folder "
        "(../etc/passwd.png); only files beside the policies are published: put it in "
        "policies/acme/ and show it by its name",
    ]


@pytest.mark.parametrize(
    ("fmt", "name", "media_type"),
    [
        ("PNG", "map.png", "image/png"),
        ("JPEG", "photo.jpeg", "image/jpeg"),
        ("GIF", "anim.gif", "image/gif"),
        ("WEBP", "pic.webp", "image/webp"),
        ("AVIF", "pic.avif", "image/avif"),
        # Named for another image format: published under its own name, an image all the same.
        ("PNG", "scan.jpg", "image/png"),
    ],
)
def test_each_image_format_is_published_with_its_media_type(
    repo: GitRepo, fmt: str, name: str, media_type: str
) -> None:
    data = image_bytes(fmt)
    (repo.root / "policies/acme").mkdir(parents=True)
    (repo.root / "policies/acme" / name).write_bytes(data)
    repo.commit({KK: policy("2024-03-01", showing(name))}, "v1", "2024-02-01T10:00:00+00:00")
    site = build_pipeline(repo.root)
    path = f"acme/privacy/files/{hashlib.sha256(data).hexdigest()[:16]}/{name}"
    assert published(site.raw_files) == [path]
    assert site.manifest["addresses"]["/" + path]["media_type"] == media_type


def test_names_in_any_script_and_with_spaces_are_found_as_written(repo: GitRepo) -> None:
    kazakh, spaced = image_bytes(color="red"), image_bytes(color="blue")
    (repo.root / "policies/acme").mkdir(parents=True)
    (repo.root / "policies/acme/карта.png").write_bytes(kazakh)
    (repo.root / "policies/acme/my map.png").write_bytes(spaced)
    text = showing("карта.png", "<my map.png>")
    repo.commit({KK: policy("2024-03-01", text)}, "v1", "2024-02-01T10:00:00+00:00")
    site = build_pipeline(repo.root)
    red, blue = (hashlib.sha256(d).hexdigest()[:16] for d in (kazakh, spaced))
    assert published(site.raw_files) == sorted(
        [f"acme/privacy/files/{red}/карта.png", f"acme/privacy/files/{blue}/my map.png"]
    )
    page = site.read("acme/privacy/2024-03-01/index.kk.md")
    assert f'<img src="../files/{red}/%D0%BA%D0%B0%D1%80%D1%82%D0%B0.png" alt="Сурет" />' in page
    assert f'<img src="../files/{blue}/my%20map.png" alt="Сурет" />' in page
    # A name that is not there is quoted as the editor wrote it, not percent-encoded.
    repo.commit(
        {KK: policy("2024-03-01", text + "![Жоқ](<жоқ сурет.png>)\n", correction="сурет қосылды")},
        "v1, one more",
        "2024-02-02T10:00:00+00:00",
    )
    assert problems_of(repo) == [
        f"{KK}:15: image 'жоқ сурет.png' is not a file in the repository "
        "(policies/acme/жоқ сурет.png); put it beside the policy file, or correct its name"
    ]


def test_an_older_version_whose_file_is_not_an_image_is_built_without_it(repo: GitRepo) -> None:
    (repo.root / "policies/acme").mkdir(parents=True)
    (repo.root / "policies/acme/map.png").write_text("<script>alert(1)</script>", "utf-8")
    repo.commit({KK: policy("2024-03-01", showing("map.png"))}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({KK: policy("2025-03-01")}, "v2", "2025-02-01T10:00:00+00:00")
    site = build_pipeline(repo.root)
    assert published(site.raw_files) == []
    page = site.read("acme/privacy/2024-03-01/index.kk.md")
    assert '<span class="ps-unpublished-image">Сурет</span>' in page and "<img" not in page
    assert any(
        "image 'map.png' (policies/acme/map.png) is an HTML page" in n for n in site.history.notes
    )


def _digest_shown(repo: GitRepo, version: str) -> str:
    page = build_pipeline(repo.root).read(f"acme/privacy/{version}/index.kk.md")
    return page.split("/files/")[1].split("/")[0]


def test_a_version_not_yet_in_force_shows_its_image_as_it_is_now(repo: GitRepo) -> None:
    red, blue = image_bytes(color="red"), image_bytes(color="blue")
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    (repo.root / "policies/acme/map.png").write_bytes(red)
    repo.commit({KK: policy("2027-01-01", showing("map.png"))}, "v2", "2026-11-01T10:00:00+00:00")
    (repo.root / "policies/acme/map.png").write_bytes(blue)
    repo.commit({}, "a better map for v2", "2026-11-10T10:00:00+00:00")
    assert _digest_shown(repo, "2027-01-01") == hashlib.sha256(blue).hexdigest()[:16]


RED, BLUE = image_bytes(color="red"), image_bytes(color="blue")


def map_changed_in_force(repo: GitRepo) -> str:
    """Version 2024-03-01 shows a red map; on 2025-01-10, a commit makes it blue and says
    nothing more. Returns the version's text."""
    (repo.root / "policies/acme").mkdir(parents=True)
    (repo.root / "policies/acme/map.png").write_bytes(RED)
    text = showing("map.png")
    repo.commit({KK: policy("2024-03-01", text)}, "v1", "2024-02-01T10:00:00+00:00")
    (repo.root / "policies/acme/map.png").write_bytes(BLUE)
    repo.commit({}, "a new map", "2025-01-10T10:00:00+00:00")
    return text


def test_a_version_in_force_keeps_its_image_and_a_new_one_needs_a_correction(
    repo: GitRepo,
) -> None:
    text = map_changed_in_force(repo)
    short = repo.git("rev-parse", "--short=7", "HEAD").strip()
    assert problems_of(repo) == [
        f"{KK}:10: version 2024-03-01 has been in force since 2024-03-01, and what it publishes "
        f"(its image 'map.png', policies/acme/map.png) was changed in commit {short} "
        "(2025-01-10 'a new map') without a 'correction:' reason. Published versions are "
        "immutable: revert the change; or give the new image a name of its own and show it in "
        "a new version with a later 'effective' date; or, if it corrects a mistake in the "
        "published version, add 'correction: <why>' to its front matter in the same commit"
    ]
    # Undone: nothing changed.
    (repo.root / "policies/acme/map.png").write_bytes(RED)
    repo.commit({}, "the map back", "2025-01-11T10:00:00+00:00")
    assert _digest_shown(repo, "2024-03-01") == hashlib.sha256(RED).hexdigest()[:16]
    # Corrected, in the commit that changes it: the version shows the new map, and says why.
    (repo.root / "policies/acme/map.png").write_bytes(BLUE)
    repo.commit(
        {KK: policy("2024-03-01", text, correction="картадағы мекенжай қате болды")},
        "v1 corrected: the map",
        "2025-01-12T10:00:00+00:00",
    )
    assert _digest_shown(repo, "2024-03-01") == hashlib.sha256(BLUE).hexdigest()[:16]


def test_a_later_correction_makes_an_image_change_stand(repo: GitRepo) -> None:
    text = map_changed_in_force(repo)
    repo.commit(
        {KK: policy("2024-03-01", text, correction="карта жаңартылды")},
        "the reason",
        "2025-01-11T10:00:00+00:00",
    )
    assert _digest_shown(repo, "2024-03-01") == hashlib.sha256(BLUE).hexdigest()[:16]


def test_a_shared_image_changed_for_one_language_holds_the_other_to_the_rule(
    repo: GitRepo, tmp_path: Path
) -> None:
    """Both languages of version 1 show the map; the Kazakh text moves to version 2 with a
    new map, the Russian translation is not updated: its version in force would change."""
    (repo.root / "policies/acme").mkdir(parents=True)
    (repo.root / "policies/acme/map.png").write_bytes(image_bytes(color="red"))
    text = showing("map.png")
    repo.commit(
        {KK: policy("2024-03-01", text), RU: policy("2024-03-01", text)},
        "v1",
        "2024-02-01T10:00:00+00:00",
    )
    (repo.root / "policies/acme/map.png").write_bytes(image_bytes(color="blue"))
    repo.commit({KK: policy("2025-03-01", text)}, "v2 kk", "2025-02-01T10:00:00+00:00")
    (found,) = problems_of(repo)
    assert found.startswith(f"{RU}:10: version 2024-03-01 has been in force since 2024-03-01")


def test_lint_checks_the_images_as_they_are_on_disk_before_they_are_committed(
    repo: GitRepo,
) -> None:
    copy_site_config(repo.root)
    (repo.root / "policies/acme").mkdir(parents=True)
    (repo.root / "policies/acme/map.png").write_bytes(image_bytes(color="red"))
    text = showing("map.png")
    repo.commit({KK: policy("2024-03-01", text)}, "v1", "2024-02-01T10:00:00+00:00")
    project = load_project(repo.root)
    assert lint(project).problems == []
    # A new map for the version in force, not yet committed: refused until corrected.
    (repo.root / "policies/acme/map.png").write_bytes(image_bytes(color="blue"))
    assert [str(p) for p in lint(project).problems] == [
        f"{KK}:10: version 2024-03-01 has been in force since 2024-03-01; this changes its image "
        "'map.png' (policies/acme/map.png), which published versions never do. Give the new "
        "image a name of its own and show it in a new version with a later 'effective' date, "
        "or add 'correction: <why>' if it fixes a mistake in the published version"
    ]
    repo.write({KK: policy("2024-03-01", text, correction="карта жаңартылды")})
    assert lint(project).problems == []
    # A text in the working tree showing a file that is not there, or is a link.
    repo.write({KK: policy("2099-01-01", showing("<жаңа карта.png>"))})
    assert [str(p) for p in lint(project).problems] == [
        f"{KK}:10: image 'жаңа карта.png' is not a file in the repository "
        "(policies/acme/жаңа карта.png); put it beside the policy file, or correct its name"
    ]


REMOTE = "## 1. General\n\nText.\n\n![Logo](https://cdn.example/logo.png)\n"


def test_a_published_version_shows_an_image_on_another_host_as_a_link(repo: GitRepo) -> None:
    repo.commit({KK: policy("2024-03-01", REMOTE)}, "v1", "2024-02-01T10:00:00+00:00")
    site = build_pipeline(repo.root)
    page = site.read("acme/privacy/2024-03-01/index.kk.md")
    assert '<a class="ps-remote-image" href="https://cdn.example/logo.png">Logo</a>' in page
    assert "<img" not in page
    assert (
        "1 image(s) on other hosts in 1 published version(s) are shown as links, as a page "
        "loads nothing from another host (the first in policies/acme/privacy.kk.md, version "
        "2024-03-01); a new version may not show one"
    ) in site.notes


def test_a_new_version_may_not_show_an_image_on_another_host(repo: GitRepo, tmp_path: Path) -> None:
    copy_site_config(repo.root)
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({KK: policy("2027-01-01", REMOTE)}, "v2", "2026-11-01T10:00:00+00:00")
    refused = (
        f"{KK}:10: image 'https://cdn.example/logo.png' would make every reader's browser ask "
        "another host; put the image file in the repository beside the policy and link it by "
        "its name, or link to the address instead of showing it"
    )
    assert problems_of(repo) == [refused]
    assert refused in [str(p) for p in lint(load_project(repo.root)).problems]
    # The live site lists it already (announced before images were refused): it stays.
    live = tmp_path / "manifest.json"
    before = build_pipeline(repo.root, day=date(2027, 2, 1))
    live.write_text(json.dumps(before.manifest), encoding="utf-8")
    site = build_pipeline(repo.root, environ={"POLICYSITE_PREVIOUS_MANIFEST": str(live)})
    assert "ps-remote-image" in site.read("acme/privacy/2027-01-01/index.kk.md")


def test_an_archive_whose_published_texts_show_images_on_other_hosts_builds(
    repo: GitRepo,
) -> None:
    """A history migrated from another tool: eight policies, three versions each, every
    text showing images on other hosts as real published policies do."""
    copy_site_config(repo.root)
    commits = []
    for year in (2019, 2021, 2023):
        for n in range(8):
            body = (
                f"Terms of service {n}, {year}.\n\n## 1. Who we are\n\n"
                f"![Our logo](https://cdn{n}.example/logo-{year}.svg)\n\n"
                "## 2. Your data\n\nWe keep it ![chart](//stats.example/chart.png) safe.\n"
            )
            commits.append(
                (
                    f"{year}-0{1 + n % 9}-0{1 + n % 7}T10:00:00+00:00",
                    f"import: org{n}/terms {year}",
                    {f"policies/org{n}/terms.en.md": policy(f"{year}-06-01", body, title="Terms")},
                )
            )
    commits.sort()
    repo.fast_import(commits)
    # English is the authoritative language of this archive.
    config = repo.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace(
            "locale: kk\n          name: Қазақша\n          default: true",
            "locale: kk\n          name: Қазақша",
        )
        .replace(
            "locale: en\n          name: English",
            "locale: en\n          name: English\n          default: true",
        ),
        encoding="utf-8",
    )
    site = build_pipeline(repo.root, default="en")
    assert len(site.history.policies()) == 8
    (note,) = [n for n in site.notes if "on other hosts" in n]
    assert note.startswith("48 image(s) on other hosts in 24 published version(s)")
    assert lint(load_project(repo.root)).problems == []
