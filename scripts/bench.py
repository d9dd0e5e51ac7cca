"""Benchmark (`make bench`): the pipeline at scale against MkDocs' own rendering.

Creates a synthetic repository with `git fast-import` — P policies x L languages x
V versions of ~15 KB Cyrillic text in ~12 sections, each version rewording,
inserting (renumbering the rest), removing, renaming or moving a section — and
measures, on this machine, in one run:

  a. a cold full build (`mkdocs build --strict --dirty`, as `make site` runs it, into
     an empty folder with empty caches: every page is made and rendered);
  b. a rebuild after one new version of one policy is committed (the same command:
     only that policy is made again, only the pages whose source changed rendered);
  c. the baseline: plain `mkdocs build`, same theme, languages and plugins, over the
     same pages already written as Markdown (what MkDocs costs whatever we do);
  d. the pipeline's own time inside a and b (history, sections, lineage, changes,
     page generation, staging), as the hook reports it;
  e. `make serve` (`mkdocs serve --strict --dirty`): five saves of a policy in a row,
     each from the save to the draft page served with it, with the server's memory
     and the pages each save rendered; also on the sample site itself.

Also: the median time to compare two ~15 KB versions of the sample policy; the time
and peak memory to compare a section of 100 000 words rewritten (target: 5 s, 300 MB),
as the source and as the redline readers see; and the time chromium takes to compare
and render the two most distant versions of a 300 KB English terms of service on the
compare page (target: 200 ms). Prints a table; `--json PATH` writes it. Not a test:
nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORDS = [
    "дербес",
    "деректер",
    "пайдаланушы",
    "сайт",
    "компания",
    "қауіпсіздік",
    "өңдеу",
    "мақсат",
    "келісім",
    "ақпарат",
    "құқық",
    "міндет",
    "заң",
    "тәртіп",
    "қызмет",
    "серіктес",
    "сақтау",
    "мерзім",
    "жою",
    "түзету",
    "хабарлау",
    "тұлға",
    "шарт",
    "ереже",
    "бөлім",
    "мәтін",
    "нұсқа",
    "байланыс",
    "мекенжай",
    "сұрау",
    "талап",
    "шек",
    "қорғау",
]
LANGS = ("kk", "ru", "en")


# The synthetic repository -------------------------------------------------------


def _paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


TERMS_WORDS = ["we", "collect", "personal", "data", "when", "you", "use", "the", "service",
               "and", "may", "share", "it", "with", "partners", "under", "these", "terms",
               "account", "content", "license", "notice", "law", "rights", "payment"]  # fmt: skip


def _terms_body(rng: random.Random, n: int) -> str:
    """A section of a long English terms of service as real ones are written: links,
    nested lists, a table, long paragraphs (~1.5 KB)."""

    def prose(words: int) -> str:
        return " ".join(rng.choice(TERMS_WORDS) for _ in range(words)).capitalize() + "."

    return (
        f"See [the privacy notice](https://example.com/privacy#s{n}), [the first section]"
        "(#1-section-1) and "
        f"[our partners](https://example.com/partners/{n}).\n\n"
        f"* {prose(10)}\n    * nested item with a [link](https://example.com/{n})\n"
        f"        * deeper item with `code` and **bold** text\n* {prose(12)}\n\n"
        f"| Column | Meaning |\n|---|---|\n| a | {prose(4)} |\n| b | {prose(3)} |\n\n"
        f"{prose(120)}\n\n{prose(60)}"
    )


def _edit(rng: random.Random, sections: list[list[str]], step: int, shape: str = "kk") -> None:
    """One realistic change: reword, insert, remove, rename or move a section."""
    kind = step % 5
    vocab = TERMS_WORDS if shape == "terms" else WORDS
    if kind == 0 or len(sections) < 6:  # reword a clause: words only, never Markdown
        section = rng.choice(sections)
        words = section[1].split(" ")
        plain = [i for i, word in enumerate(words) if word.isalpha()]
        for _ in range(4):
            words[rng.choice(plain)] = rng.choice(vocab)
        section[1] = " ".join(words)
    elif kind == 1:  # insert: the sections after it renumber
        new = (
            [f"New section {step}", _terms_body(rng, step)]
            if shape == "terms"
            else [f"Жаңа бөлім {step}", _paragraph(rng, 180)]
        )
        sections.insert(rng.randrange(1, len(sections)), new)
    elif kind == 2 and len(sections) > 10:  # remove
        sections.pop(rng.randrange(1, len(sections)))
    elif kind == 3:  # rename
        rng.choice(sections)[0] += " and others" if shape == "terms" else " және басқалар"
    else:  # move
        section = sections.pop(rng.randrange(len(sections)))
        sections.insert(rng.randrange(len(sections) + 1), section)


def _policy_file(title: str, effective: date, sections: list[list[str]], lang: str) -> bytes:
    body = "\n\n".join(
        f"## {n}. {heading}{' (' + lang + ')' if lang != 'kk' else ''}\n\n{text}"
        for n, (heading, text) in enumerate(sections, start=1)
    )
    front = (
        f"---\ntitle: {title}\neffective: {effective.isoformat()}\nsummary: Өзгерістер.\n---\n\n"
    )
    return (front + body + "\n").encode("utf-8")


def _terms_file(title: str, effective: date, sections: list[list[str]], lang: str) -> bytes:
    """Setext headings with escaped numbers (`12\\.`), some bold or a link to themselves,
    as real terms of service converted from web pages write them."""

    def shown(n: int, heading: str) -> str:
        if n % 5 == 0:
            return f"[{heading}](#{n}-{heading.lower().replace(' ', '-')})"
        return f"**{heading}**" if n % 3 == 0 else heading

    body = "\n\n".join(
        f"{n}\\. {shown(n, heading)}{' (' + lang + ')' if lang != 'kk' else ''}\n{'-' * 20}"
        f"\n\n{text}"
        for n, (heading, text) in enumerate(sections, start=1)
    )
    front = f"---\ntitle: {title}\neffective: {effective.isoformat()}\nsummary: Changes.\n---\n\n"
    return (front + body + "\n").encode("utf-8")


def make_repository(
    root: Path, policies: int, languages: int, versions: int, shape: str = "kk"
) -> int:
    """Fill `root` with a site and its synthetic policy history; returns the commit count.

    `kk`: ~15 KB Kazakh policies of 12 plain sections. `terms`: English terms of service
    of 15 to 90 sections (20 to 140 KB) with Setext headings, escaped numbers, links,
    nested lists and tables, as the public archives of real terms hold them."""
    rng = random.Random(7)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    for name in ("mkdocs.yml", ".gitignore"):
        shutil.copy(ROOT / name, root / name)
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, root / folder)
    langs = LANGS[:languages]
    _set_languages(root / "mkdocs.yml", langs)
    if shape == "terms":
        state = {
            p: [[f"Section {n}", _terms_body(rng, n)] for n in range(1, rng.randint(15, 90) + 1)]
            for p in range(policies)
        }
    else:
        state = {
            p: [[f"Бөлім {n}", _paragraph(rng, 180)] for n in range(1, 13)] for p in range(policies)
        }
    write = _terms_file if shape == "terms" else _policy_file
    stream: list[bytes] = []
    mark = 0
    start = date(2019, 1, 1)
    commits = 0
    for v in range(versions):
        for p in range(policies):
            if v:
                _edit(rng, state[p], v + p, shape)
            effective = start + timedelta(days=30 * v + p)
            moment = int(time.mktime((effective - timedelta(days=10)).timetuple()))
            mark += 1
            stream.append(
                f"commit refs/heads/main\nmark :{mark}\n"
                f"author Bench <bench@example.kz> {moment} +0500\n"
                f"committer Bench <bench@example.kz> {moment} +0500\n".encode()
            )
            message = f"policy{p}/terms: version {effective}".encode()
            stream.append(b"data %d\n%s\n" % (len(message), message))
            if mark > 1:
                stream.append(f"from :{mark - 1}\n".encode())
            for lang in langs:
                data = write(f"Шарттар {p}", effective, state[p], lang)
                stream.append(f"M 100644 inline policies/org{p}/terms.{lang}.md\n".encode())
                stream.append(b"data %d\n%s\n" % (len(data), data))
            commits += 1
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)
    return commits


def _set_languages(config: Path, langs: tuple[str, ...]) -> None:
    """Keep only the first `langs` of the site's languages in its mkdocs.yml."""
    text = config.read_text(encoding="utf-8")
    for lang in LANGS:
        if lang not in langs:
            text = re.sub(rf"\n        - locale: {lang}\n(          .*\n)+", "\n", text)
    config.write_text(text, encoding="utf-8")


