"""The reference site in Chromium: clean loads, language switcher, search per language."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def search(page, query: str) -> list[str]:
    page.wait_for_load_state("networkidle")
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(query)
    field.press("End")  # one key event: the theme searches once, for the whole query
    page.wait_for_function(
        "() => /\\d|Aucun|No matching/.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    return [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]


def switch_language(page, lang: str) -> None:
    page.locator(".md-header__option .md-select").first.hover()
    with page.expect_navigation():
        page.locator(f'.md-select__link[hreflang="{lang}"]').click()


def test_the_french_home_page_loads_with_no_error(page, base_url):
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("Gestion et/ou gouvernance")
    assert page.watch.problems() == []


def test_the_english_reference_page_loads_with_no_error(page, base_url):
    page.goto(base_url + "en/gestion-gouvernance/")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Management and/or governance" in page.locator("h1").inner_text()
    assert page.watch.problems() == []


@pytest.mark.parametrize(
    "start, lang, expected",
    [
        ("preparation/", "en", "en/preparation/"),
        ("en/gestion-gouvernance/", "fr", "gestion-gouvernance/"),
        ("", "en", "en/"),
        ("en/sources/", "fr", "sources/"),
    ],
)
def test_the_language_switcher_goes_to_the_matching_page(page, base_url, start, lang, expected):
    page.goto(base_url + start)
    page.wait_for_load_state("networkidle")
    switch_language(page, lang)
    assert page.url == base_url + expected
    assert page.locator("html").get_attribute("lang") == lang
    assert page.watch.problems() == []


def test_a_french_search_for_gouvernance_finds_the_french_reference_page(page, base_url):
    page.goto(base_url + "preparation/")
    results = search(page, "gouvernance")
    # The highlight term is the stem the index found ("gouvern"), which marks every form of the word.
    assert any(re.search(r"/gestion-gouvernance/\?h=gouvern\w*#gouvernance$", r) for r in results)
    assert results and not any("/en/" in r for r in results), results


def test_an_english_search_for_governance_lists_english_pages_only(page, base_url):
    page.goto(base_url + "en/")
    results = search(page, "governance")
    assert any("/en/gestion-gouvernance/" in r for r in results), results
    assert all(r.startswith(base_url + "en/") for r in results), results
    assert page.watch.problems() == []


# The home page starts people off: one card per thing one comes to do.
TASKS = {"lire": "gestion-gouvernance/", "imprimer": "fiches/", "faire-le-point": "auto-evaluation/"}


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_home_page_offers_three_task_cards_that_say_what_each_takes(browser, base_url, prefix, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + prefix)
    cards = page.locator(".grid.cards.kit-tasks > ul > li")
    assert cards.count() == len(TASKS)
    for index, (anchor, target) in enumerate(TASKS.items()):
        card = cards.nth(index)
        assert card.locator("h3").get_attribute("id") == anchor
        # what it takes: time, and paper or none
        assert re.search(r"\d+ min", card.locator("em").inner_text())
        button = card.locator("a.md-button")
        assert button.evaluate("a => new URL(a.href).pathname").endswith("/" + prefix + target)
        box = button.bounding_box()
        assert box["height"] >= 24 and box["x"] + box["width"] <= width
    # one card per row, and nothing wider than the screen
    tops = cards.evaluate_all("cs => cs.map(c => c.getBoundingClientRect().left)")
    assert len(set(round(t) for t in tops)) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


SCHEME = "document.body.getAttribute('data-md-color-scheme')"


@pytest.mark.parametrize("first, then", [("light", "dark"), ("dark", "light")])
def test_the_colours_follow_the_device_after_a_visit_until_the_person_chooses(browser, base_url, first, then):
    context = browser.new_context(color_scheme=first)
    page = context.new_page()
    page.goto(base_url)
    shown = {"light": "default", "dark": "slate"}
    assert page.evaluate(SCHEME) == shown[first]
    page.emulate_media(color_scheme=then)
    for url in (base_url, base_url + "en/gestion-gouvernance/"):
        page.goto(url)
        assert page.evaluate(SCHEME) == shown[then], url
    # The person chooses light: it stays light whatever the device says.
    page.locator("label.md-header__button[for^=__palette]:visible").click()
    assert page.evaluate(SCHEME) == "default"
    page.emulate_media(color_scheme="dark")
    page.reload()
    assert page.evaluate(SCHEME) == "default"
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_at_320_px_the_reference_table_reflows_and_each_cell_names_its_column(browser, base_url, prefix):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(base_url + prefix + "gestion-gouvernance/")
    table = page.locator("article table").first
    heads = [h.strip() for h in table.locator("thead th").all_text_contents()]
    assert len(heads) >= 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    wrapper = page.locator(".md-typeset__scrollwrap").first
    assert wrapper.evaluate("w => w.scrollWidth <= w.clientWidth")  # nothing hidden to the right
    for row in table.locator("tbody tr").all():
        cells = row.locator("td").all()
        assert len(cells) == len(heads)
        for cell, head in zip(cells[1:], heads[1:]):
            assert cell.evaluate("td => getComputedStyle(td, '::before').content").strip('"') == head
    context.close()


def test_the_quotation_reads_as_strongly_as_the_body_and_tables_and_notes_are_at_body_size(page, base_url):
    page.goto(base_url + "gestion-gouvernance/")
    body = page.locator("article > p").first.evaluate("p => [getComputedStyle(p).color, getComputedStyle(p).fontSize]")
    assert page.locator(".kit-quote blockquote").evaluate("b => getComputedStyle(b).color") == body[0]
    assert page.locator("article table td").first.evaluate("td => getComputedStyle(td).fontSize") == body[1]
    page.goto(base_url + "preparation/")
    body = page.locator("article > p").first.evaluate("p => getComputedStyle(p).fontSize")
    for selector in (".admonition p", ".kit-exchange__prompts li"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).fontSize") == body, selector
