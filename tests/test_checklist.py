"""The self-assessment in Chromium: answers kept on the device, export,
import, bad inputs, two tabs and the keyboard."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
import yaml
from checklist_pages import (
    CHECKLIST_CASES,
    DATA,
    FIRST,
    ITEMS,
    KEY,
    MAX_IMPORT_KB,
    ROOT,
    SAMPLE,
    SPEC,
    TAG,
    XSS,
    alert_text,
    answer,
    answers_on,
    expected,
    export,
    exported_file,
    fill_sample,
    import_file,
    opened,
    plain,
    record_with,
    run_case,
    seed_script,
    ROLES,
    every_item_answered,
    file_name,
    first_release_export,
    scale_of,
    seeded_with,
    served_from,
    statement,
    status_text,
    stored,
    stored_answers,
    string,
)
from kitlib import kit  # noqa: E402

pytestmark = pytest.mark.browser


def scale_size(item: str) -> int:
    """How many answers an item's scale offers."""
    return len(scale_of(item)["options"])


@pytest.fixture
def checklist(page, base_url):
    return opened(page, base_url + "auto-evaluation/")


def test_every_item_has_a_stable_id_a_labelled_scale_and_a_note(site):
    for prefix in ("", "en/"):
        html = (site / prefix / "auto-evaluation/index.html").read_text(encoding="utf-8")
        assert html.count('class="kit-set"') == len(DATA["exchanges"])
        for item in ITEMS:
            assert f'<fieldset class="kit-item" id="{item}">' in html
            assert f'<label class="kit-note-label" for="{item}.note">' in html
            assert len(re.findall(rf'<label><input type="radio" name="{re.escape(item)}"', html)) == scale_size(item)


def test_each_item_asks_what_its_scale_answers_and_its_note_asks_the_open_question(site):
    for prefix, lang in (("", "fr"), ("en/", "en")):
        html = (site / prefix / "auto-evaluation/index.html").read_text(encoding="utf-8")
        for exchange in DATA["exchanges"]:
            for prompt in exchange["prompts"]:
                item = f"{exchange['id']}.{prompt['id']}"
                block = html.split(f'<fieldset class="kit-item" id="{item}">', 1)[1].split("</fieldset>", 1)[0]
                legend = re.search(r"<legend>(.*?) <a class=\"headerlink\"", block, re.S).group(1)
                note = re.search(rf'<label class="kit-note-label" for="{re.escape(item)}.note">(.*?) <span', block, re.S).group(1)
                assert plain(unescape(legend)) == plain(kit.text(prompt["ask"], lang))
                assert plain(unescape(note)) == plain(kit.text(prompt["text"], lang))


def test_without_javascript_every_exchange_and_item_shows_with_links_to_the_worksheets(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "auto-evaluation/")
    assert page.locator(".kit-item").count() == len(ITEMS)
    assert page.locator(".kit-nojs").is_visible()
    assert page.locator('.kit-nojs a[href$="fiches/"]').count() == 1
    assert not page.locator(".kit-keep").is_visible()
    context.close()


def test_progress_counts_answers_in_all_and_per_exchange(checklist):
    fill_sample(checklist)
    progress = plain(checklist.locator(".kit-progress__text").inner_text())
    assert progress == expected("progress", "fr", n=len(SAMPLE), total=len(ITEMS))
    assert checklist.locator(".kit-progress progress").evaluate("p => p.value") == len(SAMPLE)
    in_exchange_2 = [item for item in ITEMS if item.startswith("echange-2.")]
    answered_2 = len([item for item in SAMPLE if item.startswith("echange-2.")])
    assert plain(checklist.locator('[data-count-for="echange-2"]').inner_text()) == expected(
        "progress", "fr", n=answered_2, total=len(in_exchange_2))
    assert checklist.locator(".kit-progress__text").get_attribute("aria-live") == "polite"


def test_the_summary_lists_important_and_not_yet_items_and_every_note_whatever_its_answer(checklist):
    fill_sample(checklist)
    answer(checklist, "echange-2.fonctionnement", "a-surveiller", "")
    summary = plain(checklist.locator(".kit-summary__list").inner_text())
    assert "Le financement : Important" in summary and "Subvention en retard" in summary
    assert "rapports égaux » : Pas encore" in summary
    assert "Le partage du pouvoir : À surveiller" in summary and "Le CA décide seul" in summary  # its note
    assert "fonctionnement" not in summary  # to watch, and no note