def add_version(root: Path, languages: int) -> None:
    """Commit one new version of one policy, as an editor would."""
    for lang in LANGS[:languages]:
        path = root / f"policies/org0/terms.{lang}.md"
        text = path.read_text(encoding="utf-8")
        last = date.fromisoformat(re.search(r"effective: (\S+)", text)[1])  # type: ignore[index]
        text = re.sub(r"effective: \S+", f"effective: {last + timedelta(days=30)}", text, count=1)
        text = text.replace("## 2.", "## 2. Өзгертілген", 1).replace(
            "\n2\\. ", "\n2\\. Changed ", 1
        )
        path.write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "-A", "policies"], cwd=root, check=True)
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Bench",
            "-c",
            "user.email=bench@example.kz",
            "commit",
            "-q",
            "-m",
            "org0/terms: version 2026-11-01",
        ],
        cwd=root,
        check=True,
        env={
            "GIT_AUTHOR_DATE": "2026-10-20T10:00:00+05:00",
            "GIT_COMMITTER_DATE": "2026-10-20T10:00:00+05:00",
            "PATH": "/usr/bin:/bin",
        },
    )


# Measuring ------------------------------------------------------------------------

_RSS = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "e = time.perf_counter() - t; "
    "print(r.returncode, e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
    "print(r.stdout + r.stderr)"
)


