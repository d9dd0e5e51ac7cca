"""The site's navigation as MkDocs is given it: home and the policies as one section, then
the hand-written pages, each page named by its title in the language being built.

MkDocs takes a title the configuration gives without reading the page, so a `--dirty`
build renders only the pages that changed; without it, every page of the navigation was
read and rendered again in every build for its title (1 s a save at the benchmark's size,
issue 30). The titles are read from the staged pages as MkDocs reads them: the front
matter's `title`, else the first heading.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

from policysite.render.strings import Strings


@dataclass(frozen=True)
class Navigation:
    #: Language-neutral page sources (`getx/privacy/index.md`), in sections.
    entries: Sequence[Any]
    #: Each page's title by language, then by source.
    titles: dict[str, dict[str, str]]

    @classmethod
    def read(cls, staging: Path, entries: Sequence[Any], languages: Iterable[str]) -> Navigation:
        """The navigation of `entries` with the titles of their pages staged in `staging`."""
        titles: dict[str, dict[str, str]] = {}
        for lang in languages:
            titles[lang] = {}
            for entry in pages(entries):
                path = staging / f"{entry.removesuffix('.md')}.{lang}.md"
                if not path.is_file():
                    continue
                markdown, meta = get_data(path.read_text(encoding="utf-8-sig"))
                title = meta.get("title") or get_markdown_title(markdown)
                if title:
                    titles[lang][entry] = str(title)
        return cls(list(entries), titles)

    def of_language(self, lang: str) -> list[Any]:
        """The navigation of `lang`'s build: `{title: source}` for each page with one."""
        titles = self.titles.get(lang, {})

        def titled(entry: Any) -> Any:
            if isinstance(entry, str):
                title = titles.get(entry)
                return {title: entry} if title else entry
            if isinstance(entry, dict):
                return {
                    name: titled(value) if isinstance(value, str) else [titled(e) for e in value]
                    for name, value in entry.items()
                }
            return entry

        return [titled(entry) for entry in self.entries]


def policies_section(lang: str) -> str:
    """The name of the navigation's section of home and the policies, in `lang`."""
    return Strings(lang)("home.title")


def pages(entries: Iterable[Any]) -> Iterator[str]:
    """The page sources a navigation names, sections opened."""
    for entry in entries:
        if isinstance(entry, str):
            yield entry
        elif isinstance(entry, dict):
            for value in entry.values():
                yield from pages([value] if isinstance(value, str) else value)
