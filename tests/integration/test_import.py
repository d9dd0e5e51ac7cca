"""`python -m policysite import`: both seeds and an HTML page become clean policy files."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from support.project import SEEDS, copy_site_config
from support.repos import GitRepo

from policysite.compare.sections import parse_sections
from policysite.history.policy_file import parse_source
from policysite.tools.importing import ImportFormat, import_policy

SEED_FLAT = SEEDS / "000_9b0efcd6cd6de7b2.txt"
SEED_MARKDOWN = SEEDS / "004_912b1523da581d53.txt"

HTML_PAGE = """<!doctype html><html><head><title>x</title><script>track()</script></head>
<body><h1>Пайдалану шарттары</h1>
<p>Кіріспе <b>мәтін</b>.</p>
<h2>1. Жалпы</h2><p>Бірінші <a href="https://example.kz">сілтеме</a>.</p>
<h3>1.1. Анықтамалар</h3><ul><li>Сайт</li><li>Пайдаланушы</li></ul>
<h2>2. Байланыс</h2><p>Хат жазыңыз.</p></body></html>"""


def headings(text: str) -> list[tuple[str | None, str, int]]:
    source = parse_source("p.kk.md", text.encode())
    return [
        (s.number, s.title, s.level)
        for s in parse_sections(source.body).sections
        if not s.is_preamble
    ]


def test_the_flat_seed_becomes_ten_sections() -> None:
    imported = import_policy(SEED_FLAT.read_text("utf-8"), date(2024, 3, 1), "Құпиялылық саясаты")
    assert imported.format == ImportFormat.FLAT
    found = headings(imported.text)
    assert [n for n, _, _ in found] == [f"{i}." for i in range(1, 11)]
    assert found[7] == ("8.", "Cookie файлдары", 2)
    assert imported.text.startswith("---\ntitle: Құпиялылық саясаты\neffective: 2024-03-01\n---\n")


def test_the_markdown_seed_gets_one_heading_level_and_its_title() -> None:
    imported = import_policy(SEED_MARKDOWN.read_text("utf-8"), date(2023, 5, 1))
    assert imported.format == ImportFormat.MARKDOWN
    assert imported.title == "ҚҰПИЯЛЫЛЫҚ САЯСАТЫ"
    found = headings(imported.text)
    assert len(found) == 12 and {level for _, _, level in found} == {2}
    assert found[11] == ("12.", "Контактілер", 2)
    # The list that the seed broke with a blank line is one list again.
    assert "өзара әрекеттесу;\n- Сайтымызға" in imported.text


def test_an_html_page_becomes_markdown_sections() -> None:
    imported = import_policy(HTML_PAGE, date(2025, 1, 1))
    assert imported.format == ImportFormat.HTML
    assert imported.title == "Пайдалану шарттары"
    assert headings(imported.text) == [
        ("1.", "Жалпы", 2),
        ("1.1.", "Анықтамалар", 3),
        ("2.", "Байланыс", 2),
    ]
    assert "Бірінші [сілтеме](https://example.kz)." in imported.text
    assert "track()" not in imported.text
    assert "- Сайт\n- Пайдаланушы" in imported.text


def test_the_command_writes_a_file_the_site_accepts(repo: GitRepo) -> None:
    copy_site_config(repo.root)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "policysite", "import", *args, "--root", str(repo.root)],
            capture_output=True,
            text=True,
        )

    done = run(
        str(SEED_MARKDOWN), "--policy", "meest/privacy", "--lang", "kk", "--effective", "2023-05-01"
    )
    assert done.returncode == 0, done.stderr
    assert "read as markdown" in done.stdout and "recognised 12 sections:" in done.stdout
    assert "  12. Контактілер" in done.stdout
    written = repo.root / "policies/meest/privacy.kk.md"
    parse_source("policies/meest/privacy.kk.md", written.read_bytes())

    again = run(
        str(SEED_MARKDOWN), "--policy", "meest/privacy", "--lang", "kk", "--effective", "2023-05-01"
    )
    assert again.returncode == 2 and "exists; to replace it, add --force" in again.stderr

    bad = run(str(SEED_FLAT), "--policy", "Meest", "--lang", "de", "--effective", "2023-13-01")
    assert bad.returncode == 2
    assert "--effective 2023-13-01 is not a date (write YYYY-MM-DD)" in bad.stderr
    assert "has no language suffix" in bad.stderr

    untitled = run(
        str(SEED_FLAT), "--policy", "getx/privacy", "--lang", "kk", "--effective", "2024-03-01"
    )
    assert untitled.returncode == 2 and "with --title" in untitled.stderr
    assert not Path(repo.root / "policies/getx/privacy.kk.md").exists()


def run_import(repo: GitRepo, source: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "policysite", "import", str(source)),
            *("--policy", "acme/privacy", "--lang", "kk", "--effective", "2024-03-01"),
            *("--root", str(repo.root), *extra),
        ],
        capture_output=True,
        text=True,
    )


def test_a_deeply_nested_page_and_a_binary_file_get_their_text_or_a_message(
    repo: GitRepo, tmp_path: Path
) -> None:
    copy_site_config(repo.root)
    deep = tmp_path / "deep.html"
    deep.write_text(
        "<html><body><h1>Privacy</h1>"
        + "<div>" * 1500
        + "<h2>1. General</h2><p>Deep text.</p>"
        + "</div>" * 1500
        + "</body></html>",
        encoding="utf-8",
    )
    done = run_import(repo, deep)
    assert done.returncode == 0, done.stderr
    written = (repo.root / "policies/acme/privacy.kk.md").read_text(encoding="utf-8")
    assert "## 1. General" in written and "Deep text." in written
    binary = tmp_path / "logo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    done = run_import(repo, binary, "--force")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "is a binary file" in done.stderr


def test_import_leaves_out_images_from_other_hosts(repo: GitRepo, tmp_path: Path) -> None:
    copy_site_config(repo.root)
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><h1>Privacy</h1><h2>1. General</h2><p>Text."
        '<img src="https://tracker.example/p.gif" width="1" height="1">'
        '<img src="https://cdn.example/logo.png" alt="Logo"></p></body></html>',
        encoding="utf-8",
    )
    done = run_import(repo, page)
    assert done.returncode == 0, done.stderr
    assert "2 image(s) from other hosts left out" in done.stdout
    written = (repo.root / "policies/acme/privacy.kk.md").read_text(encoding="utf-8")
    assert "tracker.example" not in written and "![" not in written
    assert "[Logo](https://cdn.example/logo.png)" in written


JEKYLL = """---
layout: page
title: Privacy Policy
permalink: /privacy/
date: 2023-06-15 10:00:00 +0000
---

