"""Search in the reader's language: every inflected form of a word finds what the word
finds, in Kazakh (lunr.kk.js), Russian and English, through the site's search worker;
and the search box links its hits with the words it found."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from markdown_it import MarkdownIt
from playwright.sync_api import Page, expect
from support.project import PROJECT

pytestmark = pytest.mark.browser

WORKER = "assets/javascripts/policysite/search_worker.js"

#: Each word as a reader might type it first, then forms of it the sample's texts hold.
FAMILIES = {
    "": [
        ["деректер", "деректерін", "деректердің", "деректеріңіз", "деректермен"],
        ["құпиялылық", "құпиялылығы"],
        ["саясат", "саясатын", "саясаттың", "саясатқа", "саясатымен"],
        ["пайдаланушы", "пайдаланушылардың", "пайдаланушыларға", "пайдаланушының"],
        ["сайт", "сайттың", "сайтымызға", "сайттағы", "сайтында"],
        ["файл", "файлдарды", "файлында"],
        ["мекенжай", "мекенжайыңызды", "мекенжайлар", "мекенжайына"],
        ["мәтін", "мәтінінің", "мәтіндерін"],
        ["бөлім", "бөлімдердің", "бөлімінде"],
        ["қызмет", "қызметтерін", "қызметтердің"],
        ["тұлға", "тұлғаларға", "тұлғаның"],
        ["мақсат", "мақсаттарға", "мақсаттары"],
        ["келісім", "келісімін", "келісіміңізбен"],
    ],
    "ru/": [
        ["безопасность", "безопасности", "безопасностью"],
        ["данные", "данных", "данным"],
        ["политика", "политики", "политикой"],
        ["пользователь", "пользователя", "пользователей", "пользователям"],
        ["сайт", "сайта", "сайте"],
        ["файл", "файлы", "файлов"],
        ["адрес", "адреса", "адресу"],
        ["редакция", "редакции", "редакций"],
        ["текст", "текста", "тексте"],
        ["раздел", "раздела", "разделов"],
        ["информация", "информации"],
        ["согласие", "согласия"],
        ["услуга", "услуг", "услуги"],
        ["лицо", "лица", "лиц"],
    ],
    "en/": [
        ["policy", "policies"],
        ["version", "versions"],
        ["change", "changes", "changed"],
        ["user", "users"],
        ["cookie", "cookies"],
        ["section", "sections"],
        ["service", "services"],
        ["address", "addresses"],
        ["partner", "partners"],
        ["right", "rights"],
    ],
}

#: Sets up the worker with a language's index as Material's search box does, asks it
#: each query, and returns the locations of every hit, by query.
ASK = """async ([worker, index, queries]) => {
  const data = typeof index === "string" ? await (await fetch(index)).json() : index;
  const w = new Worker(worker);
  const ask = (message) => new Promise((resolve) => {
    w.onmessage = (event) => resolve(event.data);
    w.postMessage(message);
  });
  const ready = await ask({type: 0, data: {config: data.config, docs: data.docs, options: {}}});
  if (ready.type !== 1) throw new Error("the worker did not say it is ready");
  const found = {};
  for (const query of queries) {
    const result = await ask({type: 2, data: query});
    found[query] = result.data.items.flatMap((group) => group.map((item) => item.location));
  }
  w.terminate();
  return found;
}"""


@pytest.mark.parametrize("prefix", list(FAMILIES))
def test_every_form_of_a_word_finds_what_the_word_finds(
    page: Page, base_url: str, prefix: str
) -> None:
    families = FAMILIES[prefix]
    assert len(families) >= 10
    page.goto(f"{base_url}/{prefix}")
    queries = [form for family in families for form in family]
    found = page.evaluate(
        ASK, [f"{base_url}/{WORKER}", f"{base_url}/{prefix}search/search_index.json", queries]
    )
    for word, *forms in families:
        assert found[word], word
        for form in forms:
            assert sorted(found[form]) == sorted(found[word]), (form, word)
    # A word being typed still finds what it begins, and a word nowhere finds nothing.
    partial = page.evaluate(
        ASK,
        [f"{base_url}/{WORKER}", f"{base_url}/{prefix}search/search_index.json", ["сая", "zqxj"]],
    )
    if prefix == "":
        assert set(partial["сая"]) >= set(found["саясат"])
    assert partial["zqxj"] == []


def test_a_long_english_terms_of_service_is_found_in_every_form(page: Page, base_url: str) -> None:
    # The fixture's terms of service, a section a document as Material indexes them:
    # Setext headings, escaped numbers, nested and numbered lists, links, a table.
    text = (PROJECT / "tests" / "fixtures" / "terms" / "v2.md").read_text("utf-8")
    sections = re.split(r"\n(?=[^\n]+\n-{3,}\n)", text)
    assert len(sections) > 6
    docs = [{"location": "terms/", "title": "Terms of Service", "text": ""}] + [
        {
            "location": f"terms/#s{n}",
            "title": section.splitlines()[0],
            "text": MarkdownIt("commonmark").enable("table").render(section),
        }
        for n, section in enumerate(sections)
    ]
    index = {"config": {"lang": ["en"], "separator": r"[\s\-]+"}, "docs": docs}
    families = [
        ["account", "accounts"],
        ["service", "services"],
        ["fee", "fees"],
        ["register", "registered", "registering"],
        ["use", "used", "uses"],
        ["termination", "terminate"],
        ["payment", "payments"],
    ]
    page.goto(f"{base_url}/en/")
    queries = [form for family in families for form in family]
    found = page.evaluate(ASK, [f"{base_url}/{WORKER}", index, queries])
    for word, *forms in families:
        assert found[word], word
        for form in forms:
            assert sorted(found[form]) == sorted(found[word]), (form, word)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    ("prefix", "typed", "expected"),
    [
        ("", "деректерін", "getx/privacy/#derekterding-qauipsizdigi"),
        ("ru/", "безопасности", "getx/privacy/#derekterding-qauipsizdigi"),
        ("en/", "policies", "getx/privacy/"),
    ],
)
def test_the_search_box_finds_inflected_words_and_marks_them(
    page: Page, base_url: str, prefix: str, typed: str, expected: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{base_url}/{prefix}")
    if width < 1220:  # a phone's header has the search button, not the field
        page.locator("label.md-header__button[for=__search]").click()
    search = page.locator("input.md-search__input")
    search.click()
    search.fill(typed)
    search.press("End")  # Material searches on a key press
    results = page.locator(".md-search-result__item a.md-search-result__link")
    expect(results.first).to_be_visible()
    hrefs = [str(a.get_attribute("href")) for a in results.all()]
    assert any(urlparse(href).path.endswith("/" + expected.split("#")[0]) for href in hrefs)
    for href in hrefs:
        # Every hit, a page listed for its sections too, carries the words to mark there.
        assert parse_qs(urlparse(href).query).get("h", [""])[0].strip(), href
    expect(page.locator(".md-search-result__item mark").first).to_be_visible()
    results.first.click()
    expect(page.locator("article mark[data-md-highlight]").first).to_be_visible()
