"""Language alternates that Material's language switcher can use.

The i18n plugin points every `<link rel="alternate" hreflang>` at the same
page in the other language. Material fetches `sitemap.xml` next to each of
those addresses, which only exists at a language's root, so the head links
name the language roots (as Material's own configuration does), as absolute
addresses under site_url (hreflang wants them absolute), while the switcher
links and sitemap.xml keep the page-to-page alternates.

Without site_url there are no head alternates at all: hreflang wants absolute
addresses, and the theme would fetch a sitemap next to each one. The site
script drops those of another origin (a staging copy, `mkdocs serve` opened
at localhost) before the theme reads them.
"""

from __future__ import annotations

import re
from copy import deepcopy
from urllib.parse import urljoin, urlsplit

from kitlib import locales
from mkdocs.utils import get_relative_url

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

HEAD_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="([a-z]{2})">')
# A switcher link from the site root ("/en/"), as the i18n plugin writes them on home pages.
SWITCHER_LINK = re.compile(r'href="(/(?!/)[^"]*)"( hreflang="[a-z]{2}" class="md-select__link")')

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Point the head alternates of every page at each language's root.
def on_post_page(output: str, page, config) -> str:
    roots = dict(locales.built(config))

    def replace(match: re.Match) -> str:
        lang = match.group(1)
        if not config.site_url:
            return ""
        if lang not in roots:
            return match.group(0)
        return f'<link rel="alternate" href="{urljoin(config.site_url, roots[lang])}" hreflang="{lang}">'

    head, sep, body = output.partition("</head>")
    if page is not None:
        body = SWITCHER_LINK.sub(lambda match: _relative_switch(match, page, config), body)
    return HEAD_LINK.sub(replace, head) + sep + body


# The theme's own pages (404.html) follow the same rule.
def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output
    return on_post_page(output, None, config)


# The 404 page is served at any address: point its alternates at the language
# roots the i18n plugin computed, not at the last page rendered before it.
def on_pre_template(template, template_name: str, config):
    i18n = config.plugins.get("i18n")
    if template_name == "404.html" and i18n is not None and i18n.extra_alternate:
        config.extra["alternate"] = deepcopy(i18n.extra_alternate)
    return template


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# A switcher link relative to the page, so that it works in a sub-folder too.
def _relative_switch(match: re.Match, page, config) -> str:
    base = urlsplit(config.site_url or "/").path or "/"
    target = match.group(1)
    if not target.startswith(base):
        return match.group(0)
    relative = get_relative_url(target.removeprefix(base), page.url)
    return f'href="{relative if relative.endswith("/") else relative + "/"}"{match.group(2)}'
