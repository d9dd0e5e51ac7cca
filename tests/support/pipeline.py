"""The pipeline without MkDocs, in Python, and the permanence check as the deploy runs it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from policysite.addresses import Languages
from policysite.mkdocs.options import load_options
from policysite.pipeline.assemble import SiteBuild, build_site
from support.project import SAMPLE_DAY, epoch


def build_pipeline(
    root: Path,
    drafts: bool = False,
    repo_url: str = "",
    day: date = SAMPLE_DAY,
    environ: Mapping[str, str] | None = None,
    default: str = "kk",
    site_url: str = "",
    **options: object,
) -> SiteBuild:
    """The pipeline alone (no MkDocs) on `root`, as of `day`, in kk, ru and en (`default`
    the authoritative one); `environ` adds to the environment it is given (e.g.
    POLICYSITE_PREVIOUS_MANIFEST)."""
    languages = Languages(
        default, ("kk", "ru", "en"), {"kk": "Қазақша", "ru": "Русский", "en": "English"}
    )
    return build_site(
        root,
        root / "docs",
        load_options(options),
        languages,
        site_url,
        {"SOURCE_DATE_EPOCH": epoch(day), **(environ or {})},
        drafts=drafts,
        repo_url=repo_url,
    )


def run_check_permanence(
    previous: Path, current: Path, root: Path | None = None, *options: str
) -> subprocess.CompletedProcess[str]:
    """`python -m policysite check-permanence` of two manifest files, as the deploy runs it
    (with `root`, the site's repository, to tell why a promise broke)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "policysite",
            "check-permanence",
            "--previous",
            str(previous),
            "--current",
            str(current),
            *(["--root", str(root)] if root is not None else []),
            *options,
        ],
        capture_output=True,
        text=True,
    )
