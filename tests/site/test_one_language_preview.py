"""`make serve` previews one language (issue 30): Kazakh unless `PREVIEW` names another,
through mkdocs-static-i18n's own `build_only_locale`; the pipeline still reads every
language, so a Russian page of the preview says what the whole site's Russian page says."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support.project import PROJECT, SAMPLE_DAY, copy_site_config
from support.sites import as_live_preview, fetch_until, make_serve, mkdocs_build

RU = "policies/getx/privacy.ru.md"
BANNER = {
    "kk": "Алдын ала қарау тек қазақ тілінде",
    "ru": "Предпросмотр только на русском языке",
    "en": "Preview in English only",
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of the sample whose hook answers `mkdocs build` as `mkdocs serve`."""
    root = tmp_path_factory.mktemp("sample") / "repo"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(PROJECT), str(root)], check=True)
    copy_site_config(root)
    as_live_preview(root)
    return root


@pytest.fixture(scope="module")
def whole(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live preview of every language (`make serve PREVIEW=all`)."""
    site = tmp_path_factory.mktemp("whole") / "site"
    mkdocs_build(sample, site, SAMPLE_DAY)
    return site


@pytest.fixture(scope="module")
def russian(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live preview of Russian alone (`make serve PREVIEW=ru`)."""
    site = tmp_path_factory.mktemp("russian") / "site"
    mkdocs_build(sample, site, SAMPLE_DAY, preview="ru")
    return site


def pages(site: Path) -> Iterator[Path]:
    return (path.relative_to(site) for path in sorted(site.rglob("index.html")))


def article(path: Path) -> str:
    """A page's own text (no navigation, no banner), the server's address written out:
    the whole preview prints `/ru/…` where the Russian one prints `/…`."""
    found = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
    assert found is not None, path
    return re.sub(r"http://127\.0\.0\.1:\d+/(?:(?:kk|ru|en)/)?", "SERVER/", found.get_text())


def lang_of(html: str) -> str:
    found = BeautifulSoup(html, "html.parser").find("html")
    assert found is not None
    return str(found["lang"])


def test_a_russian_preview_serves_every_russian_page_at_the_root_saying_what_the_whole_site_says(
    whole: Path, russian: Path
) -> None:
    expected = {path.relative_to("ru") for path in pages(whole) if path.parts[0] == "ru"}
    found = set(pages(russian))
    assert found == expected and len(found) > 30
    assert not (russian / "ru").exists() and not any(
        (russian / lang / "getx/privacy/index.html").exists() for lang in ("kk", "en")
    )
    # The same words on every page, the translation notices among them, and the Kazakh
    # text where Russian has none: the pipeline read every language, and Kazakh stays the
    # authoritative one.
    for path in found:
        assert article(russian / path) == article(whole / "ru" / path), path
    untranslated = BeautifulSoup(
        (russian / "getx/privacy/2024-03-01/index.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one("article h1")
    assert untranslated is not None and untranslated.get("lang") == "kk"
    page = (russian / "getx/privacy/index.html").read_text(encoding="utf-8")
    assert lang_of(page) == "ru" and BANNER["ru"] in page
    assert BANNER["ru"] not in (whole / "ru/getx/privacy/index.html").read_text(encoding="utf-8")


def test_make_serve_previews_kazakh_by_default_at_its_addresses(
    sample: Path, whole: Path, tmp_path: Path
) -> None:
    kazakh = tmp_path / "kazakh"
    mkdocs_build(sample, kazakh, SAMPLE_DAY, preview="kk")
    expected = {path for path in pages(whole) if path.parts[0] not in ("ru", "en")}
    assert set(pages(kazakh)) == expected
    for path in expected:
        assert article(kazakh / path) == article(whole / path), path
    assert BANNER["kk"] in (kazakh / "getx/privacy/index.html").read_text(encoding="utf-8")


def test_the_preview_searches_its_language_at_the_root(russian: Path) -> None:
    index = (russian / "search/search_index.json").read_text(encoding="utf-8")
    assert '"lang":["ru"]' in index and "Политика конфиденциальности" in index
    assert "Құпиялылық саясаты" not in index


def test_dropping_the_other_languages_pages_for_i18n_changes_no_byte(
    sample: Path, russian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The adapter drops the other languages' pages before mkdocs-static-i18n sees them
    (a speed-up, `Adapter.help_i18n`): the site is the one i18n makes by itself, byte for
    byte (mkdocs-static-i18n pinned in requirements.lock)."""
    monkeypatch.setenv("HELP_I18N", "0")
    alone = tmp_path / "alone"
    mkdocs_build(sample, alone, SAMPLE_DAY, preview="ru")
    files = sorted(p.relative_to(russian) for p in russian.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(alone) for p in alone.rglob("*") if p.is_file())
    differ = [f for f in files if (russian / f).read_bytes() != (alone / f).read_bytes()]
    assert not differ, differ


def test_the_preview_stages_apart_from_make_site(sample: Path, russian: Path) -> None:
    assert (sample / "build/docs-preview/getx/privacy/index.ru.md").is_file()
    assert not (sample / "build/docs").exists()


def test_a_build_for_publishing_refuses_a_one_language_site(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(PROJECT), str(root)], check=True)
    copy_site_config(root)
    with pytest.raises(AssertionError) as refused:
        mkdocs_build(root, tmp_path / "site", SAMPLE_DAY, preview="en")
    assert "build_only_locale is 'en' (POLICYSITE_PREVIEW)" in str(refused.value)
    assert "Unset POLICYSITE_PREVIEW to build the site in every language" in str(refused.value)
    assert not (tmp_path / "site/index.html").exists()


@pytest.mark.parametrize(
    ("preview", "variable"),
    [("", "POLICYSITE_PREVIEW=kk"), ("ru", "POLICYSITE_PREVIEW=ru"), ("all", None)],
)
def test_make_serve_previews_kazakh_unless_told(preview: str, variable: str | None) -> None:
    command = ["make", "-n", "serve", *([f"PREVIEW={preview}"] if preview else [])]
    shown = subprocess.run(
        command, cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    line = next(line for line in shown if "mkdocs serve" in line)
    if variable is None:
        assert "POLICYSITE_PREVIEW" not in line
    else:
        assert line.startswith(variable + " ")


def test_make_serve_previews_a_russian_save_at_the_root(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(PROJECT), str(root)], check=True)
    copy_site_config(root)
    with make_serve(root, preview="ru") as url:
        fetch_until(f"{url}/getx/privacy/", BANNER["ru"])
        for save in (1, 2):
            ru = root / RU
            ru.write_text(ru.read_text(encoding="utf-8") + f"\nПравка {save}.\n", "utf-8")
            draft = fetch_until(f"{url}/getx/privacy/draft/", f"Правка {save}.", seconds=120)
            assert BANNER["ru"] in draft and lang_of(draft) == "ru"
    log = (root / "serve.log").read_text(encoding="utf-8")
    assert "ERROR" not in log, log[-3000:]
    assert "docs-preview" in log