def test_typing_in_a_note_changes_only_that_note_in_the_summary_and_the_record(checklist):
    fill_sample(checklist)
    # Mark every note shown; a note typed into must be the only one made again (a long note
    # laid out again at each key press makes typing slow on an old phone).
    marked = """() => [...document.querySelectorAll('.kit-summary__list p, .kit-record__note')]
        .map(note => { note.kitMark = note.kitMark || 'kept'; return note; }).length"""
    notes = checklist.evaluate(marked)
    assert notes >= 2 * 2  # at least two notes, in the summary and in the record
    checklist.locator('textarea[name="echange-1.financement.note"]').press_sequentially(" encore")
    after = checklist.evaluate("""() => [...document.querySelectorAll('.kit-summary__list p, .kit-record__note')]
        .map(note => [note.kitMark || 'new', note.textContent])""")
    assert len(after) == notes
    assert all(mark == "kept" for mark, _ in after)
    assert sum("Subvention en retard encore" in text for _, text in after) == 2


def test_the_printed_record_replaces_the_form_and_keeps_every_answer_and_note(checklist):
    fill_sample(checklist)
    checklist.emulate_media(media="print")
    assert not checklist.locator(".kit-form").is_visible()
    assert not checklist.locator(".kit-summary").is_visible()
    record = plain(checklist.locator(".kit-record").inner_text())
    assert "Subvention en retard" in record
    for item, (value, _) in SAMPLE.items():
        assert plain(statement(item, "fr")) in record
        assert plain(kit.text(next(o for o in scale_of(item)["options"] if o["id"] == value)["label"], "fr")) in record
    assert checklist.locator(".kit-record dt").count() == len(ITEMS)
    assert checklist.locator(".kit-record .kit-record__none").count() == len(ITEMS) - len(SAMPLE)


def test_answers_are_kept_after_a_reload_and_on_the_english_page(checklist, base_url):
    fill_sample(checklist)
    checklist.select_option("#kit-role", "personne-employee")
    expected = answers_on(checklist)
    assert len(expected) == len(SAMPLE)
    checklist.reload()
    checklist.wait_for_selector(".kit-checklist--ready")
    assert answers_on(checklist) == expected
    assert checklist.input_value("#kit-role") == "personne-employee"
    opened(checklist, base_url + "en/auto-evaluation/")
    assert answers_on(checklist) == expected
    record = stored(checklist)
    assert set(record) >= {"schema", "contentVersion", "lang", "updatedAt", "role", "answers"}
    assert stored_answers(checklist)["echange-1.financement"] == {"value": "important", "note": "Subvention en retard"}


def test_the_page_says_answers_stay_on_the_device(checklist):
    assert checklist.locator(".kit-notice").is_visible()
    assert plain(string("private")) in plain(checklist.locator(".kit-notice").inner_text())


def test_on_a_shared_computer_answers_live_only_in_this_tab(checklist, context, base_url):
    checklist.check("#kit-shared")
    answer(checklist, "echange-1.financement", "important", "note")
    assert checklist.evaluate(f"localStorage.getItem({json.dumps(KEY)})") is None
    assert checklist.evaluate(f"sessionStorage.getItem({json.dumps(KEY)})")
    checklist.reload()
    checklist.wait_for_selector(".kit-checklist--ready")
    assert answers_on(checklist)["echange-1.financement"]["value"] == "important"
    other = opened(context.new_page(), base_url + "auto-evaluation/")
    assert answers_on(other) == {}


def test_erase_asks_first_then_erases_everything(checklist):
    fill_sample(checklist)
    checklist.once("dialog", lambda dialog: dialog.dismiss())
    checklist.click("[data-kit-action=erase]")
    assert len(answers_on(checklist)) == len(SAMPLE)
    checklist.once("dialog", lambda dialog: dialog.accept())
    checklist.click("[data-kit-action=erase]")
    assert answers_on(checklist) == {}
    assert checklist.evaluate(f"localStorage.getItem({json.dumps(KEY)})") is None
    assert plain(string("erased")) in status_text(checklist)


def test_export_erase_import_gives_back_identical_answers(checklist):
    fill_sample(checklist)
    checklist.select_option("#kit-role", "membre-ca")
    before = answers_on(checklist)
    exported = export(checklist, "json")
    record = json.loads(exported)
    assert record["schema"] == DATA["checklist"]["schema"]
    assert record["contentVersion"] == DATA["content_version"] and record["lang"] == "fr"
    checklist.once("dialog", lambda dialog: dialog.accept())
    checklist.click("[data-kit-action=erase]")
    import_file(checklist, exported)
    preview = plain(checklist.locator(".kit-import__text").inner_text())
    assert preview.startswith("Ce fichier contient 3 réponses du ")
    assert "rôle : Membre du conseil d'administration" in preview
    assert answers_on(checklist) == {}, "applied before confirmation"
    checklist.click("[data-kit-action=apply]")
    assert answers_on(checklist) == before
    assert checklist.input_value("#kit-role") == "membre-ca"


