"""The synthetic repositories the benchmark builds: Kazakh policies or English terms of
service over many versions, written with `git fast-import`, and the long English policy
of the compare page's measurement."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

from bench.project import LANGS, ROOT

WORDS = [
    "дербес",
    "деректер",
    "пайдаланушы",
    "сайт",
    "компания",
    "қауіпсіздік",
    "өңдеу",
    "мақсат",
    "келісім",
    "ақпарат",
    "құқық",
    "міндет",
    "заң",
    "тәртіп",
    "қызмет",
    "серіктес",
    "сақтау",
    "мерзім",
    "жою",
    "түзету",
    "хабарлау",
    "тұлға",
    "шарт",
    "ереже",
    "бөлім",
    "мәтін",
    "нұсқа",
    "байланыс",
    "мекенжай",
    "сұрау",
    "талап",
    "шек",
    "қорғау",
]
TERMS_WORDS = ["we", "collect", "personal", "data", "when", "you", "use", "the", "service",
               "and", "may", "share", "it", "with", "partners", "under", "these", "terms",
               "account", "content", "license", "notice", "law", "rights", "payment"]  # fmt: skip

#: A section: its heading and its text.
Section = list[str]


def _paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _terms_body(rng: random.Random, n: int) -> str:
    """A section of a long English terms of service as real ones are written: links,
    nested lists, a table, long paragraphs (~1.5 KB)."""

    def prose(words: int) -> str:
        return " ".join(rng.choice(TERMS_WORDS) for _ in range(words)).capitalize() + "."

    return (
        f"See [the privacy notice](https://example.com/privacy#s{n}), [the first section]"
        "(#1-section-1) and "
        f"[our partners](https://example.com/partners/{n}).\n\n"
        f"* {prose(10)}\n    * nested item with a [link](https://example.com/{n})\n"
        f"        * deeper item with `code` and **bold** text\n* {prose(12)}\n\n"
        f"| Column | Meaning |\n|---|---|\n| a | {prose(4)} |\n| b | {prose(3)} |\n\n"
        f"{prose(120)}\n\n{prose(60)}"
    )


def _edit(rng: random.Random, sections: list[Section], step: int, shape: str = "kk") -> None:
    """One realistic change: reword, insert, remove, rename or move a section."""
    kind = step % 5
    vocab = TERMS_WORDS if shape == "terms" else WORDS
    if kind == 0 or len(sections) < 6:  # reword a clause: words only, never Markdown
        section = rng.choice(sections)
        words = section[1].split(" ")
        plain = [i for i, word in enumerate(words) if word.isalpha()]
        for _ in range(4):
            words[rng.choice(plain)] = rng.choice(vocab)
        section[1] = " ".join(words)
    elif kind == 1:  # insert: the sections after it renumber
        new = (
            [f"New section {step}", _terms_body(rng, step)]
            if shape == "terms"
            else [f"Жаңа бөлім {step}", _paragraph(rng, 180)]
        )
        sections.insert(rng.randrange(1, len(sections)), new)
    elif kind == 2 and len(sections) > 10:  # remove
        sections.pop(rng.randrange(1, len(sections)))
    elif kind == 3:  # rename
        rng.choice(sections)[0] += " and others" if shape == "terms" else " және басқалар"
    else:  # move
        section = sections.pop(rng.randrange(len(sections)))
        sections.insert(rng.randrange(len(sections) + 1), section)


def _policy_file(title: str, effective: date, sections: list[Section], lang: str) -> bytes:
    body = "\n\n".join(
        f"## {n}. {heading}{' (' + lang + ')' if lang != 'kk' else ''}\n\n{text}"
        for n, (heading, text) in enumerate(sections, start=1)
    )
    front = (
        f"---\ntitle: {title}\neffective: {effective.isoformat()}\nsummary: Өзгерістер.\n---\n\n"
    )
    return (front + body + "\n").encode("utf-8")


def _terms_file(title: str, effective: date, sections: list[Section], lang: str) -> bytes:
    """Setext headings with escaped numbers (`12\\.`), some bold or a link to themselves,
    as real terms of service converted from web pages write them."""

    def shown(n: int, heading: str) -> str:
        if n % 5 == 0:
            return f"[{heading}](#{n}-{heading.lower().replace(' ', '-')})"
        return f"**{heading}**" if n % 3 == 0 else heading

    body = "\n\n".join(
        f"{n}\\. {shown(n, heading)}{' (' + lang + ')' if lang != 'kk' else ''}\n{'-' * 20}"
        f"\n\n{text}"
        for n, (heading, text) in enumerate(sections, start=1)
    )
    front = f"---\ntitle: {title}\neffective: {effective.isoformat()}\nsummary: Changes.\n---\n\n"
    return (front + body + "\n").encode("utf-8")


def new_site(root: Path, langs: tuple[str, ...]) -> None:
    """A new git repository at `root` with this project's site (configuration, hook, theme
    overrides, hand-written pages), in the first `langs` of its languages."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    for name in ("mkdocs.yml", ".gitignore"):
        shutil.copy(ROOT / name, root / name)
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, root / folder)
    _set_languages(root / "mkdocs.yml", langs)


def _set_languages(config: Path, langs: tuple[str, ...]) -> None:
    """Keep only the first `langs` of the site's languages in its mkdocs.yml."""
    text = config.read_text(encoding="utf-8")
    for lang in LANGS:
        if lang not in langs:
            text = re.sub(rf"\n        - locale: {lang}\n(          .*\n)+", "\n", text)
    config.write_text(text, encoding="utf-8")


