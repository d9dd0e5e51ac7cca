"""`extra.policysite` in mkdocs.yml: every option, typed and bounded, checked in one place
with MkDocs' own `config_options`, for the hook and the command-line tools alike.

A mistake is a ConfigError naming the option, what it takes and what it got, never a
traceback later on: `notice_days: 3000000` is refused here, not when a date overflows.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import fields
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from policysite.config import Options
from policysite.errors import ConfigError

#: Where the options are in mkdocs.yml.
WHERE = "extra.policysite"


class _Days(base.BaseConfigOption[int]):
    """A whole number of days from 0 to `most` (not `true`, which YAML makes 1)."""

    def __init__(self, default: int, most: int) -> None:
        super().__init__()
        self.default, self.most = default, most

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= self.most:
            raise base.ValidationError(
                f"expected a whole number of days from 0 to {self.most}, got {value!r}"
            )
        return value


class _Folder(base.BaseConfigOption[str]):
    """A folder of the site, relative to mkdocs.yml and inside its folder."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise base.ValidationError(f"expected a folder relative to mkdocs.yml, got {value!r}")
        path = posixpath.normpath(value.strip().replace("\\", "/"))
        if path.startswith(("/", "../")) or path in (".", ".."):
            raise base.ValidationError(
                f"{value!r} is not a folder inside the site's folder: write a path relative to "
                "mkdocs.yml, such as policies or build/docs"
            )
        return path


class _Switch(base.BaseConfigOption[bool]):
    """`true` or `false`."""

    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise base.ValidationError(f"expected true or false, got {value!r}")
        return value


class _TimeZone(c.Type[str]):
    """An IANA time zone name."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise base.ValidationError(
                f"{name!r} is not a time zone (write an IANA name such as Asia/Almaty or UTC)"
            ) from None
        return name


class PolicysiteConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs 1.6, untyped
    """The options, as MkDocs validates a plugin's (see `policysite.config.Options` for
    what each means)."""

    policies_dir = _Folder("policies")
    staging_dir = _Folder("build/docs")
    timezone = _TimeZone("UTC")
    cache_dir = _Folder(".cache/policysite")
    allow_incomplete_history = _Switch(False)
    notice_days = _Days(0, most=3650)


def load_options(raw: Mapping[str, Any] | None) -> Options:
    """The options from `extra.policysite` as mkdocs.yml gives them; ConfigError listing
    every mistake, each with the option's name."""
    config = PolicysiteConfig()
    config.load_dict(dict(raw or {}))
    errors, warnings = config.validate()
    names = [option.name for option in fields(Options)]
    problems = [f"{WHERE}.{name}: {error}" for name, error in errors]
    known = ", ".join(sorted(names))
    problems += [
        f"{WHERE}.{name}: unknown option; the known options are {known}"
        for name, warning in warnings
        if "Unrecognised configuration name" in str(warning)
    ]
    if problems:
        raise ConfigError("; ".join(problems))
    options = Options(**{name: config[name] for name in names})
    folders = {"policies_dir": options.policies_dir, "staging_dir": options.staging_dir}
    folders["cache_dir"] = options.cache_dir
    for name, path in folders.items():
        for other, other_path in folders.items():
            if name < other and (
                path == other_path
                or path.startswith(other_path + "/")
                or other_path.startswith(path + "/")
            ):
                raise ConfigError(
                    f"{WHERE}.{name} and {WHERE}.{other} are the same folder or one holds the "
                    f"other ({path}, {other_path}): the build writes into the staging and cache "
                    "folders, so give each option a folder of its own"
                )
    return options
