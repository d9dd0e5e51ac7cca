"""Golden: the change kinds of every version of the sample policies, as committed, and the
control tree of the sample site, built once by MkDocs as of SAMPLE_DAY:

- `tests/golden/site/staged/`: every page and file the pipeline stages for MkDocs;
- `tests/golden/site/built/`: what MkDocs and the hook write after the pages (the search
  index of each language, the sitemaps, the manifest, the 404 page, the redirects of
  moved addresses).

JSON is stored pretty-printed, in the site's own key order, so a diff names the field that
changed; the site publishes it as it always did (compact where it is read by programs):
this test pretty-prints what was built before it compares. `make golden` rewrites
tests/golden/ after an intended change; review its diff like code.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from support.project import PROJECT, SAMPLE_DAY, copy_site_config, epoch

from policysite.addresses import MANIFEST
from policysite.compare.analysis import PolicyAnalysis
from policysite.config import PREVIOUS_MANIFEST
from policysite.history.reading import read_history
from policysite.history.repository import Repository
from policysite.render.manifest import moved_addresses

GOLDEN = PROJECT / "tests" / "golden" / "sample_changes.json"
#: The control tree of the sample site.
CONTROL = PROJECT / "tests" / "golden" / "site"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def sample_changes() -> dict[str, dict[str, dict[str, list[str]]]]:
    """policy -> version -> lineage id -> kinds, for the Kazakh text of each sample policy."""
    with Repository(PROJECT) as git:
        history = read_history(git, "policies", ("kk", "ru", "en"), ZoneInfo("Asia/Almaty"), "kk")
    result: dict[str, dict[str, dict[str, list[str]]]] = {}
    for policy in history.policies():
        analysis = PolicyAnalysis(history.view(policy, "kk"))
        result[policy] = {}
        for index, sections in enumerate(analysis.versions):
            found = analysis.changes(index)
            result[policy][sections.version.id] = (
                {lid: ["first"] for lid in sections.lineage_ids}
                if found is None
                else {c.lineage: [str(k) for k in c.kinds] for c in found.changes.sections}
            )
    return result


def test_change_kinds_of_the_sample_history_match_the_golden_file() -> None:
    actual = sample_changes()
    if UPDATE:
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert actual == expected, "change kinds shifted; if intended, run `make golden` and review"


def test_the_golden_file_says_what_each_sample_commit_did() -> None:
    """Spot checks against `git show` of each sample commit, so the golden file is not
    merely whatever the code produced."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    getx, meest = golden["getx/privacy"], golden["meest/privacy"]
    # getx 2024-09-01: a section 5 inserted; the old 5-10 renumbered only.
    assert getx["2024-09-01"]["derekterdi-saqtau-merzimi"] == ["added"]
    assert sorted(k for k, v in getx["2024-09-01"].items() if v == ["renumbered"]) == sorted(
        [
            "derekterding-qauipsizdigi",
            "derekterdi-ushinshi-tulghalargha-beru",
            "paydalanushylardyng-quqyqtary",
            "cookie-fayldary",
            "qupiyalylyq-sayasatyn-ozgertu",
            "baylanys-aqparaty",
        ]
    )
    # getx 2025-06-01: cookie section renamed; four clauses reworded.
    assert getx["2025-06-01"]["cookie-fayldary"] == ["renamed"]
    assert sorted(k for k, v in getx["2025-06-01"].items() if v == ["modified"]) == sorted(
        [
            "zhinalatyn-derekter",
            "derekterdi-ushinshi-tulghalargha-beru",
            "paydalanushylardyng-quqyqtary",
            "baylanys-aqparaty",
        ]
    )
    # getx 2027-01-15: the rights section moved up to 3.
    assert getx["2027-01-15"]["paydalanushylardyng-quqyqtary"] == ["renumbered", "moved"]
    assert getx["2027-01-15"]["qupiyalylyq-sayasatyn-ozgertu"] == ["modified"]
    # meest 2024-02-01: embedded content moved before links; contacts renamed.
    assert meest["2024-02-01"]["engizilgen-mazmun"] == ["renumbered", "moved"]
    assert meest["2024-02-01"]["basqa-sayttargha-siltemeler"] == ["renumbered"]
    assert meest["2024-02-01"]["kontaktiler"] == ["renamed"]
    # meest 2025-03-01: a cross-border section 10 inserted; 10-12 renumbered.
    assert meest["2025-03-01"]["derekterdi-shekara-arqyly-beru"] == ["added"]
    assert meest["2025-03-01"]["kontaktiler"] == ["renumbered"]


