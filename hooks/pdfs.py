"""PDFs of the worksheets and the packet, in Letter and A4, per language.

Made with WeasyPrint once every language is built, from the same templates
and print styles as the worksheet pages. `mkdocs build` always makes them;
`mkdocs serve` skips them (and says so) unless KIT_DOWNLOADS=1; KIT_DOWNLOADS=0 skips
them in any command. The same switch governs the offline zip (hooks/offline.py).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import kit
import locales
import sheets
import typography
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

STYLESHEET = Path(__file__).resolve().parent.parent / "overrides/assets/stylesheets/worksheet.css"
log = logging.getLogger("mkdocs.hooks.pdfs")

_command = {"name": "build"}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Remember which command runs, to skip the PDFs while serving.
def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


# Write every PDF once all languages are built (after the i18n plugin).
@event_priority(-200)
def on_post_build(config) -> None:
    if not locales.all_built(config):
        return
    if not enabled():
        log.info("PDFs and offline zip not made (mkdocs serve, or KIT_DOWNLOADS=0): their links will not resolve")
        return
    start = time.perf_counter()
    count = 0
    for lang, _ in locales.built(config):
        for sheet_id in [e["id"] for e in kit.load()["exchanges"]] + [sheets.PACKET]:
            for paper in sheets.PAPERS:
                write_pdf(config, lang, sheet_id, paper)
                count += 1
    log.info(f"Made {count} worksheet PDFs in {time.perf_counter() - start:.2f} seconds")


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# Whether this build makes the downloads (PDFs, offline zip).
def enabled() -> bool:
    switch = os.environ.get("KIT_DOWNLOADS", "").strip().lower()
    if switch in ("0", "off", "no", "false"):
        return False
    if switch in ("1", "on", "yes", "true"):
        return True
    return _command["name"] != "serve"


# The standalone HTML of one worksheet (or the packet) on one paper size.
def document(config, lang: str, sheet_id: str, paper: str) -> str:
    data = kit.load()
    exchange = kit.exchange(data, sheet_id)
    labels = data["labels"]
    if exchange is None:
        title = kit.text(data["packet"]["title"], lang)
    else:
        title = (f"{kit.text(labels['worksheet'], lang)} — {kit.text(labels['exchange'], lang)} "
                 f"{exchange['number']}{kit.text(labels['question_label_separator'], lang)}"
                 f"{kit.text(exchange['title'], lang)}")
    body = sheets.render(config, "partials/kit/worksheet.html", lang, None,
                         sheet_id=sheet_id, exchange=exchange)
    html = sheets.render(config, "partials/kit/print-document.html", lang, None,
                         title=title, body=body, paper_size=sheets.PAPERS[paper],
                         stylesheet=STYLESHEET.read_text(encoding="utf-8"))
    return typography.french(html) if lang == "fr" else html


# Render one PDF into the site.
def write_pdf(config, lang: str, sheet_id: str, paper: str) -> Path:
    from weasyprint import HTML

    target = Path(config.site_dir) / sheets.pdf_path(sheet_id, paper, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        HTML(string=document(config, lang, sheet_id, paper), base_url=str(target.parent)).write_pdf(
            target, pdf_variant=None
        )
    except OSError as error:
        raise PluginError(f"hooks/pdfs.py: {target}: WeasyPrint could not write the PDF ({error})")
    return target
