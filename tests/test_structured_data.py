"""JSON-LD on the reference pages and reference.json: they parse, validate
against their schemas, and say what the pages say."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from sitepages import normalise, read

ROOT = Path(__file__).resolve().parent.parent
JSONLD_SCHEMA = {
    "type": "object",
    "required": ["@context", "@type", "@id", "inLanguage", "hasDefinedTerm", "citation"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "DefinedTermSet"},
        "hasDefinedTerm": {
            "type": "array", "minItems": 3,
            "items": {
                "type": "object",
                "required": ["@type", "@id", "name", "description", "inDefinedTermSet", "termCode"],
                "properties": {"@type": {"const": "DefinedTerm"}, "@id": {"type": "string", "pattern": "^https?://.+#[a-z-]+$"}},
            },
        },
        "citation": {
            "type": "object",
            "required": ["@type", "text", "creator", "isPartOf"],
            "properties": {"@type": {"const": "Quotation"}, "inLanguage": {"const": "fr"},
                           "isPartOf": {"type": "object", "required": ["@type", "name", "datePublished"]}},
        },
    },
}


def jsonld(site, prefix: str) -> dict:
    html = (site / prefix / "gestion-gouvernance/index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.mark.parametrize("prefix, lang", [("", "fr"), ("en/", "en")])
def test_the_reference_page_embeds_valid_json_ld_for_its_terms(site, base_url, prefix, lang):
    data = jsonld(site, prefix)
    errors = list(Draft202012Validator(JSONLD_SCHEMA).iter_errors(data))
    assert not errors, errors
    assert data["inLanguage"] == lang
    ids = read(site, prefix + "gestion-gouvernance/index.html").ids
    page_text = normalise(read(site, prefix + "gestion-gouvernance/index.html").text())
    for term in data["hasDefinedTerm"]:
        assert term["@id"].startswith(f"{base_url}{prefix}gestion-gouvernance/#")
        assert term["@id"].split("#")[1] in ids
        assert normalise(term["description"]) in page_text, term["termCode"]
    assert normalise(data["citation"]["text"]) in page_text


def test_reference_json_validates_against_its_published_schema(site):
    schema = json.loads((site / "reference.schema.json").read_text(encoding="utf-8"))
    reference = json.loads((site / "reference.json").read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(reference))
    assert not errors, [e.message for e in errors]
    assert {t["id"] for t in reference["terms"]} == {"gestion", "gouvernance", "modele-gestion-gouvernance"}


def test_reference_json_says_what_the_pages_say_at_the_urls_it_gives(site, base_url):
    reference = json.loads((site / "reference.json").read_text(encoding="utf-8"))
    for entry in reference["terms"] + reference["exchanges"]:
        for lang in ("fr", "en"):
            address = entry["url"][lang]
            path, anchor = address.removeprefix(base_url).split("#")
            page = read(site, path + "index.html")
            assert anchor in page.ids, address
            said = entry.get("definition", entry.get("question"))[lang]
            assert normalise(said) in normalise(page.text()), (address, said[:40])


def test_the_schema_rejects_a_reference_without_english():
    schema = json.loads((ROOT / "hooks/kitlib/reference.schema.json").read_text(encoding="utf-8"))
    broken = {"name": {"fr": "x"}, "contentVersion": "2026.11", "languages": ["fr", "en"],
              "terms": [], "quotation": {}, "exchanges": []}
    assert list(Draft202012Validator(schema).iter_errors(broken))
