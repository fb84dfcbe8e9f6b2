"""Language alternates that Material's language switcher can use.

The i18n plugin points every `<link rel="alternate" hreflang>` at the same
page in the other language. Material fetches `sitemap.xml` next to each of
those addresses, which only exists at a language's root, so the head links
name the language roots (as Material's own configuration does), as absolute
addresses under site_url (hreflang wants them absolute), while the switcher
links and sitemap.xml keep the page-to-page alternates.
"""

from __future__ import annotations

import re
from copy import deepcopy
from urllib.parse import urljoin

from kitlib import locales
from mkdocs.utils import get_relative_url

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

HEAD_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="([a-z]{2})">')

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Point the head alternates of every page at each language's root.
def on_post_page(output: str, page, config) -> str:
    roots = dict(locales.built(config))

    def replace(match: re.Match) -> str:
        lang = match.group(1)
        href = _root_href(config, roots[lang], page.url) if lang in roots else None
        if href is None:
            return match.group(0)
        return f'<link rel="alternate" href="{href}" hreflang="{lang}">'

    head, sep, body = output.partition("</head>")
    return HEAD_LINK.sub(replace, head) + sep + body


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


# The address of a language root: absolute under site_url, else relative.
def _root_href(config, root: str, page_url: str) -> str:
    if config.site_url:
        return urljoin(config.site_url, root)
    href = get_relative_url(root, page_url)
    return href if href.endswith("/") else f"{href}/"
