"""Per-language settings the i18n plugin does not translate.

The i18n plugin rebuilds the site once per language and sets
config.theme["language"] in its own on_config (priority -100); this hook runs
after it and adjusts what Markdown renders in that language. Links to the
other language's pages (page.en.md#anchor in a French page) are resolved
here, since each language builds alone (kitlib/locales.py).
"""

from __future__ import annotations

import logging

from kitlib import kit, locales, order
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

log = logging.getLogger("kit.language")

PERMALINK_TITLES = {
    "fr": "Lien permanent vers cette section",
    "en": "Permanent link to this section",
}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Give heading permalinks a title in the language being built.
@event_priority(order.AFTER_LANGUAGE)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = config.theme["language"]
    if lang not in PERMALINK_TITLES:
        raise PluginError(f"hooks/language.py: no permalink title for language '{lang}'")
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = PERMALINK_TITLES[lang]
    _one_404_page(config, lang)
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


# Check the anchors of those links once every language is built.
@event_priority(order.AFTER_SITE_FILES)
def on_post_build(config) -> None:
    if locales.all_built(config):
        locales.check_cross_links(config)


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# Strings of site.js in one language (copy-link buttons), from data/kit.yml.
def site_strings(lang: str) -> dict[str, str]:
    labels = kit.load()["labels"]
    keys = ("copy_link", "copy_link_to", "link_copied", "link_not_copied")
    return {key: kit.text(labels[key], lang) for key in keys}


# Write the (bilingual) 404 page from the default language's build only: every
# build writes it at the site root, and the last one would win.
def _one_404_page(config: MkDocsConfig, lang: str) -> None:
    i18n = config.plugins.get("i18n")
    templates = config.theme.static_templates
    if i18n is None or lang == i18n.default_language:
        templates.add("404.html")
    else:
        templates.discard("404.html")
