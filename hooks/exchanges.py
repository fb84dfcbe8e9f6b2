"""The three exchanges, rendered from data/kit.yml into the pages that ask.

A page lists the exchanges where its Markdown holds the marker
<!-- kit:exchanges -->; the question text exists once, in the data file.
"""

from __future__ import annotations

import kit
import sheets
from mkdocs.exceptions import PluginError

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

MARKER = "<!-- kit:exchanges -->"
TEMPLATE = "partials/kit/exchanges.html"

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Validate the data file at the start of each build, so bad data fails early.
def on_config(config):
    kit.load()
    return config


# Replace the marker with the exchanges, in the page's language.
def on_page_markdown(markdown: str, page, config, files) -> str | None:
    if MARKER not in markdown:
        return None
    if markdown.count(MARKER) > 1:
        raise PluginError(f"hooks/exchanges.py: {page.file.src_uri}: marker used twice")
    html = sheets.render(config, TEMPLATE, page.file.locale, page.url)
    return markdown.replace(MARKER, html)
