"""What the self-assessment and synthesis scripts are given, per language.

The pages carry it as JSON (overrides/partials/kit/checklist.html and
synthesis.html); checklist.js and synthesis.js read nothing else: the
strings, the items with their stable ids, the scales and the roles.
"""

from __future__ import annotations

import re

from kitlib import kit
from kitlib.typography import typeset

# -----------------------------------------------------------------------------
# Self-assessment
# -----------------------------------------------------------------------------


# What the self-assessment's script needs, in one language.
def checklist_spec(data: dict, lang: str) -> dict:
    checklist = data["checklist"]
    labels = data["labels"]
    separator = kit.text(labels["question_label_separator"], lang)
    return {
        "schema": checklist["schema"],
        "contentVersion": data["content_version"],
        "lang": lang,
        # Between a label and its value in exports ("Date : …"), as typeset after a word.
        "separator": typeset(f"x{separator}", lang)[1:],
        "storageKey": checklist["storage_key"],
        "maxImportKb": checklist["max_import_kb"],
        "maxNote": checklist["max_note"],
        "maxResource": checklist["max_resource"],
        # Erase removes every key of this site: the answers, their backups and the synthesis.
        "eraseKeys": [checklist["storage_key"], data["synthesis"]["storage_key"]],
        "roleOrder": [role["id"] for role in data["roles"]],
        "roles": {role["id"]: typeset(kit.text(role["label"], lang), lang) for role in data["roles"]},
        "scales": {
            scale["id"]: {
                "flag": scale["flag"],
                "calm": scale["calm"],
                # tojson sorts keys: the order of the options travels apart.
                "order": [o["id"] for o in scale["options"]],
                "options": {o["id"]: kit.text(o["label"], lang) for o in scale["options"]},
            }
            for scale in checklist["scales"]
        },
        "exchanges": [
            {
                "id": exchange["id"],
                "scale": exchange["scale"],
                "title": typeset(f"{kit.text(labels['exchange'], lang)} {exchange['number']}{separator}"
                                  f"{kit.text(exchange['title'], lang)}", lang),
                "items": [
                    {
                        "id": f"{exchange['id']}.{prompt['id']}",
                        "statement": typeset(kit.text(prompt["statement"], lang), lang),
                        "formerly": [f"{exchange['id']}.{old}" for old in prompt.get("formerly", [])],
                        "rewordedIn": prompt.get("reworded_in"),
                    }
                    for prompt in exchange["prompts"]
                ],
            }
            for exchange in data["exchanges"]
        ],
        "strings": {key: typeset(kit.text(value, lang), lang) for key, value in checklist["strings"].items()},
    }


# What the synthesis script needs: the self-assessment's spec and its own.
def synthesis_spec(data: dict, lang: str) -> dict:
    spec = checklist_spec(data, lang)
    shorts = {role["id"]: typeset(kit.text(role["short"], lang), lang) for role in data["roles"]}
    spec["synthesis"] = {
        # Column headers where space is short, explained by a legend.
        "roleShort": shorts,
        "roleAbbr": abbreviations(shorts),
        "storageKey": data["synthesis"]["storage_key"],
        "maxFiles": data["synthesis"]["max_files"],
        "strings": {key: typeset(kit.text(value, lang), lang)
                    for key, value in data["synthesis"]["strings"].items()},
    }
    return spec


# Each role's initials ("Personne usagère" PU, "Membre du CA" MCA), one
# letter more from its last word while two roles would share them.
def abbreviations(shorts: dict) -> dict:
    def initials(label: str, extra: int) -> str:
        words = [w for w in re.findall(r"\w+", label) if len(w) > 2 or w.isupper()]
        parts = [w if w.isupper() else w[0].upper() for w in words] or [label[:1]]
        return "".join(parts) + words[-1][1:1 + extra].lower() if words else parts[0]

    found: dict = {}
    for role, label in shorts.items():
        extra = 0
        while initials(label, extra) in found.values() and extra < len(label):
            extra += 1
        found[role] = initials(label, extra)
    return found
