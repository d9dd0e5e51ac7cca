"""A site as the command-line tools see it: its folder, options and languages, read from
its mkdocs.yml (an `!ENV` value as its default)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from policysite.addresses import Languages
from policysite.config import Options, languages_from
from policysite.errors import ConfigError
from policysite.mkdocs.options import load_options


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
        options = load_options((config.get("extra") or {}).get("policysite"))
        for plugin in config.get("plugins") or []:
            if isinstance(plugin, dict) and "i18n" in plugin:
                languages = languages_from((plugin["i18n"] or {}).get("languages") or [])
                return Project(
                    root, options, languages, root / str(config.get("docs_dir") or "docs")
                )
    except ConfigError as error:
        raise ConfigError(f"{config_file}: {error}") from None
    raise ConfigError(f"{config_file}: no i18n plugin with its languages under plugins")
