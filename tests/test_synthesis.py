"""The group synthesis in Chromium: exports made by the real checklist,
combined by role, with disagreements, bad files, print and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from checklist_pages import DATA, MAX_IMPORT_KB, answer, export, opened, plain

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
    page.wait_for_selector(".kit-synthesis--ready")  # the script has read what is stored
    return page


def row_counts(page, item: str, option: str) -> list[str]:
    return page.locator(f'[data-item="{item}"] tr[data-option="{option}"] td').all_text_contents()


def test_three_exports_combine_into_counts_notes_and_disagreements_by_role(page, base_url, exports):
    open_synthesis(page, base_url + "synthese/")
    add_files(page, {"usager.json": exports["usager"], "ca.json": exports["board"], "ancien.json": exports["older"]})
    page.wait_for_function("() => document.querySelectorAll('.kit-file-list li').length === 3")
    files = plain(page.locator(".kit-file-list").inner_text())
    # Role, resource and date first, then the file.
    assert "Personne usagère, ressource non précisée, 20" in files and ": usager.json (fr, 3 réponses)" in files
    assert "Membre du conseil d'administration, ressource non précisée" in files and "ca.json (en, 3 réponses)" in files
    assert "Personne employée, ressource non précisée" in files and "ancien.json (fr" in files
    assert plain(page.locator(".kit-results__people").inner_text()) == "3 personnes"
    headers = page.locator('[data-item="echange-1.financement"] thead .kit-role-name, [data-item="echange-1.financement"] thead th:not(:has(.kit-role-name))').all_text_contents()
    assert headers == ["Réponse", "Personne usagère", "Personne employée", "Membre du CA", "Total"]
    assert row_counts(page, "echange-1.financement", "important") == ["1", "1", "0", "2"]
    assert row_counts(page, "echange-1.financement", "pas-un-enjeu") == ["0", "0", "1", "1"]
    assert row_counts(page, "echange-2.fonctionnement", "a-surveiller") == ["1", "0", "1", "2"]
    assert not page.locator(".kit-details").evaluate("d => d.open")  # the details wait, folded, until opened
    open_details(page)
    notes = page.locator('[data-item="echange-1.financement"] .kit-notes li').all_inner_texts()
    assert [plain(n) for n in notes] == [
        "Personne usagère : Les subventions arrivent en retard Apporter",
        "Personne employée : Deux postes en moins Apporter",
        "Membre du CA : Budget is balanced Apporter",
    ]
    flagged = page.locator(".kit-differ--screen .kit-disagreement")
    assert flagged.count() == 2
    assert page.locator('[data-item="echange-1.financement"] .kit-differ--screen .kit-disagreement').count() == 1
    assert page.locator('[data-item="echange-3.rapports-egaux"] .kit-differ--screen .kit-disagreement').count() == 1
    assert page.locator('[data-item="echange-2.fonctionnement"] .kit-disagreement').count() == 0
    said = plain(page.locator('[data-item="echange-1.financement"] .kit-differ--screen .kit-disagreement').text_content())
    assert said == ("Les rôles ne sont pas d'accord : Personne usagère : Important · Personne employée : Important · "
                    "Membre du CA : Pas un enjeu.")
    overview = plain(page.locator(".kit-result__overview").first.text_content())
    assert overview.startswith("Le plus souvent marqué « Important » : Le financement (2 personnes sur 3).")
    assert page.watch.problems() == []
    assert all(url.startswith(base_url) for url in page.watch.requests)


def test_a_duplicate_and_bad_files_are_listed_with_their_reason_while_the_others_combine(page, base_url, exports):
    open_synthesis(page, base_url + "en/synthese/")
    add_files(page, {
        "a.json": exports["usager"], "again.json": exports["usager"], "broken.json": "{ not json",
        "other.json": json.dumps({"hello": "world"}), "big.json": "x" * (MAX_IMPORT_KB * 1024 + 1),
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
    assert download.value.suggested_filename.endswith(".txt")  # plain text: it opens everywhere
    assert text.startswith("# Synthèse du groupe")
    assert "### Le financement" in text and "- Important\u00a0: 1 (Personne usagère 1)" in text  # French colon
    assert "Les rôles ne sont pas d" in text and "> Personne usagère\u00a0: Les subventions arrivent en retard" in text
    page.emulate_media(media="print")
    assert not page.locator(".kit-files").is_visible()
    assert page.locator(".kit-glance").is_visible()
    assert not page.locator(".kit-results__body").is_visible()
    import io

    from pypdf import PdfReader
    page.evaluate("document.body.dataset.kitPrint = 'full'")  # what "Print the details" sets
    printed = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages)
    assert "Le financement" in printed and "subventions arrivent en retard" in printed


def test_five_peoples_exports_print_on_one_page_with_every_item(page, base_url, exports):
    import io
    import random

    from checklist_pages import DATA as data
    from pypdf import PdfReader

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
    assert "<img src=x" in page.locator('[data-item="echange-1.financement"] .kit-notes').text_content()
    assert page.evaluate("window.__xss") is None


# -----------------------------------------------------------------------------
# Hostile files and faults: nothing is counted that was not answered
# -----------------------------------------------------------------------------

from checklist_pages import (  # noqa: E402
    FIRST,
    FLAG,
    FULL_STORAGE,
    HOSTILE_MARKDOWN,
    LEAVING,
    MAX_NOTE,
    READS_WATCHED,
    SECOND,
    SPEC,
    UNTOUCHED_PROTOTYPE,
    Case,
    expected,
    in_units,
    markdown_structure,
    record_with,
    run_case,
    seed_script,
)

OWN = DATA["synthesis"]["strings"]
SYNTHESIS_KEY = DATA["synthesis"]["storage_key"]
ROLES = [role["id"] for role in DATA["roles"]]


def add_bytes(page, files: dict[str, bytes]) -> None:
    page.evaluate("document.querySelector('.kit-alert').replaceChildren()")
    page.set_input_files("#kit-files-input", files=[
        {"name": name, "mimeType": "application/json", "buffer": data} for name, data in files.items()])
    page.wait_for_selector(".kit-file-list li button, .kit-alert:not(:empty)")


def file_list(page) -> str:
    return plain(page.locator(".kit-file-list").inner_text())


def counts_add_up(page) -> None:
    """Every per-role cell of every table adds up to its row's total."""
    rows = page.evaluate("""() => [...document.querySelectorAll('.kit-counts tbody tr')].map(tr =>
        [...tr.querySelectorAll('td')].map(td => Number(td.textContent)))""")
    assert rows and all(sum(row[:-1]) == row[-1] for row in rows), rows