# Privacy Policy

We care.

## 1. What we collect

Your name.

## 2. Contact

Write to us.
"""
DOCUSAURUS = """---
sidebar_position: 3
title: Terms of Service
last_update:
  date: 2024-02-20
  author: legal
---

## 1. Use of the service

Be kind.

### 1.1. Accounts

One each.
"""
HUGO = """+++
title = "Cookie notice"
lastmod = 2025-01-05T09:00:00Z
draft = false
+++

## 1. What cookies are

Small files.
"""


def test_front_matter_of_other_tools_gives_the_title_and_date_and_is_never_text() -> None:
    for text, title, effective, dropped in (
        (JEKYLL, "Privacy Policy", date(2023, 6, 15), ("layout", "permalink")),
        (DOCUSAURUS, "Terms of Service", date(2024, 2, 20), ("sidebar_position",)),
        (HUGO, "Cookie notice", date(2025, 1, 5), ("draft",)),
    ):
        imported = import_policy(text, None)
        assert imported.title == title
        assert imported.text.startswith(f"---\ntitle: {title}\neffective: {effective}\n---\n")
        assert imported.front_dropped == dropped
        # Nothing of the front matter is in the text, and the sections keep their level.
        assert "permalink" not in imported.text and "sidebar" not in imported.text
        assert "draft" not in imported.text and "+++" not in imported.text
        assert {level for _, _, level in headings(imported.text) if level} >= {2}
        assert headings(imported.text)[0][2] == 2
    assert [h[1] for h in headings(import_policy(DOCUSAURUS, None).text)] == [
        "Use of the service",
        "Accounts",
    ]


def test_the_command_line_wins_over_front_matter_and_says_what_it_took(
    repo: GitRepo, tmp_path: Path
) -> None:
    copy_site_config(repo.root)
    source = tmp_path / "privacy.md"
    source.write_text(JEKYLL, encoding="utf-8")
    base = [sys.executable, "-m", "policysite", "import", str(source), "--root", str(repo.root)]
    done = subprocess.run(
        [*base, "--policy", "acme/privacy", "--lang", "kk"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "its front matter: took title, date; left out layout, permalink" in done.stdout
    written = (repo.root / "policies/acme/privacy.kk.md").read_text(encoding="utf-8")
    assert written.startswith("---\ntitle: Privacy Policy\neffective: 2023-06-15\n---\n")
    given = ("--effective", "2024-01-01", "--title", "Құпиялылық саясаты")
    done = subprocess.run(
        [*base, "--policy", "acme/privacy", "--lang", "kk", "--force", *given],
        capture_output=True,
        text=True,
    )
    written = (repo.root / "policies/acme/privacy.kk.md").read_text(encoding="utf-8")
    assert written.startswith("---\ntitle: Құпиялылық саясаты\neffective: 2024-01-01\n---\n")
    # No date anywhere: the command says what to give.
    source.write_text("---\ntitle: Terms\n---\n\n## 1. Use\n\nText.\n", encoding="utf-8")
    done = subprocess.run(
        [*base, "--policy", "acme/terms", "--lang", "kk"], capture_output=True, text=True
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "no effective date: give one with --effective YYYY-MM-DD" in done.stderr
    # Front matter that is not YAML.
    source.write_text("---\ntitle: [unclosed\n---\n\n## 1. Use\n", encoding="utf-8")
    done = subprocess.run(
        [*base, "--policy", "acme/terms", "--lang", "kk"], capture_output=True, text=True
    )
    assert done.returncode == 2 and "its front matter cannot be read" in done.stderr