def test_the_markdown_export_holds_every_answered_item_and_can_be_copied(checklist, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    fill_sample(checklist)
    text = export(checklist, "markdown")
    assert text.startswith("# Auto-évaluation")
    for item, (value, note) in SAMPLE.items():
        exchange_id, prompt_id = item.split(".")
        prompt = next(p for p in kit.exchange(DATA, exchange_id)["prompts"] if p["id"] == prompt_id)
        assert plain(kit.text(prompt["statement"], "fr")) in plain(text)
        for line in note.splitlines():
            assert f"> {line}" in text
    checklist.click("[data-kit-action=copy]")
    checklist.wait_for_selector(".kit-status:not(:empty)")
    assert checklist.evaluate("navigator.clipboard.readText()") == text


@pytest.mark.parametrize(
    "content, code",
    [
        ("{ pas du json", "error_json"),
        (json.dumps({"name": "autre chose", "items": [1, 2]}), "error_foreign"),
        (json.dumps({"schema": 99, "answers": {}}), "error_schema"),
        (json.dumps({"schema": 1, "answers": {"echange-9.inconnu": {"value": "important"}}}), "error_items"),
        ("x" * (MAX_IMPORT_KB * 1024 + 10), "error_size"),
    ],
    ids=["malformed", "foreign", "unknown-schema", "unknown-items", "oversized"],
)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_lost(checklist, content, code):
    fill_sample(checklist)
    before = answers_on(checklist)
    import_file(checklist, content)
    expected = plain(string(code)).split("{")[0]
    assert expected in alert_text(checklist)
    assert plain(string("kept")) in status_text(checklist)
    assert not checklist.locator(".kit-import__preview").is_visible()
    assert answers_on(checklist) == before
    assert stored_answers(checklist) == {k: {"value": v, "note": n} for k, (v, n) in SAMPLE.items()}


def test_xss_in_notes_and_in_imported_files_shows_as_text(checklist):
    answer(checklist, "echange-1.financement", "important", XSS)
    record = {"schema": 1, "contentVersion": DATA["content_version"], "lang": "fr",
              "updatedAt": XSS, "role": XSS, "resource": XSS,
              "answers": {"echange-3.rapports-egaux": {"value": "pas-encore", "note": XSS},
                          XSS: {"value": XSS, "note": XSS}}}
    import_file(checklist, json.dumps(record))
    assert "<img" in checklist.locator(".kit-import__text").inner_text()
    checklist.click("[data-kit-action=apply]")
    summary = checklist.locator(".kit-summary__list")
    assert XSS in summary.inner_text()
    assert summary.locator("img").count() == 0
    assert checklist.locator(".kit-checklist img").count() == 0
    assert checklist.evaluate("window.__xss") is None
    assert checklist.input_value("#kit-resource") == XSS


def test_blocked_storage_keeps_the_page_working_in_memory_and_says_so(browser, base_url):
    context = browser.new_context()
    context.add_init_script("""
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, { get() { throw new DOMException('blocked', 'SecurityError'); } });
      }""")
    page = opened(context.new_page(), base_url + "auto-evaluation/")
    assert plain(string("storage_unavailable")).split(":")[0] in alert_text(page)
    answer(page, "echange-1.financement", "important", "gardé en mémoire")
    assert plain(page.locator(".kit-progress__text").inner_text()) == expected("progress", "fr", n=1, total=len(ITEMS))
    assert "gardé en mémoire" in page.locator(".kit-summary__list").inner_text()
    context.close()


def test_full_storage_keeps_the_answers_in_the_page_and_says_so(browser, base_url):
    context = browser.new_context()
    context.add_init_script("""
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key.endsWith(':probe')) return setItem.call(this, key, value);
        throw new DOMException('full', 'QuotaExceededError');
      };""")
    page = opened(context.new_page(), base_url + "auto-evaluation/")
    answer(page, "echange-1.financement", "important", "pas perdu")
    assert plain(string("storage_full")).split(":")[0] in alert_text(page)
    answer(page, "echange-1.relations-partenaires", "a-surveiller")
    assert len(answers_on(page)) == 2
    assert plain(page.locator(".kit-progress__text").inner_text()) == expected("progress", "fr", n=2, total=len(ITEMS))
    context.close()


@pytest.mark.parametrize(
    "raw, code",
    [("{corrompu", "stored_corrupt"), (json.dumps({"schema": 42, "answers": {}}), "stored_unknown")],
    ids=["corrupt", "unknown-schema"],
)
def test_bad_stored_data_is_set_aside_and_the_page_starts_clean(browser, base_url, raw, code):
    context = browser.new_context()
    context.add_init_script(f"localStorage.getItem({json.dumps(KEY)}) === null && !sessionStorage.getItem('seeded') "
                            f"&& (localStorage.setItem({json.dumps(KEY)}, {json.dumps(raw)}), sessionStorage.setItem('seeded', '1'));")
    page = opened(context.new_page(), base_url + "auto-evaluation/")
    assert plain(string(code)).split(".")[0] in alert_text(page)
    assert answers_on(page) == {}
    kept_aside = page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith({json.dumps(KEY + ':backup:')}))")
    assert [page.evaluate(f"localStorage.getItem({json.dumps(name)})") for name in kept_aside] == [raw]
    assert page.evaluate(f"localStorage.getItem({json.dumps(KEY)})") is None
    context.close()


