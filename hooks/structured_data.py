"""Structured data for other sites: JSON-LD on the reference page and a
reference.json (with its schema) at the site root, both from data/kit.yml.

A page asks for the JSON-LD with `structured_data: terms` in its front matter.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kitlib import kit, locales, order, sheets
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

SCHEMA = kit.SCHEMA_FILE.with_name("reference.schema.json")

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Append the page's JSON-LD, in its language.
def on_page_markdown(markdown: str, page, config, files) -> str | None:
    kind = page.meta.get("structured_data")
    if kind is None:
        return None
    if kind != "terms":
        raise PluginError(f"docs/{page.file.src_uri}: structured_data: unknown kind '{kind}' (known: terms)")
    data = json.dumps(defined_terms(config, kit.load(), page.file.locale, page.url), ensure_ascii=False, indent=1)
    data = data.replace("</", "<\\/")  # cannot close the script element
    return f'{markdown}\n\n<script type="application/ld+json">\n{data}\n</script>\n'


# Write reference.json and its schema once every language is built.
@event_priority(order.AFTER_SITE_FILES)
def on_post_build(config) -> None:
    if not locales.all_built(config):
        return
    site = Path(config.site_dir)
    (site / "reference.json").write_text(
        json.dumps(reference(config, kit.load()), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    shutil.copyfile(SCHEMA, site / "reference.schema.json")


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# The URL of a page (and anchor) in a language: absolute under site_url, else
# relative to `here`, where the JSON is served ("" for the site root).
def url(config, page: str, anchor: str | None, lang: str, here: str) -> str:
    path = locales.page_path(config, page, lang)
    absolute = locales.public_address(config, path, anchor)
    if absolute:
        return absolute
    relative = get_relative_url(path, here) if here else (path or "./")
    return relative + (f"#{anchor}" if anchor else "")


# A schema.org DefinedTermSet for the terms, with the CSMO-ÉSAC quotation.
def defined_terms(config, data: dict, lang: str, here: str) -> dict:
    quote = data["citation"]
    base = url(config, data["terms"][0]["page"], None, lang, here)
    organisation = {"@type": "Organization", "name": quote["author"], "alternateName": quote["author_short"]}
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": base,
        "url": base,
        "name": kit.text(data["labels"]["site_name"], lang),
        "inLanguage": lang,
        "version": data["content_version"],
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": url(config, term["page"], term["id"], lang, here),
                "url": url(config, term["page"], term["id"], lang, here),
                "termCode": term["id"],
                "name": kit.text(term["name"], lang),
                "description": kit.text(term["definition"], lang),
                "inDefinedTermSet": base,
            }
            for term in data["terms"]
        ],
        "citation": {
            "@type": "Quotation",
            "@id": url(config, quote["page"], quote["anchor"], lang, here),
            "text": " ".join(quote["quote"].split()),
            "inLanguage": "fr",
            "creator": organisation,
            "isPartOf": {
                "@type": "Book",
                "name": quote["work"],
                "inLanguage": "fr",
                "datePublished": quote["date"],
                "author": organisation,
            },
        },
    }


# The terms, quotation and exchanges with their URLs in both languages.
def reference(config, data: dict) -> dict:
    def both(value: dict) -> dict:
        return {lang: " ".join(kit.text(value, lang).split()) for lang in kit.LANGUAGES}

    def urls(page: str, anchor: str) -> dict:
        return {lang: url(config, page, anchor, lang, "") for lang in kit.LANGUAGES}

    quote = data["citation"]
    return {
        "name": both(data["labels"]["site_name"]),
        "contentVersion": data["content_version"],
        "languages": list(kit.LANGUAGES),
        "terms": [
            {"id": t["id"], "name": both(t["name"]), "definition": both(t["definition"]),
             "url": urls(t["page"], t["id"])}
            for t in data["terms"]
        ],
        "quotation": {
            "text": " ".join(quote["quote"].split()),
            "language": "fr",
            "source": {lang: sheets.source_citation(data, lang) for lang in kit.LANGUAGES},
            "url": urls(quote["page"], quote["anchor"]),
        },
        "exchanges": [
            {"id": e["id"], "question": both(e["question"]), "url": urls("preparation", e["id"])}
            for e in data["exchanges"]
        ],
    }
