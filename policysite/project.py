"""The project's settings as the command-line tools need them, read from mkdocs.yml.

The MkDocs hook gets them from MkDocs itself; the tools (`python -m policysite
lint`, `pr-summary`, `import`) read the same two places: `extra.policysite`
and the i18n plugin's languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from policysite.addresses import Languages
from policysite.config import OptionError, Options


class ProjectError(Exception):
    """mkdocs.yml is missing or does not say what the tools need."""


@dataclass(frozen=True)
class Project:
    root: Path
    options: Options
    languages: Languages


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
        raise ProjectError(
            f"{config_file}: cannot read it ({error.strerror}); run the "
            "command in the folder of the site's mkdocs.yml"
        ) from None
    except yaml.YAMLError as error:
        raise ProjectError(f"{config_file}: not valid YAML ({error})") from None
    try:
        options = Options.from_mapping((config.get("extra") or {}).get("policysite"))
    except OptionError as error:
        raise ProjectError(f"{config_file}: {error}") from None
    return Project(root, options, _languages(config_file, config.get("plugins") or []))


def _languages(config_file: Path, plugins: list[Any]) -> Languages:
    for plugin in plugins:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages") or []
            locales = [str(e["locale"]) for e in entries if e.get("build", True)]
            default = next((str(e["locale"]) for e in entries if e.get("default")), locales[0])
            names = {str(e["locale"]): str(e.get("name", e["locale"])) for e in entries}
            return Languages(default, tuple(locales), names)
    raise ProjectError(f"{config_file}: no i18n plugin with its languages under plugins")