def test_another_tab_updates_this_one_without_losing_what_is_typed(context, base_url):
    first = opened(context.new_page(), base_url + "auto-evaluation/")
    second = opened(context.new_page(), base_url + "auto-evaluation/")
    second.click('textarea[name="echange-2.fonctionnement.note"]')
    second.keyboard.type("en cours de frappe")
    answer(first, "echange-1.financement", "important", "depuis l'autre onglet")
    second.wait_for_selector('input[name="echange-1.financement"][value="important"]:checked', state="attached")
    # The choice and the note are two writes of the other tab, each announced on its own: wait for the second.
    second.wait_for_function(
        "note => document.querySelector('textarea[name=\"echange-1.financement.note\"]').value === note",
        arg="depuis l'autre onglet")
    assert second.input_value('textarea[name="echange-1.financement.note"]') == "depuis l'autre onglet"
    assert second.input_value('textarea[name="echange-2.fonctionnement.note"]') == "en cours de frappe"
    assert plain(string("other_tab")) in status_text(second)
    second.keyboard.type(", fini")
    assert stored(second)["answers"]["echange-2.fonctionnement"]["note"] == "en cours de frappe, fini"
    assert stored(second)["answers"]["echange-1.financement"]["value"] == "important"


@pytest.fixture(scope="module")
def newer_site(tmp_path_factory):
    """The site built from a next content version: one item renamed, one reworded."""
    data = yaml.safe_load((ROOT / "data" / "kit.yml").read_text(encoding="utf-8"))
    data["content_version"] = "2027.01"
    prompts = data["exchanges"][1]["prompts"]
    pouvoir = next(p for p in prompts if p["id"] == "partage-du-pouvoir")
    pouvoir["id"], pouvoir["formerly"] = "qui-decide", ["partage-du-pouvoir"]
    travail = next(p for p in prompts if p["id"] == "partage-du-travail")
    travail["reworded_in"] = "2027.01"
    server, url = served_from(data, tmp_path_factory.mktemp("newer"))
    yield url
    server.shutdown()


def test_answers_from_an_older_content_version_are_migrated_and_changes_pointed_out(browser, newer_site):
    old = {"schema": 1, "contentVersion": DATA["content_version"], "lang": "fr", "updatedAt": "2026-11-20T10:00:00Z",
           "role": "personne-usagere", "resource": "",
           "answers": {"echange-2.partage-du-pouvoir": {"value": "important", "note": "le CA"},
                       "echange-2.partage-du-travail": {"value": "a-surveiller", "note": ""},
                       "echange-1.financement": {"value": "important", "note": "inchangé"}}}
    context = browser.new_context()
    context.add_init_script(f"sessionStorage.getItem('seeded') || (localStorage.setItem({json.dumps(KEY)}, "
                            f"{json.dumps(json.dumps(old))}), sessionStorage.setItem('seeded', '1'));")
    page = opened(context.new_page(), newer_site + "auto-evaluation/")
    answers = answers_on(page)
    assert answers["echange-2.qui-decide"] == {"value": "important", "note": "le CA"}
    assert answers["echange-1.financement"] == {"value": "important", "note": "inchangé"}
    assert answers["echange-2.partage-du-travail"]["value"] == "a-surveiller"
    message = alert_text(page)
    assert DATA["content_version"] in message
    assert "Le partage du pouvoir" in message and "La division et le partage du travail" in message
    assert page.locator('[id="echange-2.qui-decide"] .kit-item__changed').is_visible()
    assert page.locator('[id="echange-2.partage-du-travail"] .kit-item__changed').is_visible()
    assert not page.locator('[id="echange-1.financement"] .kit-item__changed').is_visible()
    assert json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))["contentVersion"] == "2027.01"
    context.close()