# The control tree ------------------------------------------------------------------


@dataclass(frozen=True)
class SampleBuild:
    """The sample site built by MkDocs: its hand-written pages, what was staged, the site."""

    docs: Path
    staging: Path
    site: Path


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SampleBuild]:
    """This repository's sample site, `mkdocs build --strict` in this process (one build for
    both halves of the control tree), from a clone of HEAD with the working tree's site
    configuration, as of SAMPLE_DAY: the build reads the committed history, as CI does, and
    its staging folder and cache stay out of this checkout."""
    work = tmp_path_factory.mktemp("golden")
    clone, site = work / "clone", work / "site"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(PROJECT), str(clone)], check=True)
    copy_site_config(clone)
    with pytest.MonkeyPatch.context() as env:
        # The day, not the clock: sitemaps, feeds and the manifest carry it.
        env.setenv("SOURCE_DATE_EPOCH", epoch(SAMPLE_DAY))
        env.setenv("NO_MKDOCS_2_WARNING", "1")
        # mkdocs.yml's own site_url, and no previous manifest, whatever the shell has set.
        env.delenv("SITE_URL", raising=False)
        env.delenv(PREVIOUS_MANIFEST, raising=False)
        config = load_config(str(clone / "mkdocs.yml"), site_dir=str(site))
        # As the command line does around a build: the hook makes its run on startup.
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    # The hook pointed docs_dir at the staging folder.
    yield SampleBuild(clone / "docs", Path(config.docs_dir), site)


#: Made constant in the HTML of the control tree: what changes with the versions of MkDocs
#: and Material (a `make lock` may bring new ones), not with this project's code or content.
#: Nothing built depends on the clock (SOURCE_DATE_EPOCH is the sample's day) or on the
#: build's folder (addresses are mkdocs.yml's site_url or relative).
VOLATILE = (
    # Every page's head names MkDocs and Material with their versions.
    (re.compile(r'<meta name="generator" content="[^"]*">'), '<meta name="generator" content="…">'),
    # Material's stylesheets and scripts are named by a hash of their bytes.
    (
        re.compile(r"(/assets/(?:stylesheets|javascripts)/[\w-]+)\.[0-9a-f]{8}(\.min\.(?:css|js))"),
        r"\1.…\2",
    ),
    # The Content-Security-Policy lists a hash of each inline script; the scripts are in the
    # page (Material's change with its version), and the browser tests check the policy
    # lets every one of them run (tests/browser/test_published_files.py).
    (re.compile(r"'sha256-[A-Za-z0-9+/]{43}='"), "'sha256-…'"),
)


def readable(path: str, data: bytes) -> str:
    """A built file as the control tree keeps it: JSON pretty-printed (its keys in the site's
    order), HTML a tag a line with what changes with MkDocs' and Material's versions made
    constant."""
    if path.endswith(".json"):
        return json.dumps(json.loads(data), ensure_ascii=False, indent=2) + "\n"
    text = data.decode("utf-8")
    if path.endswith(".html"):
        # Pages are minified (one line): kept a tag a line, so a diff names the element.
        text = BeautifulSoup(text, "html.parser").prettify()
        for pattern, constant in VOLATILE:
            text = pattern.sub(constant, text)
        # Spaces at the ends of lines mean nothing in HTML outside <pre>, which these lack;
        # editors strip them and `git am` warns of them.
        text = "".join(line.rstrip() + "\n" for line in text.splitlines())
    return text


def staged_files(build: SampleBuild) -> dict[str, bytes]:
    """Every file the pipeline generated into the staging folder, by path; the hand-written
    pages copied beside them are left out."""
    written = {p.relative_to(build.docs).as_posix() for p in build.docs.rglob("*") if p.is_file()}
    return {
        path.relative_to(build.staging).as_posix(): path.read_bytes()
        for path in sorted(build.staging.rglob("*"))
        if path.is_file() and path.relative_to(build.staging).as_posix() not in written
    }


