"""One search index per language, indexing prose rather than form controls.

The i18n plugin merges every language into the root search index, so a
search on an English page lists French pages too. After the last language is
built, split the index: French entries stay at search/search_index.json,
English ones go to en/search/search_index.json with addresses relative to
/en/, and English pages tell Material's search (the "base" of its config)
to look there. Each index keeps only its own language's stemmer.

On the self-assessment and synthesis pages, the form's controls (option
labels, buttons, notes fields, messages shown by the script) are marked
data-search-exclude just before the theme indexes the page, so that search
finds and quotes their prose; the theme then drops the mark from the page.
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

# The pages that hold a form (hooks/content.py renders them).
FORM_PAGE = re.compile(r"\bdata-kit-(?:checklist|synthesis)\b")
START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*?)?(/?)>")
CONTROL_TAGS = {"label", "option", "select", "textarea", "button", "progress", "output"}
# Script-only messages and live regions, the no-script notice, permalinks.
NOT_PROSE = re.compile(
    r"""(?:^|\s)(?:hidden(?:\s|=|$)|aria-live=|role="(?:status|alert)"|class="[^"]*\b(?:headerlink|kit-nojs)\b)"""
)
# Material's search plugin skips elements with this attribute, then strips it.
EXCLUDE = ' data-search-exclude="form"'
# What is left of a paragraph that held only controls.
EMPTY_PARAGRAPH = re.compile(r"\s*<p>\s*</p>")

CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Before the theme indexes a form page (its search plugin runs at priority 0).
@event_priority(10)
def on_page_context(context, page, config, nav):
    if page.content and FORM_PAGE.search(page.content):
        page.content = START_TAG.sub(_exclude_controls, page.content)
    return context


def _exclude_controls(match: re.Match) -> str:
    tag, attributes, close = match.group(1), match.group(2) or "", match.group(3)
    if tag.lower() in CONTROL_TAGS or NOT_PROSE.search(attributes):
        return f"<{tag}{attributes}{EXCLUDE}{close}>"
    return match.group(0)


# Make Material's search on a non-default-language page use that language's index.
# (Also drops the form pages' search mark, should the theme's search not have.)
def on_post_page(output: str, page, config) -> str:
    output = output.replace(EXCLUDE, "")
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


# Split the merged index once every language is built (after the i18n plugin),
# and before the offline copy writes each index as a script (hooks/offline.py).
@event_priority(order.SEARCH_SPLIT)
def on_post_build(config) -> None:
    if not locales.all_built(config):
        return
    site = Path(config.site_dir)
    merged_path = site / "search" / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    for doc in merged["docs"]:
        doc["text"] = EMPTY_PARAGRAPH.sub("", doc["text"]).strip()
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

