"""Linking and citing: copy-link buttons and "Cite this page"."""

from __future__ import annotations

import re

import pytest
from kitlib import kit
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


# -----------------------------------------------------------------------------
# The copy-link button: an icon with a 24 px target, out of the way
# -----------------------------------------------------------------------------

COPY_PAGES = ["gestion-gouvernance/", "preparation/", "auto-evaluation/", "en/fiches/echange-1/"]


def _label(lang: str) -> str:
    return kit.text(kit.load()["labels"]["copy_link"], lang)


@pytest.mark.parametrize("path", COPY_PAGES)
def test_each_copy_link_button_is_a_24_px_target_whose_name_begins_with_its_visible_label(context, base_url, path):
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    buttons = page.locator(".kit-copy-link")
    assert buttons.count() > 0
    label = _label("en" if path.startswith("en/") else "fr")
    # (those of sections that only print, such as the record of one's answers, are not drawn)
    for box, name, shown in buttons.evaluate_all(
        "bs => bs.filter(b => b.closest('.kit-record') === null).map(b => [b.getBoundingClientRect().toJSON(),"
        " b.getAttribute('aria-label'), b.querySelector('.kit-copy-link__label').textContent])"
    ):
        assert box["width"] >= 24 and box["height"] >= 24, (name, box)
        assert shown == label and name.startswith(label), name


def test_with_a_mouse_the_button_shows_on_hover_or_focus_with_its_label(context, base_url):
    page = context.new_page()
    page.goto(base_url + "gestion-gouvernance/")
    page.wait_for_load_state("networkidle")
    button = page.locator('.kit-copy-link[data-url$="#gouvernance"]')
    shown = "b => [getComputedStyle(b).opacity, getComputedStyle(b.querySelector('.kit-copy-link__label')).display]"
    assert button.evaluate(shown) == ["0", "none"]
    page.locator("h2#gouvernance").hover()
    assert button.evaluate(shown)[0] == "1"
    button.hover()
    assert button.evaluate(shown) == ["1", "block"]
    page.mouse.move(0, 0)
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert button.evaluate(shown) == ["1", "block"]


def test_on_a_touch_screen_every_button_is_always_visible(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "preparation/")
    page.wait_for_load_state("networkidle")
    opacities = page.locator(".kit-copy-link").evaluate_all("bs => bs.map(b => getComputedStyle(b).opacity)")
    assert opacities and set(opacities) == {"1"}
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", COPY_PAGES)
def test_adding_the_copy_link_buttons_moves_nothing_on_the_page(browser, base_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    tops = ("() => [...document.querySelectorAll('.md-content :is(h1, h2, h3, p, li, fieldset, legend, table)')]"
            ".map(e => Math.round(e.getBoundingClientRect().top + scrollY))")
    with_buttons = page.evaluate(tops)
    assert page.locator(".kit-copy-link").count() > 0
    page.evaluate("document.querySelectorAll('.kit-copy-link').forEach(b => b.remove())")
    assert page.evaluate(tops) == with_buttons
    context.close()
