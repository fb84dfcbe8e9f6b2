"""A sitemap in every language folder.

The i18n plugin writes one sitemap.xml, with every language and its
alternates, at the root; Material's language switcher fetches
<language>/sitemap.xml. Copy the root one there once all languages are built.
A sitemap holds absolute addresses only: without site_url there is none.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from kitlib import locales, order
from mkdocs.plugins import event_priority

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Copy the root sitemap into each language folder (after the i18n plugin).
@event_priority(order.AFTER_SITE_FILES)
def on_post_build(config) -> None:
    if not locales.all_built(config):
        return
    site = Path(config.site_dir)
    sitemap = site / "sitemap.xml"
    if not config.site_url:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / name).unlink(missing_ok=True)
        return
    if not sitemap.is_file():
        return
    for _, prefix in locales.built(config):
        if not prefix:
            continue
        folder = site / prefix
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sitemap, folder / "sitemap.xml")
        with gzip.open(folder / "sitemap.xml.gz", "wb") as target:
            target.write(sitemap.read_bytes())
