"""One search index per language.

The i18n plugin merges every language into the root search index, so a
search on an English page lists French pages too. After the last language is
built, split the index: French entries stay at search/search_index.json,
English ones go to en/search/search_index.json with addresses relative to
/en/, and English pages tell Material's search (the "base" of its config)
to look there. Each index keeps only its own language's stemmer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kitlib import locales, order
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Make Material's search on a non-default-language page use that language's index.
def on_post_page(output: str, page, config) -> str:
    prefix = locales.prefix(config, getattr(page.file, "locale", None))
    if not prefix:
        return output

    def replace(match: re.Match) -> str:
        settings = json.loads(match.group(2))
        settings["base"] = get_relative_url(prefix, page.url).rstrip("/") or "."
        return match.group(1) + json.dumps(settings, ensure_ascii=False) + match.group(3)

    output, count = CONFIG_SCRIPT.subn(replace, output, count=1)
    if count != 1:
        raise PluginError(f"hooks/search_index.py: {page.file.src_uri}: no Material config script")
    return output


# Split the merged index once every language is built (after the i18n plugin).
@event_priority(order.AFTER_SITE_FILES)
def on_post_build(config) -> None:
    if not locales.all_built(config):
        return
    site = Path(config.site_dir)
    merged_path = site / "search" / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    languages = locales.built(config)
    others = [prefix for _, prefix in languages if prefix]
    for locale, prefix in languages:
        docs = [
            {**doc, "location": doc["location"][len(prefix):]}
            for doc in merged["docs"]
            if (doc["location"].startswith(prefix) if prefix
                else not any(doc["location"].startswith(o) for o in others))
        ]
        index = {**merged, "config": {**merged["config"], "lang": [locale]}, "docs": docs}
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

