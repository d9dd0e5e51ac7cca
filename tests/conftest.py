"""Shared fixtures: a scratch git repository, and the sample site built once."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import PROJECT, SAMPLE_DAY, GitRepo, copy_site_config, mkdocs_build

#: Fixtures that build a whole site with MkDocs or drive chromium: their tests are slow.
SLOW_FIXTURES = frozenset({"sample_site", "base_url", "browser", "page"})
#: Modules whose every test builds sites, serves them or runs the benchmark.
SLOW_MODULES = frozenset({"test_bench.py", "test_incremental.py", "test_preview.py"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow tests (browser, benchmark, full builds): `make test` runs every test,
    `make test-fast` (`-m "not slow"`) the others, in under a minute."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if (
            fixtures & SLOW_FIXTURES
            or item.path.name in SLOW_MODULES
            or "browser" in item.path.parts
            # test_pages.py's `site` fixture builds a scratch site with MkDocs.
            or (item.path.name == "test_pages.py" and "site" in fixtures)
        ):
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