def timed_build(
    root: Path, site: Path, config: str = "mkdocs.yml", dirty: bool = True
) -> dict[str, float]:
    """`mkdocs build --strict --dirty` (as `make site` runs it) in its own process: seconds,
    peak RSS, the hook's own seconds, and how many pages MkDocs rendered."""
    env_epoch = str(int(time.mktime(date(2026, 11, 22).timetuple())))
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _RSS,
            str(BIN / "mkdocs"),
            "build",
            "--strict",
            *(["--dirty"] if dirty else []),
            "-f",
            config,
            "-d",
            str(site),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={"SOURCE_DATE_EPOCH": env_epoch, "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    first, _, output = done.stdout.partition("\n")
    code, seconds, rss_kb = first.split()
    if code != "0":
        raise SystemExit(f"bench: mkdocs build failed in {root}:\n{output[-3000:]}")
    pipeline = [float(m) for m in re.findall(r"; pipeline ([\d.]+) s", output)]
    rendered = re.search(r"(\d+) of \d+ pages rendered", output)
    return {
        "seconds": float(seconds),
        "rss_mb": int(rss_kb) / 1024,
        "pipeline_s": sum(pipeline),
        "rendered": int(rendered[1]) if rendered else 0,
    }


def baseline(root: Path, site: Path) -> dict[str, float]:
    """Plain MkDocs over the same pages, already Markdown: no hook, same everything else."""
    docs = root / "baseline-docs"
    shutil.copytree(root / "build" / "docs", docs)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", "docs_dir: baseline-docs")
    config = re.sub(r"\nhooks:\n  - hooks/policies.py\n", "\n", config)
    # The same navigation as the hook gives (home, the policies, hand-written pages): a
    # navigation of every version would make MkDocs quadratic, and is not the baseline.
    policies = sorted(p.parent.relative_to(docs).as_posix() for p in docs.glob("*/*/index.kk.md"))
    nav = ["index.md", *(f"{p}/index.md" for p in policies), "about.md", "editors.md"]
    config = re.sub(r"\nnav:\n(  - .*\n)+", "\nnav:\n" + "".join(f"  - {n}\n" for n in nav), config)
    (root / "baseline.yml").write_text(config, encoding="utf-8")
    return timed_build(root, site, "baseline.yml", dirty=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


#: Saves in a row of `serve_edits`: an editor saves many times; the fifth must be as quick.
SAVES = 5


def serve_edits(root: Path, policy: str, draft: str, saves: int = SAVES) -> dict[str, Any]:
    """`make serve` (`mkdocs serve --strict --dirty`) on `root`, saved `saves` times in a
    row: the first serve's seconds (a full build); the seconds from each save of `policy`
    to its draft page (`draft`, the address under the site) served with the new text; the
    first save's seconds to the draft's changes page naming it; and the server's resident
    memory and the pages rendered after each save. Each save waits for the rebuild before
    it to end, as an editor reading the preview would. The file is restored."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    port = free_port()
    log = root / "serve.log"
    started = time.perf_counter()
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                str(BIN / "mkdocs"),
                "serve",
                "--strict",
                "--dirty",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    base = f"http://127.0.0.1:{port}/{draft}"
    path = root / policy
    saved = path.read_text(encoding="utf-8")

    def builds() -> list[int]:
        """Pages rendered by each build so far."""
        found = re.findall(r"(\d+) of \d+ pages rendered", log.read_text(encoding="utf-8"))
        return [int(n) for n in found]

    pages: list[float] = []
    rss: list[float] = []
    changes = 0.0
    try:
        _wait_for(lambda: "Serving on" in log.read_text(encoding="utf-8"), server, 900)
        first = time.perf_counter() - started
        for save in range(1, saves + 1):
            marker = f"Түзетілген сөйлем өңдеуші {save}"
            done = len(builds()) + 1
            path.write_text(saved + f"\n{marker}.\n", encoding="utf-8")
            edited = time.perf_counter()
            _wait_for(_shows(base, marker), server, 300)
            pages.append(round(time.perf_counter() - edited, 2))
            if save == 1:
                _wait_for(_shows(base + "changes/", marker), server, 60)
                changes = time.perf_counter() - edited
            _wait_for(lambda done=done: len(builds()) >= done, server, 300)
            rss.append(_rss_mb(server.pid))
            time.sleep(0.5)  # the editor reads the page before saving again
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs and the hook clean up
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        path.write_text(saved, encoding="utf-8")
    return {
        "serve_first_s": round(first, 2),
        "serve_edit_s": pages[0],
        "serve_edits_s": pages,
        "serve_edit_changes_s": round(changes, 2),
        "serve_rss_mb": rss,
        # A save renders what it changed; a save that rendered every page shows here.
        "serve_pages": builds()[0],
        "serve_rendered": builds()[1:],
    }


def _shows(url: str, text: str) -> Callable[[], bool]:
    return lambda: text in _get(url)


def _rss_mb(pid: int) -> float:
    """A process's resident memory now, in MB (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return round(int(found[1]) / 1024, 1) if found else 0.0


def sample_serve(work: Path) -> dict[str, Any]:
    """`serve_edits` on this project's own sample site (a clone of HEAD with the working
    tree's site configuration), saving getx/privacy's Kazakh text."""
    root = work / "sample"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(root)], check=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, root / folder, dirs_exist_ok=True)
    try:
        return serve_edits(root, "policies/getx/privacy.kk.md", "getx/privacy/draft/")
    finally:
        shutil.rmtree(root)


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(done: Callable[[], bool], server: subprocess.Popen[bytes], limit: float) -> None:
    deadline = time.perf_counter() + limit
    while not done():
        if server.poll() is not None:
            raise SystemExit("bench: mkdocs serve stopped")
        if time.perf_counter() > deadline:
            raise SystemExit("bench: mkdocs serve did not show the edit in time")
        time.sleep(0.05)


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def kb_per_page(site: Path) -> float:
    """The mean size of a page's HTML, in KB."""
    pages = [p.stat().st_size for p in site.rglob("index.html")]
    return round(sum(pages) / max(len(pages), 1) / 1024, 1)