def test_one_exchange_can_be_completed_with_the_keyboard_only(checklist):
    checklist.focus('input[name="echange-3.rapports-egaux"][value="pas-encore"]')
    items = [item for item in ITEMS if item.startswith("echange-3.")]
    for index in range(len(items)):
        checklist.keyboard.press("ArrowRight")   # moves and selects within the radio group
        checklist.keyboard.press("Tab")          # to the note
        checklist.keyboard.type(f"note {index}")
        checklist.keyboard.press("Tab")          # to the item's "copy link" button
        checklist.keyboard.press("Tab")          # to the next item's radio group
        if index < len(items) - 1:
            checklist.keyboard.press("Space")
    answers = {k: v for k, v in answers_on(checklist).items() if k.startswith("echange-3.")}
    assert len(answers) == len(items), answers
    assert all(a["value"] and a["note"].startswith("note ") for a in answers.values()), answers
    progress = plain(checklist.locator('[data-count-for="echange-3"]').inner_text())
    assert progress == expected("progress", "fr", n=len(items), total=len(items))


def test_using_the_checklist_sends_nothing_off_the_local_server(checklist, base_url):
    fill_sample(checklist)
    export(checklist, "json")
    export(checklist, "markdown")
    checklist.reload()
    checklist.wait_for_selector(".kit-checklist--ready")
    assert checklist.watch.requests and all(u.startswith(base_url) for u in checklist.watch.requests), [
        u for u in checklist.watch.requests if not u.startswith(base_url)]
    assert checklist.watch.problems() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(CHECKLIST_CASES))
def test_hostile_inputs_and_faults_end_with_the_expected_message(browser, base_url, name, lang):
    run_case(browser, CHECKLIST_CASES[name], lang, lambda page, prefix: opened(page, f"{base_url}{prefix}auto-evaluation/"))


@pytest.fixture(scope="module")
def tagged_site(tmp_path_factory):
    """The site built from a kit.yml whose labels hold HTML: a statement and
    its question, an exchange title, an answer, a role and a string of the page."""
    data = yaml.safe_load((ROOT / "data" / "kit.yml").read_text(encoding="utf-8"))
    exchange = data["exchanges"][0]
    for text in (exchange["prompts"][0]["statement"], exchange["title"], data["checklist"]["scales"][0]["options"][0]["label"],
                 data["roles"][0]["label"], data["checklist"]["strings"]["note"]):
        for lang in text:
            text[lang] = f"{text[lang]} {TAG}"
    ask = exchange["prompts"][0]["ask"]
    for lang in ask:
        ask[lang] = ask[lang].replace("?", f" {TAG}?")
    folder = tmp_path_factory.mktemp("tagged")
    server, url = served_from(data, folder)
    yield folder / "site", url
    server.shutdown()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page_name", ["auto-evaluation", "synthese"])
def test_html_in_a_kit_yml_label_shows_as_text_on_both_pages(browser, tagged_site, page_name, lang):
    folder, url = tagged_site
    prefix = "" if lang == "fr" else "en/"
    html = (folder / prefix / page_name / "index.html").read_text(encoding="utf-8")
    assert TAG not in html
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}{prefix}{page_name}/")
    root = ".kit-checklist" if page_name == "auto-evaluation" else ".kit-synthesis"
    page.wait_for_selector(f"{root}--ready")
    if page_name == "synthese":
        page.set_input_files("#kit-files-input", files=[{"name": "a.json", "mimeType": "application/json", "buffer": json.dumps(
            record_with({FIRST: {"value": SPEC["scales"][0]["options"][0]["id"]}}, role=DATA["roles"][0]["id"])).encode()}])
        page.wait_for_selector(".kit-file-list li button")
        shown = page.locator(root).inner_text()
        assert shown.count(TAG) >= 4, shown  # statement, title, answer, role
    else:
        assert TAG in page.locator(f'[id="{FIRST}"] > legend').inner_text()
        assert TAG in page.locator("fieldset.kit-set > legend").first.inner_text()
        assert TAG in page.locator(f'[id="{FIRST}"] .kit-options label').first.inner_text()
        assert TAG in page.locator(f'[id="{FIRST}"] .kit-note-label').inner_text()
        assert TAG in page.locator("#kit-role option").nth(1).inner_text()
    assert page.locator(f"{root} b").count() == 0
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page_name", ["auto-evaluation", "synthese"])
def test_opened_from_disk_both_pages_say_their_storage_is_shared_and_to_export(browser, site, tmp_path_factory, page_name, lang):
    import zipfile

    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site / "gestion-gouvernance-hors-ligne.zip") as archive:
        archive.extractall(folder)
    root = (folder / "gestion-gouvernance").as_uri() + "/" + ("" if lang == "fr" else "en/")
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{root}{page_name}.html")
    page.wait_for_selector(".kit-checklist--ready, .kit-synthesis--ready")
    assert page.locator(".kit-offline").is_visible()
    assert plain(page.locator(".kit-offline").inner_text()) == expected("offline", lang)
    context.close()


