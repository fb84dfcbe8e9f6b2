"""Search on demand and what it finds, proven by the requests each page makes.

Nothing of search (worker, index, lunr files) loads with a page; the first
use of search starts it, whatever the way in; the theme's own behaviour
comes back untouched when the page's theme is not the one the script knows.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from kitlib import kit
from kitlib.sheets import PACKET, WORKSHEETS

pytestmark = pytest.mark.browser

BUNDLE = "bundle.a5f9d56c.min.js"
THEME_WORKER = "workers/search.a7633da7.min.js"
SEARCH = re.compile(r"/assets/javascripts/workers/|/search/search_index\.js(?:on)?$|/assets/javascripts/lunr/")
PAGES = ["", "gestion-gouvernance/", "fiches/echange-1/", "auto-evaluation/", "synthese/"]
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}


def search_requests(urls: list[str]) -> list[str]:
    return [u.split("?")[0] for u in urls if SEARCH.search(u.split("?")[0])]


def results(page) -> list[str]:
    page.wait_for_selector(".md-search-result__link")
    return [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]


# Wait until the page (or its worker) has requested a file of that name.
def wait_for_request(page, name: str, seconds: float = 10):
    for _ in range(int(seconds * 10)):
        if any(u.split("?")[0].endswith("/" + name) for u in page.watch.requests):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{name} never requested: {page.watch.requests}")


def open_cold(page, url: str):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert search_requests(page.watch.requests) == [], page.watch.requests


def new_page(browser, **options):
    from conftest import PageWatch

    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.watch = PageWatch(page)
    return context, page


# -----------------------------------------------------------------------------
# Nothing at load
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_page_loads_anything_of_search_until_it_is_used(page, base_url, prefix):
    for path in PAGES:
        page.goto(base_url + prefix + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    assert any(u.endswith("/assets/javascripts/search-on-demand.js") for u in page.watch.requests)
    assert search_requests(page.watch.requests) == []
    assert page.watch.problems() == []


# -----------------------------------------------------------------------------
# Every way in starts it, once
# -----------------------------------------------------------------------------


def test_a_click_in_the_field_starts_search_and_reopening_requests_nothing_more(page, base_url):
    open_cold(page, base_url + "gestion-gouvernance/")
    field = page.locator("input.md-search__input")
    field.click()
    field.fill("gouvernance")
    field.press("End")  # one key event: the theme searches once, for the whole query
    assert any("/gestion-gouvernance/" in r for r in results(page))
    first = search_requests(page.watch.requests)
    assert {u.rsplit("/", 1)[-1] for u in first} >= {
        "search-stems.js", "search.a7633da7.min.js", "search_index.json", "lunr.fr.min.js"}
    assert len(first) == len(set(first)), first

    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    field.click()
    field.fill("")
    field.fill("démocratie")
    field.press("End")  # one key event: the theme searches once, for the whole query
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-search-result__link')].some(a => a.href.includes('organisation-democratique'))")
    assert search_requests(page.watch.requests) == first
    assert page.watch.problems() == []


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_the_search_keys_start_search(page, base_url, key):
    open_cold(page, base_url + "en/")
    page.keyboard.press(key)
    page.keyboard.type("governance", delay=20)
    assert any("/en/gestion-gouvernance/" in r for r in results(page))
    assert any(u.endswith("/en/search/search_index.json") for u in page.watch.requests)


def test_a_tap_in_the_field_starts_search(browser, base_url):
    context, page = new_page(browser, viewport={"width": 1280, "height": 800}, has_touch=True)
    try:
        open_cold(page, base_url + "auto-evaluation/")
        page.locator("input.md-search__input").tap()
        page.keyboard.type("financement", delay=20)
        assert any("/auto-evaluation/" in r for r in results(page))
    finally:
        context.close()


def test_opening_search_on_a_phone_starts_it(browser, base_url):
    context, page = new_page(browser, **PHONE)
    try:
        open_cold(page, base_url + "fiches/echange-1/")
        page.locator("header label.md-header__button[for=__search]").tap()
        page.wait_for_function("() => document.getElementById('__search').checked")
        wait_for_request(page, "search_index.json")
        page.keyboard.type("pouvoir", delay=20)
        assert results(page)
        assert page.watch.problems() == []
    finally:
        context.close()


def test_text_typed_before_the_index_arrives_is_searched(page, base_url):
    held = []
    page.route("**/search/search_index.json", lambda route: held.append(route))
    open_cold(page, base_url)
    field = page.locator("input.md-search__input")
    field.click()
    field.fill("usager")
    field.press("End")  # one key event: the theme searches once, for the whole query
    page.wait_for_timeout(300)
    assert len(held) == 1
    assert page.locator(".md-search-result__link").count() == 0
    held[0].continue_()
    assert any("/auto-evaluation/" in r or "/fiches/echange-3/" in r for r in results(page))
    assert field.input_value() == "usager"


def test_an_address_with_q_searches_at_once(page, base_url):
    page.goto(base_url + "?q=démocratie")
    assert any("/organisation-democratique/" in r for r in results(page))
    assert page.locator("input.md-search__input").input_value() == "démocratie"


def test_an_address_with_h_highlights_the_words(page, base_url):
    page.goto(base_url + "organisation-democratique/?h=démocrat")
    page.wait_for_selector("article mark[data-md-highlight]")
    marked = page.locator("article mark[data-md-highlight]").all_text_contents()
    assert marked and all(m.lower().startswith("démocrat") for m in marked), marked
    assert any(u.endswith("/search/search_index.json") for u in page.watch.requests)
    assert page.watch.problems() == []


# -----------------------------------------------------------------------------
# What search finds
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("query, found", [
    ("usager", "/auto-evaluation/"),            # the pages say «usagère(s)»
    ("démocratie", "/organisation-democratique/"),  # the pages say «démocratique»
    ("l'usager", "/auto-evaluation/"),
])
def test_french_words_find_their_family(page, base_url, query, found):
    page.goto(base_url)
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(query)
    field.press("End")  # one key event: the theme searches once, for the whole query
    assert any(found in r for r in results(page))


def test_the_form_pages_index_their_prose_not_their_controls(site: Path):
    data = kit.load()
    strings = data["checklist"]["strings"]
    for lang, prefix in [("fr", ""), ("en", "en/")]:
        # what each scale asks people to do, said once above its items
        prose = kit.text(data["checklist"]["scales"][0]["instructions"], lang).replace("’", "'").split(".")[0]
        # option labels, the notes field, the buttons: read from the data
        labels = [kit.text(option["label"], lang) for option in data["checklist"]["scales"][0]["options"]
                  if option["id"] != "important"]   # a word the prose uses too
        labels += [kit.text(strings[key], lang) for key in ("note", "erase", "export_json")]
        labels = [label.replace("’", "'") for label in labels if len(label) > 3]
        index = json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))
        text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith(("auto-evaluation/", "synthese/")))
        assert prose in text.replace("’", "'")
        for label in labels:
            assert label not in text, label
        assert "¶" not in text and "<p></p>" not in text
        # stemming is the on-demand worker's (search-stems.js): the theme's own finds whole words
        assert index["config"]["pipeline"] == ["trimmer", "stopWordFilter"]
        page = (site / prefix / "auto-evaluation/index.html").read_text(encoding="utf-8")
        assert "data-search-exclude" not in page
        # the page itself still shows its controls
        for label in labels[:2]:
            assert label in page.replace("’", "'"), label


def test_search_finds_each_worksheet_on_its_own_page_not_again_in_the_packet(site: Path):
    data = kit.load()
    for prefix in ("", "en/"):
        index = json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))
        pages = {d["location"].split("#")[0] for d in index["docs"]}
        assert f"{WORKSHEETS}/{PACKET}/" not in pages
        for exchange in data["exchanges"]:
            assert f"{WORKSHEETS}/{exchange['id']}/" in pages, exchange["id"]


# -----------------------------------------------------------------------------
# Another theme: the script steps aside
# -----------------------------------------------------------------------------


def _as_other_theme(page, base_url: str, site: Path, change):
    def document(route):
        response = route.fetch()
        route.fulfill(response=response, body=change(response.text()))

    page.route(re.compile(re.escape(base_url) + r"(?:[^?]*/)?(?:\?.*)?$"), document)
    page.route("**/assets/javascripts/bundle.00000000.min.js",
               lambda route: route.fulfill(path=str(site / "assets/javascripts" / BUNDLE),
                                           content_type="text/javascript"))


@pytest.mark.parametrize("change", [
    pytest.param(lambda html: html.replace(BUNDLE, "bundle.00000000.min.js"), id="unknown-bundle"),
    pytest.param(lambda html: html.replace("mkdocs-material-9.8.1", "mkdocs-material-9.9.0"), id="other-version"),
])
def test_with_a_theme_it_does_not_know_search_loads_as_the_theme_decides(page, base_url, site, change):
    _as_other_theme(page, base_url, site, change)
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    wait_for_request(page, "lunr.fr.min.js")
    loaded = [u.rsplit("/", 1)[-1] for u in search_requests(page.watch.requests)]
    assert {"search.a7633da7.min.js", "search_index.json", "lunr.fr.min.js"} <= set(loaded), loaded
    assert "search-stems.js" not in loaded
    field = page.locator("input.md-search__input")
    field.click()
    field.fill("gouvernance")
    field.press("End")  # one key event: the theme searches once, for the whole query
    assert any("/gestion-gouvernance/" in r for r in results(page))
    assert page.watch.problems() == []
