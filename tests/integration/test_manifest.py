"""The manifest a deploy reads back: every format a release has written is read, a newer
or another site's manifest is refused with the reason, and the build checks its own JSON."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from support.pipeline import build_pipeline, run_check_permanence
from support.project import PROJECT
from support.repos import GitRepo, image_bytes, policy

from policysite.errors import ConfigError, OutputError
from policysite.pipeline.live_manifest import load_manifest
from policysite.render import schemas
from policysite.render.manifest import published_announcements

FIXTURES = PROJECT / "tests" / "fixtures" / "manifests"
LIVE = "https://policies.example.kz/"
TEXT = "## 1. Жалпы\n\nМәтін.\n\n![Карта](map.png)\n\n## 2. Байланыс\n\nХат.\n"


def released_site(repo: GitRepo, image: bool) -> None:
    """The repository the manifests in tests/fixtures/manifests/ were built from (see its
    README): the same commits, so the same addresses and texts."""
    text = TEXT if image else TEXT.replace("![Карта](map.png)\n\n", "")
    if image:
        (repo.root / "policies/acme").mkdir(parents=True)
        (repo.root / "policies/acme/map.png").write_bytes(image_bytes())
    repo.commit(
        {
            "policies/acme/terms.kk.md": policy("2024-03-01", text, title="Шарттар"),
            "policies/acme/terms.ru.md": policy("2024-03-01", text, title="Условия"),
        },
        "v1",
        "2024-02-01T10:00:00+00:00",
    )
    repo.commit(
        {
            "policies/acme/terms.kk.md": policy(
                "2025-03-01", text.replace("Хат.", "Хат жазыңыз."), title="Шарттар"
            )
        },
        "v2",
        "2025-02-01T10:00:00+00:00",
    )
    repo.git("mv", "policies/acme/terms.kk.md", "policies/acme/rules.kk.md")
    repo.git("mv", "policies/acme/terms.ru.md", "policies/acme/rules.ru.md")
    repo.commit({}, "renamed", "2025-06-01T10:00:00+00:00")
    upcoming = policy("2027-01-01", text.replace("Хат.", "Хат жазыңыз!"), title="Шарттар")
    repo.commit({"policies/acme/rules.kk.md": upcoming}, "v3 upcoming", "2026-10-01T10:00:00+00:00")


def passes_permanence(previous: Path, current: dict[str, Any], work: Path) -> str:
    """check-permanence of `current` against `previous`: what it says when it passes."""
    (work / "current.json").write_text(json.dumps(current), encoding="utf-8")
    done = run_check_permanence(previous, work / "current.json")
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("fixture", "image"),
    [
        ("format-1.json", False),
        ("format-2.json", True),
        ("format-3.json", True),
        ("format-4.json", True),
    ],
)
def test_a_deploy_reads_the_manifest_any_release_wrote_and_keeps_its_promises(
    repo: GitRepo, tmp_path: Path, fixture: str, image: bool
) -> None:
    released_site(repo, image)
    live = FIXTURES / fixture
    published = published_announcements(load_manifest(str(live)))
    assert ("acme/rules", "2027-01-01") in published or fixture == "format-1.json"
    site = build_pipeline(
        repo.root, site_url=LIVE, environ={"POLICYSITE_PREVIOUS_MANIFEST": str(live)}
    )
    assert site.manifest["version"] == 5 and site.manifest["site_url"] == LIVE
    assert site.manifest["previous"] == hashlib.sha256(live.read_bytes()).hexdigest()
    out = passes_permanence(live, site.manifest, tmp_path)
    kept = len(json.loads(live.read_text(encoding="utf-8"))["addresses"])
    assert out.startswith(f"check-permanence: all {kept} published addresses kept")
    # ... and what this release writes, the next one reads: the next deploy goes through.
    (tmp_path / "live.json").write_text(json.dumps(site.manifest), encoding="utf-8")
    again = build_pipeline(
        repo.root,
        site_url=LIVE,
        environ={"POLICYSITE_PREVIOUS_MANIFEST": str(tmp_path / "live.json")},
    )
    assert again.manifest == {
        **site.manifest,
        "previous": hashlib.sha256((tmp_path / "live.json").read_bytes()).hexdigest(),
    }


def test_an_image_is_listed_with_its_media_type(repo: GitRepo) -> None:
    released_site(repo, image=True)
    manifest = build_pipeline(repo.root, site_url=LIVE).manifest
    images = {a: e for a, e in manifest["addresses"].items() if "/files/" in a}
    assert sorted(images) == [
        "/acme/rules/files/3c69c8e79e76436c/map.png",
        "/acme/terms/files/3c69c8e79e76436c/map.png",
    ]
    assert all(entry["media_type"] == "image/png" for entry in images.values())
    assert schemas.problem("manifest", manifest) is None


def test_a_manifest_of_a_newer_release_is_refused_with_what_to_do(tmp_path: Path) -> None:
    newer = json.loads((FIXTURES / "format-3.json").read_text(encoding="utf-8"))
    newer.update(version=6, site_url=LIVE, signed_by="a later release")
    (tmp_path / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_manifest(str(tmp_path / "newer.json"), "POLICYSITE_PREVIOUS_MANIFEST: ", LIVE)
    assert str(raised.value) == (
        f"POLICYSITE_PREVIOUS_MANIFEST: {tmp_path}/newer.json was written by a newer policysite "
        "(format 6; this one reads up to 5); upgrade policysite before deploying"
    )


def test_the_manifest_of_another_site_is_refused(repo: GitRepo, tmp_path: Path) -> None:
    released_site(repo, image=False)
    other = build_pipeline(repo.root, site_url="https://policies.other.example/").manifest
    (tmp_path / "other.json").write_text(json.dumps(other), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        build_pipeline(
            repo.root,
            site_url=LIVE,
            environ={"POLICYSITE_PREVIOUS_MANIFEST": str(tmp_path / "other.json")},
        )
    assert str(raised.value) == (
        f"POLICYSITE_PREVIOUS_MANIFEST: {tmp_path}/other.json is the manifest of another site "
        f"(https://policies.other.example/; this one is {LIVE}): give the live manifest of "
        "this site, or build with SITE_URL set to the address it is published at"
    )


def test_a_damaged_manifest_names_the_field(tmp_path: Path) -> None:
    damaged = json.loads((FIXTURES / "format-3.json").read_text(encoding="utf-8"))
    del damaged["addresses"]["/acme/rules/2024-03-01/"]["effective"]
    (tmp_path / "damaged.json").write_text(json.dumps(damaged), encoding="utf-8")
    with pytest.raises(ConfigError, match="is not a policysite manifest") as raised:
        load_manifest(str(tmp_path / "damaged.json"))
    assert 'addresses//acme/rules/2024-03-01/: "effective" is a required property' in str(
        raised.value
    )


def test_a_build_whose_own_json_fails_its_schema_stops_naming_the_file_and_field(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if a change of the code wrote versions.json without a field its schema promises."""
    released_site(repo, image=False)
    strict = schemas.schema("versions")
    strict["required"] = [*strict["required"], "licence"]
    monkeypatch.setattr(schemas, "schema", lambda kind: strict if kind == "versions" else {})
    schemas._validator.cache_clear()
    try:
        with pytest.raises(OutputError) as raised:
            build_pipeline(repo.root)
    finally:
        schemas._validator.cache_clear()
    assert str(raised.value).startswith(
        "acme/rules/versions.kk.json: the build made a file that fails its own schema "
        '(policysite/schemas/versions.schema.json) at the top level: "licence" is a required '
        "property; nothing was published"
    )


def test_every_json_file_of_the_sample_validates() -> None:
    """The sample's staged pages and its manifest, as the golden control tree holds them
    (the search indexes beside them are Material's, with no schema of ours)."""
    kinds = set()
    golden = PROJECT / "tests" / "golden" / "site"
    for path in [*sorted((golden / "staged").rglob("*.json")), golden / "built" / "manifest.json"]:
        kind = schemas.kind_of(path.relative_to(golden).as_posix())
        assert kind is not None, path
        assert schemas.problem(kind, json.loads(path.read_text("utf-8"))) is None, path
        kinds.add(kind)
    assert kinds == {"policies", "versions", "sections", "section_text", "since", "manifest"}
