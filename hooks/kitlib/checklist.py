"""What the self-assessment and synthesis scripts are given, per language.

The pages carry it as JSON (overrides/partials/kit/checklist.html and
synthesis.html); checklist.js and synthesis.js read nothing else: the
strings, the items with their stable ids, the scales and the roles.
"""

from __future__ import annotations

import math
import re
import unicodedata

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
    check_file_names(data, lang)
    return {
        "schema": checklist["schema"],
        "contentVersion": data["content_version"],
        "lang": lang,
        # Between a label and its value in exports ("Date : …"), as typeset after a word.
        "separator": typeset(f"x{separator}", lang)[1:],
        "storageKey": checklist["storage_key"],
        "maxImportKb": max_import_kb(data),
        "maxNote": checklist["max_note"],
        "maxResource": checklist["max_resource"],
        # Erase removes every key of this site: the answers, their backups and the synthesis.
        "eraseKeys": [checklist["storage_key"], data["synthesis"]["storage_key"]],
        "roleOrder": [role["id"] for role in data["roles"]],
        "roles": {role["id"]: typeset(kit.text(role["label"], lang), lang) for role in data["roles"]},
        # Each role as it is written in a file's name, in this language.
        "roleFiles": {role["id"]: file_part(kit.text(role["short"], lang)) for role in data["roles"]},
        "scales": {
            scale["id"]: {
                "flag": scale["flag"],
                "calm": scale["calm"],
                "unsure": scale.get("unsure", ""),
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


# The largest answers file the pages read, in KB, from the data's limits so
# that whatever the page lets someone type, its own export reads back: every
# note at its limit and one other version of it written in another tab at the
# same time, every character as long as UTF-8 makes one (4 bytes), the
# resource's name likewise, and room for each answer's stamps and keys.
def max_import_kb(data: dict) -> int:
    checklist = data["checklist"]
    items = sum(len(exchange["prompts"]) for exchange in data["exchanges"])
    texts = (items * checklist["max_note"] + checklist["max_resource"]) * VERSIONS * MAX_CHAR_BYTES
    return math.ceil((texts + (items + 1) * PER_FIELD_BYTES) / 1024)


VERSIONS = 2
MAX_CHAR_BYTES = 4
PER_FIELD_BYTES = 4096


# A piece of a file's name that every file system takes: lowercase ASCII
# letters and digits between single hyphens ("Membre du CA" → "membre-du-ca").
def file_part(text: str) -> str:
    letters = unicodedata.normalize("NFKD", text.translate(LIGATURES)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-")


LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})
SAFE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# The export file names' patterns, checked for every role in this language:
# a pattern that would make an unsafe or empty name stops the build.
def check_file_names(data: dict, lang: str) -> None:
    strings = data["checklist"]["strings"]
    for key in ("file_export", "file_export_no_role"):
        for role in data["roles"]:
            name = kit.text(strings[key], lang).replace("{role}", file_part(kit.text(role["short"], lang)))
            name = name.replace("{date}", "2026-11-27").replace("{person}", "k3f9a2")
            if not SAFE_NAME.match(name):
                raise kit.KitDataError(kit.DATA_FILE, f"checklist.strings.{key}.{lang}",
                                       f"makes the file name '{name}': use a-z, 0-9 and single hyphens")


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
