"""The reference text as sentences, and which of them a page text lacks."""

from __future__ import annotations

import re

import yaml
from sitepages import ROOT, normalise

SOURCE = ROOT / "content" / "source.fr.txt"
CORRECTIONS = ROOT / "content" / "corrections.yml"

SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[«(A-ZÀ-ÖØ-Ý])")


# The listed editorial corrections, as (from, to) pairs.
def corrections() -> list[tuple[str, str]]:
    entries = yaml.safe_load(CORRECTIONS.read_text(encoding="utf-8"))
    return [(entry["from"], entry["to"]) for entry in entries if "from" in entry]


# Every sentence of the source, with the listed corrections applied.
def source_sentences() -> list[str]:
    text = SOURCE.read_text(encoding="utf-8")
    for wrong, right in corrections():
        text = text.replace(wrong, right)
    sentences = []
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        if paragraph:
            sentences.extend(s for s in SENTENCE_END.split(paragraph) if s.strip())
    return sentences


# The source sentences that do not appear, verbatim once normalised, in the text.
def missing_sentences(page_text: str, sentences: list[str] | None = None) -> list[str]:
    haystack = normalise(page_text)
    return [s for s in (sentences or source_sentences()) if normalise(s) not in haystack]
