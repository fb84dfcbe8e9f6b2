"""Accessibility fixes to the theme's markup that CSS cannot make.

Material's search dialog (role="dialog") has no accessible name: give it
one, in the page's language.
"""

from __future__ import annotations

from html import escape as html_escape

from kitlib import kit, order
from mkdocs.plugins import event_priority

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Name the search dialog on every page.
@event_priority(order.PAGE_REWRITE)
def on_post_page(output: str, page, config) -> str:
    return named_search_dialog(output, getattr(page.file, "locale", config.theme["language"]))


# Name the search dialog on the theme's own pages (404.html).
@event_priority(order.PAGE_REWRITE)
def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output
    return named_search_dialog(output, config.theme["language"])


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# Return the HTML with an aria-label on the search dialog.
def named_search_dialog(html: str, lang: str) -> str:
    if SEARCH_DIALOG not in html:
        return html
    name = html_escape(kit.text(kit.load()["labels"]["search_dialog"], lang))
    named = SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{name}"')
    return html.replace(SEARCH_DIALOG, named)
