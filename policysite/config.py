"""Options of the pipeline, typed and validated in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class OptionError(ValueError):
    """An option in `extra.policysite` of mkdocs.yml is wrong."""


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

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any] | None) -> Options:
        """Validate the raw mapping from mkdocs.yml; unknown keys are errors."""
        raw = dict(raw or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise OptionError(
                f"extra.policysite: unknown option(s) {', '.join(unknown)}; "
                f"known options are {', '.join(sorted(known))}"
            )
        types = {f.name: f.type for f in fields(cls)}
        for name, value in raw.items():
            if types[name] in ("bool", bool):
                if not isinstance(value, bool):
                    raise OptionError(f"extra.policysite.{name}: expected true or false")
            elif not isinstance(value, str) or not value:
                raise OptionError(f"extra.policysite.{name}: expected a non-empty string")
        options = cls(**raw)
        try:
            ZoneInfo(options.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise OptionError(
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
