"""The self-assessment page, filled from data/kit.yml into per-language stubs.

A stub names it in its front matter (`checklist: auto-evaluation`); the form
is appended to the stub's own text, with the spec that checklist.js reads:
this language's strings, the items with their stable ids, scales and roles.
"""

from __future__ import annotations

import kit
import sheets
import typography
from mkdocs.exceptions import PluginError

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

CHECKLISTS = {"auto-evaluation"}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Append the checklist to its stub page, in the page's language.
def on_page_markdown(markdown: str, page, config, files) -> str | None:
    name = page.meta.get("checklist")
    if name is None:
        return None
    if name not in CHECKLISTS:
        raise PluginError(
            f"docs/{page.file.src_uri}: checklist: unknown checklist '{name}' "
            f"(known: {', '.join(sorted(CHECKLISTS))})"
        )
    lang = page.file.locale
    html = sheets.render(config, "partials/kit/checklist.html", lang, page.url,
                         spec=spec(kit.load(), lang))
    return f"{markdown}\n\n{html}\n"


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# What the page's script needs, in one language.
def spec(data: dict, lang: str) -> dict:
    checklist = data["checklist"]
    labels = data["labels"]
    separator = kit.text(labels["question_label_separator"], lang)
    return {
        "schema": checklist["schema"],
        "contentVersion": data["content_version"],
        "lang": lang,
        "storageKey": checklist["storage_key"],
        "maxImportKb": checklist["max_import_kb"],
        "roles": {role["id"]: _typeset(kit.text(role["label"], lang), lang) for role in data["roles"]},
        "scales": {
            scale["id"]: {
                "flag": scale["flag"],
                "options": {o["id"]: kit.text(o["label"], lang) for o in scale["options"]},
            }
            for scale in checklist["scales"]
        },
        "exchanges": [
            {
                "id": exchange["id"],
                "scale": exchange["scale"],
                "title": _typeset(f"{kit.text(labels['exchange'], lang)} {exchange['number']}{separator}"
                                  f"{kit.text(exchange['title'], lang)}", lang),
                "items": [
                    {
                        "id": f"{exchange['id']}.{prompt['id']}",
                        "statement": _typeset(kit.text(prompt["statement"], lang), lang),
                        "formerly": [f"{exchange['id']}.{old}" for old in prompt.get("formerly", [])],
                        "rewordedIn": prompt.get("reworded_in"),
                    }
                    for prompt in exchange["prompts"]
                ],
            }
            for exchange in data["exchanges"]
        ],
        "strings": {key: _typeset(kit.text(value, lang), lang) for key, value in checklist["strings"].items()},
    }


# Strings the script inserts get the same French typography as the page.
def _typeset(text: str, lang: str) -> str:
    return typography.prose(text) if lang == "fr" else text