def make_repository(
    root: Path, policies: int, languages: int, versions: int, shape: str = "kk"
) -> int:
    """Fill `root` with a site and its synthetic policy history; returns the commit count.

    `kk`: ~15 KB Kazakh policies of 12 plain sections. `terms`: English terms of service
    of 15 to 90 sections (20 to 140 KB) with Setext headings, escaped numbers, links,
    nested lists and tables, as the public archives of real terms hold them."""
    rng = random.Random(7)
    langs = LANGS[:languages]
    new_site(root, langs)
    if shape == "terms":
        state = {
            p: [[f"Section {n}", _terms_body(rng, n)] for n in range(1, rng.randint(15, 90) + 1)]
            for p in range(policies)
        }
    else:
        state = {
            p: [[f"Бөлім {n}", _paragraph(rng, 180)] for n in range(1, 13)] for p in range(policies)
        }
    write = _terms_file if shape == "terms" else _policy_file
    stream: list[bytes] = []
    mark = 0
    start = date(2019, 1, 1)
    commits = 0
    for v in range(versions):
        for p in range(policies):
            if v:
                _edit(rng, state[p], v + p, shape)
            effective = start + timedelta(days=30 * v + p)
            moment = int(time.mktime((effective - timedelta(days=10)).timetuple()))
            mark += 1
            stream.append(
                f"commit refs/heads/main\nmark :{mark}\n"
                f"author Bench <bench@example.kz> {moment} +0500\n"
                f"committer Bench <bench@example.kz> {moment} +0500\n".encode()
            )
            message = f"policy{p}/terms: version {effective}".encode()
            stream.append(b"data %d\n%s\n" % (len(message), message))
            if mark > 1:
                stream.append(f"from :{mark - 1}\n".encode())
            for lang in langs:
                data = write(f"Шарттар {p}", effective, state[p], lang)
                stream.append(f"M 100644 inline policies/org{p}/terms.{lang}.md\n".encode())
                stream.append(b"data %d\n%s\n" % (len(data), data))
            commits += 1
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)
    return commits


def add_version(root: Path, languages: int) -> None:
    """Commit one new version of one policy, as an editor would."""
    for lang in LANGS[:languages]:
        path = root / f"policies/org0/terms.{lang}.md"
        text = path.read_text(encoding="utf-8")
        effective = re.search(r"effective: (\S+)", text)
        if effective is None:
            raise SystemExit(f"bench: {path} has no effective date")
        last = date.fromisoformat(effective[1])
        text = re.sub(r"effective: \S+", f"effective: {last + timedelta(days=30)}", text, count=1)
        text = text.replace("## 2.", "## 2. Өзгертілген", 1).replace(
            "\n2\\. ", "\n2\\. Changed ", 1
        )
        path.write_text(text, encoding="utf-8")
    when = "2026-10-20T10:00:00+05:00"
    subprocess.run(["git", "add", "-A", "policies"], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.kz", "commit",
         "-q", "-m", "org0/terms: version 2026-11-01"],
        cwd=root,
        check=True,
        env={"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def long_terms(rng: random.Random, sections: int) -> list[str]:
    """A long English terms of service as real ones are written, one string a section:
    Setext headings, `1\\.` escapes, links, nested lists, a table; ~1.5 KB a section."""
    vocab = ["we", "collect", "personal", "data", "when", "you", "use", "the", "service",
             "and", "may", "share", "with", "partners", "under", "these", "terms", "of"]  # fmt: skip

    def prose(words: int) -> str:
        return " ".join(rng.choice(vocab) for _ in range(words)) + "."

    return [
        f"{n}\\. Section {n} about {rng.choice(vocab)}\n--------------\n\n"
        f"See [the privacy notice](https://example.com/privacy#s{n}) and [the FAQ](/faq/).\n\n"
        f"* First item with **bold** text\n    * nested item with a [link](https://example.com/{n})"
        f"\n        * deeper item with `code`\n* {prose(12)}\n\n"
        f"| Column | Meaning |\n|---|---|\n| a | {prose(4)} |\n| b | beta |\n\n"
        f"{prose(120)}\n\n{prose(60)}\n"
        for n in range(1, sections + 1)
    ]


def make_terms_repository(root: Path, sections: int) -> int:
    """A site of one long English policy (`long_terms`, in Kazakh's place) in three
    versions: a word changed in one section in five, a link retargeted and a section
    removed by each. Returns the last version's size in KB."""
    rng = random.Random(11)
    new_site(root, ("kk",))
    text = long_terms(rng, sections)
    size = 0
    for version, effective in enumerate(("2024-01-01", "2025-01-01", "2026-01-01")):
        if version:  # a word changed in one section in five, a link retargeted, one removed
            for n in range(version, sections, 5):
                text[n] = text[n].replace(" data ", " information ", 1)
            text[version * 7 % len(text)] = text[version * 7 % len(text)].replace("/faq/", "/x/")
            del text[version * 11 % len(text)]
        body = "\n".join(text)
        size = len(body.encode()) // 1024
        path = root / "policies" / "acme" / "terms.kk.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: Terms\neffective: {effective}\n---\n\n{body}")
        subprocess.run(["git", "add", "-A"], cwd=root, check=True)
        subprocess.run(
            ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.kz", "commit",
             "-q", "-m", f"terms {effective}"],
            cwd=root, check=True,
        )  # fmt: skip
    return size
