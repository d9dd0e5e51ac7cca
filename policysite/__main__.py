"""Command line: `python -m policysite check-permanence --previous FILE_OR_URL`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policysite.lint import lint
from policysite.manifest import MANIFEST, check_permanence, load_manifest
from policysite.project import ProjectError, load_project
from policysite.repository import GitError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policysite")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check-permanence",
        help="fail if the new build drops a published address or changes a published text",
    )
    check.add_argument(
        "--previous", required=True, help="manifest.json of the last deploy: a file or a URL"
    )
    check.add_argument(
        "--current",
        default=str(Path("site") / MANIFEST),
        help=f"manifest.json of the new build (default: site/{MANIFEST})",
    )
    lint_command = commands.add_parser(
        "lint", help="check every policy file and the history; exit 1 on any problem"
    )
    lint_command.add_argument("--root", default=".", help="folder of the site's mkdocs.yml")
    args = parser.parse_args(argv)

    if args.command == "lint":
        return _lint(Path(args.root))

    try:
        previous, current = load_manifest(args.previous), load_manifest(args.current)
    except (OSError, ValueError) as error:
        print(f"check-permanence: cannot read a manifest: {error}", file=sys.stderr)
        return 2
    problems = check_permanence(previous, current)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"check-permanence: {len(problems)} published promise(s) broken", file=sys.stderr)
        return 1
    kept = len(previous.get("addresses", {}))
    added = len(set(current.get("addresses", {})) - set(previous.get("addresses", {})))
    print(f"check-permanence: all {kept} published addresses kept, {added} added")
    return 0


def _lint(root: Path) -> int:
    try:
        project = load_project(root.resolve())
        report = lint(project)
    except (ProjectError, GitError) as error:
        print(f"lint: {error}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(problem)
    print(report.summary(), file=sys.stderr if report.problems else sys.stdout)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
