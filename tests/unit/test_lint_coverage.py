"""Every Python file of the repository is linted and formatted: ruff skips a folder named
like a build output (`build/`, `dist/`, …) by default, so no package folder may be named so
(the pipeline's package is `policysite/pipeline/`)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from support.project import PROJECT


def test_ruff_sees_every_tracked_python_file() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.split()
    shown = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "check", "--show-files"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    seen = {Path(line).resolve().relative_to(PROJECT.resolve()).as_posix() for line in shown}
    assert tracked and set(tracked) <= seen, sorted(set(tracked) - seen)


def _tracked(*patterns: str) -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", *patterns], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [PROJECT / path for path in out]


def test_no_module_of_the_package_hook_or_scripts_is_over_350_lines() -> None:
    """A module has one job; past 350 lines it has two (CONTRIBUTING: split it by job)."""
    long = {
        path.relative_to(PROJECT).as_posix(): lines
        for path in _tracked("policysite/*.py", "hooks/*.py", "scripts/*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 350
    }
    assert not long, long


def test_the_hook_only_names_the_adapters_events() -> None:
    """hooks/policies.py hands MkDocs' events to the adapter: at most 100 lines, no
    assert, no function of its own, no import but the adapter's."""
    hook = PROJECT / "hooks" / "policies.py"
    text = hook.read_text(encoding="utf-8")
    tree = ast.parse(text)
    assert len(text.splitlines()) <= 100
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.Assert)]
    assert not [node for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)]
    imported = {
        node.module for node in tree.body if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported == {"__future__", "pathlib", "policysite.mkdocs.adapter"}, imported
    events = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.startswith("on_")
    }
    from policysite.mkdocs.adapter import Adapter

    assert events == {name for name in vars(Adapter) if name.startswith("on_")}
