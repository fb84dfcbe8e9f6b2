"""The self-assessment page, filled from data/kit.yml into per-language stubs.

A stub names it in its front matter (`checklist: auto-evaluation`); the form
is appended to the stub's own text, with the spec that checklist.js reads:
this language's strings, the items with their stable ids, scales and roles.
"""

from __future__ import annotations

import kit
import sheets
from mkdocs.exceptions import PluginError

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

CHECKLISTS = {"auto-evaluation"}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Append the checklist (as HTML, after Markdown) to its stub page, in the page's language.
def on_page_content(html: str, page, config, files) -> str | None:
    name = page.meta.get("checklist")
    if name is None:
        return None
    if name not in CHECKLISTS:
        raise PluginError(
            f"docs/{page.file.src_uri}: checklist: unknown checklist '{name}' "
            f"(known: {', '.join(sorted(CHECKLISTS))})"
        )
    lang = page.file.locale
    addition = sheets.render(config, "partials/kit/checklist.html", lang, page.url,
                         spec=sheets.checklist_spec(kit.load(), lang))
    return f"{html}\n{addition}\n"