def one_file(answers: dict, **extra) -> dict[str, bytes]:
    return {"a.json": json.dumps(record_with(answers, **extra)).encode("utf-8")}


def answer_left_out(value):
    def act(page, lang):
        add_bytes(page, {**one_file({FIRST: {"value": value}, SECOND: {"value": FLAG}}, role=ROLES[0]),
                         "b.json": json.dumps(record_with({FIRST: {"value": FLAG}}, role=ROLES[1])).encode("utf-8")})
        page.wait_for_function("() => document.querySelectorAll('.kit-file-list li button').length === 2")
        counts_add_up(page)
        assert row_counts(page, FIRST, FLAG) == ["0", "1", "1"]
        assert page.evaluate(UNTOUCHED_PROTOTYPE)
        return file_list(page), {"n": 1}
    return act


def role_left_out(role, keep=False):
    def act(page, lang):
        if keep:
            page.check("#kit-keep")
        add_bytes(page, one_file({FIRST: {"value": "__proto__"}, SECOND: {"value": FLAG}}, role=role))
        if keep:
            page.reload()
            page.wait_for_selector(".kit-synthesis--ready")
        counts_add_up(page)
        assert page.locator('[data-item] thead th').first.evaluate("th => th.parentElement.children.length") == 3
        assert page.watch.page_errors == [] and page.evaluate(UNTOUCHED_PROTOTYPE)
        return file_list(page), {"role": role}
    return act