def page_growth(work: Path, versions: int = 5) -> dict[str, float]:
    """KB per page of a site of 5 policies and of one of 50 (one language, `versions`
    versions each, cold builds): what every page carries for each policy of the site."""
    sizes = {}
    for policies in (5, 50):
        root = work / f"growth-{policies}"
        make_repository(root, policies, 1, versions)
        site = work / f"growth-site-{policies}"
        timed_build(root, site)
        sizes[policies] = kb_per_page(site)
        shutil.rmtree(site)
        shutil.rmtree(root)
    return {
        "kb_per_page_5": sizes[5],
        "kb_per_page_50": sizes[50],
        "kb_per_page_growth": round(sizes[50] / sizes[5], 3),
    }


def measure(
    policies: int, languages: int, versions: int, work: Path, shape: str = "kk"
) -> dict[str, Any]:
    """One size: cold build, baseline, rebuild after one new version (then cleaned up)."""
    root = work / f"repo-{shape}-{policies}x{languages}x{versions}"
    started = time.perf_counter()
    commits = make_repository(root, policies, languages, versions, shape)
    setup = time.perf_counter() - started
    site = work / f"site-{policies}x{languages}x{versions}"
    cold = timed_build(root, site)
    pages = sum(1 for _ in site.rglob("index.html"))
    page_kb = kb_per_page(site)
    base = baseline(root, work / "site-baseline")
    shutil.rmtree(work / "site-baseline")
    add_version(root, languages)
    rebuild = timed_build(root, site)
    serve = serve_edits(root, "policies/org0/terms.kk.md", "org0/terms/draft/")
    index = site / "search" / "search_index.json"
    result = {
        "shape": shape,
        "policies": policies,
        "languages": languages,
        "versions": versions,
        "commits": commits,
        "setup_s": round(setup, 2),
        "pages": pages,
        "cold_s": round(cold["seconds"], 2),
        "baseline_s": round(base["seconds"], 2),
        "rebuild_s": round(rebuild["seconds"], 2),
        "pipeline_cold_s": round(cold["pipeline_s"], 2),
        "pipeline_rebuild_s": round(rebuild["pipeline_s"], 2),
        "rebuild_rendered": rebuild["rendered"],
        "peak_rss_mb": round(max(cold["rss_mb"], rebuild["rss_mb"], base["rss_mb"]), 1),
        "ms_per_page": round(cold["seconds"] * 1000 / max(pages, 1), 2),
        "site_mb": round(size_mb(site), 1),
        "kb_per_page": page_kb,
        **serve,
        "search_index_mb": round(index.stat().st_size / 1024 / 1024, 2) if index.exists() else 0,
    }
    shutil.rmtree(site)
    shutil.rmtree(root)
    return result


