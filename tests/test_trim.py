"""The theme's stylesheets, cut down to the rules the pages use: smaller, same look."""

from __future__ import annotations

import gzip
import io
import re
import shutil
from pathlib import Path

import material
import pytest
from kitlib import trim
from PIL import Image, ImageChops
from sitepages import built_pages

THEME_STYLES = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
THEME_FILE = re.compile(r".*/assets/stylesheets/(main|palette)\.[0-9a-f]{8}\.min\.css$")


def usage(pages=(), scripts=()) -> trim.Usage:
    return trim.Usage(pages, scripts)


# The theme's two stylesheets in a folder, trimmed or not: {"main": path, "palette": path}.
def theme_styles(folder: Path) -> dict[str, Path]:
    return {match.group(1): path for path in folder.glob("*.min.css")
            if (match := re.match(r"(main|palette)\.", path.name))}


# Serve a page the theme's whole stylesheets in place of the trimmed ones.
def with_theme_files(page) -> None:
    whole = theme_styles(THEME_STYLES)
    page.route(THEME_FILE, lambda route: route.fulfill(
        path=str(whole[THEME_FILE.match(route.request.url).group(1)]), content_type="text/css"))


# -----------------------------------------------------------------------------
# Which selectors can match
# -----------------------------------------------------------------------------


def test_a_selector_needs_every_class_it_names_and_a_class_counts_when_a_page_or_a_script_uses_it():
    used = usage(['<p class="md-typeset kit-note">'], ['el.classList.add("md-search-result__item")'])
    assert trim.can_match(".md-typeset .kit-note>p", used)
    assert trim.can_match(".md-search-result__item:hover", used)
    assert not trim.can_match(".md-typeset .tabbed-set", used)


def test_a_class_under_not_needs_nothing_and_is_where_has_need_one_alternative():
    used = usage(['<div class="md-typeset">'])
    assert trim.can_match(".md-typeset :not(.tabbed-set)>p", used)
    assert trim.can_match(".md-typeset :is(.admonition,details)", used)
    assert not trim.can_match(".md-typeset :is(.admonition,.tabbed-set)", used)
    assert trim.can_match(":where(.md-typeset, .nowhere) a", used)
    assert not trim.can_match("li:has(.nowhere)", used)


def test_a_dot_inside_an_attribute_selector_is_not_a_class():
    assert trim.can_match('a[href$=".pdf"]', usage())


def test_a_class_built_from_a_prefix_in_a_script_is_kept():
    used = usage(scripts=["el.className = `md-tag md-tag--${kind}`; x = 'md-source__fact--' + name"])
    assert trim.can_match(".md-tag--draft", used)
    assert trim.can_match(".md-source__fact--version:before", used)


def test_a_palette_rule_is_kept_only_for_the_colours_the_pages_name():
    used = usage(['<body data-md-color-scheme="default" data-md-color-primary="indigo">',
                  '<input data-md-color-scheme="slate" data-md-color-accent="indigo">'])
    assert trim.can_match("[data-md-color-primary=indigo]", used)
    assert trim.can_match('[data-md-color-scheme="slate"][data-md-color-primary=indigo]', used)
    assert not trim.can_match("[data-md-color-primary=red]", used)
    assert not trim.can_match("[data-md-color-accent=pink] .md-typeset a:hover", used)


# -----------------------------------------------------------------------------
# What a stylesheet keeps
# -----------------------------------------------------------------------------


def test_custom_properties_and_animations_nothing_uses_are_left_out_in_cascade():
    css = (
        ":root{--used:1px;--chain:var(--unread);--unread:red;--read-by-script:0}"
        ".gone{color:var(--chain);animation:spin 1s}"
        ".kept{margin:var(--used);animation:pulse 1s}"
        "@keyframes spin{0%{opacity:0}to{opacity:1}}"
        "@keyframes pulse{0%{opacity:0}to{opacity:1}}"
        "@media screen{.gone{color:red}}"
    )
    used = usage(['<p class="kept">'], ['el.style.setProperty("--read-by-script", 1)'])
    assert trim.stylesheet(css, used) == (
        ":root{--used:1px;--read-by-script:0}.kept{margin:var(--used);animation:pulse 1s}"
        "@keyframes pulse{0%{opacity:0}to{opacity:1}}\n"
    )


def test_a_property_read_by_another_stylesheet_of_the_site_is_kept():
    assert trim.stylesheet(":root{--md-x:1}", usage(), elsewhere=".kit{margin:var(--md-x)}") == ":root{--md-x:1}\n"


