"""The downloads of a build: the worksheet PDFs, then the offline zip.

Both are made once every language is built, PDFs first, since the zip holds
them. `mkdocs serve` skips both (and says so) unless KIT_DOWNLOADS=1;
KIT_DOWNLOADS=0 skips them in any command, KIT_DOWNLOADS=pdf the zip only (kitlib/downloads.py).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from kitlib import downloads, kit, locales, offline, order, run, sheets
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.downloads")

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Remember which command runs: serving skips the downloads and eases the policy.
def on_startup(command: str, dirty: bool) -> None:
    run.command["name"] = command


# Write every PDF, then the offline zip, once all languages are built.
@event_priority(order.DOWNLOADS)
def on_post_build(config) -> None:
    if offline.OFFLINE or not locales.all_built(config):
        return
    if not downloads.enabled():
        log.info("PDFs and offline zip not made (mkdocs serve, or KIT_DOWNLOADS=0): their links will not resolve")
        return
    start = time.perf_counter()
    count = 0
    for lang, _ in locales.built(config):
        for sheet_id, _ in downloads.worksheets(kit.load()):
            for paper in sheets.PAPERS:
                downloads.write_pdf(config, lang, sheet_id, paper)
                count += 1
    log.info(f"Made {count} worksheet PDFs in {time.perf_counter() - start:.2f} seconds")
    if not downloads.offline_copy():
        log.info("Offline zip not made (KIT_DOWNLOADS=pdf)")
        return
    target = offline.write_zip(config, Path(config.site_dir))
    log.info(f"Made the offline copy {offline.ZIP} ({target.stat().st_size // 1024} KB)")