def test_served_from_a_web_address_the_offline_warning_stays_hidden(checklist):
    assert checklist.locator(".kit-offline").count() == 1
    assert not checklist.locator(".kit-offline").is_visible()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_exported_files_are_named_by_role_and_date_in_the_pages_language(context, base_url, lang):
    from datetime import date

    prefix = "" if lang == "fr" else "en/"
    page = opened(context.new_page(), f"{base_url}{prefix}auto-evaluation/")
    answer(page, FIRST, DATA["checklist"]["scales"][0]["options"][0]["id"])
    today = date.today().isoformat()
    person = stored(page)["person"]
    for role in ["", *ROLES]:
        page.select_option("#kit-role", role)
        name, _ = exported_file(page, "json")
        assert name == file_name(role, lang, today, "json", person)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.json", name), name
    # The readable copy is plain text, which any phone or computer opens.
    page.evaluate("""() => { const make = URL.createObjectURL; window.kitTypes = [];
                             URL.createObjectURL = (blob) => (window.kitTypes.push(blob.type), make(blob)); }""")
    name, text = exported_file(page, "markdown")
    assert name == file_name(ROLES[-1], lang, today, "txt", person) and text.startswith("# ")
    assert page.evaluate("window.kitTypes") == ["text/plain;charset=utf-8"]
    assert file_name("personne-usagere", "fr", today, "json", "k3f9a2x") == f"auto-evaluation-personne-usagere-{today}-k3f9a2.json"
    assert file_name("personne-usagere", "en", today, "json", "k3f9a2x") == f"self-assessment-service-user-{today}-k3f9a2.json"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_confirmation_shows_next_to_its_button_and_in_the_status_region(context, base_url, lang):
    from datetime import date

    context.grant_permissions(["clipboard-read", "clipboard-write"])
    prefix = "" if lang == "fr" else "en/"
    page = opened(context.new_page(), f"{base_url}{prefix}auto-evaluation/")
    fill_sample(page)
    name, text = exported_file(page, "json")
    said = expected("saved_file", lang, name=name)
    near = page.locator("[data-kit-near]").filter(has=page.locator("[data-kit-action=json]")).locator(".kit-done")
    assert plain(near.inner_text()) == said and said in status_text(page)
    button, shown = page.locator("[data-kit-action=json]").bounding_box(), near.bounding_box()
    assert 0 <= shown["y"] - (button["y"] + button["height"]) < 200, (button, shown)
    page.click("[data-kit-action=copy]")
    page.wait_for_function("t => document.querySelector('.kit-done').textContent.includes(t)", arg=expected("copied", lang)[:20])
    import_file(page, text)
    page.click("[data-kit-action=apply]")
    assert plain(page.locator(".kit-import .kit-done").inner_text()) == expected("imported", lang)
    assert page.locator(".kit-done:not(:empty)").count() == 1, "an earlier confirmation stayed"
    import_file(page, "{ pas du json")
    assert expected("error_json", lang) in plain(page.locator(".kit-import .kit-done").inner_text())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_buttons_say_what_they_do_and_the_sentence_under_them_leads_to_the_synthesis(site, lang):
    prefix = "" if lang == "fr" else "en/"
    html = (site / prefix / "auto-evaluation/index.html").read_text(encoding="utf-8")
    for action, key in (("json", "export_json"), ("markdown", "export_markdown"), ("print", "print_summary")):
        button = re.search(rf'<button[^>]*data-kit-action="{action}"[^>]*>([^<]*)</button>', html).group(1)
        assert plain(button) == expected(key, lang)
    sentence = re.search(r'<p class="kit-next">(.*?)</p>', html, re.S).group(1)
    link = re.search(r'<a href="([^"]+)">([^<]+)</a>', sentence)
    assert link.group(1).endswith("synthese/") and plain(link.group(2)) == expected("synthesis_link", lang)
    before, after = expected("keep_next", lang).split("{link}")
    assert plain(unescape(re.sub(r"<[^>]+>", "", sentence))) == plain(f"{before}{unescape(link.group(2))}{after}")


