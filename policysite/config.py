"""The site's configuration, typed and validated in one place.

Two sources, read the same way by the MkDocs hook and the command-line tools:
`extra.policysite` in mkdocs.yml (`Options`), the i18n plugin's languages
(`languages_from`), and two environment variables: `SOURCE_DATE_EPOCH`
(`build_day`) and `POLICYSITE_PREVIOUS_MANIFEST` (`previous_manifest`). Every mistake is a `ConfigError` that names the setting and the fix.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from policysite.addresses import Languages
from policysite.errors import ConfigError


@dataclass(frozen=True)
class Options:
    """What `extra.policysite` in mkdocs.yml may set.

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

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any] | None) -> Options:
        """Validate the raw mapping from mkdocs.yml; unknown keys are errors."""
        raw = dict(raw or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ConfigError(
                f"extra.policysite: unknown option(s) {', '.join(unknown)}; "
                f"known options are {', '.join(sorted(known))}"
            )
        types = {f.name: f.type for f in fields(cls)}
        for name, value in raw.items():
            if types[name] in ("bool", bool):
                if not isinstance(value, bool):
                    raise ConfigError(f"extra.policysite.{name}: expected true or false")
            elif types[name] in ("int", int):
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ConfigError(
                        f"extra.policysite.{name}: expected a whole number of days, 0 or more"
                    )
            elif not isinstance(value, str) or not value:
                raise ConfigError(f"extra.policysite.{name}: expected a non-empty string")
        options = cls(**raw)
        try:
            ZoneInfo(options.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"extra.policysite.timezone: {options.timezone!r} is not a time zone "
                "(write an IANA name such as Asia/Almaty or UTC)"
            ) from None
        return options

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


@dataclass(frozen=True)
class Project:
    """A site as the command-line tools see it: its folder, options and languages."""

    root: Path
    options: Options
    languages: Languages
    #: The hand-written pages' folder (mkdocs.yml's `docs_dir`).
    docs_dir: Path


class _Loader(yaml.SafeLoader):
    """Reads MkDocs' `!ENV [NAME, default]` as its default; other tags as plain values."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    return None


def _any(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _any)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any)


def load_project(root: Path) -> Project:
    """The options and languages of the site whose mkdocs.yml is in `root`."""
    config_file = root / "mkdocs.yml"
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except OSError as error:
        raise ConfigError(
            f"{config_file}: cannot read it ({error.strerror}); run the "
            "command in the folder of the site's mkdocs.yml"
        ) from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{config_file}: not valid YAML ({error})") from None
    try:
        options = Options.from_mapping((config.get("extra") or {}).get("policysite"))
        for plugin in config.get("plugins") or []:
            if isinstance(plugin, dict) and "i18n" in plugin:
                languages = languages_from((plugin["i18n"] or {}).get("languages") or [])
                return Project(
                    root, options, languages, root / str(config.get("docs_dir") or "docs")
                )
    except ConfigError as error:
        raise ConfigError(f"{config_file}: {error}") from None
    raise ConfigError(f"{config_file}: no i18n plugin with its languages under plugins")
