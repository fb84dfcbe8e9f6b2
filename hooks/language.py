"""Per-language settings the i18n plugin does not translate.

The i18n plugin rebuilds the site once per language and sets
config.theme["language"] in its own on_config (priority -100); this hook runs
after it and adjusts what Markdown renders in that language. Links to the
other language's pages (page.en.md#anchor in a French page) are resolved
here, since each language builds alone (kitlib/locales.py).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from kitlib import kit, locales, order
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

log = logging.getLogger("kit.language")

# The 404 page of each non-default language, by folder, until all are built.
_pages_404: dict[str, str] = {}


# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Give heading permalinks a title in the language being built.
@event_priority(order.AFTER_LANGUAGE)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = config.theme["language"]
    title = kit.text(kit.load()["labels"]["section_permalink"], lang)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = title
    config.extra["kit_strings"] = site_strings(lang)
    if not config.site_url and lang == locales.default(config):
        # Not a MkDocs warning: --strict would stop, and this build is valid.
        log.warning("SITE_URL is not set: pages link relatively and work from any address, but carry "
                    "no canonical address, and worksheets, PDFs and citations show page paths instead "
                    "of full addresses. Set SITE_URL=https://… to publish.")
    return config


# Point links to the other language's sources at their pages.
def on_page_markdown(markdown: str, page, config, files) -> str:
    return locales.cross_links(markdown, page, config)


def on_page_content(html: str, page, config, files) -> str:
    return locales.cross_link_addresses(html, page, config)


# Each language builds into the same site folder, where its 404 page would
# replace the default language's: keep the others' aside (an empty output is
# not written) and write each in its language's folder once all are built.
@event_priority(order.LAST)
def on_post_template(output: str, template_name: str, config) -> str:
    folder = locales.prefix(config, config.theme["language"])
    if template_name != "404.html" or not folder:
        return output
    # Its search uses its own language's index, in its folder.
    base = re.search(r'"base": "([^"]*)"', output)
    if base:
        output = output.replace(base.group(0), f'"base": "{base.group(1).rstrip("/")}/{folder.rstrip("/")}"', 1)
    _pages_404[folder] = output
    return ""


# Check the anchors of cross-language links and write the other 404 pages,
# once every language is built.
@event_priority(order.AFTER_SITE_FILES)
def on_post_build(config) -> None:
    if not locales.all_built(config):
        return
    locales.check_cross_links(config)
    for folder, html in _pages_404.items():
        (Path(config.site_dir) / folder / "404.html").write_text(html, encoding="utf-8")
    _pages_404.clear()


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# Strings of site.js in one language (copy-link buttons, tables), from data/kit.yml.
def site_strings(lang: str) -> dict[str, str]:
    labels = kit.load()["labels"]
    keys = ("copy_link", "copy_link_to", "link_copied", "link_not_copied", "scroll_table")
    return {key: kit.text(labels[key], lang) for key in keys}
