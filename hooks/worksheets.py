"""Worksheet pages, filled from data/kit.yml into per-language stub pages.

A stub in docs/fiches/ names its worksheet in its front matter
(`worksheet: echange-1`, or `worksheet: trousse` for the packet); its body is
replaced by the worksheet. A page with the marker <!-- kit:worksheets -->
gets the list of worksheets and their PDFs there.
"""

from __future__ import annotations

import kit
import sheets
from mkdocs.exceptions import PluginError

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

LIST_MARKER = "<!-- kit:worksheets -->"

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Fill a worksheet stub, or the list marker, in the page's language.
def on_page_markdown(markdown: str, page, config, files) -> str | None:
    lang = page.file.locale
    sheet_id = page.meta.get("worksheet")
    if sheet_id is None:
        if LIST_MARKER not in markdown:
            return None
        html = sheets.render(config, "partials/kit/worksheet-list.html", lang, page.url)
        return markdown.replace(LIST_MARKER, html)
    data = kit.load()
    exchange = kit.exchange(data, sheet_id)
    if exchange is None and sheet_id != sheets.PACKET:
        known = ", ".join([e["id"] for e in data["exchanges"]] + [sheets.PACKET])
        raise PluginError(
            f"docs/{page.file.src_uri}: worksheet: unknown worksheet '{sheet_id}' (known: {known})"
        )
    page.meta["title"] = sheets.worksheet_title(data, exchange, lang)
    return sheets.render(
        config, "partials/kit/worksheet.html", lang, page.url, sheet_id=sheet_id, exchange=exchange
    )