_REWRITTEN = """
import random, sys, time
from policysite.compare.redline import redline
from policysite.render.blocks import redline_html
from policysite.render.strings import Strings
words, edit, shown = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(7)
vocab = ["деректер", "пайдаланушы", "сайт", "құқық", "мәлімет", "өңдеу", "келісім", "data"]
def paragraph():
    return " ".join(rng.choice(vocab) for _ in range(50))
old = [paragraph() for _ in range(words // 50)]
new = [paragraph() for _ in old] if edit == "rewritten" else [
    paragraph() if i % 40 == 0 else p for i, p in enumerate(old)
]
start = time.perf_counter()
if shown == "source":
    redline("\\n\\n".join(old), "\\n\\n".join(new))
else:
    redline_html("\\n\\n".join(old), "\\n\\n".join(new), Strings("kk"))
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the (large) parent process
# across fork and exec; VmHWM is this process's own peak.
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(time.perf_counter() - start, int(hwm.split()[1]) / 1024)
"""


def long_sections(words: int = 100_000) -> list[tuple[str, float, float]]:
    """Seconds and peak memory (MB) to compare a section of `words` words with itself
    rewritten, and with one paragraph in forty rewritten (each in a fresh process): the
    source's redline, and the rendered one readers see."""
    rows = []
    for edit in ("rewritten", "edited"):
        for shown in ("source", "rendered"):
            out = subprocess.run(
                [sys.executable, "-c", _REWRITTEN, str(words), edit, shown],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout.split()
            rows.append((f"{edit}, {shown}", round(float(out[0]), 2), round(float(out[1]))))
    return rows


def long_terms(rng: random.Random, sections: int) -> list[str]:
    """A long English terms of service as real ones are written, one string a section:
    Setext headings, `1\\.` escapes, links, nested lists, a table; ~1.5 KB a section."""
    vocab = ["we", "collect", "personal", "data", "when", "you", "use", "the", "service",
             "and", "may", "share", "with", "partners", "under", "these", "terms", "of"]  # fmt: skip

    def prose(words: int) -> str:
        return " ".join(rng.choice(vocab) for _ in range(words)) + "."

    return [
        f"{n}\\. Section {n} about {rng.choice(vocab)}\n--------------\n\n"
        f"See [the privacy notice](https://example.com/privacy#s{n}) and [the FAQ](/faq/).\n\n"
        f"* First item with **bold** text\n    * nested item with a [link](https://example.com/{n})"
        f"\n        * deeper item with `code`\n* {prose(12)}\n\n"
        f"| Column | Meaning |\n|---|---|\n| a | {prose(4)} |\n| b | beta |\n\n"
        f"{prose(120)}\n\n{prose(60)}\n"
        for n in range(1, sections + 1)
    ]


_COMPARE_PAGE = """
import sys
from playwright.sync_api import sync_playwright
url, runs = sys.argv[1], int(sys.argv[2])
args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
    page = browser.new_page()
    for _ in range(runs):
        page.goto(url)
        page.wait_for_function("performance.getEntriesByName('ps-compare').length > 0")
        print(page.evaluate("performance.getEntriesByName('ps-compare')[0].duration"))
    browser.close()
"""


def _browser_figures(url: str, tries: int = 2) -> list[str]:
    """What the compare page's script reports in chromium (_COMPARE_PAGE), five loads; a run
    whose browser failed (it happened once in a few CI runs, under the whole suite's load)
    is said on stderr with chromium's own words and run again, once."""
    for attempt in range(1, tries + 1):
        done = subprocess.run(
            [sys.executable, "-c", _COMPARE_PAGE, url, "5"], capture_output=True, text=True
        )
        if done.returncode == 0:
            return done.stdout.split()
        print(
            f"bench: the compare page run {attempt} of {tries} failed:\n{done.stderr[-3000:]}",
            file=sys.stderr,
            flush=True,
        )
    raise RuntimeError(f"the compare page failed {tries} times in chromium: see above")


def compare_page_ms(work: Path, sections: int = 225) -> tuple[float, int]:
    """Median ms chromium takes on the compare page to load, compare and render the two
    most distant of three versions of a ~300 KB English policy; and the policy's KB."""
    rng = random.Random(11)
    root = work / "terms"
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    for name in ("mkdocs.yml", ".gitignore"):
        shutil.copy(ROOT / name, root / name)
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, root / folder)
    _set_languages(root / "mkdocs.yml", ("kk",))
    text = long_terms(rng, sections)
    size = 0
    for version, effective in enumerate(("2024-01-01", "2025-01-01", "2026-01-01")):
        if version:  # a word changed in one section in five, a link retargeted, one removed
            for n in range(version, sections, 5):
                text[n] = text[n].replace(" data ", " information ", 1)
            text[version * 7 % len(text)] = text[version * 7 % len(text)].replace("/faq/", "/x/")
            del text[version * 11 % len(text)]
        body = "\n".join(text)
        size = len(body.encode()) // 1024
        path = root / "policies" / "acme" / "terms.kk.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: Terms\neffective: {effective}\n---\n\n{body}")
        subprocess.run(["git", "add", "-A"], cwd=root, check=True)
        subprocess.run(
            ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.kz", "commit",
             "-q", "-m", f"terms {effective}"],
            cwd=root, check=True,
        )  # fmt: skip
    site = work / "terms-site"
    timed_build(root, site)
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = re.search(r"port (\d+)", server.stdout.readline())
        assert port is not None
        url = f"http://127.0.0.1:{port[1]}/acme/terms/compare/?from=2024-01-01&to=2026-01-01"
        out = _browser_figures(url)
    finally:
        server.terminate()
        server.wait()
    return round(statistics.median(float(ms) for ms in out), 1), size


