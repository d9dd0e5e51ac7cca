"""Fixtures of every folder: a scratch git repository, and the sample site built once; and
the rule that marks the tests of tests/site and tests/browser slow."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.folders import is_slow
from support.project import PROJECT, SAMPLE_DAY, copy_site_config
from support.repos import GitRepo
from support.sites import mkdocs_build


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark `slow` every test of a slow folder (tests/site, tests/browser; support/folders.py):
    `make test` runs every test, `make test-fast` (`-m "not slow"`) those of tests/unit and
    tests/integration, in about a minute."""
    for item in items:
        if is_slow(item.path):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    root = tmp_path / "repo"
    root.mkdir()
    scratch = GitRepo(root)
    scratch.git("init", "-q", "-b", "main")
    return scratch


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """This repository's own sample site, built once as of SAMPLE_DAY from a clone of HEAD.

    A clone, so the build sees the committed history exactly as CI and readers do.
    """
    work = tmp_path_factory.mktemp("sample")
    clone = work / "clone"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(PROJECT), str(clone)], check=True)
    # The clone is of HEAD; the configuration under test is the working tree's.
    copy_site_config(clone)
    site = work / "site"
    mkdocs_build(clone, site, SAMPLE_DAY)
    yield site
