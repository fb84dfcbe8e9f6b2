"""Linking and citing: copy-link buttons and "Cite this page"."""

from __future__ import annotations

import re

import pytest
from sitepages import built_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path, anchor",
    [("gestion-gouvernance/", "gouvernance"), ("en/gestion-gouvernance/", "citation-csmo-esac"),
     ("preparation/", "echange-2"), ("auto-evaluation/", "echange-2.partage-du-pouvoir"),
     ("en/sources/", "faire-un-lien"), ("fiches/trousse/", "fiche-echange-2")],
)
def test_the_copy_link_button_puts_the_absolute_url_on_the_clipboard_and_says_so(context, base_url, path, anchor):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    button = page.locator(f'.kit-copy-link[data-url$="#{anchor}"]')
    assert button.count() == 1
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".kit-copy-status:not(:empty)")
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}{path}#{anchor}"
    assert page.locator(".kit-copy-status").get_attribute("role") == "status"
    assert f"{base_url}{path}#{anchor}" in page.locator(".kit-copy-status").inner_text()
    assert button.get_attribute("aria-label")


def test_every_definition_exchange_and_item_gets_a_copy_link_button(page, base_url):
    expected = {"gestion-gouvernance/": ["gestion", "gouvernance", "modele-gestion-gouvernance", "citation-csmo-esac"],
                "preparation/": ["echange-1", "echange-2", "echange-3"],
                "auto-evaluation/": ["echange-1.financement", "echange-3.mission-et-moyens"],
                "fiches/echange-1/": ["fiche-echange-1"]}
    for path, anchors in expected.items():
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        urls = page.locator(".kit-copy-link").evaluate_all("buttons => buttons.map(b => b.dataset.url)")
        for anchor in anchors:
            assert f"{base_url}{path}#{anchor}" in urls, (path, anchor)


def test_every_page_offers_its_citation_in_french_and_english_with_the_source(site, base_url):
    for path in built_pages(site):
        if path.endswith("404.html"):
            continue
        html = (site / path).read_text(encoding="utf-8")
        block = re.search(r'<details class="kit-cite".*?</details>', html, re.S)
        assert block, path
        text = re.sub(r"<[^>]+>", " ", block.group(0))
        page_url = base_url + path.removeprefix("en/").removesuffix("index.html")
        english_url = base_url + "en/" + path.removeprefix("en/").removesuffix("index.html")
        assert page_url in text and english_url in text, path
        assert text.count("CSMO-ÉSAC") >= 2 and "(2007, octobre)" in text and "(2007, October)" in text
        assert 'lang="fr"' in block.group(0) and 'lang="en"' in block.group(0)
