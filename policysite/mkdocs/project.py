"""A site as the command-line tools see it: its folder, options and languages, read from
its mkdocs.yml by MkDocs itself (`load_config`), so `!ENV` values, defaults and plugin
options mean for `python -m policysite` what they mean for `mkdocs build`."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs import exceptions
from mkdocs.config import load_config

from policysite.addresses import Languages
from policysite.config import Options, languages_from
from policysite.errors import ConfigError
from policysite.mkdocs.adapter import I18N_PLUGIN
from policysite.mkdocs.options import load_options


@dataclass(frozen=True)
class Project:
    """A site as the command-line tools see it: its folder, options and languages."""

    root: Path
    options: Options
    languages: Languages
    #: The hand-written pages' folder (mkdocs.yml's `docs_dir`).
    docs_dir: Path


@contextmanager
def _quiet() -> Iterator[None]:
    """MkDocs logs what it finds while loading a configuration (a deprecated option, a
    plugin's banner); the tools report problems as their own messages."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def load_project(root: Path) -> Project:
    """The options and languages of the site whose mkdocs.yml is in `root`."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise ConfigError(
            f"{config_file}: no such file; run the command in the folder of the site's "
            "mkdocs.yml (or give --root)"
        )
    try:
        with _quiet():
            config = load_config(str(config_file))
    except (exceptions.ConfigurationError, exceptions.PluginError) as error:
        raise ConfigError(f"{config_file}: {error}") from None
    except OSError as error:
        raise ConfigError(f"{config_file}: cannot read it ({error.strerror})") from None
    i18n = config.plugins.get(I18N_PLUGIN)
    if i18n is None:
        raise ConfigError(f"{config_file}: no i18n plugin with its languages under plugins")
    try:
        options = load_options(config.extra.get("policysite"))
        languages = languages_from(i18n.config.languages)
    except ConfigError as error:
        raise ConfigError(f"{config_file}: {error}") from None
    return Project(root, options, languages, Path(config.docs_dir))
