"""No built page loads anything from another host (outbound <a> links are fine)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from sitepages import built_pages

LOADING_RELS = {"stylesheet", "preconnect", "dns-prefetch", "preload", "prefetch",
                "modulepreload", "icon", "apple-touch-icon", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")


def is_remote(url: str) -> bool:
    return url.startswith("//") or urlsplit(url).scheme in ("http", "https")


def third_party_loads(html: str) -> list[str]:
    page = read_html(html)
    found = []
    for tag, attributes in page.links:
        if tag == "link" and set((attributes.get("rel") or "").split()) & LOADING_RELS:
            if is_remote(attributes.get("href", "")):
                found.append(f"<link {attributes}>")
        if tag in ("script", "img", "iframe", "source") and is_remote(attributes.get("src", "")):
            found.append(f"<{tag} src={attributes['src']}>")
    for tag, attributes in page.elements:
        for url in CSS_URL.findall(attributes.get("style") or ""):
            if is_remote(url):
                found.append(f"style url({url})")
    for block in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S):
        found += [f"<style> url({u})" for u in CSS_URL.findall(block) if is_remote(u)]
        found += [f"<style> @import {u}" for u in re.findall(r"@import\s+['\"]([^'\"]+)", block) if is_remote(u)]
    return found


def read_html(html: str):
    from sitepages import Document
    return Document(html)


def test_no_built_page_loads_a_third_party_resource(site):
    problems = {}
    for path in built_pages(site):
        found = third_party_loads((site / path).read_text(encoding="utf-8"))
        if found:
            problems[path] = found
    assert not problems, problems


def test_no_stylesheet_of_the_site_fetches_from_another_host(site):
    problems = []
    for sheet in site.rglob("*.css"):
        css = sheet.read_text(encoding="utf-8")
        problems += [f"{sheet.name}: {u}" for u in CSS_URL.findall(css) if is_remote(u)]
        problems += [f"{sheet.name}: @import {u}" for u in re.findall(r"@import\s+['\"]?([^'\";]+)", css) if is_remote(u)]
    assert not problems, problems


def test_the_check_catches_a_google_font_and_a_cdn_script():
    html = ('<html><head><link rel="preconnect" href="https://fonts.gstatic.com">'
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
            '<script src="https://cdn.jsdelivr.net/npm/x.js"></script>'
            '<style>@import "https://example.com/a.css"; body{background:url(https://e.com/i.png)}</style>'
            '</head><body><img src="//cdn.example/i.png"><a href="https://example.org/">ok</a></body></html>')
    found = third_party_loads(html)
    assert len(found) == 6, found
    assert not any("example.org" in f for f in found)
