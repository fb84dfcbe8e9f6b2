"""The offline copy: a zip of the whole site that works opened from disk."""

from __future__ import annotations

import re

import zipfile

import pytest

pytestmark = pytest.mark.browser

ZIP = "gestion-gouvernance-hors-ligne.zip"


@pytest.fixture(scope="module")
def offline(site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site / ZIP) as archive:
        archive.extractall(folder)
    return folder / "gestion-gouvernance"


@pytest.fixture
def offline_page(browser):
    from conftest import PageWatch

    context = browser.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.watch = PageWatch(page)
    yield page
    context.close()


def search(page, query: str) -> list[str]:
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(query)
    field.press("End")  # one key event: the theme searches once, for the whole query
    page.wait_for_selector(".md-search-result__link")
    return [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]


def test_the_home_pages_link_to_the_zip(site):
    assert (site / ZIP).is_file()
    assert f'href="{ZIP}"' in (site / "index.html").read_text(encoding="utf-8")
    assert f'href="../{ZIP}"' in (site / "en/index.html").read_text(encoding="utf-8")


def test_the_zip_holds_both_languages_the_pdfs_and_no_directory_urls(offline):
    for path in ["index.html", "gestion-gouvernance.html", "en/index.html", "en/auto-evaluation.html",
                 "fiches/echange-1.html", "fiches/pdf/echange-1-letter.pdf", "en/fiches/pdf/trousse-a4.pdf",
                 "search/search_index.js", "en/search/search_index.js",
                 "assets/javascripts/offline/iframe-worker.js", "reference.json"]:
        assert (offline / path).is_file(), path
    home = (offline / "index.html").read_text(encoding="utf-8")
    assert 'href="gestion-gouvernance.html"' in home and "kit-download" not in home
    assert 'type="module"' not in (offline / "auto-evaluation.html").read_text(encoding="utf-8")
    # hand-written links to directory URLs point at files
    assert 'href="../gestion-gouvernance.html#gestion"' in (offline / "en/sources.html").read_text(encoding="utf-8")
    assert 'href="en/gestion-gouvernance.html#gestion"' in (offline / "sources.html").read_text(encoding="utf-8")


def test_the_offline_pages_allow_no_inline_script_but_the_theme_s_by_their_hashes(offline):
    pages = sorted(offline.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        scripts = dict(part.strip().split(" ", 1) for part in policy.split(";"))["script-src"]
        assert "'unsafe-inline'" not in policy, path
        assert scripts.split()[:2] == ["'self'", "file:"] and all(s.startswith("'sha256-") for s in scripts.split()[2:]), path


def test_opened_from_disk_it_navigates_and_searches_each_language(offline, offline_page):
    page = offline_page
    root = offline.as_uri() + "/"
    page.goto(root + "index.html")
    page.wait_for_load_state("load")
    page.locator('.md-nav__link[href="gestion-gouvernance.html"]').first.click()
    assert page.url == root + "gestion-gouvernance.html"
    assert page.locator("h1").inner_text().startswith("Gestion et/ou gouvernance")
    french = search(page, "gouvernance")
    assert any("gestion-gouvernance.html" in r for r in french) and not any("/en/" in r for r in french)
    page.goto(root + "en/index.html")
    english = search(page, "governance")
    assert english and all(r.startswith(root + "en/") for r in english), english
    assert page.watch.problems() == []
    assert all(u.startswith("file://") for u in page.watch.requests), page.watch.requests


def test_opened_from_disk_it_switches_language_on_the_same_page(offline, offline_page):
    page = offline_page
    root = offline.as_uri() + "/"
    page.goto(root + "preparation.html")
    page.locator(".md-header__option .md-select").first.hover()
    with page.expect_navigation():
        page.locator('.md-select__link[hreflang="en"]').click()
    assert page.url == root + "en/preparation.html"
    assert page.watch.problems() == []


def test_opened_from_disk_the_checklist_keeps_answers_across_reloads(offline, offline_page):
    page = offline_page
    root = offline.as_uri() + "/"
    page.goto(root + "auto-evaluation.html")
    page.wait_for_selector(".kit-checklist--ready")
    page.check('input[name="echange-2.partage-du-pouvoir"][value="important"]')
    page.fill('textarea[name="echange-2.partage-du-pouvoir.note"]', "hors ligne")
    page.reload()
    page.wait_for_selector(".kit-checklist--ready")
    assert page.is_checked('input[name="echange-2.partage-du-pouvoir"][value="important"]')
    assert page.input_value('textarea[name="echange-2.partage-du-pouvoir.note"]') == "hors ligne"
    page.goto(root + "en/auto-evaluation.html")
    page.wait_for_selector(".kit-checklist--ready")
    assert page.is_checked('input[name="echange-2.partage-du-pouvoir"][value="important"]')
    ours = [k for k in page.evaluate("Object.keys(localStorage)") if not k.endswith("__palette")]
    assert ours == ["gestion-gouvernance/auto-evaluation"]  # file:// pages share one storage area
    assert page.watch.problems() == []


def test_opened_from_disk_the_worksheets_link_to_their_pdfs(offline, offline_page):
    page = offline_page
    page.goto(offline.as_uri() + "/fiches/echange-3.html")
    for href in page.locator(".kit-actions a").evaluate_all("links => links.map(a => a.href)"):
        assert href.endswith(".pdf") and (offline / href.split("gestion-gouvernance/", 1)[1]).is_file(), href


def test_opened_from_disk_search_loads_on_first_use_and_finds_word_families(offline, offline_page):
    page = offline_page
    root = offline.as_uri() + "/"
    page.goto(root + "organisation-democratique.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)

    def of_search():
        return [u for u in page.watch.requests if "search_index" in u or "/workers/" in u or "/lunr/" in u]

    assert of_search() == []
    found = search(page, "démocratie")  # the pages say «démocratique»
    assert any("organisation-democratique.html" in r for r in found), found
    assert any(u.split("?")[0].endswith("/search/search_index.js") for u in of_search())
    page.goto(found[0])
    page.wait_for_selector("article mark[data-md-highlight]")
    assert page.watch.problems() == []
