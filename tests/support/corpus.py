"""Real-shaped documents, made here (not copied from anyone): long English terms of service
as converters write them from web pages. Headings that are links or bold, a number
escaped (`2\\.`), Setext headings, an in-text table of contents linking the sections by
the anchors their old site gave, tables whose cells hold `<br>`-separated items, empty
links, and relative links of the old site (`doc`, `logos/…`)."""

from __future__ import annotations

import random
from pathlib import Path

from support.project import copy_site_config
from support.repos import GitRepo, policy

#: The versions `make_repository` commits, and the day the tests build them for.
EFFECTIVE = ("2024-03-01", "2025-03-01", "2026-03-01")

WORDS = ["we", "collect", "personal", "data", "when", "you", "use", "the", "service", "and", "may", "share", "it", "with", "partners", "under", "these", "terms", "account", "content", "license", "notice", "law", "rights", "payment"]  # fmt: skip


def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def terms(version: int, sections: int = 12, seed: int = 7, old_site: bool = True) -> str:
    """Version `version` (0, 1, 2, …) of one document. Each version changes what editors
    change: words, a link's target, an empty link's target, bold into emphasis. With
    `old_site`, the text keeps its old site's relative links (a version published before
    such links were refused)."""
    rng = random.Random(seed)
    legal = "https://example.com/legal" + ("/" if version >= 1 else "")
    headings = [
        "[**Welcome!**](#welcome)",
        "**1. Definitions**",
        "2\\. Use of the *Service*",
        "3. [Your `account`](#your-account)",
        *(
            f"{n}. {'**' if n % 2 else ''}Clause {n}{'**' if n % 2 else ''}"
            for n in range(4, sections)
        ),
    ]
    toc = ", ".join(
        ["[Welcome](#welcome)", "[Definitions](#1-definitions)", "[Use](#2-use-of-the-service)",
         "[Account](#your-account)", "[Clause 4](#4-clause-4)", "[Clause 5](#5-clause-5)"]
    )  # fmt: skip
    parts = [
        f"Contents: {toc}.",
        f"Last updated by [our team]({legal}). [](https://example.com/v{min(version, 1)})",
    ]
    for index, heading in enumerate(headings):
        body = [_prose(rng, 40 + index)]
        if index == 0:
            relative = "See [the full text](doc) and [our logo](logos/a.png). " if old_site else ""
            body.append(relative + "Read [the definitions](#1-definitions) first.")
        if index == 1:
            body.append(
                "| Term | Meaning |\n|---|---|\n| Data | names<br>addresses<br>payments |\n"
                "| Partner | [processors](https://example.com/processors)<br>carriers |"
            )
        if index == 2:
            body.append(("*" if version >= 2 else "**") + "Important:" + ("*" if version >= 2 else "**")
                        + " " + _prose(rng, 12))  # fmt: skip
        if index == 3 and version >= 1:
            body.append(f"Changed in version {version}: " + _prose(rng, 8))
        if index == 3:
            body.append(
                f"More at [](https://example.com/accounts{'?v=2' if version >= 2 else ''})."
            )
        if index == 5:  # a Setext heading: its number escaped, or it would start a list
            heading_line = f"{heading.replace('.', chr(92) + '.', 1)}\n{'-' * 20}"
            parts.append(heading_line + "\n\n" + "\n\n".join(body))
            continue
        parts.append(f"## {heading}\n\n" + "\n\n".join(body))
    return "\n\n".join(parts) + "\n"


def make_repository(root: Path) -> None:
    """A site whose one policy, acme/terms, has the three versions of `terms` in Kazakh
    (the authoritative text) and English."""
    repo = GitRepo(root)
    repo.git("init", "-q", "-b", "main")
    copy_site_config(root)
    for n, effective in enumerate(EFFECTIVE):
        files = {
            "policies/acme/terms.kk.md": policy(effective, terms(n), title="Шарттар"),
            "policies/acme/terms.en.md": policy(effective, terms(n), title="Terms"),
        }
        repo.commit(files, f"terms: version {effective}", f"{effective[:4]}-02-01T10:00:00+00:00")
