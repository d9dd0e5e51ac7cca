"""The layout of tests/ (support/folders.py): every test file in one of the four folders,
its speed set by that folder, MkDocs builds only in tests/site and tests/browser, and no
test module importing another (what tests share lives in tests/support/)."""

from __future__ import annotations

import ast
import sys
from collections import Counter
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from support.folders import FOLDERS, TESTS, folder_of, is_slow

TEST_FILES = sorted(TESTS.rglob("test_*.py"))
#: Test modules, conftest.py files and the support package.
PYTHON_FILES = sorted(TESTS.rglob("*.py"))
#: What tests import besides the standard library: the support package, the code under
#: test, and the installed libraries.
IMPORTABLE = {"support", "policysite", *packages_distributions()}
#: What builds or serves a site with MkDocs: the functions of support/sites.py, the
#: fixtures of the built sample site, and the commands (`mkdocs …`, `make site`).
BUILDS = {"mkdocs_build", "make_serve", "sample_site", "base_url"}
COMMANDS = {"mkdocs", "make"}


def _name(path: Path) -> str:
    return path.relative_to(TESTS).as_posix()


def test_every_test_file_is_in_one_of_the_four_folders() -> None:
    assert TEST_FILES
    astray = [
        _name(path) for path in TEST_FILES if path.parent.parent != TESTS or not folder_of(path)
    ]
    assert astray == [], f"put each in tests/{{{','.join(FOLDERS)}}}/: {astray}"


def test_every_test_module_has_a_name_of_its_own() -> None:
    """pytest imports a test module by its file name (tests/ has no __init__.py)."""
    names = Counter(path.name for path in TEST_FILES)
    assert [name for name, count in names.items() if count > 1] == []


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, "." * node.level + (node.module or "")))
    return found


def test_tests_import_no_test_module_only_support_policysite_and_libraries() -> None:
    wrong = [
        f"{_name(path)}:{line}: imports {module}"
        for path in PYTHON_FILES
        for line, module in _imports(path)
        if (top := module.split(".")[0]) == ""  # a relative import
        or top.startswith("test_")
        or top == "conftest"
        or (top not in sys.stdlib_module_names and top not in IMPORTABLE)
    ]
    assert wrong == [], "what tests share belongs in tests/support/: " + "; ".join(wrong)


def _builds(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.arg):  # a test or fixture asking for a fixture
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add(node.name)
        elif isinstance(node, ast.Constant) and node.value in COMMANDS:
            names.add(f'"{node.value}"')
    return names & (BUILDS | {f'"{command}"' for command in COMMANDS})


def test_only_tests_in_slow_folders_build_with_mkdocs() -> None:
    building = {
        _name(path): sorted(found)
        for path in TEST_FILES
        # This file names the commands to look for.
        if not is_slow(path) and path != Path(__file__).resolve() and (found := _builds(path))
    }
    assert building == {}, "move the tests that build a site to tests/site/"


def test_the_slow_marker_follows_the_folder(request: pytest.FixtureRequest) -> None:
    assert [folder for folder in FOLDERS if is_slow(TESTS / folder / "test_x.py")] == [
        "site",
        "browser",
    ]
    items = request.session.items
    assert items
    wrong = [
        item.nodeid
        for item in items
        if (item.get_closest_marker("slow") is not None) != is_slow(item.path)
    ]
    assert wrong == [], "slow is set by the folder (tests/conftest.py), never by a test"
