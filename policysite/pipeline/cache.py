"""The content-addressed cache in `.cache/`, and every key it is read by.

Three kinds of entry, each under a key made here and nowhere else:

- an **analysis step** (`step_key`): one version's sections, lineage ids and
  changes, keyed by the policy, the language, the version's text (sha256), the
  key of the step before it and the key of the authoritative text's step it
  follows; a new version costs one step, an edited upcoming version the steps
  from it on;
- a **policy output** (`output_keys`): a policy's staged pages in one language,
  keyed by its texts in every language (with their commits and corrections),
  the drafts, the day (statuses), the site's languages, address and time zone;
- the **site fingerprint** (`site_fingerprint`): everything the HTML of every
  page depends on besides its own source, kept by `incremental.py` with the
  state of the last build of a site folder.

Every key also covers the code that made the entry (`code_fingerprint`: this
package, its templates and strings), so a new release or an edited template
never reads what an older one cached. Keys hash a canonical encoding of their
parts (`_encode`), not Python's `repr`. An entry that cannot be read is
recomputed, never trusted; one unused for `KEEP_DAYS` is removed.

Within one build, what a worker process computed is handed back to the parent
(`take_made`, `adopt`), so the processes forked after it find it in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import time
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from policysite.addresses import Languages
from policysite.history.texts import History
from policysite.history.versions import PolicyText
from policysite.pipeline.files import replace_file

#: Days an entry is kept after it was last used.
KEEP_DAYS = 30

#: What the cached results are made by: the code, the page templates, the strings.
_CODE = (".py", ".j2", ".yml")

#: What MkDocs' pages are rendered by, besides their sources.
RENDERING_PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-static-i18n",
    "markdown",
    "pymdown-extensions",
)


def dependency_versions() -> tuple[tuple[str, str], ...]:
    """Every installed distribution and its version (after `make lock` and a new `.venv`,
    outputs made by the old libraries are made again: markdown-it-py parses the texts,
    anyascii makes the ids, Babel writes the dates, …)."""
    return tuple(
        sorted(
            (str(dist.metadata["Name"] or "").lower(), str(dist.version))
            for dist in metadata.distributions()
        )
    )


@cache
def code_fingerprint() -> str:
    """A hash of policysite's own code, templates and strings, and of the versions of the
    libraries it runs with (`dependency_versions`)."""
    digest = hashlib.sha256()
    digest.update(_encode(dependency_versions()))
    package = resources.files("policysite")
    for folder, _dirs, files in sorted(os.walk(str(package))):
        relative = os.path.relpath(folder, str(package))
        if "__pycache__" in relative:
            continue
        for name in sorted(files):
            if name.endswith(_CODE):
                digest.update(f"{relative}/{name}".encode() + b"\0")
                digest.update(Path(folder, name).read_bytes())
    return digest.hexdigest()[:16]


def _plain(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"a cache key cannot hold {type(value).__name__}")


def _encode(parts: Iterable[object]) -> bytes:
    """Parts of a key as canonical JSON: the same parts give the same bytes in every run."""
    return json.dumps(
        list(parts), default=_plain, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")


def _digest(kind: str, *parts: object) -> str:
    return hashlib.sha256(_encode((code_fingerprint(), kind, *parts))).hexdigest()


def _view_parts(view: PolicyText) -> list[object]:
    withdrawn = view.withdrawn
    parts: list[object] = [
        [withdrawn.day, withdrawn.commit.sha] if withdrawn else None,
        [[r.version.id, r.version.sha256, r.moved_to, r.commit.sha] for r in view.retracted],
        [[w.day, w.commit.sha, w.until] for w in view.past_withdrawals],
        [[was, now, commit.sha] for was, now, commit in view.moves],
    ]
    return parts + [
        [
            v.id,
            v.lang,
            v.sha256,
            v.translates,
            [[c.sha, c.committed, c.author, c.subject] for c in v.commits],
            [[c.commit.sha, c.commit.committed, c.reason] for c in v.corrections],
            [[image.src, image.sha256] for image in v.images],
        ]
        for v in view.versions
    ]


class AnalysisCache:
    """Pickled results under `folder`, one file per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        #: Entries this process stored in this build, and those handed over to it.
        self._made: dict[str, Any] = {}
        self._adopted: dict[str, Any] = {}
        #: Why the cache could not be written, once: it is then read as it is.
        self.unwritable: str | None = None

    # -- keys -------------------------------------------------------------------------

    def step_key(
        self, view: PolicyText, index: int, previous: str | None, original: str | None
    ) -> str:
        """The key of version `index`'s analysis step (`compare/analysis.py`)."""
        version = view.versions[index]
        return _digest(
            "step", view.policy, view.lang, previous, version.id, version.lang,
            version.sha256, original,
        )  # fmt: skip

    def output_keys(
        self,
        history: History,
        policy: str,
        today: date,
        site_url: str,
        zone: str,
        languages: Languages,
        announced: Sequence[object] = (),
    ) -> dict[str, str]:
        """The key of a policy's output in each language: everything its pages are made
        from (its texts in every language: a page says how each translation stands;
        `site_url`, the addresses it prints, the repository's among them; the days its
        versions were announced)."""
        views = [_view_parts(history.view(policy, each)) for each in languages.all]
        drafts = sorted(
            (each, draft.sha256) for (p, each), draft in history.drafts.items() if p == policy
        )
        before_cut = sorted(
            (each, [v.sha256 for v in versions])
            for (p, each), versions in history.before_cut.items()
            if p == policy
        )
        made_from = _digest(
            "output", policy, today, site_url, zone,
            [languages.default, languages.all, sorted(languages.names.items()), languages.preview],
            history.incomplete, views, drafts, before_cut, list(announced),
        )  # fmt: skip
        return {lang: _digest("output", made_from, lang) for lang in languages.all}

    # -- entries ----------------------------------------------------------------------

    def load(self, key: str) -> Any | None:
        for fresh in (self._made, self._adopted):
            if key in fresh:
                return fresh[key]
        path = self.folder / key[:2] / f"{key}.pickle"
        try:
            with path.open("rb") as file:
                found = pickle.load(file)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None
        with contextlib.suppress(OSError):  # a read-only cache is still a cache
            os.utime(path)  # used: kept another KEEP_DAYS
        return found

    def store(self, key: str, value: Any) -> None:
        """Keep `value` for this build, and on disk for the next ones if the cache folder
        can be written (a cache restored read-only in CI is read as it is)."""
        self._made[key] = value
        if self.unwritable is not None:
            return
        path = self.folder / key[:2] / f"{key}.pickle"
        try:
            replace_file(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as error:
            self.unwritable = (
                f"the cache folder {self.folder} cannot be written ({error.strerror}): it is "
                "read as it is, and what this build computes is not kept for the next one"
            )

    def take_made(self) -> dict[str, Any]:
        """What this process stored since it was last asked (a worker hands it to the
        parent)."""
        made, self._made = self._made, {}
        self._adopted.update(made)
        return made

    def adopt(self, entries: dict[str, Any]) -> None:
        """Keep entries another process made (and stored) in memory for this build."""
        self._adopted.update(entries)

    def prune(self, days: float = KEEP_DAYS) -> int:
        """Remove the entries not used for `days`; returns how many."""
        oldest = time.time() - days * 86400
        removed = 0
        for path in self.folder.glob("??/*.pickle"):
            try:
                if path.stat().st_mtime < oldest:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed


def site_fingerprint(
    config_file: Path,
    site_url: str,
    folders: Iterable[Path],
    files: Iterable[Path],
    nav_titles: Iterable[tuple[str, str | None]],
    hand_written: Iterable[str],
) -> str:
    """One hash of everything the HTML of every page depends on besides its own source:
    mkdocs.yml and the site address, the theme overrides, the hook, this package, the
    versions of MkDocs and its plugins, the navigation's titles, the hand-written pages."""
    digest = hashlib.sha256()
    parts: list[object] = [code_fingerprint(), site_url, config_file.read_bytes()]
    for name in RENDERING_PACKAGES:
        try:
            parts.append([name, metadata.version(name)])
        except metadata.PackageNotFoundError:
            parts.append([name, None])
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            parts.append([path.relative_to(folder).as_posix(), path.read_bytes()])
    parts.extend([path.name, path.read_bytes()] for path in files)
    parts.extend([name, title] for name, title in nav_titles)
    parts.append(sorted(hand_written))
    digest.update(_encode(parts))
    return digest.hexdigest()
