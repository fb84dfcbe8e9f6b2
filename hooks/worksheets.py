"""Worksheet pages, filled from data/kit.yml into per-language stub pages.

A stub in docs/fiches/ names its worksheet in its front matter
(`worksheet: echange-1`, or `worksheet: trousse` for the packet); its body is
replaced by the worksheet, as HTML after Markdown (which need not parse it).
A page with the marker <!-- kit:worksheets --> gets the list of worksheets
and their PDFs there.
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


# Fill the list marker; name a worksheet page after its worksheet.
def on_page_markdown(markdown: str, page, config, files) -> str | None:
    lang = page.file.locale
    sheet_id = page.meta.get("worksheet")
    if sheet_id is None:
        if LIST_MARKER not in markdown:
            return None
        html = sheets.render(config, "partials/kit/worksheet-list.html", lang, page.url)
        return markdown.replace(LIST_MARKER, html)
    data = kit.load()
    page.meta["title"] = sheets.worksheet_title(data, _exchange(data, sheet_id, page), lang)
    return ""


# Put the worksheet (or the packet) in place of the stub's body.
def on_page_content(html: str, page, config, files) -> str | None:
    sheet_id = page.meta.get("worksheet")
    if sheet_id is None:
        return None
    exchange = _exchange(kit.load(), sheet_id, page)
    return sheets.render(config, "partials/kit/worksheet.html", page.file.locale, page.url,
                         sheet_id=sheet_id, exchange=exchange)


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# The exchange a stub names, None for the packet; unknown names stop the build.
def _exchange(data: dict, sheet_id: str, page) -> dict | None:
    exchange = kit.exchange(data, sheet_id)
    if exchange is None and sheet_id != sheets.PACKET:
        known = ", ".join([e["id"] for e in data["exchanges"]] + [sheets.PACKET])
        raise PluginError(
            f"docs/{page.file.src_uri}: worksheet: unknown worksheet '{sheet_id}' (known: {known})"
        )
    return exchange
