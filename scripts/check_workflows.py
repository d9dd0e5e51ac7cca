"""Check the GitHub workflows: the schema (check-jsonschema), the shell of every
`run:` step (shellcheck) and their security (zizmor, offline: every finding of the
default persona fails, unless the workflow suppresses it in place with its reason).
Part of `make test`; exits 1 on any problem."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
# GitHub fills `${{ … }}` in before the shell sees the script: stand in a plain word.
EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


def run_steps() -> list[tuple[str, str]]:
    steps = []
    for workflow in WORKFLOWS:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        for job_name, job in (data.get("jobs") or {}).items():
            for number, step in enumerate(job.get("steps") or [], start=1):
                if "run" in step:
                    where = f"{workflow.relative_to(ROOT)}: job {job_name}, step {number}"
                    steps.append((where, str(step["run"])))
    return steps


def main() -> int:
    if not WORKFLOWS:
        print("check_workflows: no workflow in .github/workflows", file=sys.stderr)
        return 1
    schema = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, WORKFLOWS),
        ],
        check=False,
    )
    failed = schema.returncode != 0
    steps = run_steps()
    with tempfile.TemporaryDirectory() as folder:
        for index, (where, script) in enumerate(steps):
            path = Path(folder) / f"step{index}.sh"
            # GitHub runs `run:` with bash -e {0}.
            path.write_text("#!/usr/bin/env bash\nset -e\n" + EXPRESSION.sub("EXPR", script))
            done = subprocess.run(
                [str(BIN / "shellcheck"), "--shell=bash", "--format=gcc", str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                failed = True
                for line in done.stdout.splitlines():
                    print(f"{where}: {line.split(':', 1)[1]}")
    audit = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", *map(str, WORKFLOWS)],
        check=False,
    )
    failed = failed or audit.returncode != 0
    print(
        f"check_workflows: {len(WORKFLOWS)} workflows, {len(steps)} run steps checked, "
        "audited by zizmor" + (": problems" if failed else ": no problems")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
