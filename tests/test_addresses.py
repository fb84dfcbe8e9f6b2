"""Addresses that work wherever the site is opened: built without SITE_URL,
served at a root or in a sub-folder, a SITE_URL build opened from another
origin, and `mkdocs serve`. No request leaves the origin, no placeholder is
printed, and the language switcher lands on the same page."""

from __future__ import annotations

import json
import re
import zipfile
from urllib.parse import urlsplit

import pytest
from conftest import SERVED_FOLDERS, STAGING_URL, build_messages
from pypdf import PdfReader
from sitepages import built_pages, language_of

FORMER_PLACEHOLDER = "gestion-gouvernance.example.org"
WARNING = "SITE_URL is not set"
ADDRESS = re.compile(r"\S+://\S+")
LIVE_RELOAD_CUT = re.compile(r"/livereload/\d+/\d+ \(net::ERR_ABORTED\)$")
# Chromium asks for the favicon after the page has loaded; going to the next page cuts it.
FAVICON_CUT = re.compile(r"/assets/images/favicon\.svg \(net::ERR_ABORTED\)$")
BUILDS = ["published", "default", "sub-folder", "staging", "serve"]
# The tests that open `mkdocs serve` run in one process, so it is started once.
SERVE = pytest.mark.xdist_group("mkdocs-serve")
OPENED = [pytest.param(name, marks=SERVE) if name == "serve" else name for name in BUILDS]

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def settle(page, name: str) -> None:
    """Wait until the page is done loading; `mkdocs serve` keeps a live-reload request open."""
    if name == "serve":
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
    else:
        page.wait_for_load_state("networkidle")


def opened(request, builds, name: str) -> tuple:
    """A build's folder and the address it is opened at; `mkdocs serve` is started on demand."""
    site, url = builds[name]
    return site, request.getfixturevalue("serve_url") if name == "serve" else url


def other_language_path(path: str) -> str:
    """The same page in the other language: "x/index.html" ↔ "en/x/"."""
    page = path.removesuffix("index.html")
    return page.removeprefix("en/") if language_of(path) == "en" else f"en/{page}"


# -----------------------------------------------------------------------------
# In the browser, for each way of building and opening the site
# -----------------------------------------------------------------------------


@pytest.fixture(scope="module", params=OPENED)
def visits(request, browser, builds):
    """Open every page of one build; return what each did and where its switcher points."""
    from conftest import PageWatch

    site, url = opened(request, builds, request.param)
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    watch = PageWatch(page)
    report = {}
    for path in built_pages(site):
        if path.endswith("404.html"):
            continue
        before = (len(watch.requests), len(watch.problems()))
        page.goto(url + path.removesuffix("index.html"))
        settle(page, request.param)
        report[path] = {
            "requests": watch.requests[before[0]:],
            # Leaving a page cuts `mkdocs serve`'s live-reload poll and a late favicon request:
            # not faults (a missing favicon still shows, as HTTP 404).
            "problems": [p for p in watch.problems()[before[1]:]
                         if not LIVE_RELOAD_CUT.search(p) and not FAVICON_CUT.search(p)],
            "csp": page.evaluate("window.__cspViolations"),
            "switcher": dict(page.evaluate(
                "[...document.querySelectorAll('.md-select__link[hreflang]')].map(a => [a.hreflang, a.href])")),
        }
    context.close()
    return request.param, url, report


def test_every_request_stays_on_the_origin_the_site_is_opened_from(visits):
    name, url, report = visits
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(url))
    assert len(report) >= 20, name
    outside = {path: [u for u in visit["requests"] if not u.startswith(origin) and not u.startswith("data:")]
               for path, visit in report.items()}
    assert not any(outside.values()), (name, outside)


def test_no_page_has_a_console_error_a_failed_request_or_a_csp_violation(visits):
    name, _, report = visits
    problems = {path: visit["problems"] + visit["csp"] for path, visit in report.items()
                if visit["problems"] or visit["csp"]}
    assert not problems, (name, problems)


def test_the_language_switcher_points_at_the_same_page_in_the_other_language(visits):
    name, url, report = visits
    wrong = {}
    for path, visit in report.items():
        other = "fr" if language_of(path) == "en" else "en"
        expected = url + other_language_path(path)
        if visit["switcher"].get(other) != expected:
            wrong[path] = (visit["switcher"].get(other), expected)
    assert not wrong, (name, wrong)


@pytest.mark.parametrize("name", OPENED)
def test_switching_language_lands_on_the_same_page(request, page, builds, name):
    _, url = opened(request, builds, name)
    page.goto(url + "gestion-gouvernance/")
    settle(page, name)
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    settle(page, name)
    assert page.url == url + "en/gestion-gouvernance/"
    assert page.locator("html").get_attribute("lang") == "en"