def compare_median() -> float:
    """Median ms to compare two ~15 KB versions of the sample policy meest/privacy."""
    sys.path.insert(0, str(ROOT))
    from policysite.compare.analysis import text_changes
    from policysite.history.policy_file import parse_source

    path = "policies/meest/privacy.kk.md"
    commits = subprocess.run(
        ["git", "log", "--format=%H", "-3", "--", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    old, new = (
        parse_source(
            path,
            subprocess.run(
                ["git", "show", f"{sha}:{path}"], cwd=ROOT, capture_output=True, check=True
            ).stdout,
        ).body
        for sha in (commits[-1], commits[-2])
    )
    timings = []
    for _ in range(100):
        start = time.perf_counter()
        text_changes([old, new])
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 2)


def profile(policies: int, languages: int, versions: int, work: Path, top: int = 25) -> str:
    """Where the pipeline's cold time goes: cProfile of it in one process (the build
    spreads it over the cores), policysite's own functions by cumulative time."""
    import cProfile
    import io
    import os
    import pstats

    sys.path.insert(0, str(ROOT))
    from policysite.addresses import Languages
    from policysite.mkdocs.options import load_options
    from policysite.pipeline.assemble import build_site

    root = work / f"profile-{policies}x{languages}x{versions}"
    make_repository(root, policies, languages, versions)
    langs = LANGS[:languages]
    names = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
    environ = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(int(time.mktime(date(2026, 11, 22).timetuple()))),
    }
    profiler = cProfile.Profile()
    profiler.enable()
    build_site(
        root,
        root / "docs",
        load_options({"timezone": "Asia/Almaty"}),
        Languages("kk", langs, {lang: names[lang] for lang in langs}),
        "",
        environ,
        parallel=False,
    )
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"policysite/", top)
    return out.getvalue()


