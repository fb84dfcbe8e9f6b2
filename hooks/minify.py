"""The published site's own stylesheets and scripts without their comments
(rules: kitlib/minify.py). `mkdocs serve` keeps them as they are written."""

from __future__ import annotations

import logging
from pathlib import Path

from kitlib import locales, minify, order, run
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.minify")

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Once every language is built, before the offline copy and the downloads.
@event_priority(order.AFTER_SITE_FILES)
def on_post_build(config) -> None:
    if run.serving() or not locales.all_built(config):
        return
    saved = minify.site_assets(Path(config.site_dir))
    log.debug(f"Own stylesheets and scripts: {saved // 1024} KB of comments and indentation left out")
