"""Per-language settings the i18n plugin does not translate.

The i18n plugin rebuilds the site once per language and sets
config.theme["language"] in its own on_config (priority -100); this hook runs
after it and adjusts what Markdown renders in that language.
"""

from __future__ import annotations

from kitlib import kit, order
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

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
    return config


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