# -----------------------------------------------------------------------------
# Roles: a coordination role, and files exported before it
# -----------------------------------------------------------------------------


def test_a_file_exported_before_the_coordination_role_imports_unchanged_here_and_into_the_synthesis(browser, base_url):
    from checklist_pages import SYNTHESIS_KEY

    old = first_release_export(every_item_answered("écrite avant"), role="membre-ca", resource="Entraide « Nord »")
    others = {SYNTHESIS_KEY: "[]", f"{KEY}:backup:2026-11-01T10:00:00.000Z": "ancien"}
    context = browser.new_context()
    context.add_init_script(seed_script(others))
    page = opened(context.new_page(), base_url + "auto-evaluation/")
    import_file(page, json.dumps(old))
    page.click("[data-kit-action=apply]")
    for _ in range(2):
        assert answers_on(page) == old["answers"]
        assert (page.input_value("#kit-role"), page.input_value("#kit-resource")) == ("membre-ca", "Entraide « Nord »")
        assert {name: page.evaluate(f"localStorage.getItem({json.dumps(name)})") for name in others} == others
        page.reload()
        page.wait_for_selector(".kit-checklist--ready")
    synthesis = context.new_page()
    synthesis.goto(base_url + "synthese/")
    synthesis.wait_for_selector(".kit-synthesis--ready")
    synthesis.set_input_files("#kit-files-input", files=[{"name": "avant.json", "mimeType": "application/json",
                                                          "buffer": json.dumps(old).encode("utf-8")}])
    synthesis.wait_for_selector(".kit-file-list li button")
    assert synthesis.locator(".kit-alert").inner_text().strip() == ""
    listed = plain(synthesis.locator(".kit-file-list").inner_text())
    assert plain(kit.text(DATA["roles"][ROLES.index("membre-ca")]["label"], "fr")) in listed and f", {len(ITEMS)} " in listed
    context.close()


def test_a_coordinator_says_so_and_the_synthesis_counts_them_under_that_role(context, base_url):
    page = opened(context.new_page(), base_url + "auto-evaluation/")
    assert page.locator('#kit-role option[value="coordination"]').inner_text() == "Coordination"
    page.select_option("#kit-role", "coordination")
    fill_sample(page)
    name, text = exported_file(page, "json")
    assert "-coordination-" in name and json.loads(text)["role"] == "coordination"
    synthesis = context.new_page()
    synthesis.goto(base_url + "synthese/")
    synthesis.wait_for_selector(".kit-synthesis--ready")
    synthesis.set_input_files("#kit-files-input", files=[{"name": name, "mimeType": "application/json",
                                                          "buffer": text.encode("utf-8")}])
    synthesis.wait_for_selector(".kit-file-list li button")
    assert "Coordination" in synthesis.locator(".kit-counts thead").first.text_content()


# -----------------------------------------------------------------------------
# The printed record
# -----------------------------------------------------------------------------