def after_build_files(site: Path) -> dict[str, bytes]:
    """What MkDocs and the hook write beside the rendered pages, by path in the site.

    Left out, each checked here instead: a language's copy of the default language's
    sitemaps, the same bytes; `sitemap.xml.gz`, the sitemap beside it gzipped;
    every version's exact text (`policy.md`), the committed file itself, whose sha256 the
    manifest pins; the files the pipeline staged and the build copied (staged/ has them);
    the rendered pages themselves (mostly Material's markup, checked by the browser tests).
    """
    manifest = json.loads((site / MANIFEST).read_bytes())
    paths = {MANIFEST}
    # Each language's 404 page (`404.html`, `ru/404.html`, …) and search index.
    paths |= {p.relative_to(site).as_posix() for p in site.rglob("404.html")}
    paths |= {p.relative_to(site).as_posix() for p in site.rglob("search_index.json")}
    for sitemap in site.rglob("sitemap.xml"):
        # Every language's folder has the same sitemaps as the default language's (the
        # search engines of each find them there): a copy is kept only if it differs.
        path = sitemap.relative_to(site)
        twin = site.joinpath(*path.parts[1:])
        if not (
            len(path.parts) > 1 and twin.is_file() and twin.read_bytes() == sitemap.read_bytes()
        ):
            paths.add(path.as_posix())
    # The former addresses of renamed policies: a page that redirects, a file copied
    # (none in the sample's history yet).
    for former, _ in moved_addresses(manifest):
        paths.add(former.strip("/") + "/index.html" if former.endswith("/") else former.strip("/"))
    for packed in site.rglob("sitemap.xml.gz"):
        assert gzip.decompress(packed.read_bytes()) == packed.with_suffix("").read_bytes(), packed
    for address, entry in manifest["addresses"].items():
        if address.endswith("/policy.md"):
            text = (site / address.lstrip("/")).read_bytes()
            assert hashlib.sha256(text).hexdigest() == entry["sha256"], address
    return {path: (site / path).read_bytes() for path in sorted(paths)}


def compare_with_control(tree: str, built: Mapping[str, bytes]) -> None:
    """`built` (path -> bytes) against tests/golden/site/`tree`/, each file made `readable`
    first; with UPDATE_GOLDEN=1, the control tree is rewritten from it first."""
    control = CONTROL / tree
    actual = {path: readable(path, data) for path, data in built.items()}
    if UPDATE:
        shutil.rmtree(control, ignore_errors=True)
        for path, text in actual.items():
            (control / path).parent.mkdir(parents=True, exist_ok=True)
            (control / path).write_text(text, encoding="utf-8")
    expected = {
        path.relative_to(control).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(control.rglob("*"))
        if path.is_file()
    }
    added = sorted(actual.keys() - expected.keys())
    gone = sorted(expected.keys() - actual.keys())
    changed = sorted(p for p in actual.keys() & expected.keys() if actual[p] != expected[p])
    assert not (added or gone or changed), (
        f"the sample site's output changed: {len(changed)} files changed {changed[:10]}, "
        f"{len(added)} new {added[:10]}, {len(gone)} gone {gone[:10]}.\nIf intended, run "
        f"`make golden` and review the diff of tests/golden/site/{tree}/.\n\n"
        + "\n\n".join(_diff(f"{tree}/{p}", expected[p], actual[p]) for p in changed[:3])
    )


def _diff(path: str, expected: str, actual: str, lines: int = 60, width: int = 160) -> str:
    """A unified diff of one file, cut to `lines` lines of at most `width` characters."""
    diff = list(
        difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            f"tests/golden/site/{path}",
            f"{path}, as built",
            lineterm="",
        )
    )
    shown = [line if len(line) <= width else line[: width - 1] + "…" for line in diff[:lines]]
    if len(diff) > lines:
        shown.append(f"… {len(diff) - lines} more lines of diff")
    return "\n".join(shown)


def test_the_pages_the_pipeline_stages_match_the_control_tree(sample_build: SampleBuild) -> None:
    """Any change of the generated pages and files shows here as a diff of
    tests/golden/site/staged/: review it, and run `make golden` when it is intended."""
    staged = staged_files(sample_build)
    compare_with_control("staged", staged)
    # The control tree reads JSON pretty-printed; what apps read stays compact.
    compact = [p for p in staged if re.search(r"/(sections|since)\.\w+\.json$", p)]
    assert compact and all(staged[p].count(b"\n") == 1 for p in compact)


def test_what_mkdocs_and_the_hook_write_after_the_pages_match_the_control_tree(
    sample_build: SampleBuild,
) -> None:
    """The search indexes, sitemaps, manifest, 404 page and redirects, against
    tests/golden/site/built/."""
    compare_with_control("built", after_build_files(sample_build.site))
