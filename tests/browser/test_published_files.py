"""Only what editors meant to publish: a file that is not an image, shown as one in a
version published before such files were refused, is never served; every page says what
it may load and run (its Content-Security-Policy), and keeps to it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog
from support.project import copy_site_config
from support.repos import GitRepo, image_bytes, policy
from support.sites import mkdocs_build, serve

pytestmark = pytest.mark.browser

KK = "policies/acme/privacy.kk.md"
#: Every kind of file the build refuses to publish as an image, as an attacker would name it.
REFUSED = {
    "policies/acme/map.png": b"<!doctype html><script>alert('html as png')</script>",
    "policies/acme/icon.png": (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'svg as png\')"><rect/></svg>'
    ),
    "policies/acme/notes.gif": b"plain text, named as a picture",
    "page.html": b"<script>alert('a page beside the site')</script>",
}
SHOWN = (
    "![Карта](map.png) ![Белгі](icon.png) ![Жазба](notes.gif) ![Бет](../../page.html) "
    "![Баптау](../../mkdocs.yml) ![Сурет](logo.png)\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("files") / "repo"
    root.mkdir()
    repo = GitRepo(root)
    repo.git("init", "-q", "-b", "main")
    copy_site_config(root)
    for path, data in REFUSED.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    (root / "policies/acme/logo.png").write_bytes(image_bytes())
    body = "## 1. Жалпы\n\nМәтін.\n\n" + SHOWN + "\n## 2. Байланыс\n\nХат.\n"
    # Published before such files were refused: the build publishes the version, not them.
    repo.commit({KK: policy("2024-03-01", body)}, "v1", "2024-02-01T10:00:00+00:00")
    repo.commit({KK: policy("2025-03-01")}, "v2", "2025-02-01T10:00:00+00:00")
    built = root.parent / "site"
    mkdocs_build(root, built, date(2026, 11, 22))
    with serve(built) as url:
        yield url, built


def test_no_refused_file_is_published_or_asked_for(
    browser: Browser, site: tuple[str, Path]
) -> None:
    url, built = site
    published = sorted(p.name for p in (built / "acme/privacy/files").rglob("*") if p.is_file())
    assert published == ["logo.png"]
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    asked: list[str] = []
    violations: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.text.startswith("CSP "):
            violations.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("request", lambda request: asked.append(request.url))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.log('CSP ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    page.goto(url + "/acme/privacy/2024-03-01/")
    article = page.locator("article")
    assert article.locator("img").count() == 1  # the real image, and nothing else
    assert article.locator("img").evaluate("i => i.complete && i.naturalWidth") == 3
    for shown in ("Карта", "Белгі", "Жазба", "Бет", "Баптау"):
        assert article.locator(f"span.ps-unpublished-image:text-is('{shown}')").count() == 1
    page.wait_for_timeout(300)
    assert dialogs == [] and violations == []
    # The page asked for none of them.
    refused = ("/map.png", "/icon.png", "/notes.gif", "/page.html", "/mkdocs.yml")
    assert not [a for a in asked if a.endswith(refused)]
    # Opening each refused file where it would have been published, and as it is named.
    for path, data in REFUSED.items():
        name = path.rsplit("/", 1)[-1]
        address = f"/acme/privacy/files/{hashlib.sha256(data).hexdigest()[:16]}/{name}"
        response = page.goto(url + address)
        assert response is not None and response.status == 404, address
        for loose in (f"/acme/privacy/{name}", f"/{name}"):
            response = page.goto(url + loose)
            assert response is not None and response.status == 404, loose
    assert dialogs == []
    context.close()


@pytest.mark.parametrize(
    "address",
    [
        "/",
        "/acme/privacy/",
        "/acme/privacy/2024-03-01/",
        "/acme/privacy/compare/?from=2024-03-01&to=2025-03-01",
        "/ru/acme/privacy/history/",
        "/acme/privacy/on/?date=2024-06-01",
        "/nowhere/",
    ],
)
def test_every_page_has_a_content_security_policy_and_keeps_to_it(
    browser: Browser, site: tuple[str, Path], address: str
) -> None:
    url, _built = site
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if message.text.startswith("CSP ") else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.log('CSP ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    page.goto(url + address)
    page.wait_for_timeout(500)
    policy_text = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute(
        "content"
    )
    assert policy_text is not None
    assert policy_text.startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert "object-src 'none'" in policy_text and "style-src 'self'" in policy_text
    # Material's page works under it (its scripts ran: the search box is set up) ...
    assert page.locator("input.md-search__input").count() == 1
    assert page.evaluate("typeof __md_get") == "function"
    assert violations == []
    # ... and a script the page did not bring with it does not run.
    ran = page.evaluate(
        """() => new Promise(done => {
            document.addEventListener('securitypolicyviolation', () => done('blocked'));
            const script = document.createElement('script');
            script.textContent = 'window.injected = true';
            document.body.append(script);
            setTimeout(() => done(window.injected ? 'ran' : 'blocked'), 300);
        })"""
    )
    assert ran == "blocked"
    context.close()