def item_left_out(page, lang):
    raw = json.dumps(record_with({FIRST: {"value": FLAG}})).replace('"answers": {', '"answers": {"__proto__": {"value": "' + FLAG + '"}, ')
    add_bytes(page, {"a.json": raw.encode("utf-8")})
    assert page.evaluate(UNTOUCHED_PROTOTYPE)
    return file_list(page), {"n": 1}


def refused(data: bytes, **values):
    def act(page, lang):
        add_bytes(page, {"f.json": data})
        assert page.evaluate("window.__read") is None, "the file was read before its size was checked"
        return plain(page.locator(".kit-alert").inner_text()), values
    return act


def read_with_bom(data: bytes):
    def act(page, lang):
        add_bytes(page, {"bom.json": data})
        assert page.locator(".kit-file-list li button").count() == 1
        return plain(page.locator(".kit-results__people").inner_text()), {}
    return act


def encoded_file(encoding: str, bom: bytes) -> bytes:
    return bom + json.dumps(record_with({FIRST: {"value": FLAG, "note": "Été 😀"}}), ensure_ascii=False).encode(encoding)


def dropped_outside_the_zone(page, lang):
    prevented = page.evaluate("""(text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], 'dehors.json', {type: 'application/json'}));
        const over = new DragEvent('dragover', {dataTransfer: data, bubbles: true, cancelable: true});
        const drop = new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true});
        document.querySelector('h1').dispatchEvent(over);
        document.querySelector('h1').dispatchEvent(drop);
        return over.defaultPrevented && drop.defaultPrevented;
      }""", json.dumps(record_with({FIRST: {"value": FLAG}})))
    assert prevented, "the browser would open the file and leave the page"
    page.wait_for_selector(".kit-file-list li button")
    return plain(page.locator(".kit-results__people").inner_text()), {}


def leaving_with_files_not_kept(page, lang):
    assert not page.evaluate(LEAVING)
    add_bytes(page, one_file({FIRST: {"value": FLAG}}))
    assert page.evaluate(LEAVING)
    page.check("#kit-keep")
    assert not page.evaluate(LEAVING), "kept on this device: nothing to lose"
    return plain(page.locator(".kit-results__people").inner_text()), {}


def longest_note_whole(page, lang):
    note = in_units("Été « ça » 🌱 שלום\n", MAX_NOTE)
    add_bytes(page, one_file({FIRST: {"value": FLAG, "note": note}}))
    shown = page.locator(f'[data-item="{FIRST}"] .kit-notes li span').text_content()
    assert shown == note
    return plain(page.locator(".kit-results__people").inner_text()), {}


def note_over_the_limit(page, lang):
    add_bytes(page, one_file({FIRST: {"value": FLAG, "note": "n" * (MAX_NOTE + 10)}}))
    return file_list(page), {"n": 1}


def markdown_without_markup(page, lang):
    add_bytes(page, one_file({FIRST: {"value": FLAG, "note": "simple"}}, role=ROLES[0]))
    with page.expect_download() as download:
        page.click("[data-kit-action=markdown]")
    simple = markdown_structure(Path(download.value.path()).read_text(encoding="utf-8"))
    page.locator(".kit-file-list li button").first.click()
    add_bytes(page, one_file({FIRST: {"value": FLAG, "note": HOSTILE_MARKDOWN}}, role=ROLES[0]))
    with page.expect_download() as download:
        page.click("[data-kit-action=markdown]")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert markdown_structure(text) == simple, text
    return text, {}


