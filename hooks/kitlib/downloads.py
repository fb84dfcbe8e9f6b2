"""The downloads a build makes: the worksheet PDFs and the offline zip.

`mkdocs build` makes them; `mkdocs serve` skips them unless KIT_DOWNLOADS=1;
KIT_DOWNLOADS=0 skips them in any command; KIT_DOWNLOADS=pdf makes the PDFs only
(a quicker build to look at the worksheets). The PDFs are made with WeasyPrint
from the same templates and print styles as the worksheet pages.
"""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from kitlib import kit, run, sheets, typography

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

# The pages' print styles: the site's (with the shipped print font) and the worksheets'.
STYLESHEETS = Path(__file__).resolve().parents[2] / "overrides/assets/stylesheets"
PRINT_STYLES = ("site.css", "worksheet.css")

# -----------------------------------------------------------------------------
# Switch
# -----------------------------------------------------------------------------


# The KIT_DOWNLOADS switch, as written.
def _switch() -> str:
    return os.environ.get("KIT_DOWNLOADS", "").strip().lower()


# Whether this build makes the downloads (PDFs, offline zip).
def enabled() -> bool:
    switch = _switch()
    if switch in ("0", "off", "no", "false"):
        return False
    if switch in ("1", "on", "yes", "true", "pdf"):
        return True
    if switch:
        raise PluginError(f"KIT_DOWNLOADS={switch!r}: expected 1, 0 or pdf")
    return not run.serving()


# Whether this build makes the offline zip too (not with KIT_DOWNLOADS=pdf).
def offline_copy() -> bool:
    return _switch() != "pdf"


# -----------------------------------------------------------------------------
# PDFs
# -----------------------------------------------------------------------------


# Every worksheet (each exchange, then the packet) as (sheet id, exchange or None).
def worksheets(data: dict) -> list[tuple[str, dict | None]]:
    return [(exchange["id"], exchange) for exchange in data["exchanges"]] + [(sheets.PACKET, None)]

# The standalone HTML of one worksheet (or the packet) on one paper size.
def document(config, lang: str, sheet_id: str, paper: str) -> str:
    data = kit.load()
    exchange = kit.exchange(data, sheet_id)
    if exchange is None:
        title = kit.text(data["packet"]["title"], lang)
    else:
        title = f"{kit.text(data['labels']['worksheet'], lang)} — {sheets.exchange_heading(exchange, lang)}"
    body = sheets.render(config, "partials/kit/worksheet.html", lang, None,
                         sheet_id=sheet_id, exchange=exchange)
    styles = "\n".join((STYLESHEETS / name).read_text(encoding="utf-8") for name in PRINT_STYLES)
    html = sheets.render(config, "partials/kit/print-document.html", lang, None, title=title,
                         body=Markup(body), paper_size=sheets.PAPERS[paper],
                         sheet_height=sheets.SHEET_HEIGHTS[paper], stylesheet=Markup(styles))
    return typography.french(html) if lang == "fr" else html


# Render one PDF into the site.
def write_pdf(config, lang: str, sheet_id: str, paper: str) -> Path:
    from weasyprint import HTML

    target = Path(config.site_dir) / sheets.pdf_path(config, sheet_id, paper, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Relative addresses in the styles (the fonts) resolve from their folder.
        # Tagged (PDF/UA-1: language, title, headings, reading order), with
        # form fields over the writing lines.
        HTML(string=document(config, lang, sheet_id, paper), base_url=f"{STYLESHEETS.as_uri()}/").write_pdf(
            target, pdf_variant="pdf/ua-1", pdf_forms=True
        )
    except OSError as error:
        raise PluginError(f"kitlib/downloads.py: {target}: WeasyPrint could not write the PDF ({error})")
    return target
