"""Shared helpers of the synthesis tests: files as the self-assessment
exports them, for as many people as asked, and printouts as PDFs."""

from __future__ import annotations

import io
import json
import random

from checklist_pages import DATA, record_with
from pypdf import PdfReader

ROLES = [role["id"] for role in DATA["roles"]]
EXCHANGES = DATA["exchanges"]
SCALES = {scale["id"]: scale for scale in DATA["checklist"]["scales"]}
RESOURCE = "Le Rivage, Rimouski"


def people_files(count: int = 5, seed: int = 5, note: str = "Une note pour la rencontre.") -> dict[str, str]:
    """`count` people's exports, the roles taken in turn, every item answered with a note."""
    chooser = random.Random(seed)
    files = {}
    for person in range(count):
        answers = {}
        for exchange in EXCHANGES:
            options = SCALES[exchange["scale"]]["options"]
            for prompt in exchange["prompts"]:
                answers[f"{exchange['id']}.{prompt['id']}"] = {"value": chooser.choice(options)["id"], "note": note}
        record = record_with(answers, role=ROLES[person % len(ROLES)], resource=RESOURCE,
                             updatedAt=f"2026-11-{10 + person}T10:00:00.000Z")
        files[f"personne-{person + 1}.json"] = json.dumps(record, ensure_ascii=False)
    return files


def open_details(page) -> None:
    """Unfold the details by role, as a person does to read the notes."""
    page.locator(".kit-details > summary").click()
    page.wait_for_selector(".kit-details[open] .kit-result")


def roles_of(files: dict[str, str]) -> dict[str, int]:
    """How many files each role has."""
    counts: dict[str, int] = {}
    for text in files.values():
        role = json.loads(text)["role"]
        counts[role] = counts.get(role, 0) + 1
    return counts


def printout(page, mode: str | None, paper: str = "Letter") -> PdfReader:
    """The page printed as a print button would ("glance", "full", "bring"):
    the details' button opens them too."""
    page.evaluate("""(mode) => {
        if (mode) document.body.dataset.kitPrint = mode; else delete document.body.dataset.kitPrint;
        if (mode === "full") document.querySelector(".kit-details").open = true;
    }""", mode)
    return PdfReader(io.BytesIO(page.pdf(format=paper)))
