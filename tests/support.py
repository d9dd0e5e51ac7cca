"""Test helpers: real temporary git repositories with fixed authors and dates, site builds."""

from __future__ import annotations

import functools
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from time import monotonic, sleep

from PIL import Image

from policysite.addresses import Languages
from policysite.mkdocs.options import load_options
from policysite.pipeline.assemble import SiteBuild, build_site

PROJECT = Path(__file__).resolve().parent.parent
#: The two source policies the sample content was made from, as they were given.
SEEDS = PROJECT / "tests" / "fixtures" / "seeds"

#: The day the sample site is checked as of (its upcoming version takes effect 2027-01-15).
SAMPLE_DAY = date(2026, 11, 22)


def epoch(day: date) -> str:
    """`SOURCE_DATE_EPOCH` for noon UTC of `day`."""
    return str(int(datetime.combine(day, time(12), UTC).timestamp()))


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


@dataclass
class GitRepo:
    """A scratch repository; every commit gets a fixed author and the date it is given."""

    root: Path

    def git(self, *args: str, when: str = "2024-01-01T12:00:00+00:00") -> str:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Test Editor",
            "GIT_AUTHOR_EMAIL": "editor@example.kz",
            "GIT_COMMITTER_NAME": "Test Editor",
            "GIT_COMMITTER_EMAIL": "editor@example.kz",
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        done = subprocess.run(
            ["git", *args], cwd=self.root, env=env, check=True, capture_output=True, text=True
        )
        return done.stdout

    def write(self, files: Mapping[str, str | None]) -> None:
        """Write (or, for None, delete) files relative to the root."""
        for path, content in files.items():
            target = self.root / path
            if content is None:
                target.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content, encoding="utf-8")

    def fast_import(self, commits: list[tuple[str, str, Mapping[str, str | bytes]]]) -> None:
        """Many commits at once, as a history migrated from another tool arrives: each is
        (ISO 8601 date, message, files), on top of the current branch. The working tree
        is checked out after."""
        stream: list[bytes] = []
        parent = self.git("rev-parse", "--verify", "-q", "HEAD").strip() if self._has_head() else ""
        for mark, (when, message, files) in enumerate(commits, start=1):
            moment = int(datetime.fromisoformat(when).timestamp())
            header = (
                f"commit refs/heads/main\nmark :{mark}\n"
                f"author Archive <archive@example.kz> {moment} +0000\n"
                f"committer Archive <archive@example.kz> {moment} +0000\n"
            )
            text = message.encode()
            stream.append(header.encode() + b"data %d\n%s\n" % (len(text), text))
            if mark > 1:
                stream.append(f"from :{mark - 1}\n".encode())
            elif parent:
                stream.append(f"from {parent}\n".encode())
            for path, content in files.items():
                data = content.encode() if isinstance(content, str) else content
                stream.append(f"M 100644 inline {path}\n".encode() + b"data %d\n" % len(data))
                stream.append(data + b"\n")
        subprocess.run(
            ["git", "fast-import", "--quiet"], cwd=self.root, input=b"".join(stream), check=True
        )
        self.git("checkout", "-q", "-f", "main")

    def _has_head(self) -> bool:
        done = subprocess.run(
            ["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=self.root, capture_output=True
        )
        return done.returncode == 0

    def commit(self, files: Mapping[str, str | None], message: str, when: str) -> str:
        """Write `files`, commit everything at `when` (ISO 8601), return the commit sha."""
        self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when)
        return self.git("rev-parse", "HEAD").strip()


def policy(
    effective: str,
    body: str = "## 1. General\n\nText.\n",
    title: str = "Privacy policy",
    **front: str,
) -> str:
    """A policy file: front matter with `title`, `effective` and any other keys, then `body`."""
    lines = [f"title: {title}", f"effective: {effective}"]
    lines += [f"{key}: {value}" for key, value in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (3, 2), color: str = "teal") -> bytes:
    """A real image in `fmt` (PNG, JPEG, GIF, WEBP, AVIF, or any other Pillow writes)."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    return out.getvalue()


def copy_site_config(root: Path) -> None:
    """Give a scratch repository this project's MkDocs configuration, hook and pages."""
    for name in ("mkdocs.yml",):
        shutil.copy(PROJECT / name, root / name)
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(PROJECT / folder, root / folder, dirs_exist_ok=True)


def mkdocs_build(
    root: Path, site: Path, day: date, dirty: bool = False
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `root` into `site` as of `day` (`--dirty`: incremental,
    as `make site` builds); raises with MkDocs' output."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(day), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    done = subprocess.run(
        # The console script, not `python -m mkdocs`: that would put `root` first on
        # sys.path and import a clone's own policysite instead of the one under test.
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--strict",
            *(["--dirty"] if dirty else []),
            "-d",
            str(site),
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{done.stdout}\n{done.stderr}")
    return done


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site as a static host does: its `404.html` for an address it lacks."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """`directory` over http on a free port of 127.0.0.1 (search does not work from file://)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def make_serve(root: Path, dirty: bool = True) -> Iterator[str]:
    """`root` as `make serve` serves it (`mkdocs serve --strict --dirty`; without `dirty`,
    every save rebuilds every page), as of SAMPLE_DAY, stopped with Ctrl-C; its log in
    `serve.log`."""
    port = free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(SAMPLE_DAY), "NO_MKDOCS_2_WARNING": "1"}
    command = ["serve", "--strict", *(["--dirty"] if dirty else []), "--dev-addr"]
    with (root / "serve.log").open("w") as log:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "mkdocs"), *command, f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)


def fetch_until(url: str, wanted: str, seconds: float = 60) -> str:
    """The text at `url` once it holds `wanted`; fails after `seconds`."""
    deadline = monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text: str = response.read().decode("utf-8")
                if wanted in text:
                    return text
        except OSError:
            pass
        if monotonic() > deadline:
            raise AssertionError(f"{url} never showed {wanted!r}")
        sleep(0.2)


def run_check_permanence(
    previous: Path, current: Path, root: Path | None = None
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
        ],
        capture_output=True,
        text=True,
    )
