"""The group synthesis page, filled from data/kit.yml into per-language stubs.

A stub names it in its front matter (`synthesis: synthese`); the page gets
the file list and results areas, and the spec synthesis.js reads: the
self-assessment's items, scales and roles plus the synthesis strings.
"""

from __future__ import annotations

import kit
import sheets
from mkdocs.exceptions import PluginError

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

SYNTHESES = {"synthese"}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Append the synthesis (as HTML, after Markdown) to its stub page, in the page's language.
def on_page_content(html: str, page, config, files) -> str | None:
    name = page.meta.get("synthesis")
    if name is None:
        return None
    if name not in SYNTHESES:
        raise PluginError(
            f"docs/{page.file.src_uri}: synthesis: unknown synthesis '{name}' "
            f"(known: {', '.join(sorted(SYNTHESES))})"
        )
    lang = page.file.locale
    data = kit.load()
    spec = sheets.checklist_spec(data, lang)
    spec["synthesis"] = {
        "storageKey": data["synthesis"]["storage_key"],
        "maxFiles": data["synthesis"]["max_files"],
        "strings": {key: sheets.typeset(kit.text(value, lang), lang)
                    for key, value in data["synthesis"]["strings"].items()},
    }
    addition = sheets.render(config, "partials/kit/synthesis.html", lang, page.url, spec=spec)
    return f"{html}\n{addition}\n"