def table(rows: list[dict[str, float]]) -> str:
    columns = [
        (
            "size",
            lambda r: (
                f"{r['policies']}x{r['languages']}x{r['versions']}"
                + (" terms" if r.get("shape") == "terms" else "")
            ),
        ),
        ("pages", lambda r: r["pages"]),
        ("cold s", lambda r: r["cold_s"]),
        ("baseline s", lambda r: r["baseline_s"]),
        ("cold/base", lambda r: f"{r['cold_s'] / r['baseline_s']:.2f}"),
        ("pipeline s", lambda r: r["pipeline_cold_s"]),
        ("share", lambda r: f"{100 * r['pipeline_cold_s'] / r['cold_s']:.0f}%"),
        ("rebuild s", lambda r: r["rebuild_s"]),
        ("pipeline rebuild s", lambda r: r["pipeline_rebuild_s"]),
        ("rebuild/cold", lambda r: f"{100 * r['rebuild_s'] / r['cold_s']:.0f}%"),
        ("rebuild rendered", lambda r: r["rebuild_rendered"]),
        ("serve edits s", lambda r: " / ".join(str(s) for s in r["serve_edits_s"])),
        ("serve rendered", lambda r: " / ".join(str(n) for n in r["serve_rendered"])),
        ("ms/page", lambda r: r["ms_per_page"]),
        ("peak RSS MB", lambda r: r["peak_rss_mb"]),
        ("site MB", lambda r: r["site_mb"]),
        ("KB/page", lambda r: r["kb_per_page"]),
        ("index MB", lambda r: r["search_index_mb"]),
        (
            "pipeline ms/version",
            lambda r: f"{1000 * r['pipeline_cold_s'] / (r['policies'] * r['versions']):.1f}",
        ),
    ]
    head = "| " + " | ".join(name for name, _ in columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    lines = [head, rule]
    for row in rows:
        lines.append("| " + " | ".join(str(get(row)) for _, get in columns) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench.py")
    parser.add_argument("--policies", type=int, default=20)
    parser.add_argument("--languages", type=int, default=3, choices=(1, 2, 3))
    parser.add_argument("--versions", type=int, default=50)
    parser.add_argument(
        "--growth", default="", help="also run these version counts, e.g. 10,50,100"
    )
    parser.add_argument(
        "--growth-policies",
        type=int,
        default=5,
        help="the number of policies of the --growth runs (default 5)",
    )
    parser.add_argument(
        "--terms-sections",
        type=int,
        default=225,
        help="sections of the English policy of the compare page's row (225: ~300 KB)",
    )
    parser.add_argument(
        "--terms",
        default="5,3,20",
        help="policies,languages,versions of a run on long English terms of service "
        "(Setext headings, escaped numbers, links, lists, tables; 20-140 KB); '' for none",
    )
    parser.add_argument("--json", help="write the results as JSON to this file")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile the pipeline's cold run in one process (cProfile) and print "
        "where its time goes",
    )
    args = parser.parse_args()

    sizes = [(args.policies, args.versions)] + [
        (args.growth_policies, int(v)) for v in args.growth.split(",") if v
    ]
    rows = []
    with tempfile.TemporaryDirectory(prefix="policysite-bench-") as folder:
        for policies, versions in sizes:
            print(
                f"bench: {policies} policies x {args.languages} languages x {versions} versions ...",
                file=sys.stderr,
                flush=True,
            )
            rows.append(measure(policies, args.languages, versions, Path(folder)))
            print(
                table(rows[-1:]), file=sys.stderr, flush=True
            )  # each row as soon as it is measured
        report = (
            profile(args.policies, args.languages, args.versions, Path(folder))
            if args.profile
            else ""
        )
        terms = None
        if args.terms:
            p, lang, v = (int(x) for x in args.terms.split(","))
            print(
                f"bench: {p} terms of service x {lang} languages x {v} versions ...",
                file=sys.stderr,
            )
            terms = measure(p, lang, v, Path(folder), shape="terms")
            print(table([terms]), file=sys.stderr, flush=True)
        growth = page_growth(Path(folder))
        print(f"bench: make serve on the sample, {SAVES} saves ...", file=sys.stderr, flush=True)
        sample = sample_serve(Path(folder))
    median = compare_median()
    print(table(rows + ([terms] if terms else [])))
    print(
        f"\nKB per page (HTML): {growth['kb_per_page_5']} with 5 policies, "
        f"{growth['kb_per_page_50']} with 50 (x{growth['kb_per_page_growth']})"
    )
    print(
        f"\nmake serve on the sample (getx/privacy), {len(sample['serve_edits_s'])} saves in a "
        "row, save -> draft served with the edit: "
        + " / ".join(f"{s} s" for s in sample["serve_edits_s"])
        + "; resident memory after each: "
        + " / ".join(f"{mb:.0f}" for mb in sample["serve_rss_mb"])
        + " MB; pages rendered by each: "
        + " / ".join(str(n) for n in sample["serve_rendered"])
        + f"; first serve {sample['serve_first_s']} s"
    )
    if report:
        print(f"\nwhere the pipeline's time goes (cProfile, one process, cold):\n{report}")
    print(f"\ncompare two ~15 KB versions (meest/privacy): median {median} ms")
    long = long_sections()
    for edit, seconds, peak in long:
        print(f"a section of 100 000 words, {edit}: {seconds} s, peak RSS {peak} MB")
    with tempfile.TemporaryDirectory(prefix="policysite-bench-") as folder:
        page_ms, page_kb = compare_page_ms(Path(folder), args.terms_sections)
    print(
        f"compare page in chromium, the two most distant versions of a {page_kb} KB "
        f"policy: median {page_ms} ms"
    )
    result = {
        **rows[0],
        **growth,
        "terms": terms,
        "sample_serve": sample,
        "compare_median_ms": median,
        "compare_page_ms": page_ms,
        "long_section": {edit: {"seconds": sec, "peak_mb": mb} for edit, sec, mb in long},
        "runs": rows,
    }
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
