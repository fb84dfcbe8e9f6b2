"""Per-language settings the i18n plugin does not translate.

The i18n plugin rebuilds the site once per language and sets
config.theme["language"] in its own on_config (priority -100); this hook runs
after it and adjusts what Markdown renders in that language.
"""

from __future__ import annotations

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
@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = config.theme["language"]
    if lang not in PERMALINK_TITLES:
        raise PluginError(f"hooks/language.py: no permalink title for language '{lang}'")
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = PERMALINK_TITLES[lang]
    return config
