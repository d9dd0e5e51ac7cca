"""The GitHub workflows keep their promises: pinned actions, least privilege, full history."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from support.project import PROJECT

WORKFLOWS = {p.name: p for p in (PROJECT / ".github" / "workflows").glob("*.yml")}


def load(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOWS[name].read_text(encoding="utf-8"))
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_workflows_are_valid_and_their_shell_is_clean() -> None:
    done = subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "check_workflows.py")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 workflows" in done.stdout and "audited by zizmor" in done.stdout


def test_zizmor_refuses_a_dangerous_trigger_unless_the_workflow_says_why(tmp_path: Path) -> None:
    """The one finding zizmor makes (pr-comment.yml runs on `workflow_run` with a write
    token) is suppressed in place with the reason; without it, the audit fails."""
    text = WORKFLOWS["pr-comment.yml"].read_text(encoding="utf-8")
    assert "workflow_run: # zizmor: ignore[dangerous-triggers]" in text
    reason = text.split("on:\n", 1)[1].split("workflow_run:", 1)[0]
    assert "artifact as data" in reason and "head" in reason
    bare = tmp_path / "pr-comment.yml"
    bare.write_text(text.replace(" # zizmor: ignore[dangerous-triggers]", ""), encoding="utf-8")
    zizmor = Path(sys.executable).parent / "zizmor"
    done = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", str(bare)], capture_output=True, text=True
    )
    assert done.returncode != 0 and "dangerous-triggers" in done.stdout + done.stderr


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_actions_are_pinned_and_permissions_least(name: str) -> None:
    text = WORKFLOWS[name].read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"# v\d", comment), f"{action}: say which release the SHA is"
    workflow = load(name)
    assert workflow["permissions"] == {}
    for job_name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{name}: job {job_name} must name its permissions"
    for step in steps(workflow):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["fetch-depth"] == 0
            assert step["with"]["persist-credentials"] is False


def test_pull_requests_run_read_only_and_the_comment_runs_apart() -> None:
    pr = load("pr.yml")
    assert pr[True] == {"pull_request": None}  # YAML reads the key `on` as true
    assert all(set(job["permissions"].values()) == {"read"} for job in pr["jobs"].values())
    commands = " ".join(str(step.get("run", "")) for step in steps(pr))
    assert "make test" in commands and "make site" in commands and "pr-summary" in commands
    comment = load("pr-comment.yml")
    assert comment[True]["workflow_run"]["workflows"] == ["Pull request"]
    assert "actions/checkout" not in WORKFLOWS["pr-comment.yml"].read_text(encoding="utf-8")


def test_deploy_runs_daily_checks_permanence_and_uses_pages() -> None:
    deploy = load("deploy.yml")
    assert deploy[True]["push"] == {"branches": ["main"]}
    assert deploy[True]["schedule"]
    commands = " ".join(str(step.get("run", "")) for step in steps(deploy))
    assert "check-permanence --previous live/manifest.json" in commands
    used = " ".join(str(step.get("uses", "")) for step in steps(deploy))
    assert "actions/upload-pages-artifact@" in used and "actions/deploy-pages@" in used
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_deployed_artifact_is_attested_by_a_job_that_does_not_build() -> None:
    """Build provenance for the Pages artifact, made apart from the build: the job that runs
    `make site` holds no OIDC token, and nothing is deployed before it is attested."""
    jobs = load("deploy.yml")["jobs"]
    assert "id-token" not in jobs["build"]["permissions"]
    attest = jobs["attest"]
    assert attest["needs"] == "build"
    assert attest["permissions"] == {"id-token": "write", "attestations": "write"}
    fetched, attested = attest["steps"]
    assert fetched["uses"].startswith("actions/download-artifact@")
    assert fetched["with"] == {"name": "github-pages", "path": "pages"}
    assert attested["uses"].startswith("actions/attest-build-provenance@")
    assert attested["with"] == {"subject-path": "pages/artifact.tar"}
    assert not any("run" in step for step in attest["steps"])
    assert set(jobs["deploy"]["needs"]) == {"build", "attest"}


def test_the_signing_key_is_a_private_file_only_while_the_site_is_built() -> None:
    build = next(s for s in steps(load("deploy.yml")) if "make site" in str(s.get("run", "")))
    assert build["env"]["SIGNING_KEY"] == "${{ secrets.POLICYSITE_SIGNING_KEY }}"
    run = build["run"]
    assert "(umask 077 && printf" in run and "trap 'rm -f \"$key\"' EXIT" in run
    assert run.index("unset SIGNING_KEY") < run.index("make site")
    jobs = load("deploy.yml")["jobs"]
    assert "secrets." not in str(jobs["attest"]) + str(jobs["deploy"])


def test_the_first_signed_deploy_is_started_by_hand_once() -> None:
    """`start-signing` is an input of a manual run only, reaching the check through the
    environment (never spliced into the script), as a flag of check-permanence."""
    deploy = load("deploy.yml")
    started = deploy[True]["workflow_dispatch"]["inputs"]["start-signing"]
    assert (started["type"], started["default"]) == ("boolean", False)
    check = next(s for s in steps(deploy) if "check-permanence" in str(s.get("run", "")))
    assert check["env"] == {"START_SIGNING": "${{ inputs.start-signing }}"}
    assert "${{" not in check["run"] and '"$START_SIGNING" = true' in check["run"]
    assert "--start-signing" in check["run"] and check["shell"] == "bash"


def test_the_pages_artifact_keeps_the_published_signers() -> None:
    """/.well-known/policysite/allowed_signers is in a hidden folder: upload-pages-artifact
    v4 drops such folders, v5 keeps them only when told to."""
    upload = next(
        s for s in steps(load("deploy.yml")) if "upload-pages-artifact@" in str(s.get("uses", ""))
    )
    release = re.search(
        r"# v(\d+)\.",
        WORKFLOWS["deploy.yml"].read_text(encoding="utf-8").split(str(upload["uses"]))[1],
    )
    assert release is not None
    assert release[1] == "3" or upload.get("with", {}).get("include-hidden-files") is True


def test_deploys_reuse_the_last_build_and_say_whether_they_did() -> None:
    deploy = steps(load("deploy.yml"))
    names = [str(step.get("uses", step.get("name", ""))) for step in deploy]
    cache = next(i for i, name in enumerate(names) if name.startswith("actions/cache@"))
    build = next(i for i, step in enumerate(deploy) if "make site" in str(step.get("run", "")))
    assert cache < build
    saved = deploy[cache]["with"]
    assert set(saved["path"].split()) == {"build/docs", "build/site", ".cache/policysite"}
    # A new entry each run, restored from the newest: never one picked by a stale key alone.
    assert "github.sha" in saved["key"] and saved["key"].startswith(saved["restore-keys"].strip())
    run = deploy[build]
    assert run["shell"] == "bash"  # with pipefail: a failed build is not hidden by `tee`
    assert "incremental build:" in run["run"] and "full build:" in run["run"]
    assert "GITHUB_STEP_SUMMARY" in run["run"]


def test_the_deploy_builds_after_the_live_manifest_and_a_pull_request_is_refused_by_its_summary() -> (
    None
):
    deploy = [str(step.get("run", "")) for step in steps(load("deploy.yml"))]
    fetch = next(i for i, run in enumerate(deploy) if "curl" in run and "manifest.json" in run)
    build = next(i for i, run in enumerate(deploy) if "make site" in run)
    # The announcement days are carried over from the live manifest: read before the build,
    # with its signature and the manifest before it, which check-permanence verifies.
    assert fetch < build
    for name in ("manifest.json.sig", "manifest.previous.json", "manifest.previous.json.sig"):
        assert name in deploy[fetch]
    assert "export POLICYSITE_PREVIOUS_MANIFEST=live/manifest.json" in deploy[build]
    pr = steps(load("pr.yml"))
    summary = next(step for step in pr if "pr-summary" in str(step.get("run", "")))
    assert "--check" in summary["run"] and 'exit "$status"' in summary["run"]
    # The comment is posted, and the tests run, whatever the summary refused.
    uploads = [step for step in pr if "upload-artifact" in str(step.get("uses", ""))]
    assert all(step.get("if") == "${{ !cancelled() }}" for step in uploads)
    test = next(step for step in pr if step.get("run") == "make test")
    assert test.get("if") == "${{ !cancelled() }}"