def corrupt_twice(page, lang):
    page.evaluate(f"localStorage.setItem({json.dumps(SYNTHESIS_KEY)}, '[{{corrompu 2')")
    page.reload()
    page.wait_for_selector(".kit-synthesis--ready")
    buttons = page.locator(".kit-backups button")
    assert buttons.count() == 2
    with page.expect_download() as download:
        buttons.first.click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == "[{corrompu 2"
    return plain(page.locator(".kit-alert").inner_text()), {}


def corrupt_and_full(page, lang):
    assert page.locator(".kit-backups button").count() == 1
    return plain(page.locator(".kit-alert").inner_text()), {}


def full_while_keeping(page, lang):
    page.check("#kit-keep")
    add_bytes(page, one_file({FIRST: {"value": FLAG}}))
    assert page.locator(".kit-file-list li button").count() == 1
    assert page.evaluate(LEAVING), "files kept nowhere else"
    return plain(page.locator(".kit-alert").inner_text()), {}


def erase_with_backups(page, lang):
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.click("[data-kit-action=erase]")
    # What stays is the mark that tells late tabs of the erase, and nothing of the files.
    assert page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith({json.dumps(SYNTHESIS_KEY)}))") == [f"{SYNTHESIS_KEY}:erased"]
    assert page.locator(".kit-backups").is_hidden()
    assert plain(messages[0]) == expected("erase_confirm", lang, OWN)
    return plain(page.locator(".kit-status").inner_text()), {}


SYNTHESIS_CASES = {
    "answer __proto__ left out": Case(answer_left_out("__proto__"), "left_values", table=OWN),
    "answer constructor left out": Case(answer_left_out("constructor"), "left_values", table=OWN),
    "answer toString left out": Case(answer_left_out("toString"), "left_values", table=OWN),
    "role toString with answer __proto__, kept": Case(role_left_out("toString", keep=True), "left_role", table=OWN),
    "role constructor left out": Case(role_left_out("constructor"), "left_role", table=OWN),
    "role __proto__ left out": Case(role_left_out("__proto__"), "left_role", table=OWN),
    "item __proto__ left out": Case(item_left_out, "left_items", table=OWN),
    "oversized file refused unread": Case(
        refused(b" " * (MAX_IMPORT_KB * 1024 + 1), size=MAX_IMPORT_KB + 1, max=MAX_IMPORT_KB),
        "error_size", init=READS_WATCHED),
    "Latin-1 file refused": Case(refused(json.dumps(record_with({FIRST: {"value": FLAG, "note": "Été"}}),
                                                    ensure_ascii=False).encode("latin-1")), "error_encoding"),
    "UTF-16 LE file with BOM read": Case(read_with_bom(encoded_file("utf-16-le", b"\xff\xfe")), "people_one", table=OWN, values={"n": 1}),
    "UTF-16 BE file with BOM read": Case(read_with_bom(encoded_file("utf-16-be", b"\xfe\xff")), "people_one", table=OWN, values={"n": 1}),
    "file dropped outside the zone": Case(dropped_outside_the_zone, "people_one", table=OWN, values={"n": 1}),
    "leaving with files not kept": Case(leaving_with_files_not_kept, "people_one", table=OWN, values={"n": 1}),
    "longest note shown whole": Case(longest_note_whole, "people_one", table=OWN, values={"n": 1}),
    "note over the limit told": Case(note_over_the_limit, "left_long", table=OWN),
    "Markdown export without markup": Case(markdown_without_markup, "markdown_title", table=OWN),
    "second corruption keeps the first": Case(corrupt_twice, "stored_corrupt",
                                              init=seed_script({SYNTHESIS_KEY: "[{corrompu 1"})),
    "corrupt data and full storage": Case(corrupt_and_full, "stored_corrupt",
                                          init=seed_script({SYNTHESIS_KEY: "[{corrompu"}) + FULL_STORAGE),
    "storage full while keeping": Case(full_while_keeping, "storage_full", init=FULL_STORAGE),
    "erase removes the backups too": Case(erase_with_backups, "erased", table=OWN, init=seed_script(
        {f"{SYNTHESIS_KEY}:backup:2026-11-01T10:00:00.000Z": "[ancien", SYNTHESIS_KEY: "[]"})),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(SYNTHESIS_CASES))