def test_a_rule_nesting_another_rule_stops_the_trim():
    with pytest.raises(ValueError, match="holds more than declarations"):
        trim.stylesheet(".a{color:red;.b{color:blue}}", usage(['<p class="a b">']))


# -----------------------------------------------------------------------------
# What a build remembers for the next one, with other builds running beside it
# -----------------------------------------------------------------------------


@pytest.fixture
def remembered(tmp_path, monkeypatch):
    """The trim's memory in an empty folder; the trim itself counted and made cheap."""
    from kitlib import kit

    monkeypatch.setattr(kit, "cache_folder", lambda name: tmp_path)
    made = []
    monkeypatch.setattr(trim, "trimmed_styles", lambda *args: made.append(args) or {"main": f"/* {len(made)} */"})
    return tmp_path, made


def test_a_site_trimmed_before_is_not_trimmed_again(remembered):
    _, made = remembered
    first = trim.remembered_styles(["<p>"], [], {"main": ""}, "")
    assert trim.remembered_styles(["<p>"], [], {"main": ""}, "") == first
    assert len(made) == 1


def test_a_result_is_written_whole_or_not_at_all(remembered, monkeypatch):
    import os

    folder, _ = remembered

    def cut(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", cut)
    with pytest.raises(OSError, match="disk full"):
        trim.remembered_styles(["<p>"], [], {"main": ""}, "")
    assert list(folder.iterdir()) == [], "a half-written result was left where a build reads it"


def test_a_result_let_go_by_another_build_is_made_again(remembered):
    folder, made = remembered
    trim.remembered_styles(["<p>"], [], {"main": ""}, "")
    for file in folder.iterdir():
        file.unlink()
    assert trim.remembered_styles(["<p>"], [], {"main": ""}, "") == {"main": "/* 2 */"}


def test_only_the_last_sites_are_kept_and_a_file_being_written_is_left_alone(remembered):
    folder, _ = remembered
    being_written = folder / ".abc.tmp"
    being_written.write_text("{", encoding="utf-8")
    for number in range(trim.KEPT_BUILDS + 3):
        trim.remembered_styles([f"<p class=s{number}>"], [], {"main": ""}, "")
    kept = [file for file in folder.iterdir() if file != being_written]
    assert len(kept) == trim.KEPT_BUILDS
    assert being_written.exists()


# -----------------------------------------------------------------------------
# The built site
# -----------------------------------------------------------------------------


def test_every_page_links_the_trimmed_stylesheets_and_they_weigh_less_than_the_theme_s(site):
    theme, trimmed = theme_styles(THEME_STYLES), theme_styles(site / "assets" / "stylesheets")
    assert trimmed.keys() == theme.keys() == {"main", "palette"}
    for name, path in trimmed.items():
        assert path.name != theme[name].name, "a trimmed file keeps the theme's name"
        assert not (site / "assets" / "stylesheets" / theme[name].name).exists()
        smaller, whole = (len(gzip.compress(p.read_bytes(), 9)) for p in (path, theme[name]))
        assert smaller < whole * 0.8, f"{name}: {smaller} bytes gzip against the theme's {whole}"
    for relative in built_pages(site):
        html = (site / relative).read_text(encoding="utf-8")
        linked = set(re.findall(r'href="[^"]*assets/stylesheets/((?:main|palette)\.[^"]+)"', html))
        assert linked == {path.name for path in trimmed.values()}, relative


def test_trimming_a_trimmed_site_changes_nothing(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    before = {p.name: p.read_bytes() for p in (copy / "assets" / "stylesheets").glob("*.min.css")}
    trim.site(copy)
    assert {p.name: p.read_bytes() for p in (copy / "assets" / "stylesheets").glob("*.min.css")} == before


# The selectors of the page's theme stylesheets, one per alternative
# ("a, b" is two), as the browser writes them; with matched=true, only those
# that select an element of the page as it is now (states such as :hover and
# pseudo-elements left out, so that a rule for a hovered link counts as used).
SELECTORS = """(matched) => {
  const split = text => { const parts = []; let depth = 0, start = 0;
    for (let i = 0; i < text.length; i++) { const c = text[i];
      if (c === "(" || c === "[") depth++; else if (c === ")" || c === "]") depth--;
      else if (c === "," && depth === 0) { parts.push(text.slice(start, i).trim()); start = i + 1; } }
    parts.push(text.slice(start).trim()); return parts; };
  const states = /::?(hover|focus|focus-within|focus-visible|active|visited|target|checked|placeholder-shown|disabled|indeterminate|before|after|marker|placeholder|selection|first-letter|first-line|backdrop|-webkit-[\\w-]+|-moz-[\\w-]+|-ms-[\\w-]+)(?![\\w-])(\\([^)]*\\))?/g;
  const found = new Set();
  const visit = rules => { for (const rule of rules) {
    if (rule.cssRules && !(rule instanceof CSSStyleRule)) { visit(rule.cssRules); continue; }
    if (!(rule instanceof CSSStyleRule)) continue;
    for (const selector of split(rule.selectorText)) {
      if (!matched) { found.add(selector); continue; }
      const plain = selector.replace(states, "").replace(/(^|[\\s>+~(,])(?=[\\s>+~),]|$)/g, "$1*");
      try { if (document.querySelector(plain)) found.add(selector); } catch { found.add(selector); }
    } } };
  for (const sheet of document.styleSheets) {
    if (/assets\\/stylesheets\\/(main|palette)\\./.test(sheet.href || "")) visit(sheet.cssRules);
  }
  return [...found];
}"""
# No transition (the search box's placeholder fades its colour in 0.25 s), no animation, no caret.
STILL = "*,*::before,*::after,*::placeholder{transition:none!important;animation:none!important;caret-color:transparent!important}"
PAGES = ["", "gestion-gouvernance/", "fiches/echange-1/", "auto-evaluation/", "synthese/", "en/", "404.html"]


# The theme selectors that select something on a page, in each state it is
# shown in: loaded, scrolled back up, menu open (narrow), search results, print.
def used_selectors(page, url: str, width: int) -> set[str]:
    page.goto(url)
    used = set(page.evaluate(SELECTORS, True))
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(100)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(100)
    used |= set(page.evaluate(SELECTORS, True))
    page.evaluate("window.scrollTo(0, 0)")
    if width < 1220:
        page.click(".md-header label[for=__drawer]")
        used |= set(page.evaluate(SELECTORS, True))
        page.evaluate("document.getElementById('__drawer').checked = false")
    page.keyboard.press("/")
    page.keyboard.type("gouvernance")
    page.wait_for_selector(".md-search-result__item")
    used |= set(page.evaluate(SELECTORS, True))
    page.keyboard.press("Escape")
    page.emulate_media(media="print")
    used |= set(page.evaluate(SELECTORS, True))
    page.emulate_media(media="screen")
    return used


@pytest.mark.parametrize("width, scheme", [(1280, "light"), (390, "dark")])
def test_every_theme_rule_that_selects_something_in_any_state_of_a_page_is_kept(browser, base_url, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    whole_page, trimmed_page = context.new_page(), context.new_page()
    with_theme_files(whole_page)
    trimmed_page.goto(base_url)
    kept = set(trimmed_page.evaluate(SELECTORS, False))
    used = set()
    for path in PAGES:
        used |= used_selectors(whole_page, base_url + path, width)
    context.close()
    assert {".md-header", ".md-search-result__item", ".md-typeset h1"} <= used, "the theme's stylesheets were not read"
    assert used <= kept, "\n".join(sorted(used - kept)[:30])




# A page's screenshot (no transition, no caret), whole, as pixels, once its
# fonts have loaded and two shots in a row agree.
def screenshot(page, url: str, media: str):
    page.emulate_media(media=media)
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.add_style_tag(content=STILL)
    shot = page.screenshot(full_page=True, animations="disabled")
    for _ in range(3):
        again = page.screenshot(full_page=True, animations="disabled")
        if again == shot:
            break
        shot = again
    return Image.open(io.BytesIO(shot)).convert("RGB")


@pytest.mark.parametrize("width, scheme, media", [(1280, "light", "screen"), (390, "dark", "screen"), (1280, "light", "print")])
def test_every_page_type_looks_the_same_with_the_trimmed_stylesheets(browser, base_url, width, scheme, media):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True)
    whole_page, trimmed_page = context.new_page(), context.new_page()
    with_theme_files(whole_page)
    differences = []
    for path in PAGES:
        whole, trimmed = screenshot(whole_page, base_url + path, media), screenshot(trimmed_page, base_url + path, media)
        if whole.size != trimmed.size:
            differences.append(f"/{path}: {whole.size} against {trimmed.size}")
            continue
        # Anti-aliasing differs by a few levels between two renderings; a rule lost does not.
        changed = ImageChops.difference(whole, trimmed).convert("L").point(lambda level: 255 if level > 48 else 0)
        if changed.getbbox():
            differences.append(f"/{path}: differs in {changed.getbbox()}")
    context.close()
    assert not differences, "\n".join(differences)
