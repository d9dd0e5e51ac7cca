"""The site's configuration, typed and validated in one place.

Two sources, read the same way by the MkDocs hook and the command-line tools:
`extra.policysite` in mkdocs.yml (`Options`, checked by `mkdocs/options.py`), the
i18n plugin's languages (`languages_from`), and two environment variables:
`SOURCE_DATE_EPOCH` (`build_day`) and `POLICYSITE_PREVIOUS_MANIFEST`
(`previous_manifest`). Every mistake is a `ConfigError` that names the setting and
the fix.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from policysite.addresses import Languages
from policysite.errors import ConfigError


@dataclass(frozen=True)
class Options:
    """What `extra.policysite` in mkdocs.yml may set (`mkdocs/options.py` reads and checks
    them, with MkDocs' own config_options).

    Paths are relative to the folder of mkdocs.yml.
    """

    #: Folder holding `<policy-id>.<lang>.md` files.
    policies_dir: str = "policies"
    #: Git-ignored folder where hand-written and generated pages are staged for MkDocs.
    staging_dir: str = "build/docs"
    #: Time zone in which effective dates start (IANA name, e.g. Asia/Almaty).
    timezone: str = "UTC"
    #: Where sections, lineage and comparisons are kept between builds (git-ignored).
    cache_dir: str = ".cache/policysite"
    #: Build from a shallow clone or a folder without git, marking every policy page
    #: "history incomplete", instead of failing.
    allow_incomplete_history: bool = False
    #: Days of notice the site promises before a new version takes effect: it must be
    #: public at least this long before its `effective` date, unless it is `urgent`
    #: (`history/notice.py`). 0: no promise.
    notice_days: int = 0

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def policies_path(self, root: Path) -> Path:
        return root / self.policies_dir

    def staging_path(self, root: Path) -> Path:
        return root / self.staging_dir

    def cache_path(self, root: Path) -> Path:
        return root / self.cache_dir


def languages_from(entries: Sequence[Mapping[str, Any]]) -> Languages:
    """The site's languages from the i18n plugin's `languages` entries (`locale`,
    `name`, `default`, `build`), as mkdocs.yml writes them or as MkDocs read them."""
    if not entries:
        raise ConfigError("plugins.i18n.languages: no languages; list at least the default one")
    built = tuple(str(e["locale"]) for e in entries if e.get("build", True) is not False)
    default = next(
        (str(e["locale"]) for e in entries if e.get("default")), str(entries[0]["locale"])
    )
    names = {str(e["locale"]): str(e.get("name") or e["locale"]) for e in entries}
    return Languages(default, built, names)


def build_day(zone: ZoneInfo, environ: Mapping[str, str] = os.environ) -> date:
    """The date the build is for: `SOURCE_DATE_EPOCH` if set, else the clock, in `zone`."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(zone).date()
    try:
        return datetime.fromtimestamp(int(epoch), zone).date()
    except (ValueError, OverflowError, OSError):
        raise ConfigError(
            f"SOURCE_DATE_EPOCH: {epoch!r} is not a Unix time in seconds "
            "(e.g. $(date -d 2026-11-22 +%s)); set it to one or unset it"
        ) from None


#: The live site's manifest (a file or an http(s) address) a deploy builds after: the
#: days versions were announced are taken over from it (`history/notice.py`).
PREVIOUS_MANIFEST = "POLICYSITE_PREVIOUS_MANIFEST"


def previous_manifest(environ: Mapping[str, str] = os.environ) -> str | None:
    """Where the live site's manifest is, if the build was given one."""
    return environ.get(PREVIOUS_MANIFEST, "").strip() or None


#: The SSH private key a deploy signs the manifest with (a file; `signatures.py`).
SIGNING_KEY = "POLICYSITE_SIGNING_KEY"


def signing_key(environ: Mapping[str, str] = os.environ) -> Path | None:
    """The file of the key the manifest is signed with, if the build was given one."""
    value = environ.get(SIGNING_KEY, "").strip()
    return Path(value) if value else None
