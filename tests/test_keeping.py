"""Nothing people write is lost: content updates, what this version does not
read, other tabs, a clock that moved, a full storage, the limits, the same
person twice, the group's box, eviction. Each case in the page's language,
on the self-assessment and the synthesis where it applies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from checklist_pages import (
    DATA,
    FIRST,
    FLAG,
    ITEMS,
    KEY,
    MAX_IMPORT_KB,
    MAX_NOTE,
    SECOND,
    SYNTHESIS_KEY,
    alert_text,
    answer,
    expected,
    export,
    import_file,
    opened,
    paste,
    plain,
    record_with,
    scale_of,
    seed_script,
    statement,
    stored,
)
from checklist_pages import HOLD_EVENTS
from test_synthesis import OWN, add_files, open_synthesis

# Give a tab the storage events it held back (HOLD_EVENTS), as the browser would have.
RELEASE_EVENTS = """() => {
  const held = window.__held;
  window.__held = null;
  for (const e of held) window.dispatchEvent(new StorageEvent('storage',
    { key: e.key, oldValue: e.oldValue, newValue: e.newValue, url: e.url, storageArea: e.storageArea }));
}"""

pytestmark = pytest.mark.browser

LANGS = ["fr", "en"]
UNKNOWN_ITEM = "echange-1.retire-depuis"


def prefix(lang: str) -> str:
    return "" if lang == "fr" else "en/"


def page_with(browser, init: str = ""):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    if init:
        context.add_init_script(init)
    return context, context.new_page()


def note_versions(record: dict, item: str) -> list[str]:
    answer_ = record["answers"][item]
    return [answer_.get("note", "")] + [other["text"] for other in answer_.get("others", [])]


# -----------------------------------------------------------------------------
# A content update keeps every answer, and sets the old record aside first
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("version, code", [("2025.1", "migrated"), ("2099.1", "migrated_newer")])
def test_a_content_update_keeps_every_note_says_which_way_and_offers_the_old_record(browser, base_url, lang, version, code):
    raw = json.dumps(record_with({FIRST: {"value": FLAG, "note": "sur un élément connu"},
                                  UNKNOWN_ITEM: {"value": "important", "note": "sur un élément retiré"}},
                                 contentVersion=version))
    context, page = page_with(browser, seed_script({KEY: raw}))
    opened(page, f"{base_url}{prefix(lang)}auto-evaluation/")
    said = alert_text(page)
    assert expected(code, lang, **{"from": version, "to": DATA["content_version"], "items": "—", "unknown": 1}) in said
    with page.expect_download() as download:
        page.locator(".kit-backups button").first.click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == raw
    answer(page, SECOND, FLAG)
    record = stored(page)
    assert record["answers"][UNKNOWN_ITEM] == {"value": "important", "note": "sur un élément retiré"}
    assert record["answers"][FIRST]["note"] == "sur un élément connu"
    # A newer record stays newer: this page does not take it back to its own version.
    assert record["contentVersion"] == max(version, DATA["content_version"])
    assert plain(page.locator(".kit-kept").inner_text()) == expected("kept_unknown", lang, n=1)
    context.close()


# -----------------------------------------------------------------------------
# What this version does not read stays, whatever the next click
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_what_the_page_does_not_read_stays_stored_as_it_was_after_the_next_click(browser, base_url, lang):
    long_note = "n" * (MAX_NOTE + 5003)
    answers = {FIRST: {"value": "hors-echelle", "note": long_note},
               UNKNOWN_ITEM: {"value": "x", "note": "gardé"},
               "__proto__": {"value": "important", "note": "aussi"}}
    raw = json.dumps(record_with(answers, role="directrice", futureField={"a": [1, 2]}))
    context, page = page_with(browser, seed_script({KEY: raw}))
    opened(page, f"{base_url}{prefix(lang)}auto-evaluation/")
    assert page.input_value(f'textarea[name="{FIRST}.note"]') == long_note
    assert plain(page.locator(f'[id="{FIRST}"] .kit-item__kept').inner_text()) == expected("kept_value", lang, value="hors-echelle")
    assert plain(page.locator(".kit-role-kept").inner_text()) == expected("kept_role", lang, role="directrice")
    assert plain(page.locator(f'[id="{FIRST}.note-count"]').inner_text()) == expected("chars_over", lang, n=f"{5003:,}".replace(",", "\u202f" if lang == "fr" else ","))
    answer(page, SECOND, FLAG)
    text = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    record = json.loads(text)
    assert record["answers"][FIRST]["value"] == "hors-echelle" and record["answers"][FIRST]["note"] == long_note
    assert record["answers"][UNKNOWN_ITEM] == answers[UNKNOWN_ITEM]
    assert '"__proto__":{"value":"important","note":"aussi"}' in text
    assert record["role"] == "directrice" and record["futureField"] == {"a": [1, 2]}
    assert page.evaluate("() => Object.keys(Object.prototype).length") == 0
    context.close()


# -----------------------------------------------------------------------------
# Two tabs: the note being edited, the synthesis's files and group text
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_note_changed_in_another_tab_while_this_one_types_in_it_is_shown_and_never_written_over(context, base_url, lang):
    url = f"{base_url}{prefix(lang)}auto-evaluation/"
    field = f'textarea[name="{FIRST}.note"]'
    mine, theirs = opened(context.new_page(), url), opened(context.new_page(), url)
    mine.click(field)
    mine.keyboard.type("texte de A")
    theirs.wait_for_function(f"() => document.querySelector('textarea[name=\"{FIRST}.note\"]').value === 'texte de A'")
    theirs.fill(field, "la phrase de B")
    box = mine.locator(f'[id="{FIRST}"] .kit-conflict')
    box.wait_for()
    assert plain(box.locator(".kit-conflict__text").first.inner_text()) == "la phrase de B"
    assert mine.input_value(field) == "texte de A"
    mine.keyboard.type(", suite")
    assert set(note_versions(stored(mine), FIRST)) == {"texte de A, suite", "la phrase de B"}
    theirs.locator(f'[id="{FIRST}"] .kit-conflict').wait_for()
    box.locator("button").first.click()
    assert mine.input_value(field) == "la phrase de B"
    assert note_versions(stored(mine), FIRST) == ["la phrase de B"]
    theirs.wait_for_function(f"() => !document.querySelector('[id=\"{FIRST}\"] .kit-conflict')")


@pytest.mark.parametrize("lang", LANGS)
def test_two_synthesis_tabs_keep_both_files_and_both_group_texts_written_at_once(browser, base_url, lang):
    context, one = page_with(browser, HOLD_EVENTS)
    url = f"{base_url}{prefix(lang)}synthese/"
    open_synthesis(one, url)
    two = open_synthesis(context.new_page(), url)
    one.check("#kit-keep")
    two.wait_for_function("() => document.querySelector('#kit-keep').checked")
    add_files(one, {"a.json": json.dumps(record_with({FIRST: {"value": FLAG}}, role="personne-usagere"))})
    add_files(two, {"b.json": json.dumps(record_with({SECOND: {"value": FLAG}}, role="membre-ca"))})
    for tab in (one, two):
        tab.wait_for_function("() => document.querySelectorAll('.kit-file-list li button').length === 2")
    exchange = DATA["exchanges"][0]["id"]
    # The other tab's text reaches this one only after this one typed too.
    two.evaluate("window.__held = []")
    one.fill(f"#kit-bring-{exchange}", "ce que le groupe A retient")
    two.wait_for_function("() => window.__held.length > 0")
    two.fill(f"#kit-bring-{exchange}", "ce que le groupe B retient")
    two.evaluate(RELEASE_EVENTS)
    # Chromium hands one tab's write to the other's storage a moment later:
    # wait until tab one's storage has heard from tab two, then read it.
    both = {"ce que le groupe A retient", "ce que le groupe B retient"}
    texts_kept = f"""() => {{
      const text = JSON.parse(localStorage.getItem({json.dumps(SYNTHESIS_KEY)})).texts[{json.dumps(exchange)}];
      return [text.text, ...(text.others || []).map((other) => other.text)].sort();
    }}"""
    one.wait_for_function(f"() => ({texts_kept})().length === 2")
    assert set(one.evaluate(texts_kept)) == both
    kept = json.loads(one.evaluate(f"localStorage.getItem({json.dumps(SYNTHESIS_KEY)})"))
    for tab, mine, theirs in ((one, "A", "B"), (two, "B", "A")):
        box = tab.locator(".kit-bring-exchange .kit-conflict")
        box.wait_for()
        assert tab.input_value(f"#kit-bring-{exchange}") == f"ce que le groupe {mine} retient"
        assert plain(box.locator("blockquote").inner_text()) == f"ce que le groupe {theirs} retient"
    assert len(kept["files"]) == 2
    context.close()


# -----------------------------------------------------------------------------
# A clock that went back, a full storage
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_answers_written_while_the_clock_was_ahead_can_still_be_changed(browser, base_url, lang):
    ahead = "2031-06-01T10:00:00.000Z"
    calm = scale_of(FIRST)["calm"]
    raw = json.dumps(record_with({FIRST: {"value": FLAG, "at": ahead, "note": "avant", "noteAt": ahead}},
                                 updatedAt=ahead, role="autre", roleAt=ahead))
    context, page = page_with(browser, seed_script({KEY: raw}))
    opened(page, f"{base_url}{prefix(lang)}auto-evaluation/")
    answer(page, FIRST, calm, "après")
    page.select_option("#kit-role", "coordination")
    page.reload()
    page.wait_for_selector(".kit-checklist--ready")
    assert page.is_checked(f'input[name="{FIRST}"][value="{calm}"]')
    assert page.input_value(f'textarea[name="{FIRST}.note"]') == "après"
    assert page.input_value("#kit-role") == "coordination"
    context.close()


FULL_AFTER = """
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (window.__full && key.endsWith('synthese')) throw new DOMException('full', 'QuotaExceededError');
    return setItem.call(this, key, value);
  };"""


@pytest.mark.parametrize("lang", LANGS)
def test_one_kept_file_too_many_keeps_the_others_and_names_it(browser, base_url, lang):
    context, page = page_with(browser, FULL_AFTER)
    open_synthesis(page, f"{base_url}{prefix(lang)}synthese/")
    page.check("#kit-keep")
    files = {f"p{n}.json": json.dumps(record_with({ITEMS[n]: {"value": scale_of(ITEMS[n])["flag"]}}, role="autre")) for n in range(10)}
    add_files(page, files)
    page.wait_for_function("() => document.querySelectorAll('.kit-file-list li button').length === 10")
    page.evaluate("window.__full = true")
    add_files(page, {"onzieme.json": json.dumps(record_with({ITEMS[10]: {"value": FLAG}}, role="autre"))})
    page.wait_for_function("() => document.querySelectorAll('.kit-file-list li button').length === 11")
    kept = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(SYNTHESIS_KEY)})"))
    assert sorted(file["name"] for file in kept["files"].values()) == sorted(files)
    assert expected("not_kept_files", lang, OWN, n=1, names="onzieme.json") in alert_text(page)
    context.close()


# -----------------------------------------------------------------------------
# Limits that agree: whatever the page takes, its export reads back
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_note_at_its_limit_exports_and_reads_back_here_and_in_the_synthesis(browser, base_url, lang):
    context, page = page_with(browser)
    opened(page, f"{base_url}{prefix(lang)}auto-evaluation/")
    note = ("Été « ça » 🌱 l'élan, " * (MAX_NOTE // 10))[:MAX_NOTE]
    for item in ITEMS:
        paste(page, f'textarea[name="{item}.note"]', note)
    text = export(page, "json")
    assert len(text.encode("utf-8")) > 18 * MAX_NOTE and len(text.encode("utf-8")) <= MAX_IMPORT_KB * 1024
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-kit-action=erase]")
    import_file(page, text)
    page.click("[data-kit-action=apply]")
    assert all(page.input_value(f'textarea[name="{item}.note"]') == note for item in ITEMS)
    synthesis = open_synthesis(context.new_page(), f"{base_url}{prefix(lang)}synthese/")
    add_files(synthesis, {"full.json": text})
    assert synthesis.locator(".kit-file-list li button").count() == 1
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_paste_over_the_limit_keeps_what_fits_and_shows_what_it_left_out(browser, base_url, lang):
    context, page = page_with(browser)
    opened(page, f"{base_url}{prefix(lang)}auto-evaluation/")
    field = f'textarea[name="{FIRST}.note"]'
    paste(page, field, "a" * (MAX_NOTE - 3) + "👩‍👩‍👧bcdef")
    assert page.input_value(field) == "a" * (MAX_NOTE - 3) + "👩‍👩‍👧bc"
    box = page.locator(f'[id="{FIRST}"] .kit-overflow')
    assert plain(box.locator("blockquote").inner_text()) == "def"
    max_ = f"{MAX_NOTE:,}".replace(",", "\u202f" if lang == "fr" else ",")
    assert plain(box.locator("p").first.inner_text()) == expected("overflow", lang, max=max_)
    assert stored(page)["answers"][FIRST]["note"] == page.input_value(field)
    context.close()


# -----------------------------------------------------------------------------
# A person is counted once
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_newer_file_of_the_same_person_replaces_the_older_and_another_role_is_a_question(browser, base_url, lang):
    context, page = page_with(browser)
    opened(page, f"{base_url}{prefix(lang)}auto-evaluation/")
    page.select_option("#kit-role", "personne-usagere")
    answer(page, FIRST, FLAG, "première")
    first = export(page, "json")
    answer(page, SECOND, FLAG)
    second = export(page, "json")
    page.select_option("#kit-role", "membre-ca")
    third = export(page, "json")
    assert json.loads(first)["person"] == json.loads(third)["person"]
    synthesis = open_synthesis(context.new_page(), f"{base_url}{prefix(lang)}synthese/")
    add_files(synthesis, {"premier.json": first})
    add_files(synthesis, {"second.json": second})
    assert synthesis.locator(".kit-file-list li button").count() == 1
    assert plain(synthesis.locator(".kit-results__people").inner_text()) == expected("people_one", lang, OWN, n=1)
    assert expected("replaced", lang, OWN, name="second.json", old="premier.json") in alert_text(synthesis)
    add_files(synthesis, {"premier.json": first})
    assert expected("error_older", lang, OWN, name="second.json") in alert_text(synthesis)
    add_files(synthesis, {"troisieme.json": third})
    assert synthesis.locator(".kit-file-list li button").count() == 2
    assert expected("same_person", lang, OWN, name="troisieme.json", other="second.json") in alert_text(synthesis)
    context.close()


# -----------------------------------------------------------------------------
# The group's box is kept; the device is asked to keep what is stored
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_group_s_text_is_kept_on_the_device_even_when_the_files_are_not(browser, base_url, lang):
    context, page = page_with(browser)
    open_synthesis(page, f"{base_url}{prefix(lang)}synthese/")
    add_files(page, {"a.json": json.dumps(record_with({FIRST: {"value": FLAG}}))})
    assert not page.is_checked("#kit-keep")
    exchange = DATA["exchanges"][0]["id"]
    page.fill(f"#kit-bring-{exchange}", "notre groupe retient ceci")
    page.reload()
    page.wait_for_selector(".kit-synthesis--ready")
    assert page.locator(".kit-file-list li button").count() == 0
    assert page.input_value(f"#kit-bring-{exchange}") == "notre groupe retient ceci"
    context.close()


PERSIST = """
  window.__persist = 0;
  if (navigator.storage) navigator.storage.persist = () => { window.__persist += 1; return Promise.resolve(true); };"""


@pytest.mark.parametrize("lang", LANGS)
def test_the_first_answer_asks_to_keep_storage_and_the_page_says_when_answers_were_last_saved_to_a_file(browser, base_url, lang):
    context, page = page_with(browser, PERSIST)
    opened(page, f"{base_url}{prefix(lang)}auto-evaluation/")
    assert page.locator(".kit-evicted").is_visible()
    assert page.evaluate("window.__persist") == 0
    answer(page, FIRST, FLAG, "une note")
    answer(page, SECOND, FLAG)
    assert page.evaluate("window.__persist") == 1
    assert page.locator(".kit-last-saved").is_hidden() and page.locator(".kit-evicted").is_hidden()
    export(page, "json")
    line = plain(page.locator(".kit-last-saved").inner_text())
    assert line.startswith(expected("last_saved", lang, date="DATE").split("DATE")[0])
    assert plain(expected("changed_since", lang)) not in line
    assert page.locator(".kit-progress__since").is_hidden()
    answer(page, SECOND, scale_of(SECOND)["calm"])
    assert plain(expected("changed_since", lang)) in plain(page.locator(".kit-last-saved").inner_text())
    assert page.locator(".kit-progress__since").is_visible()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_answers_removed_by_the_browser_while_the_page_is_open_are_said_gone_and_saved_again(browser, base_url, lang):
    context, page = page_with(browser)
    opened(page, f"{base_url}{prefix(lang)}auto-evaluation/")
    answer(page, FIRST, FLAG, "à garder")
    page.evaluate("localStorage.clear()")
    answer(page, SECOND, FLAG)
    assert expected("evicted", lang) in alert_text(page)
    assert stored(page)["answers"][FIRST]["note"] == "à garder"
    context.close()
