"""Redlines in chromium: rendered text, no Markdown syntax, the same marks as the build,
side by side on wide screens; the compare page without rough edges."""

from __future__ import annotations

import functools
import json
import random
import re
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect
from support.pipeline import build_pipeline
from support.project import PROJECT, SAMPLE_DAY, copy_site_config
from support.repos import GitRepo, policy
from support.sites import mkdocs_build, serve

from policysite.compare.analysis import Analyses, VersionSections, compared_as_read
from policysite.compare.blocks import Block, compare_blocks
from policysite.compare.redline import words
from policysite.render.blocks import redline_html
from policysite.render.strings import Strings

pytestmark = pytest.mark.browser

VERSIONS = {
    "getx/privacy": ["2024-03-01", "2024-09-01", "2025-06-01", "2027-01-15"],
    "meest/privacy": ["2023-05-01", "2024-02-01", "2025-03-01", "2026-10-01"],
}
ALL_PAIRS = [
    (policy_id, a, b) for policy_id, ids in VERSIONS.items() for a, b in combinations(ids, 2)
]
PREFIXES = {"": "kk", "ru/": "ru", "en/": "en"}
TERMS = PROJECT / "tests" / "fixtures" / "terms"

#: Markdown source as it would reach a reader: a link, bold, an escape, a bullet.
SYNTAX = re.compile(r"\]\(|\*\*|\\[!-/:-@\[-`{-~]|^\s*[-*+]\s", re.MULTILINE)

#: The text of each redline block as a reader sees it (screen-reader words and list
#: markers, which are shown apart, left out).
READER_TEXT = """root => Array.from(root.querySelectorAll('.ps-redline .ps-b')).map(block => {
    const copy = block.cloneNode(true);
    copy.querySelectorAll('.ps-sr, .ps-b__marker').forEach(n => n.remove());
    return copy.textContent;
}).join('\\n')"""

MARKS = """nodes => nodes.map(n => [n.dataset.lineage,
    Array.from(n.querySelectorAll('.ps-redline del, .ps-redline ins'))
      .map(m => m.localName + ':' + Array.from(m.childNodes)
        .filter(c => c.nodeType === Node.TEXT_NODE).map(c => c.textContent).join(''))])"""