# A long note: three sentences, about fifty words.
LONG_NOTE = ("Nous en avons parlé en équipe : le conseil d'administration décide souvent seul, et les personnes "
             "usagères aimeraient être consultées plus tôt. À reprendre à la rencontre, avec des exemples concrets. "
             "Voir aussi le compte rendu de la dernière assemblée générale annuelle.")


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_the_printed_record_of_every_item_with_long_notes_fits_on_two_pages(browser, base_url, paper):
    import io

    from pypdf import PdfReader

    record = record_with(every_item_answered(LONG_NOTE), role="coordination",
                         resource="Ressource alternative en santé mentale de la Haute-Côte-Nord")
    context = browser.new_context()
    context.add_init_script(seeded_with(record))
    page = opened(context.new_page(), base_url + "auto-evaluation/")
    pdf = PdfReader(io.BytesIO(page.pdf(format=paper)))
    printed = plain(" ".join(p.extract_text() for p in pdf.pages))
    assert len(pdf.pages) <= 2, f"{len(pdf.pages)} pages on {paper}"
    coordination = next(role for role in DATA["roles"] if role["id"] == "coordination")
    for shown in (kit.text(coordination["label"], "fr"), record["resource"], string("record_role"), string("markdown_date")):
        assert plain(shown) in printed, shown
    for exchange in DATA["exchanges"]:
        assert plain(kit.text(exchange["title"], "fr")) in printed
    assert printed.count(plain(LONG_NOTE)[:40]) == len(ITEMS)
    context.close()


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_the_printed_record_of_every_item_with_a_short_note_is_one_sheet_starting_at_its_top(browser, base_url, paper):
    import io

    from pypdf import PdfReader

    record = record_with(every_item_answered("À reprendre à la rencontre."), role="coordination", resource="Le Rivage")
    context = browser.new_context()
    context.add_init_script(seeded_with(record))
    page = opened(context.new_page(), base_url + "auto-evaluation/")
    pdf = PdfReader(io.BytesIO(page.pdf(format=paper)))
    assert len(pdf.pages) == 1, f"{len(pdf.pages)} pages on {paper}"
    page.emulate_media(media="print")
    assert page.locator("h1").evaluate("h1 => h1.getBoundingClientRect().top") < 40
    context.close()


# -----------------------------------------------------------------------------
# Finding one's way: the table of contents and the strip that stays in view
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_table_of_contents_lists_the_exchanges_the_summary_and_the_saving(site, lang):
    prefix = "" if lang == "fr" else "en/"
    html = (site / prefix / "auto-evaluation/index.html").read_text(encoding="utf-8")
    toc = html[html.index('data-md-type="toc"'):]
    toc = toc[:toc.index("</nav>")]
    links = re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', toc, re.S)
    assert [anchor for anchor, _ in links] == [f"auto-{e['id']}" for e in DATA["exchanges"]] + ["resume", "garder"]
    for (anchor, title), exchange in zip(links, DATA["exchanges"]):
        assert plain(kit.text(exchange["title"], lang)) in plain(title)
    assert [plain(title) for _, title in links[-2:]] == [expected("summary", lang), expected("keep", lang)]
    for anchor, _ in links:
        assert f'id="{anchor}"' in html


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_the_progress_strip_stays_in_view_with_the_count_and_a_way_to_save(browser, base_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(seeded_with(record_with({FIRST: {"value": scale_of(FIRST)["options"][0]["id"], "note": ""}})))
    page = opened(context.new_page(), base_url + "auto-evaluation/")
    middle = ITEMS[len(ITEMS) // 2]
    page.locator(f'[id="{middle}"]').scroll_into_view_if_needed()
    header = page.locator(".md-header").bounding_box()
    strip = page.locator(".kit-progress").bounding_box()
    assert strip["y"] == pytest.approx(header["y"] + header["height"], abs=1), (header, strip)
    assert strip["height"] <= 48, f"the strip is {strip['height']} px high"
    assert plain(page.locator(".kit-progress__text").inner_text()) == expected("progress", "fr", n=1, total=len(ITEMS))
    keep = page.locator(".kit-progress__keep")
    assert keep.is_visible() and plain(keep.inner_text()) == expected("to_keep", "fr")
    assert keep.bounding_box()["height"] >= 24
    # Going back through the form with the keyboard, nothing focused hides under the strip.
    page.focus(f'textarea[name="{middle}.note"]')
    for _ in range(8):
        page.keyboard.press("Shift+Tab")
        focused = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        bottom = page.locator(".kit-progress").bounding_box()
        assert focused["top"] >= bottom["y"] + bottom["height"] - 1, (focused, bottom)
    keep.click()
    page.wait_for_function("location.hash === '#garder'")
    heading = page.locator("#garder").bounding_box()
    assert heading["y"] >= header["y"] + header["height"]
    context.close()


@pytest.mark.parametrize("pattern", ["auto évaluation-{role}-{date}", "auto-evaluation/{role}-{date}", "{role}:{date}", "Auto-{date}"])
def test_a_file_name_pattern_unsafe_for_some_file_system_stops_the_build(pattern):
    import copy

    from kitlib import checklist

    data = copy.deepcopy(DATA)
    data["checklist"]["strings"]["file_export"]["fr"] = pattern
    with pytest.raises(kit.KitDataError, match="checklist.strings.file_export.fr"):
        checklist.checklist_spec(data, "fr")
    assert checklist.checklist_spec(DATA, "fr")["roleFiles"]["membre-ca"] == "membre-du-ca"