# -----------------------------------------------------------------------------
# Built without SITE_URL
# -----------------------------------------------------------------------------


def test_a_build_without_site_url_holds_no_placeholder_nor_made_up_address(default_site):
    found = []
    for path in sorted(default_site.rglob("*")):
        if path.suffix in (".html", ".json", ".xml", ".js", ".txt", ".css"):
            if FORMER_PLACEHOLDER in path.read_text(encoding="utf-8", errors="replace"):
                found.append(str(path))
        elif path.suffix == ".pdf":
            text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
            if "://" in text:
                found.append(f"{path}: {ADDRESS.findall(text)}")
    with zipfile.ZipFile(default_site / "gestion-gouvernance-hors-ligne.zip") as archive:
        for member in archive.namelist():
            if FORMER_PLACEHOLDER.encode() in archive.read(member):
                found.append(f"zip: {member}")
    pdfs = list(default_site.rglob("*.pdf"))
    assert len(pdfs) >= 8
    assert not found, found


def test_without_site_url_paper_and_citations_name_page_paths(default_site):
    text = PdfReader(default_site / "fiches/pdf/echange-1-letter.pdf").pages[0].extract_text()
    assert "gestion-gouvernance/" in text and "fiches/echange-1/" in text
    html = (default_site / "gestion-gouvernance/index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in html
    assert 'rel="alternate"' not in html.partition("</head>")[0]
    assert not (default_site / "sitemap.xml").exists()


def test_without_site_url_the_reference_data_resolves_from_where_it_is_served(default_site):
    reference = json.loads((default_site / "reference.json").read_text(encoding="utf-8"))
    for term in reference["terms"]:
        for url in term["url"].values():
            page, _, anchor = url.partition("#")
            target = default_site / page / "index.html"
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), url
    html = (default_site / "gestion-gouvernance/index.html").read_text(encoding="utf-8")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@id"] == "./" and ld["hasDefinedTerm"][0]["@id"].startswith("./#")


@pytest.mark.browser
def test_without_site_url_copy_link_copies_the_address_the_page_was_opened_at(context, builds):
    _, url = builds["sub-folder"]
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url + "gestion-gouvernance/")
    page.wait_for_load_state("networkidle")
    page.locator('.kit-copy-link[data-url$="#gouvernance"]').click()
    page.wait_for_selector(".kit-copy-status:not(:empty)")
    assert page.evaluate("navigator.clipboard.readText()") == url + "gestion-gouvernance/#gouvernance"


def test_the_build_says_once_that_site_url_is_not_set(default_site, staging_site):
    # The run's own builds: without SITE_URL (default) and with it (staging), both exited 0.
    assert build_messages(SERVED_FOLDERS["default"]).count(WARNING) == 1
    assert WARNING not in build_messages(SERVED_FOLDERS["staging"])


# -----------------------------------------------------------------------------
# With SITE_URL, and under mkdocs serve
# -----------------------------------------------------------------------------


def test_with_site_url_addresses_are_canonical_and_absolute(staging_site):
    html = (staging_site / "gestion-gouvernance/index.html").read_text(encoding="utf-8")
    head = html.partition("</head>")[0]
    assert f'<link rel="canonical" href="{STAGING_URL}gestion-gouvernance/">' in head
    assert f'<link rel="alternate" href="{STAGING_URL}en/" hreflang="en">' in head
    assert f"{STAGING_URL}gestion-gouvernance/" in re.search(r'<details class="kit-cite".*?</details>', html, re.S).group(0)
    reference = json.loads((staging_site / "reference.json").read_text(encoding="utf-8"))
    assert reference["terms"][0]["url"]["en"] == f"{STAGING_URL}en/gestion-gouvernance/#gestion"


@SERVE
def test_mkdocs_serve_uses_its_own_address_for_absolute_ones(serve_url):
    import urllib.request

    html = urllib.request.urlopen(serve_url + "gestion-gouvernance/").read().decode("utf-8")
    assert f'<link rel="canonical" href="{serve_url}gestion-gouvernance/">' in html
    assert FORMER_PLACEHOLDER not in html


@SERVE
def test_mkdocs_serve_makes_no_pdf_and_no_offline_zip(serve_url):
    import urllib.error
    import urllib.request

    for path in ("fiches/pdf/echange-1-letter.pdf", "en/fiches/pdf/trousse-a4.pdf", "gestion-gouvernance-hors-ligne.zip"):
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(serve_url + path)
        assert missing.value.code == 404, path

