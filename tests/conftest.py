"""Shared fixtures: a scratch git repository, and the sample site built once."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import PROJECT, SAMPLE_DAY, GitRepo, copy_site_config, mkdocs_build


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