def test_hostile_files_and_faults_end_with_the_expected_message(browser, base_url, name, lang):
    run_case(browser, SYNTHESIS_CASES[name], lang, lambda page, prefix: open_synthesis(page, f"{base_url}{prefix}synthese/"))


# -----------------------------------------------------------------------------
# A synthesis to read, on screen and on paper; the bars; the sheet to bring
# -----------------------------------------------------------------------------

from kitlib import kit  # noqa: E402
from synthesis_pages import EXCHANGES, RESOURCE, SCALES, open_details, people_files, printout, roles_of  # noqa: E402

TEN_POINTS = 10 * 96 / 72  # in CSS pixels


def with_five_people(page, url: str) -> dict[str, str]:
    files = people_files(5)
    open_synthesis(page, url)
    add_files(page, files)
    page.wait_for_function("() => document.querySelectorAll('.kit-file-list li button').length === 5")
    return files


def role_name(role: str, lang: str = "fr") -> str:
    return plain(kit.text(next(r for r in DATA["roles"] if r["id"] == role)["label"], lang))


def test_tables_are_ruled_with_a_header_row_of_separate_cells_and_print_at_ten_points(page, base_url):
    with_five_people(page, base_url + "synthese/")
    open_details(page)
    for table in (".kit-glance__table", ".kit-counts"):
        style = page.locator(table).first.evaluate("""t => {
            const th = [...t.tHead.rows[0].cells], cell = t.tBodies[0].rows[0].cells[1];
            const box = (e) => e.getBoundingClientRect(), css = (e) => getComputedStyle(e);
            return {
              ruled: parseFloat(css(cell).borderBottomWidth), head: parseFloat(css(th[0]).borderBottomWidth),
              padding: Math.min(...th.map((h) => parseFloat(css(h).paddingLeft))),
              apart: th.slice(1).every((h, i) => box(h).left >= box(th[i]).right - 1),
            };
        }""")
        assert style["ruled"] >= 1 and style["head"] > style["ruled"], (table, style)
        assert style["padding"] >= 4 and style["apart"], (table, style)
    page.emulate_media(media="print")
    page.evaluate("document.body.dataset.kitPrint = 'full'")
    sizes = page.evaluate("""() => [...document.querySelectorAll(
        '.kit-glance__table td, .kit-glance__table th, .kit-counts td, .kit-counts th, .kit-notes li, .kit-about')]
        .map((e) => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= TEN_POINTS - 0.01, min(sizes)


def test_on_a_phone_every_row_is_a_block_with_its_columns_named(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    with_five_people(page, base_url + "synthese/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    row = page.locator(".kit-counts tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "block"
    cells = row.locator("td:not(.kit-zero)")
    assert cells.count() >= 1
    for cell in cells.all():
        label = cell.evaluate("td => getComputedStyle(td, '::before').content")
        assert label.strip('"') == cell.get_attribute("data-label") and label != "none"
    # A word stays whole on its line: the item's name spans the row.
    th = page.locator(".kit-glance__table tbody th").first
    assert th.evaluate("th => th.getBoundingClientRect().width") > 300
    context.close()


def test_every_item_keeps_its_row_and_every_answer_its_line_answered_or_not(page, base_url, exports):
    open_synthesis(page, base_url + "synthese/")
    add_files(page, {"usager.json": exports["usager"]})
    statements = sum(len(e["prompts"]) for e in EXCHANGES)
    assert page.locator(".kit-glance__table tbody tr").count() == statements
    open_details(page)
    for exchange in EXCHANGES:
        options = [o["id"] for o in SCALES[exchange["scale"]]["options"]]
        for prompt in exchange["prompts"]:
            rows = page.locator(f'[data-item="{exchange["id"]}.{prompt["id"]}"] .kit-counts tbody tr')
            assert [row.get_attribute("data-option") for row in rows.all()] == options


def test_each_item_shows_every_answer_s_total_and_a_bar_per_role_with_its_counts(page, base_url):
    files = with_five_people(page, base_url + "synthese/")
    roles = roles_of(files)
    patterns = page.evaluate("[...document.querySelectorAll('.kit-patterns pattern')].map(p => p.id)")
    for row in page.locator(".kit-glance__table tbody tr").all():
        bars = row.locator("td svg.kit-bar")
        assert bars.count() == 1 + len(roles)  # the total, then each role
        assert all(bar.get_attribute("aria-hidden") == "true" for bar in bars.all())
        assert all(bar.bounding_box()["width"] >= 120 for bar in bars.all())
        written = [int(n) for n in row.locator(".kit-glance__bar .kit-bar__count").all_text_contents()]
        assert sum(written) == len(files)  # every answer's total, each count in its segment
        for bar in bars.all():
            for segment in bar.locator(".kit-bar__segment").all():
                assert segment.get_attribute("fill").removeprefix("url(#").removesuffix(")") in patterns
        words = row.locator(".kit-glance__roles .kit-sr").all_inner_texts()
        assert len(words) == len(roles) and OWN["cell_none"]["fr"] not in words
    names = page.locator(".kit-glance__table tbody tr").first.locator(".kit-role-name").all_inner_texts()
    assert [plain(n) for n in names] == [plain(page.evaluate(
        f"JSON.parse(document.getElementById('kit-synthesis-spec').textContent).synthesis.roleShort[{json.dumps(r)}]"))
        for r in ROLES if r in roles]  # the roles' names in full, on a wide screen
    page.emulate_media(media="print")
    assert page.locator("svg.kit-bar").first.is_visible()


@pytest.mark.parametrize("mode", ["glance", "full", "bring"])
def test_every_printout_says_the_resource_the_roles_with_their_counts_and_the_date(page, base_url, mode):
    files = with_five_people(page, base_url + "synthese/")
    page.emulate_media(media="print")
    first = plain(printout(page, mode).pages[0].extract_text())
    assert RESOURCE in first
    for role, count in roles_of(files).items():
        abbreviation = page.evaluate(f"JSON.parse(document.getElementById('kit-synthesis-spec').textContent).synthesis.roleAbbr[{json.dumps(role)}]")
        assert f"{role_name(role)} ({abbreviation}) : {count}" in first, role
    assert page.evaluate("new Date().toISOString().slice(0, 10)") in first


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_five_people_print_an_overview_page_a_page_per_exchange_and_a_one_page_sheet(page, base_url, paper):
    with_five_people(page, base_url + "synthese/")
    open_details(page)
    for box in page.locator(".kit-notes input").all()[:12]:
        box.check()  # the boxes of the sheet filled from notes
    page.emulate_media(media="print")
    assert len(printout(page, "glance", paper).pages) == 1
    detail = printout(page, "full", paper).pages
    assert len(detail) <= 1 + len(EXCHANGES)
    for exchange in EXCHANGES:  # each exchange on one page of its own
        title = plain(kit.text(exchange["title"], "fr"))
        assert sum(title in plain(p.extract_text()) for p in detail[1:]) == 1, title
    sheet = printout(page, "bring", paper).pages
    assert len(sheet) == 1
    assert "Une note pour la rencontre." in sheet[0].extract_text()


def test_the_sheet_to_bring_is_filled_from_ticked_notes_kept_across_a_reload_and_exported(context, base_url):
    page = context.new_page()
    with_five_people(page, base_url + "synthese/")
    page.check("#kit-keep")
    open_details(page)
    exchange = EXCHANGES[0]["id"]
    box = page.locator(f"#kit-bring-{exchange}")
    note = page.locator(f'[data-item^="{exchange}."] .kit-notes li').first
    said = plain(note.locator("strong").inner_text() + " " + note.locator("span").inner_text())
    note.locator("input").check()
    assert plain(box.input_value()) == said
    box.fill(box.input_value() + "\nNous voulons en parler en premier. « Ça » compte 🌱")
    page.reload()
    page.wait_for_selector(".kit-synthesis--ready")
    open_details(page)
    box = page.locator(f"#kit-bring-{exchange}")
    assert box.input_value().endswith("\nNous voulons en parler en premier. « Ça » compte 🌱")
    assert page.locator(f'[data-item^="{exchange}."] .kit-notes li input').first.is_checked()
    with page.expect_download() as download:
        page.click("[data-kit-action=bring-markdown]")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Ce que nous apportons à la rencontre")
    assert f"- Ressource\u00a0: {RESOURCE}" in text
    for e in EXCHANGES:
        assert f"## {kit.text(DATA['labels']['exchange'], 'fr')} {e['number']}" in text
    assert "Nous voulons en parler en premier. « Ça » compte 🌱" in text
    # Unticked, the note's line leaves the box; what the group typed stays.
    page.locator(f'[data-item^="{exchange}."] .kit-notes li input').first.uncheck()
    assert box.input_value() == "Nous voulons en parler en premier. « Ça » compte 🌱"
    page.reload()
    page.wait_for_selector(".kit-synthesis--ready")
    assert page.locator(f"#kit-bring-{exchange}").input_value() == "Nous voulons en parler en premier. « Ça » compte 🌱"


@pytest.mark.parametrize("width", [390, 1280])
def test_every_file_s_remove_button_is_beside_its_line_at_the_same_place_on_a_phone_and_a_screen(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    with_five_people(page, base_url + "synthese/")
    places = page.evaluate("""() => [...document.querySelectorAll('.kit-file-list li')].map((li) => {
        const line = li.querySelector('span').getBoundingClientRect(), button = li.querySelector('button').getBoundingClientRect();
        return {beside: button.left >= line.right - 1, left: Math.round(button.left)}; })""")
    assert len(places) == 5
    assert all(place["beside"] for place in places), places
    assert len({place["left"] for place in places}) == 1, places
    context.close()


# The page with these six people's files (people_files(6)), 390 px wide, as
# measured before the details were folded and the bars drawn per role
# (commit 49a8f61).
HEIGHT_WITH_SIX_BEFORE = 34_864


def test_with_six_files_the_synthesis_on_a_phone_is_at_most_a_third_of_its_former_height(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    open_synthesis(page, base_url + "synthese/")
    add_files(page, people_files(6))
    page.wait_for_function("() => document.querySelectorAll('.kit-file-list li button').length === 6")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= HEIGHT_WITH_SIX_BEFORE / 3, height
    # Each printout's buttons sit at the end of what they print.
    for action, section in (("print", ".kit-results"), ("print-bring", ".kit-bring-sheet"), ("bring-markdown", ".kit-bring-sheet")):
        assert page.locator(f"{section} [data-kit-action={action}]").count() == 1, action
    context.close()


def test_the_printed_sheet_to_bring_fills_its_page_with_room_to_write_for_each_exchange(page, base_url):
    with_five_people(page, base_url + "synthese/")
    page.emulate_media(media="print")
    page.evaluate("document.body.dataset.kitPrint = 'bring'")
    mm = 96 / 25.4
    sheet = page.locator(".kit-synthesis").evaluate("e => e.getBoundingClientRect().height") / mm
    boxes = [h / mm for h in page.locator(".kit-bring-exchange__printed").evaluate_all(
        "es => es.map((e) => e.getBoundingClientRect().height)")]
    assert len(boxes) == len(EXCHANGES)
    assert sheet >= 240, sheet  # the page's height, Letter or A4, less its margins and room to spare
    assert min(boxes) >= 3 * 7, boxes  # three ruled lines at least, 7 mm apart, in each exchange's box
    assert len(printout(page, "bring").pages) == 1
