"""Sites built and served: `mkdocs build` and `make serve` of a folder, and a folder over
http as a static host serves it."""

from __future__ import annotations

import functools
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from time import monotonic, sleep
from typing import Any

from support.project import SAMPLE_DAY, epoch

#: What `make serve PREVIEW=ru` sets for mkdocs.yml (plugins.i18n.build_only_locale).
PREVIEW = "POLICYSITE_PREVIEW"

#: A hook that answers MkDocs as `mkdocs serve` (drafts, one-language previews) when run
#: by `mkdocs build`, so a test can keep what a live preview renders; `HELP_I18N=0` builds
#: it without the adapter's help to mkdocs-static-i18n.
SERVING_HOOK = """
import os
from pathlib import Path

from policysite.mkdocs.adapter import Adapter


class Serving(Adapter):
    def on_startup(self, command, dirty):
        super().on_startup("serve", False)


_adapter = Serving(Path(__file__), help_i18n=os.environ.get("HELP_I18N", "1") == "1")
for _event in (
    "on_startup on_config on_files on_nav on_env on_page_content on_page_context "
    "on_post_page on_template_context on_post_template on_post_build on_serve on_shutdown"
).split():
    globals()[_event] = getattr(_adapter, _event)
"""


def as_live_preview(root: Path) -> None:
    """`root`'s hook answers `mkdocs build` as `mkdocs serve` (SERVING_HOOK)."""
    (root / "hooks" / "policies.py").write_text(SERVING_HOOK, encoding="utf-8")


def mkdocs_build(
    root: Path,
    site: Path,
    day: date,
    dirty: bool = False,
    preview: str | None = None,
    site_url: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `root` into `site` as of `day` (`--dirty`: incremental,
    as `make site` builds; `preview`: the one language of a live preview, as `make serve
    PREVIEW=ru` sets it; `site_url`: the address it is published at, as SITE_URL sets it);
    raises with MkDocs' output."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(day), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    env.pop(PREVIEW, None)
    if preview:
        env[PREVIEW] = preview
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
    """Serves the site as a static host does (GitHub Pages, Netlify): its root `404.html`
    for every address it lacks, whatever folder the address names; under `under` (a site
    published at a sub-path), with nothing outside it."""

    def __init__(self, *args: Any, under: str = "/", **kwargs: Any) -> None:
        self.under = under  # before the base class handles the request
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.under):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path[len(self.under) :])

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
def serve(directory: Path, under: str = "/") -> Iterator[str]:
    """`directory` over http on a free port of 127.0.0.1 (search does not work from
    file://), at the path `under` (`/policies/`: a site published at a sub-path)."""
    handler = functools.partial(_QuietHandler, directory=str(directory), under=under)
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
def make_serve(root: Path, dirty: bool = True, preview: str | None = None) -> Iterator[str]:
    """`root` as `make serve` serves it (`mkdocs serve --strict --dirty`; without `dirty`,
    every save rebuilds every page; `preview`: one language, as `make serve PREVIEW=ru`;
    None: every language, as `PREVIEW=all`), as of SAMPLE_DAY, stopped with Ctrl-C; its
    log in `serve.log`."""
    port = free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(SAMPLE_DAY), "NO_MKDOCS_2_WARNING": "1"}
    env.pop(PREVIEW, None)
    if preview:
        env[PREVIEW] = preview
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