@pytest.fixture(scope="session")
def terms_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site of the realistic English terms of service in two versions."""
    work = tmp_path_factory.mktemp("terms")
    (work / "repo").mkdir()
    repo = GitRepo(work / "repo")
    repo.git("init", "-q", "-b", "main")
    copy_site_config(repo.root)
    path = "policies/acme/terms.kk.md"
    for effective, name, when in (
        ("2024-03-01", "v1.md", "2024-02-01T10:00:00+00:00"),
        ("2024-09-01", "v2.md", "2024-08-01T10:00:00+00:00"),
    ):
        text = (TERMS / name).read_text()
        repo.commit({path: policy(effective, text, title="Terms")}, name, when)
    mkdocs_build(repo.root, work / "site", SAMPLE_DAY)
    with serve(work / "site") as url:
        yield url


@functools.cache
def sample_analyses(clone: Path) -> Analyses:
    """The sample's sections and lineage as the build worked them out (sections.json
    carries blocks and a digest, not the source)."""
    return Analyses(build_pipeline(clone).history)


def python_marks(site: Path, prefix: str, policy_id: str, before: str, after: str) -> dict:
    """The marks the build gives each section of the pair, from the same sections."""
    analyses = sample_analyses(site.parent / "clone")

    def pair(lang: str) -> list[VersionSections]:
        view = analyses.of(policy_id, lang)
        return [next(v for v in view.versions if v.version.id == id_) for id_ in (before, after)]

    old, new = pair(PREFIXES[prefix])
    if not compared_as_read(old.version.lang, new.version.lang):  # in the authoritative text
        old, new = pair("kk")
    texts: dict[str, list[str]] = {}
    for sections, side in ((old, 0), (new, 1)):
        for x in sections.located:
            texts.setdefault(x.lineage, ["", ""])[side] = x.section.body
    found = {}
    for lineage, (a, b) in texts.items():
        soup = BeautifulSoup(str(redline_html(a, b, Strings(PREFIXES[prefix]))), "html.parser")
        found[lineage] = [
            f"{m.name}:{''.join(m.find_all(string=True, recursive=False))}"
            for m in soup.select("del, ins")
        ]
    return found


@pytest.mark.parametrize("prefix", list(PREFIXES))
@pytest.mark.parametrize(("policy_id", "before", "after"), ALL_PAIRS)
def test_every_pair_is_marked_as_the_build_marks_it(
    page: Page,
    base_url: str,
    sample_site: Path,
    prefix: str,
    policy_id: str,
    before: str,
    after: str,
) -> None:
    page.goto(f"{base_url}/{prefix}{policy_id}/compare/?from={before}&to={after}")
    result = page.locator("#ps-compare-result")
    expect(result.locator(".ps-counts")).to_be_visible()
    shown = dict(result.locator("section[data-lineage]").evaluate_all(MARKS))
    expected = python_marks(sample_site, prefix, policy_id, before, after)
    assert shown == {lineage: expected[lineage] for lineage in shown}
    assert not SYNTAX.search(result.evaluate(READER_TEXT))


_VOCABULARY = [
    "деректер",
    "деректерді",
    "деректерін",
    "data",
    "the",
    "1",
    "2",
    ".",
    ",",
    " ",
    "  ",
    "\n",
]
_STYLES = ["", "", "", "strong", "a=https://example.kz/a", "a=https://example.kz/b"]


def _place(blocks: list[Block], block: Block | None) -> int:
    """Where `block` (this very object) stands in `blocks`, -1 for none."""
    return next((i for i, x in enumerate(blocks) if x is block), -1)


@pytest.mark.parametrize("seed", range(4))
def test_the_script_marks_any_text_as_the_build_does(page: Page, base_url: str, seed: int) -> None:
    """Random styled token lists and block lists, word redlines and block alignment in
    both implementations: the same pieces and the same block pairs, every time."""
    rng = random.Random(seed)

    def tokens() -> list[list[str]]:
        return [[rng.choice(_VOCABULARY), rng.choice(_STYLES)] for _ in range(rng.randint(0, 40))]

    def blocks() -> list[Block]:
        return [
            Block(
                rng.choice(["p", "li"]),
                rng.randint(0, 1),
                "",
                tuple((t, s) for t, s in tokens()[:8]),
            )
            for _ in range(rng.randint(0, 6))
        ]

    pairs = [(tokens(), tokens()) for _ in range(150)]
    block_pairs = [(blocks(), blocks()) for _ in range(60)]
    page.goto(f"{base_url}/en/getx/privacy/compare/")
    expect(page.locator("#ps-compare-result .ps-counts")).to_be_visible()
    shown = page.evaluate("pairs => pairs.map(([a, b]) => policysiteCompare.words(a, b))", pairs)
    expected = [
        [[p.op.value, p.text, p.style] for p in words([tuple(x) for x in a], [tuple(y) for y in b])]
        for a, b in pairs
    ]
    assert shown == expected
    shown_blocks = page.evaluate(
        """pairs => pairs.map(([a, b]) => policysiteCompare.compareBlocks(a, b).map(c =>
             [c.op, c.old ? a.indexOf(c.old) : -1, c.new ? b.indexOf(c.new) : -1,
              c.pieces || null]))""",
        [([x.as_dict() for x in a], [y.as_dict() for y in b]) for a, b in block_pairs],
    )
    expected_blocks = [
        [
            [
                c.op.value,
                _place(a, c.old),
                _place(b, c.new),
                [[p.op.value, p.text, p.style] for p in c.pieces] if c.pieces is not None else None,
            ]
            for c in compare_blocks(a, b)
        ]
        for a, b in block_pairs
    ]
    assert shown_blocks == expected_blocks


def test_the_realistic_english_terms_read_as_rendered_text(page: Page, terms_url: str) -> None:
    for address in (
        "acme/terms/2024-09-01/changes/",
        "acme/terms/compare/?from=2024-03-01&to=2024-09-01",
    ):
        page.goto(f"{terms_url}/{address}")
        article = page.locator("article")
        expect(article.locator(".ps-redline").first).to_be_visible()
        text = article.evaluate(READER_TEXT)
        assert "1. Who we are" in text and "Plan" in text
        assert not SYNTAX.search(text), address
    # The browser's marks are the build's, section by section.
    static = dict(page.locator("article section[data-lineage]").evaluate_all(MARKS))
    page.goto(f"{terms_url}/en/acme/terms/2024-09-01/changes/")
    assert dict(page.locator("article section[data-lineage]").evaluate_all(MARKS)) == static
    # A changed link target is a change of the link.
    links = page.locator(
        'section[data-lineage="s-3-acceptable-use"] a:has(del), section[data-lineage="s-3-acceptable-use"] a:has(ins)'
    )
    assert links.evaluate_all("ns => ns.map(n => n.getAttribute('href'))") == [
        "https://northwind.example/legal/content",
        "https://northwind.example/legal/content-policy",
    ]
    # Unchanged paragraphs fold, and open without a script.
    fold = page.locator('section[data-lineage="s-3-acceptable-use"] details.ps-fold').first
    expect(fold.locator("summary")).to_have_text("4 unchanged paragraphs")
    fold.locator("summary").click()
    expect(fold.locator(".ps-b").first).to_be_visible()


def test_deleted_and_inserted_text_never_touch(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/meest/privacy/2026-10-01/changes/")
    # On one line, the inserted text starts a little after the deleted text ends.
    gaps = page.locator(".ps-redline del + ins").evaluate_all(
        """ns => ns.map(n => [n.getClientRects()[0], n.previousElementSibling.getClientRects()])
                   .map(([first, before]) => [first, before[before.length - 1]])
                   .filter(([first, last]) => Math.abs(first.top - last.top) < 2)
                   .map(([first, last]) => first.left - last.right)"""
    )
    assert gaps and all(gap >= 2 for gap in gaps)


@pytest.mark.parametrize("width", [1280, 390])
def test_side_by_side_on_wide_screens_inline_on_narrow_ones(
    page: Page, base_url: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/en/meest/privacy/2026-10-01/changes/")
    page.get_by_role("link", name="side by side").click()
    expect(page).to_have_url(re.compile(r"\?view=split$"))
    table = page.locator("table.ps-split").first
    expect(table).to_be_visible()
    expect(page.locator(".ps-redline").first).to_be_hidden()
    if width < 600:  # stacked, each side named, under a note that says why (issue 31)
        expect(page.locator(".ps-split-note")).to_be_visible()
        expect(table.locator("th").first).to_be_hidden()
        return
    headers = table.locator("th[scope=col]")
    expect(headers).to_have_text(["Version of March 1, 2025", "Version of October 1, 2026"])
    assert table.locator("td:first-child ins").count() == 0
    assert table.locator("td:last-child del").count() == 0
    assert table.locator("td:first-child del").count() > 0
    assert table.locator("td:last-child ins").count() > 0
    page.reload()  # the choice is in the address
    expect(page.locator("table.ps-split").first).to_be_visible()
    page.get_by_role("link", name="marked in the text").click()
    expect(page.locator(".ps-redline").first).to_be_visible()
    assert page.locator("table.ps-split").count() == 0


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_the_compare_page_has_every_string(page: Page, base_url: str, prefix: str) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "policysite" in m.text else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}/{prefix}meest/privacy/compare/?from=2023-05-01&to=2026-10-01")
    result = page.locator("#ps-compare-result")
    expect(result.locator(".ps-unchanged summary")).to_be_visible()
    text = page.locator("article").inner_text()
    assert "undefined" not in text and "{" not in text
    assert not errors


def test_a_reversed_pair_is_swapped_with_a_note(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/en/getx/privacy/compare/?from=2025-06-01&to=2024-03-01")
    result = page.locator("#ps-compare-result")
    expect(result.locator(".ps-note").first).to_have_text(
        "The later version was given first: the two are compared from the earlier to the later."
    )
    expect(page).to_have_url(re.compile(r"\?from=2024-03-01&to=2025-06-01$"))
    kinds = dict(
        result.locator("[data-lineage]").evaluate_all(
            "ns => ns.map(n => [n.dataset.lineage, n.dataset.kinds])"
        )
    )
    assert "removed" not in " ".join(kinds.values())


def test_an_unknown_version_is_named(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/ru/getx/privacy/compare/?from=2020-01-01&to=2025-06-01")
    expect(page.locator("#ps-compare-result [role=alert]")).to_have_text(
        "У этой политики нет редакции 2020-01-01. Выберите редакции для сравнения из списков."
    )


def test_the_address_follows_the_pickers(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/getx/privacy/compare/")
    # Opened without a pair: the text in force and the one before it, named in the address.
    expect(page).to_have_url(re.compile(r"\?from=2024-09-01&to=2025-06-01$"))
    page.select_option("#ps-compare-to", "2027-01-15")
    page.select_option("#ps-compare-from", "2024-03-01")
    expect(page).to_have_url(re.compile(r"\?from=2024-03-01&to=2027-01-15$"))
    page.select_option("#ps-compare-to", "2024-09-01")
    expect(page).to_have_url(re.compile(r"\?from=2024-03-01&to=2024-09-01$"))
    copied = page.url
    expect(page.locator("#ps-compare-result")).not_to_have_attribute("aria-busy", "true")
    shown = page.locator("#ps-compare-result").inner_text()
    page.goto(copied)
    expect(page.locator("#ps-compare-result .ps-counts")).to_be_visible()
    expect(page.locator("#ps-compare-result")).not_to_have_attribute("aria-busy", "true")
    assert page.locator("#ps-compare-result").inner_text() == shown


def test_the_language_switcher_keeps_the_query_and_the_fragment(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/getx/privacy/compare/?from=2024-03-01&to=2025-06-01&view=split")
    page.locator(".md-header [data-md-component=palette], .md-header .md-select").first.hover()
    page.locator('.md-select a[hreflang="en"]').first.click()
    expect(page).to_have_url(
        f"{base_url}/en/getx/privacy/compare/?from=2024-03-01&to=2025-06-01&view=split"
    )
    page.goto(f"{base_url}/getx/privacy/2025-06-01/#paydalanushylardyng-quqyqtary")
    page.locator(".md-header .md-select").first.hover()
    page.locator('.md-select a[hreflang="ru"]').first.click()
    expect(page).to_have_url(
        f"{base_url}/ru/getx/privacy/2025-06-01/#paydalanushylardyng-quqyqtary"
    )


def test_no_static_redline_of_the_sample_shows_markdown(sample_site: Path) -> None:
    """Every changes page and section timeline the sample publishes, in every language."""
    pages = [*sample_site.rglob("changes/index.html"), *sample_site.rglob("sections/*/index.html")]
    assert len(pages) > 60
    marked = 0
    for path in pages:
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for hidden in soup.select(".ps-sr, .ps-b__marker"):
            hidden.decompose()
        blocks = soup.select(".ps-redline .ps-b")
        marked += len(blocks)
        text = "\n".join(block.get_text() for block in blocks)
        assert not SYNTAX.search(text), path
    assert marked > 200


def test_the_compare_page_fetches_only_the_texts_two_versions_do_not_share(
    page: Page, base_url: str, sample_site: Path
) -> None:
    """A section's text is kept once (`<policy>/sections/<digest>.json`, issue 30): two
    versions' comparison asks for the texts of the sections they do not share, no other."""
    fetched: list[str] = []
    page.on(
        "request",
        lambda request: (
            fetched.append(request.url)
            if re.search(r"/sections/[0-9a-f]{16}\.json$", request.url)
            else None
        ),
    )
    page.goto(f"{base_url}/getx/privacy/compare/?from=2024-09-01&to=2025-06-01")
    expect(page.locator("#ps-compare-result .ps-counts")).to_be_visible()
    expect(page.locator("#ps-compare-result")).not_to_have_attribute("aria-busy", "true")
    versions = [
        json.loads((sample_site / f"getx/privacy/{v}/sections.json").read_text("utf-8"))
        for v in ("2024-09-01", "2025-06-01")
    ]
    texts = [{s["lineage"]: s["blocks"] for s in v["sections"]} for v in versions]
    differ = {
        digest
        for side in (0, 1)
        for lineage, digest in texts[side].items()
        if texts[1 - side].get(lineage) != digest
    }
    assert 0 < len(differ) < (len(texts[0]) + len(texts[1])) / 2
    assert sorted(url.rsplit("/", 1)[1].removesuffix(".json") for url in fetched) == sorted(differ)
    assert all(url.startswith(f"{base_url}/getx/privacy/sections/") for url in fetched)
