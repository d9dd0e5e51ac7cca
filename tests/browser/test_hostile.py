"""A policy written to attack its readers: nothing in it runs, all of it reads as text."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, expect
from support.project import copy_site_config
from support.repos import GitRepo, policy
from support.sites import mkdocs_build, serve

pytestmark = pytest.mark.browser

KK = "policies/acme/privacy.kk.md"
HOSTILE = (
    "Кіріспе <script>alert('preamble')</script> мәтіні.\n\n"
    "## 1. Ереже <img src=x onerror=\"alert('heading')\">\n\n"
    "Мәтін <img src=x onerror=\"alert('img')\"> және [сілтеме](javascript:alert('link')) "
    'және {{ config.site_name }} және {% raw %} және <iframe src="https://example.com"></iframe>.\n\n'
    "<div onclick=\"alert('div')\">Блок</div>\n\n"
    "## 2. Байланыс\n\nХат жазыңыз.\n"
)
#: Images on other hosts, published in the first version (before they were refused):
#: shown as links, never loaded.
REMOTE_IMAGES = (
    "![Логотип](https://cdn.example/logo.png) ![](//tracker.example/pixel.gif) "
    "![Карта](map.png)\n\n"
)


def png() -> bytes:
    """A 1x1 image, as a policy may keep beside it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x33\x66\x99")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


VISIBLE = [
    "<script>alert('preamble')</script>",
    "{{ config.site_name }}",
    "{% raw %}",
    '<iframe src="https://example.com"></iframe>',
]


def material_sitemap_lookup(url: str) -> bool:
    """Material's language switcher asks for `sitemap.xml` under every alternate link of
    the page; mkdocs-static-i18n makes those links the same page in each language (not
    the language's root), so these lookups miss, and Material falls back to the link
    itself, which is already right. Nothing a reader sees; not an error of the page."""
    return url.endswith("/sitemap.xml")


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("hostile") / "repo"
    root.mkdir()
    repo = GitRepo(root)
    repo.git("init", "-q", "-b", "main")
    copy_site_config(root)
    (root / "policies/acme").mkdir(parents=True)
    (root / "policies/acme/map.png").write_bytes(png())
    title = "Саясат <img src=x onerror=alert('title')>"
    summary = "'{{ 7*7 }} <script>alert(\"summary\")</script>'"
    repo.commit(
        {
            KK: policy(
                "2024-03-01",
                HOSTILE.replace("мәтіні.\n\n", "мәтіні.\n\n" + REMOTE_IMAGES, 1),
                title=title,
                summary=summary,
            )
        },
        "v1 <script>alert('commit')</script>",
        "2024-02-01T10:00:00+05:00",
    )
    repo.commit(
        {
            KK: policy(
                "2025-03-01",
                HOSTILE.replace("Хат", "<b onmouseover=alert('b')>Хат</b>"),
                title=title,
                summary=summary,
            )
        },
        "v2",
        "2025-02-01T10:00:00+05:00",
    )
    site = root.parent / "site"
    mkdocs_build(root, site, date(2026, 11, 22))
    with serve(site) as url:
        yield url


@pytest.mark.parametrize(
    "address",
    [
        "/",
        "/acme/privacy/",
        "/acme/privacy/2024-03-01/",
        "/acme/privacy/2025-03-01/changes/",
        "/acme/privacy/history/",
        "/acme/privacy/compare/?from=2024-03-01&to=2025-03-01",
        "/acme/privacy/sections/baylanys/",
        "/ru/acme/privacy/2025-03-01/",
    ],
)
def test_nothing_in_a_hostile_policy_runs(browser: Browser, hostile_url: str, address: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        # A missing resource is reported below with its address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url) if not request.url.startswith(hostile_url) else None
        ),
    )
    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and not material_sitemap_lookup(response.url)
            else None
        ),
    )
    page.goto(hostile_url + address)
    if "compare" in address:
        expect(page.locator("#ps-compare-result .ps-counts")).to_be_visible()
    page.locator("article").hover()
    page.mouse.click(5, 5)
    page.wait_for_timeout(300)
    article = page.locator("article")
    text = article.inner_text()

    assert dialogs == []
    assert errors == []
    assert elsewhere == []  # no request to another host, images of the policy included
    assert article.locator("script, iframe, [onerror], [onclick], [onmouseover]").count() == 0
    assert article.locator("a[href^='javascript']").count() == 0
    if address.startswith("/acme/privacy/2024"):
        for visible in VISIBLE:
            assert visible in text, (address, visible)
        local = article.locator("img[alt='Карта']")
        assert local.evaluate("image => image.complete && image.naturalWidth") == 1
        remote = article.locator("a.ps-remote-image")
        assert remote.first.get_attribute("href") == "https://cdn.example/logo.png"
        assert remote.first.inner_text() == "Логотип"
    if address.endswith("changes/") or "compare" in address:
        assert "<b onmouseover=alert('b')>" in text  # the inserted markup, as text
    if address.startswith("/acme/privacy/20"):
        assert "<img src=x onerror=alert('title')>" in page.title()  # the title, as text
    context.close()


@pytest.mark.parametrize("address", ["/acme/privacy/feed.xml", "/ru/feed.xml"])
def test_nothing_in_a_hostile_policy_runs_from_its_feed(
    browser: Browser, hostile_url: str, address: str
) -> None:
    """A feed opened in a browser is a page made by its XSLT stylesheet, which shows the
    entries' content as HTML: the site's own, sanitised, so the policy's markup is text."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.goto(hostile_url + address)
    main = page.locator("main")
    expect(main.locator("article")).to_have_count(2)
    main.hover()
    page.mouse.click(5, 5)
    page.wait_for_timeout(300)
    assert dialogs == [] and errors == []
    assert main.locator("script, iframe, [onerror], [onclick], [onmouseover]").count() == 0
    assert main.locator("a[href^='javascript']").count() == 0
    titles = main.locator("article h3 a")
    assert "<img src=x onerror=alert('title')>" in titles.first.inner_text()  # as text
    assert '<script>alert("summary")</script>' in main.inner_text()
    context.close()
