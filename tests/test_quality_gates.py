"""Quality gates on every built page, in both languages: accessibility, privacy,
Content-Security-Policy, integrity and console. Pages are discovered from the
built site, so a page added later is checked without editing these tests."""

from __future__ import annotations

import re

import pytest
from sitepages import built_pages, language_of, read

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Rules axe marks experimental run only when named: label in name (WCAG 2.5.3).
AXE_EXPERIMENTAL_RULES = ["label-content-name-mismatch"]
VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}

# Records every Content-Security-Policy violation the page reports.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def pages(site) -> list[str]:
    return built_pages(site)


def url_of(base_url: str, path: str) -> str:
    return base_url + path.removesuffix("index.html")


# -----------------------------------------------------------------------------
# Accessibility
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page(browser, site, base_url, scheme, viewport):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    found = {}
    try:
        for path in pages(site):
            page.goto(url_of(base_url, path))  # the load event: the page's scripts have run
            results = axe.run(page, options={
                "runOnly": {"type": "tag", "values": AXE_TAGS},
                "resultTypes": ["violations"],  # details for the violations only: the rest is not read
                "rules": {rule: {"enabled": True} for rule in AXE_EXPERIMENTAL_RULES},
            })
            violations = results.response["violations"]
            if violations:
                found[path] = [
                    f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations
                ]
    finally:
        context.close()
    assert not found, found


def test_the_search_dialog_has_an_accessible_name(site):
    for path in pages(site):
        html = (site / path).read_text(encoding="utf-8")
        dialogs = re.findall(r'<div[^>]*role="dialog"[^>]*>', html)
        assert dialogs, f"{path}: no search dialog"
        for dialog in dialogs:
            assert "aria-label=" in dialog or "aria-labelledby=" in dialog, f"{path}: {dialog}"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_every_control_is_reachable_with_tab_and_shows_its_focus(browser, base_url, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        for path in ["", "en/gestion-gouvernance/", "preparation/"]:
            page.goto(base_url + path)
            page.wait_for_load_state("networkidle")
            controls = page.evaluate(
                """() => [...document.querySelectorAll(
                    'a[href], button, input:not([type=hidden]), select, textarea, [tabindex="0"]')]
                  .filter(el => el.getAttribute('tabindex') !== '-1')
                  // a radio group is one tab stop: its checked radio
                  .filter(el => el.type !== 'radio' || el === (
                      document.querySelector(`input[type=radio][name="${el.name}"]:checked`)
                      || document.querySelector(`input[type=radio][name="${el.name}"]`)))
                  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
                                && !el.closest('[hidden], [inert], .md-nav[aria-expanded="false"]'))
                  .map((el, i) => { el.dataset.kitControl = i; return i; })"""
            )
            reached, unfocused = set(), []
            for _ in range(len(controls) + 10):
                page.keyboard.press("Tab")
                state = page.evaluate(
                    """() => { const el = document.activeElement; const s = getComputedStyle(el);
                      return { id: el.dataset.kitControl, tag: el.tagName,
                               visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                                        || s.boxShadow !== 'none' || s.textDecorationLine.includes('underline') }; }"""
                )
                if state["id"] is not None:
                    reached.add(int(state["id"]))
                    if not state["visible"]:
                        unfocused.append(state)
            missed = page.evaluate(
                "(ids) => ids.map(i => document.querySelector(`[data-kit-control='${i}']`).outerHTML.slice(0, 120))",
                [i for i in controls if i not in reached],
            )
            assert not missed, f"{path}: not reachable with Tab: {missed}"
            assert not unfocused, f"{path}: focus not visible on {unfocused}"
    finally:
        context.close()


# -----------------------------------------------------------------------------
# Privacy, CSP and console, in one visit of every page
# -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def visits(browser, site, base_url):
    """Visit every page once; return what each did."""
    from conftest import PageWatch

    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    watch = PageWatch(page)
    csp_console = []
    page.on("console", lambda m: "Content Security Policy" in m.text and csp_console.append(m.text))
    report = {}
    for path in pages(site):
        before = (len(watch.requests), len(watch.problems()))
        page.goto(url_of(base_url, path))
        page.wait_for_load_state("networkidle")
        page.locator("input.md-search__input").first.click()  # start the search worker too
        page.keyboard.type("gestion", delay=10)
        page.wait_for_function(  # the worker has loaded and answered: none of its requests is cut
            "() => /\\d|Aucun|No matching/.test(document.querySelector('.md-search-result__meta').textContent)"
        )
        report[path] = {
            "requests": watch.requests[before[0]:],
            "problems": watch.problems()[before[1]:],
            "csp": page.evaluate("window.__cspViolations"),
        }
    report["__cookies__"] = context.cookies()
    report["__csp_console__"] = csp_console
    context.close()
    return report


def test_every_request_of_every_page_goes_to_the_local_server(visits, base_url):
    outside = {
        path: [u for u in visit["requests"] if not u.startswith(base_url) and not u.startswith("data:")]
        for path, visit in visits.items() if not path.startswith("__")
    }
    assert len(outside) >= 10
    assert not any(outside.values()), outside


def test_no_page_sets_a_cookie(visits):
    assert visits["__cookies__"] == []


def test_no_page_has_a_console_error_or_a_failed_request(visits):
    problems = {p: v["problems"] for p, v in visits.items() if not p.startswith("__") and v["problems"]}
    assert not problems, problems


def test_the_browser_reports_no_csp_violation(visits):
    violations = {p: v["csp"] for p, v in visits.items() if not p.startswith("__") and v["csp"]}
    assert not violations, violations
    assert visits["__csp_console__"] == []


def test_every_page_carries_a_strict_content_security_policy(site):
    for path in pages(site):
        html = (site / path).read_text(encoding="utf-8")
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert match, f"{path}: no CSP"
        directives = dict(d.strip().split(" ", 1) for d in match.group(1).split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["base-uri"] == "'self'"
        assert directives["form-action"] == "'self'"
        assert "unsafe-inline" not in directives["script-src"]
        inline = len(re.findall(r"<script>", html))
        assert directives["script-src"].count("'sha256-") == inline, f"{path}: hashes ≠ inline scripts"
        assert html.index("Content-Security-Policy") < html.index("<script"), f"{path}: CSP after a script"


def test_a_tampered_inline_script_is_blocked(browser, site, base_url):
    html = (site / "sources/index.html").read_text(encoding="utf-8")
    tampered = html.replace("<script>", "<script>window.__tampered = true;", 1)
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.route(base_url + "sources/", lambda route: route.fulfill(body=tampered, content_type="text/html"))
    page.goto(base_url + "sources/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__tampered") is None
    assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))
    context.close()


# -----------------------------------------------------------------------------
# Integrity of every page
# -----------------------------------------------------------------------------


def test_every_page_has_a_title_one_h1_and_its_language(site):
    for path in pages(site):
        page = read(site, path)
        html = (site / path).read_text(encoding="utf-8")
        assert page.title.strip(), f"{path}: no <title>"
        assert len(page.all("h1")) == 1, f"{path}: {len(page.all('h1'))} <h1>"
        lang = re.search(r'<html lang="([a-z]{2})"', html).group(1)
        assert lang == language_of(path), f"{path}: lang={lang}"
        description = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert description and len(description.group(1)) > 30, f"{path}: no meta description"


def test_the_english_sitemap_is_served_where_the_theme_fetches_it(site):
    assert (site / "en" / "sitemap.xml").read_bytes() == (site / "sitemap.xml").read_bytes()
