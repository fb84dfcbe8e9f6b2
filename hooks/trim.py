"""The theme's stylesheets cut down to the rules the pages can use (rules:
kitlib/trim.py). `mkdocs serve` keeps them whole."""

from __future__ import annotations

import logging
from pathlib import Path

from kitlib import locales, order, run, trim
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.trim")

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Once every page of every language is written, before the offline zip.
@event_priority(order.TRIM)
def on_post_build(config) -> None:
    if run.serving() or not locales.all_built(config):
        return
    saved = trim.site(Path(config.site_dir))
    log.debug(f"Theme stylesheets: {saved // 1024} KB of rules no page uses left out")
