"""A deploy never locks itself out: the deploy's steps, three times in a row, as
.github/workflows/deploy.yml runs them (read the live manifest, `make site`'s build with
it, `check-permanence` against it, publish), on a site with images, a rename, a
withdrawal and promised notice, and on the sample."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from support.pipeline import run_check_permanence
from support.project import PROJECT, SSH_KEYGEN, copy_site_config, epoch
from support.repos import GitRepo, image_bytes, policy

SITE_URL = "https://policies.example.kz/"


def deploy(root: Path, day: date, live: Path, key: Path | None = None) -> dict[str, object]:
    """One deploy of `root` as of `day`: built with the live site's manifest (if there is
    one), signed with `key` (if given), checked against it, then made the live site.
    Returns the new manifest."""
    previous = live / "manifest.json"
    env = {
        **os.environ,
        "SITE_URL": SITE_URL,
        "SOURCE_DATE_EPOCH": epoch(day),
        "NO_MKDOCS_2_WARNING": "1",
        **({"POLICYSITE_SIGNING_KEY": str(key)} if key else {}),
    }
    if previous.is_file():
        env["POLICYSITE_PREVIOUS_MANIFEST"] = str(previous)
    built = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--strict",
            "--dirty",
            "--site-dir",
            "build/site",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, f"the deploy of {day} did not build:\n{built.stderr[-3000:]}"
    site = root / "build" / "site"
    if previous.is_file():
        checked = run_check_permanence(previous, site / "manifest.json", root)
        assert checked.returncode == 0, f"the deploy of {day}: {checked.stderr}"
    shutil.rmtree(live, ignore_errors=True)
    shutil.copytree(site, live)
    manifest: dict[str, object] = json.loads(previous.read_text(encoding="utf-8"))
    return manifest


def test_three_deploys_of_a_site_with_images_a_rename_a_withdrawal_and_notice(
    repo: GitRepo, tmp_path: Path
) -> None:
    copy_site_config(repo.root)  # notice_days: 30
    key = tmp_path / "deploy-key"
    subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    (repo.root / ".policysite").mkdir()
    public = Path(f"{key}.pub").read_text(encoding="utf-8").split()[:2]
    signers = repo.root / ".policysite/allowed_signers"
    signers.write_text(f"policies@example.kz {' '.join(public)}\n", encoding="utf-8")
    live = tmp_path / "live"
    policies = repo.root / "policies/acme"
    policies.mkdir(parents=True)
    (policies / "map.png").write_bytes(image_bytes(color="red"))
    text = "## 1. Жалпы\n\nМәтін.\n\n![Карта](map.png)\n\n## 2. Байланыс\n\nХат.\n"
    repo.commit(
        {
            "policies/acme/privacy.kk.md": policy("2025-01-01", text),
            "policies/acme/privacy.ru.md": policy("2025-01-01", text, title="Политика"),
            "policies/acme/terms.kk.md": policy("2025-01-01", title="Шарттар"),
            "policies/acme/cookies.kk.md": policy("2025-01-01", title="Cookie"),
        },
        "three policies",
        "2024-12-01T10:00:00+00:00",
    )
    first = deploy(repo.root, date(2026, 1, 10), live, key)

    # A new version with a new map, announced 45 days ahead, and a rename, in one change.
    (policies / "map-2026.png").write_bytes(image_bytes(color="blue"))
    new = text.replace("map.png", "map-2026.png").replace("Хат.", "Хат жазыңыз.")
    repo.commit(
        {
            "policies/acme/privacy.kk.md": policy("2026-03-01", new),
            "policies/acme/privacy.ru.md": policy("2026-03-01", new, title="Политика"),
        },
        "privacy: a new version",
        "2026-01-14T10:00:00+00:00",
    )
    repo.git("mv", "policies/acme/terms.kk.md", "policies/acme/rules.kk.md")
    repo.commit({}, "terms is now rules", "2026-01-14T11:00:00+00:00")
    second = deploy(repo.root, date(2026, 1, 15), live, key)

    # The new version takes effect, and a policy is withdrawn.
    repo.commit({"policies/acme/cookies.kk.md": None}, "cookies withdrawn", "2026-03-04T10:00:00Z")
    third = deploy(repo.root, date(2026, 3, 5), live, key)

    assert [m["version"] for m in (first, second, third)] == [5, 5, 5]
    # Each deploy signed its manifest and built it after the one before (issue 33) ...
    assert first["previous"] is None and all(m["signed"] for m in (first, second, third))
    assert second["previous"] and third["previous"] and second["previous"] != third["previous"]
    # ... and a reader checks a version of the last one from a saved copy of the site.
    checked = subprocess.run(
        [
            *(sys.executable, "-m", "policysite", "verify", f"{SITE_URL}acme/rules/2025-01-01/"),
            *("--offline", str(live), "--signers", str(signers)),
        ],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "as version 2025-01-01 of acme/rules" in checked.stdout
    # A link cited before the rename leads to the same text, proven the same way.
    former = subprocess.run(
        [
            *(sys.executable, "-m", "policysite", "verify", f"{SITE_URL}acme/terms/2025-01-01/"),
            *("--offline", str(live), "--signers", str(signers)),
        ],
        capture_output=True,
        text=True,
    )
    assert former.returncode == 0, former.stderr
    assert "as version 2025-01-01 of acme/rules" in former.stdout
    assert "The manifest before it is signed by policies@example.kz" in checked.stdout
    addresses = third["addresses"]
    assert isinstance(addresses, dict)
    assert addresses["/acme/terms/"] == {"moved_to": "/acme/rules/"}
    assert addresses["/acme/privacy/2026-03-01/"]["announced"] == "2026-01-15"
    images = sorted(a for a in addresses if a.startswith("/acme/privacy/files/"))
    assert len(images) == 2  # each map, once per content, as each version showed it
    assert "withdrawn" in (live / "acme/cookies/index.html").read_text(encoding="utf-8")


def test_three_deploys_of_the_sample(tmp_path: Path) -> None:
    root = tmp_path / "sample"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(PROJECT), str(root)], check=True)
    copy_site_config(root)
    live = tmp_path / "live"
    days = (date(2026, 11, 22), date(2027, 1, 20), date(2027, 2, 1))
    manifests = [deploy(root, day, live) for day in days]
    # The upcoming version was announced at the first deploy and is in force at the last.
    for manifest in manifests:
        entry = manifest["addresses"]["/getx/privacy/2027-01-15/"]  # type: ignore[index]
        assert entry["announced"] <= "2026-11-22"
    assert manifests[2]["built_for"] == "2027-02-01"
