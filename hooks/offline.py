"""The offline build's own changes (KIT_OFFLINE=true; see kitlib/offline.py).

Serves Material's worker shim from the site instead of a CDN, rewrites every
page for file://, bundles the ES modules as classic scripts and writes each
language's search index as a script. Does nothing in the main build.
"""

from __future__ import annotations

from pathlib import Path

from kitlib import locales, offline, order
from mkdocs.plugins import event_priority

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Give the offline plugin a local worker shim (before it adds one from a CDN).
@event_priority(order.BEFORE_PLUGINS)
def on_config(config):
    if offline.OFFLINE:
        config.extra["polyfills"] = [offline.SHIM]
    return config


# Classic scripts, no head alternates, no zip link, file links.
@event_priority(order.LAST_PAGE_REWRITE)
def on_post_page(output: str, page, config) -> str:
    # Online, a page x.md lives at x/index.html; offline at x.html, one folder up.
    shallower = page.file.name != "index"
    return offline.offline_html(output, shallower) if offline.OFFLINE else output


@event_priority(order.LAST_PAGE_REWRITE)
def on_post_template(output: str, template_name: str, config) -> str:
    if offline.OFFLINE and template_name.endswith(".html"):
        return offline.offline_html(output)
    return output


# Bundled scripts and search indexes as scripts, once every language is built.
@event_priority(order.AFTER_SITE_FILES)
def on_post_build(config) -> None:
    if not offline.OFFLINE or not locales.all_built(config):
        return
    site = Path(config.site_dir)
    for entry in offline.ENTRIES:
        target = site / "assets" / "javascripts" / f"{entry}.bundle.js"
        target.write_text(offline.bundle(entry), encoding="utf-8")
    for index in site.glob("**/search/search_index.json"):
        index.with_suffix(".js").write_text(
            "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8"
        )
