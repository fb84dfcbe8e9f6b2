"""Rendering of the kit's printable parts (worksheets, packet, exchanges).

Not a hook itself: hooks/exchanges.py, hooks/worksheets.py and hooks/pdfs.py
import it. Markup lives in overrides/partials/kit/; this module only builds
the template context from data/kit.yml and renders through the theme's env.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import kit
import typography
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

# Paper sizes of the PDFs: file suffix and CSS page size.
PAPERS = {"letter": "letter", "a4": "A4"}

# Where the worksheet pages live (language-independent).
WORKSHEETS = "fiches"
PACKET = "trousse"

# -----------------------------------------------------------------------------
# Context
# -----------------------------------------------------------------------------


# Path of a page of the site in a language, relative to the site root.
def page_path(page: str, lang: str) -> str:
    prefix = "" if lang == "fr" else f"{lang}/"
    return f"{prefix}{page}/" if page else prefix


# The file a page path is built to: itself with directory URLs, else its
# .html file (the offline copy, opened from disk, has no directory URLs).
def local_file(config, path: str) -> str:
    if config.use_directory_urls or not (path == "" or path.endswith("/")):
        return path
    lang, _, rest = path.partition("/") if path.startswith("en/") else ("", "", path)
    prefix = f"{lang}/" if lang else ""
    page = rest.rstrip("/")
    if page == "" or (Path(config.docs_dir) / page / "index.md").is_file():
        return f"{prefix}{page}/index.html".replace("//", "/").lstrip("/")
    return f"{prefix}{page}.html"


# File name of a worksheet PDF, relative to the site root.
def pdf_path(sheet_id: str, paper: str, lang: str) -> str:
    if paper not in PAPERS:
        raise PluginError(f"hooks/sheets.py: unknown paper size '{paper}'")
    return f"{page_path(WORKSHEETS, lang)}pdf/{sheet_id}-{paper}.pdf"


# The template context for one language; `here` is the page's URL, or None
# for a standalone document (every address absolute).
def context(config, lang: str, here: str | None) -> dict[str, Any]:
    data = kit.load()
    site_url = config.site_url or "/"

    def t(key: str) -> str:
        if key not in data["labels"]:
            raise PluginError(f"{kit.DATA_FILE}: labels.{key}: missing label used by a template")
        return kit.text(data["labels"][key], lang)

    def address(page: str, anchor: str | None = None) -> str:
        return urljoin(site_url, page_path(page, lang)) + (f"#{anchor}" if anchor else "")

    def href(path: str, anchor: str | None = None) -> str:
        if here is None:
            return urljoin(site_url, path) + (f"#{anchor}" if anchor else "")
        relative = get_relative_url(local_file(config, path), here)
        return relative + (f"#{anchor}" if anchor else "")

    return {
        "kit": data,
        "lang": lang,
        "t": t,
        "text": lambda value: kit.text(value, lang),
        "reference": lambda reference_id: kit.reference(data, reference_id),
        "address": address,
        "href": href,
        "page_path": lambda page: page_path(page, lang),
        "pdf_path": lambda sheet_id, paper: pdf_path(sheet_id, paper, lang),
        "papers": list(PAPERS),
        "worksheets": WORKSHEETS,
        "packet_id": PACKET,
        "standalone": here is None,
    }


# Render a kit template with the context of one language.
def render(config, template: str, lang: str, here: str | None, **extra) -> str:
    return environment(config).get_template(template).render(**context(config, lang, here), **extra)


# The theme's Jinja environment, made once per theme: get_env() builds a new
# one, without the compiled templates, at every call.
def environment(config):
    key = id(config.theme)
    if key not in _environments:
        _environments.clear()
        _environments[key] = config.theme.get_env()
    return _environments[key]


_environments: dict[int, Any] = {}


# The page title of a worksheet, or of the packet when exchange is None.
def worksheet_title(data: dict, exchange: dict | None, lang: str) -> str:
    if exchange is None:
        return kit.text(data["packet"]["title"], lang)
    labels = data["labels"]
    return (
        f"{kit.text(labels['worksheet'], lang)}{kit.text(labels['question_label_separator'], lang)}"
        f"{kit.text(labels['exchange'], lang).lower()} {exchange['number']}"
    )


# -----------------------------------------------------------------------------
# Page scripts
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
        "storageKey": checklist["storage_key"],
        "maxImportKb": checklist["max_import_kb"],
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


# Strings the script inserts get the same French typography as the page.
def typeset(text: str, lang: str) -> str:
    return typography.prose(text) if lang == "fr" else text
