"""Scratch git repositories with fixed authors and dates, and the files tests commit."""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image

from support.project import copy_site_config


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
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
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


#: Two policies' files, and a first version's text, for tests of what a rebuild remakes.
KK = "policies/acme/privacy.kk.md"
OTHER = "policies/beta/terms.kk.md"
V1 = "## 1. Жалпы\n\nДеректерді түзету.\n\n## 2. Байланыс\n\nХат.\n"


def two_policies(repo: GitRepo) -> GitRepo:
    """`repo` with a first version of two policies (KK and OTHER), committed."""
    repo.commit(
        {KK: policy("2024-03-01", V1), OTHER: policy("2024-03-01", V1, title="Шарттар")},
        "v1",
        "2024-02-01T10:00:00+00:00",
    )
    return repo


def with_an_edit(repo: GitRepo) -> GitRepo:
    """`repo` as a site (this project's configuration) with a version committed on main
    and a second one on the branch `edit`, checked out: a pull request's state."""
    copy_site_config(repo.root)
    repo.commit({KK: policy("2024-03-01")}, "v1", "2024-02-01T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "edit")
    repo.commit(
        {KK: policy("2025-03-01", "## 1. General\n\nNew text.\n")},
        "v2",
        "2025-02-01T10:00:00+00:00",
    )
    return repo
