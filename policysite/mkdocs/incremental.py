"""Incremental builds: `mkdocs build --dirty` with what MkDocs leaves undone, done.

With `--dirty`, MkDocs renders only the pages whose source is newer than their
HTML, and the pipeline rewrites a staged page only when its text changed, so a
new version renders only the pages it changes. MkDocs warns that such a build
"will likely lead to inaccurate navigation and other links": this module makes
it exact, or falls back to a full build:

- everything a page's HTML depends on besides its own source is one
  fingerprint (`cache.site_fingerprint`); when it differs from the last complete build's, or the last
  build did not finish, the site folder is emptied and every page is built;
- the search index MkDocs writes holds only the pages it rendered (the hook
  keeps Material's search plugin from carrying its own earlier index): the
  entries of the pages it did not render are carried over from the last
  build's index;
- pages and files no longer generated are removed from the site folder.

The state of the last build of each site folder is kept in the cache folder.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policysite.errors import ConfigError
from policysite.mkdocs.search import INDEX
from policysite.pipeline.files import replace_file


@dataclass
class SiteState:
    """What the last build of one site folder left there."""

    fingerprint: str | None = None
    #: Every file the pipeline or MkDocs' pages put there (relative paths).
    outputs: list[str] = field(default_factory=list)
    complete: bool = False


class Incremental:
    """The state of one site folder's incremental builds, kept under `cache_dir`."""

    def __init__(self, cache_dir: Path, site_dir: Path) -> None:
        self.site_dir = site_dir.resolve()
        name = hashlib.sha256(str(self.site_dir).encode()).hexdigest()[:16]
        self._state_path = cache_dir / "sites" / f"{name}.json"
        self._index_path = cache_dir / "sites" / f"{name}.search.json"
        #: What this build could not keep exact, with its cause, for the build's output.
        self.notes: list[str] = []
        self._exact = True

    def load(self) -> SiteState:
        try:
            data = json.loads(self._state_path.read_text(encoding="utf-8"))
            return SiteState(data["fingerprint"], list(data["outputs"]), bool(data["complete"]))
        except (OSError, ValueError, KeyError, TypeError):
            return SiteState()

    def forget(self) -> None:
        """Drop the records of a site folder that is gone (`mkdocs serve`'s, on exit)."""
        for path in (self._state_path, self._index_path):
            path.unlink(missing_ok=True)

    def save(self, state: SiteState) -> bool:
        """Record the state; False when the cache folder cannot be written."""
        try:
            _write_json(self._state_path, state.__dict__)
        except OSError:
            return False
        return True

    def begin(self, current: str, clean: bool) -> bool:
        """Start a build: True when the site folder's pages can be kept (same fingerprint,
        last build complete); else, with `clean` (MkDocs will not empty it itself: --dirty),
        empty it for a full build. Until `finish`, the state says "incomplete", so a build
        that fails is followed by a full one."""
        state = self.load()
        keep = state.complete and state.fingerprint == current and self.site_dir.is_dir()
        # Without a record that this build is under way, a failed one could not be told
        # from a finished one: a cache that cannot be written means a full build each time.
        recorded = self.save(SiteState(None, state.outputs if keep else [], complete=False))
        keep = keep and recorded
        if clean and not keep and self.site_dir.is_dir():
            for child in self.site_dir.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        return keep

    def merge_search_index(
        self, index: dict[str, Any], rendered: set[str], order: Mapping[str, int]
    ) -> dict[str, Any]:
        """The index of every page: this build's entries, which MkDocs makes for the pages
        it rendered, and the last build's for the others that still exist, in the order of
        `order` (page URL -> place), so that an incremental build writes the index a full
        build would.

        Raises ConfigError when this build's entries are not this build's alone: MkDocs'
        search plugin carried an earlier build's index (hooks/policies.py turns that off),
        and readers would find a page's earlier text beside its new one."""
        fresh = index.get("docs", [])
        earlier = _earlier_builds(fresh, rendered)
        if earlier:
            raise ConfigError(
                f"{INDEX.as_posix()}: the search index MkDocs wrote holds entries of an "
                f"earlier build ({len(earlier)} pages, '/{earlier[0]}' first): its search "
                "plugin carried over its last index, which hooks/policies.py turns off for the "
                "pinned mkdocs-material. Install the versions of requirements.lock (make clean, "
                "then make serve or make site)"
            )
        previous = self._previous_index(set(order) - rendered)
        carried = [doc for doc in previous if _page_of(doc) not in rendered]
        docs = [doc for doc in (*fresh, *carried) if _page_of(doc) in order]
        # Stable: a page's entries stay in the order of its sections.
        docs.sort(key=lambda doc: order[_page_of(doc)])
        merged = {**index, "docs": docs}
        try:
            _write_json(self._index_path, merged)
        except OSError as error:
            self._fail(f"cannot write {self._index_path} ({error.strerror})")
        return merged

    def _previous_index(self, kept: set[str]) -> list[dict[str, Any]]:
        """The last build's index entries; [] with a note when the pages this build kept
        cannot have theirs (the record is gone or unreadable)."""
        try:
            docs = json.loads(self._index_path.read_text(encoding="utf-8"))["docs"]
            if isinstance(docs, list):
                return docs
            cause = "it holds no list of entries"
        except OSError as error:
            cause = str(error.strerror)
        except (ValueError, KeyError, TypeError) as error:
            cause = f"not a search index: {error}"
        if kept:
            self._fail(
                f"the last build's search index ({self._index_path}) cannot be read ({cause}): "
                f"{len(kept)} pages this build did not render are missing from search"
            )
        return []

    def _fail(self, cause: str) -> None:
        """This build's search index may be incomplete: say so, and make the next build a
        full one (`finish` records the build as not complete)."""
        self._exact = False
        self.notes.append(
            f"incremental build: {cause}; the next build renders every page again "
            "(or run one now: make clean site)"
        )

    def finish(self, current: str, outputs: Iterable[str]) -> list[str]:
        """End a complete build: remove what the last one left that this one did not make,
        and record this one. Returns the removed files."""
        state = self.load()
        now = sorted(set(outputs))
        gone = sorted(set(state.outputs) - set(now))
        for relative in gone:
            path = self.site_dir / relative
            if path.is_file():
                path.unlink()
                _prune(path.parent, self.site_dir)
        self.save(SiteState(current, now, complete=self._exact))
        return gone


def _earlier_builds(docs: Iterable[Mapping[str, Any]], rendered: set[str]) -> list[str]:
    """The pages whose entries in a build's search index are not all of that build: pages
    it did not render, and pages indexed twice. Material's search plugin gives each page it
    indexes exactly one entry without an anchor (its top), so a second means a second build.
    """
    locations = [str(doc.get("location", "")) for doc in docs]
    tops = Counter(location for location in locations if "#" not in location)
    twice = {page for page, count in tops.items() if count > 1}
    return sorted(twice | ({location.partition("#")[0] for location in locations} - rendered))


def _page_of(doc: Mapping[str, Any]) -> str:
    return str(doc.get("location", "")).partition("#")[0]


def _prune(folder: Path, root: Path) -> None:
    """Remove empty folders from `folder` up to (not including) `root`."""
    while folder != root and folder.is_relative_to(root) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _write_json(path: Path, data: object) -> None:
    replace_file(path, json.dumps(data, ensure_ascii=False).encode())
