"""The group synthesis in Chromium: exports made by the real checklist,
combined by role, with disagreements, bad files, print and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_checklist import DATA, answer, export, opened, plain

pytestmark = pytest.mark.browser


def make_export(browser, url: str, role: str, answers: dict) -> str:
    context = browser.new_context()
    page = opened(context.new_page(), url)
    page.select_option("#kit-role", role)
    for item, (value, note) in answers.items():
        answer(page, item, value, note)
    text = export(page, "json")
    context.close()
    return text


@pytest.fixture(scope="module")
def exports(browser, base_url):
    usager = make_export(browser, base_url + "auto-evaluation/", "personne-usagere", {
        "echange-1.financement": ("important", "Les subventions arrivent en retard"),
        "echange-3.rapports-egaux": ("pas-encore", "On ne nous demande pas notre avis"),
        "echange-2.fonctionnement": ("a-surveiller", ""),
    })
    board = make_export(browser, base_url + "en/auto-evaluation/", "membre-ca", {
        "echange-1.financement": ("pas-un-enjeu", "Budget is balanced"),
        "echange-3.rapports-egaux": ("pleinement", ""),
        "echange-2.fonctionnement": ("a-surveiller", ""),
    })
    older = json.loads(make_export(browser, base_url + "auto-evaluation/", "personne-employee", {
        "echange-1.financement": ("important", "Deux postes en moins"),
        "echange-1.relations-partenaires": ("important", ""),
    }))
    older["contentVersion"] = "2026.09"  # a file from an older version of the content
    return {"usager": usager, "board": board, "older": json.dumps(older)}


def add_files(page, files: dict[str, str]) -> None:
    page.evaluate("document.querySelector('.kit-alert').replaceChildren()")
    page.set_input_files("#kit-files-input", files=[
        {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}
        for name, text in files.items()
    ])
    page.wait_for_selector(".kit-file-list li button, .kit-alert:not(:empty)")


def open_synthesis(page, url: str):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(".kit-synthesis--ready")
    return page


def row_counts(page, item: str, option: str) -> list[str]:
    return page.locator(f'[data-item="{item}"] tr[data-option="{option}"] td').all_inner_texts()


def test_three_exports_combine_into_counts_notes_and_disagreements_by_role(page, base_url, exports):
    open_synthesis(page, base_url + "synthese/")
    add_files(page, {"usager.json": exports["usager"], "ca.json": exports["board"], "ancien.json": exports["older"]})
    page.wait_for_function("() => document.querySelectorAll('.kit-file-list li').length === 3")
    files = plain(page.locator(".kit-file-list").inner_text())
    assert "usager.json : Personne usagère" in files and ", fr, 3 réponses" in files
    assert "ca.json : Membre du conseil d'administration" in files and ", en, 3 réponses" in files
    assert "ancien.json : Personne employée" in files
    assert plain(page.locator(".kit-results__people").inner_text()) == "3 personnes"
    headers = page.locator('[data-item="echange-1.financement"] thead th').all_inner_texts()
    assert headers == ["Réponse", "Personne usagère", "Personne employée",
                       "Membre du conseil d’administration", "Total"]
    assert row_counts(page, "echange-1.financement", "important") == ["1", "1", "0", "2"]
    assert row_counts(page, "echange-1.financement", "pas-un-enjeu") == ["0", "0", "1", "1"]
    assert row_counts(page, "echange-2.fonctionnement", "a-surveiller") == ["1", "0", "1", "2"]
    notes = page.locator('[data-item="echange-1.financement"] .kit-notes li').all_inner_texts()
    assert [plain(n) for n in notes] == [
        "Personne usagère : Les subventions arrivent en retard",
        "Personne employée : Deux postes en moins",
        "Membre du conseil d'administration : Budget is balanced",
    ]
    flagged = page.locator(".kit-disagreement")
    assert flagged.count() == 2
    assert page.locator('[data-item="echange-1.financement"] .kit-disagreement').count() == 1
    assert page.locator('[data-item="echange-3.rapports-egaux"] .kit-disagreement').count() == 1
    assert page.locator('[data-item="echange-2.fonctionnement"] .kit-disagreement').count() == 0
    overview = plain(page.locator(".kit-result__overview").first.inner_text())
    assert overview.startswith("Le plus souvent marqués « Important » : Le financement (2)")
    assert page.watch.problems() == []
    assert all(url.startswith(base_url) for url in page.watch.requests)


def test_a_duplicate_and_bad_files_are_listed_with_their_reason_while_the_others_combine(page, base_url, exports):
    open_synthesis(page, base_url + "en/synthese/")
    add_files(page, {
        "a.json": exports["usager"], "again.json": exports["usager"], "broken.json": "{ not json",
        "other.json": json.dumps({"hello": "world"}), "big.json": "x" * (DATA["checklist"]["max_import_kb"] * 1024 + 1),
        "b.json": exports["board"],
    })
    page.wait_for_function("() => document.querySelectorAll('.kit-file-list li').length === 2")
    alert = plain(page.locator(".kit-alert").inner_text())
    assert "again.json was not added: this file is already in the list." in alert
    assert "broken.json was not added: This file is not a readable JSON file." in alert
    assert "other.json was not added: This file does not come from this self-assessment." in alert
    assert "big.json was not added: This file is too big" in alert
    assert plain(page.locator(".kit-results__people").inner_text()) == "2 people"


def test_a_file_can_be_removed_and_files_can_be_dropped(page, base_url, exports):
    open_synthesis(page, base_url + "synthese/")
    page.evaluate(
        """([a, b]) => {
             const data = new DataTransfer();
             data.items.add(new File([a], 'a.json', {type: 'application/json'}));
             data.items.add(new File([b], 'b.json', {type: 'application/json'}));
             document.querySelector('.kit-drop').dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
           }""",
        [exports["usager"], exports["board"]],
    )
    page.wait_for_function("() => document.querySelectorAll('.kit-file-list li button').length === 2")
    page.locator(".kit-file-list li button").first.click()
    assert plain(page.locator(".kit-results__people").inner_text()) == "1 personne"
    assert row_counts(page, "echange-1.financement", "pas-un-enjeu") == ["1", "1"]


def test_the_synthesis_prints_and_exports_as_markdown(page, base_url, exports):
    open_synthesis(page, base_url + "synthese/")
    add_files(page, {"usager.json": exports["usager"], "ca.json": exports["board"]})
    page.wait_for_function("() => document.querySelectorAll('.kit-file-list li button').length === 2")
    with page.expect_download() as download:
        page.click("[data-kit-action=markdown]")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Synthèse du groupe")
    assert "### Le financement" in text and "- Important: 1 (Personne usagère 1)" in text
    assert "Les rôles ne sont pas d" in text and "> Personne usagère: Les subventions arrivent en retard" in text
    page.emulate_media(media="print")
    assert not page.locator(".kit-files").is_visible()
    assert page.locator(".kit-glance").is_visible()
    assert not page.locator(".kit-results__body").is_visible()
    from pypdf import PdfReader
    import io
    page.evaluate("document.body.dataset.kitPrint = 'full'")  # what "Print the details" sets
    printed = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages)
    assert "Le financement" in printed and "subventions arrivent en retard" in printed


def test_five_peoples_exports_print_on_one_page_with_every_item(page, base_url, exports):
    import io
    import random
    from pypdf import PdfReader
    from test_checklist import DATA as data

    chooser = random.Random(5)
    files = {}
    for person, role in enumerate(["personne-usagere", "personne-usagere", "personne-employee", "membre-ca", "autre"]):
        answers = {}
        for exchange in data["exchanges"]:
            scale = next(s for s in data["checklist"]["scales"] if s["id"] == exchange["scale"])
            for prompt in exchange["prompts"]:
                answers[f"{exchange['id']}.{prompt['id']}"] = {
                    "value": chooser.choice(scale["options"])["id"], "note": "Une note pour la rencontre."}
        files[f"p{person}.json"] = json.dumps({
            "schema": 1, "contentVersion": data["content_version"], "lang": "fr",
            "updatedAt": f"2026-11-2{person}T10:00:00Z", "role": role, "resource": "", "answers": answers})
    open_synthesis(page, base_url + "synthese/")
    add_files(page, files)
    page.wait_for_function("() => document.querySelectorAll('.kit-file-list li button').length === 5")
    for paper in ("Letter", "A4"):
        reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
        assert len(reader.pages) == 1, (paper, len(reader.pages))
        printed = plain(reader.pages[0].extract_text())
        for exchange in data["exchanges"]:
            for prompt in exchange["prompts"]:
                assert plain(prompt["statement"]["fr"]) in printed, prompt["id"]


def test_the_combined_set_is_kept_on_the_device_only_when_asked(context, base_url, exports):
    page = open_synthesis(context.new_page(), base_url + "synthese/")
    add_files(page, {"usager.json": exports["usager"]})
    page.reload()
    page.wait_for_selector(".kit-synthesis--ready")
    assert page.locator(".kit-file-list li button").count() == 0
    add_files(page, {"usager.json": exports["usager"]})
    page.check("#kit-keep")
    page.reload()
    page.wait_for_selector(".kit-synthesis--ready")
    assert page.locator(".kit-file-list li button").count() == 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-kit-action=erase]")
    page.reload()
    page.wait_for_selector(".kit-synthesis--ready")
    assert page.locator(".kit-file-list li button").count() == 0


def test_text_from_files_is_shown_as_text(page, base_url, exports):
    record = json.loads(exports["usager"])
    record["answers"]["echange-1.financement"]["note"] = '<img src=x onerror="window.__xss=1">'
    open_synthesis(page, base_url + "synthese/")
    add_files(page, {'<b onclick="x">nom</b>.json': json.dumps(record)})
    page.wait_for_selector(".kit-file-list li button")
    assert page.locator(".kit-synthesis img, .kit-synthesis b").count() == 0
    assert "<img src=x" in page.locator('[data-item="echange-1.financement"] .kit-notes').inner_text()
    assert page.evaluate("window.__xss") is None
