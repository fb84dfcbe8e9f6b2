"""The self-assessment in Chromium: answers kept on the device, export,
import, bad inputs, two tabs and the keyboard."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from kitlib import kit  # noqa: E402
from kitlib.typography import typeset  # noqa: E402

pytestmark = pytest.mark.browser

DATA = kit.load(ROOT / "data" / "kit.yml")
STRINGS = DATA["checklist"]["strings"]
KEY = DATA["checklist"]["storage_key"]
ITEMS = [f"{e['id']}.{p['id']}" for e in DATA["exchanges"] for p in e["prompts"]]
XSS = '<img src=x onerror="window.__xss=1">'


def string(key: str, lang: str = "fr") -> str:
    return kit.text(STRINGS[key], lang)


def plain(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).replace("’", "'").strip()


def opened(page, url: str):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(".kit-checklist--ready")
    return page


def answer(page, item: str, value: str, note: str | None = None) -> None:
    page.check(f'input[name="{item}"][value="{value}"]')
    if note is not None:
        page.fill(f'textarea[name="{item}.note"]', note)


def answers_on(page) -> dict:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.kit-item')].map(item => {
             const checked = item.querySelector('input[type=radio]:checked');
             return [item.id, {value: checked ? checked.value : '', note: item.querySelector('textarea').value}];
           }).filter(([, a]) => a.value || a.note))"""
    )


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))


def stored_answers(page) -> dict:
    """The stored answers without their times of change."""
    return {item: {"value": a["value"], "note": a["note"]} for item, a in stored(page)["answers"].items()}


def alert_text(page) -> str:
    return plain(page.locator(".kit-alert").inner_text())


def status_text(page) -> str:
    return plain(page.locator(".kit-status").inner_text())


@pytest.fixture
def checklist(page, base_url):
    return opened(page, base_url + "auto-evaluation/")


SAMPLE = {
    "echange-1.financement": ("important", "Subvention en retard"),
    "echange-2.partage-du-pouvoir": ("a-surveiller", "Le CA décide seul\nsur deux lignes"),
    "echange-3.rapports-egaux": ("pas-encore", ""),
}


def fill_sample(page) -> None:
    for item, (value, note) in SAMPLE.items():
        answer(page, item, value, note)


# -----------------------------------------------------------------------------
# The page
# -----------------------------------------------------------------------------


def test_every_item_has_a_stable_id_a_labelled_scale_and_a_note(site):
    for prefix in ("", "en/"):
        html = (site / prefix / "auto-evaluation/index.html").read_text(encoding="utf-8")
        assert html.count('class="kit-set"') == 3
        for item in ITEMS:
            assert f'<fieldset class="kit-item" id="{item}">' in html
            assert f'<label class="kit-note-label" for="{item}.note">' in html
            assert len(re.findall(rf'<label><input type="radio" name="{re.escape(item)}"', html)) == 4


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
    assert plain(checklist.locator(".kit-progress__text").inner_text()) == "3 sur 18 répondues"
    assert checklist.locator(".kit-progress progress").evaluate("p => p.value") == 3
    assert plain(checklist.locator('[data-count-for="echange-2"]').inner_text()) == "1 sur 7 répondues"
    assert checklist.locator(".kit-progress__text").get_attribute("aria-live") == "polite"


def test_the_summary_lists_important_and_not_yet_items_with_their_notes(checklist):
    fill_sample(checklist)
    summary = plain(checklist.locator(".kit-summary__list").inner_text())
    assert "Le financement" in summary and "Subvention en retard" in summary
    assert "rapports égaux" in summary
    assert "partage du pouvoir" not in summary  # "to watch" is not flagged


def test_the_printed_summary_keeps_the_notes_and_hides_the_form(checklist):
    fill_sample(checklist)
    checklist.emulate_media(media="print")
    assert not checklist.locator(".kit-form").is_visible()
    assert checklist.locator(".kit-summary").is_visible()
    assert "Subvention en retard" in checklist.locator(".kit-summary").inner_text()


# -----------------------------------------------------------------------------
# Keeping the answers
# -----------------------------------------------------------------------------


def test_answers_are_kept_after_a_reload_and_on_the_english_page(checklist, base_url):
    fill_sample(checklist)
    checklist.select_option("#kit-role", "personne-employee")
    expected = answers_on(checklist)
    assert len(expected) == 3
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
    assert len(answers_on(checklist)) == 3
    checklist.once("dialog", lambda dialog: dialog.accept())
    checklist.click("[data-kit-action=erase]")
    assert answers_on(checklist) == {}
    assert checklist.evaluate(f"localStorage.getItem({json.dumps(KEY)})") is None
    assert plain(string("erased")) in status_text(checklist)


# -----------------------------------------------------------------------------
# Export and import
# -----------------------------------------------------------------------------


def export(page, action: str) -> str:
    with page.expect_download() as download:
        page.click(f"[data-kit-action={action}]")
    return Path(download.value.path()).read_text(encoding="utf-8")


def import_file(page, content: str | bytes, name: str = "reponses.json") -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    page.evaluate("document.querySelector('.kit-alert').replaceChildren()")
    page.set_input_files("#kit-import-file", files=[{"name": name, "mimeType": "application/json", "buffer": data}])
    page.wait_for_selector(".kit-import__preview:not([hidden]), .kit-alert:not(:empty)")


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
        ("x" * (DATA["checklist"]["max_import_kb"] * 1024 + 10), "error_size"),
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


# -----------------------------------------------------------------------------
# Storage trouble
# -----------------------------------------------------------------------------


def test_blocked_storage_keeps_the_page_working_in_memory_and_says_so(browser, base_url):
    context = browser.new_context()
    context.add_init_script("""
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, { get() { throw new DOMException('blocked', 'SecurityError'); } });
      }""")
    page = opened(context.new_page(), base_url + "auto-evaluation/")
    assert plain(string("storage_unavailable")).split(":")[0] in alert_text(page)
    answer(page, "echange-1.financement", "important", "gardé en mémoire")
    assert plain(page.locator(".kit-progress__text").inner_text()) == "1 sur 18 répondues"
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
    assert plain(page.locator(".kit-progress__text").inner_text()) == "2 sur 18 répondues"
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
    assert second.input_value('textarea[name="echange-1.financement.note"]') == "depuis l'autre onglet"
    assert second.input_value('textarea[name="echange-2.fonctionnement.note"]') == "en cours de frappe"
    assert plain(string("other_tab")) in status_text(second)
    second.keyboard.type(", fini")
    assert stored(second)["answers"]["echange-2.fonctionnement"]["note"] == "en cours de frappe, fini"
    assert stored(second)["answers"]["echange-1.financement"]["value"] == "important"


# -----------------------------------------------------------------------------
# An older content version
# -----------------------------------------------------------------------------


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


def served_from(data: dict, folder: Path):
    """The site built from this data (KIT_DATA) and served: (server, address)."""
    from conftest import build_site, serve

    changed = folder / "kit.yml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    server, url = serve(folder / "site")
    result = build_site(folder / "site", env={"KIT_DATA": str(changed), "KIT_DOWNLOADS": "0", "SITE_URL": url})
    assert result.returncode == 0, result.stderr
    return server, url


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


# -----------------------------------------------------------------------------
# Keyboard, network
# -----------------------------------------------------------------------------


def test_one_exchange_can_be_completed_with_the_keyboard_only(checklist):
    checklist.focus('input[name="echange-3.rapports-egaux"][value="pas-encore"]')
    for index in range(5):
        checklist.keyboard.press("ArrowRight")   # moves and selects within the radio group
        checklist.keyboard.press("Tab")          # to the note
        checklist.keyboard.type(f"note {index}")
        checklist.keyboard.press("Tab")          # to the item's "copy link" button
        checklist.keyboard.press("Tab")          # to the next item's radio group
        if index < 4:
            checklist.keyboard.press("Space")
    answers = {k: v for k, v in answers_on(checklist).items() if k.startswith("echange-3.")}
    assert len(answers) == 5, answers
    assert all(a["value"] and a["note"].startswith("note ") for a in answers.values()), answers
    assert plain(checklist.locator('[data-count-for="echange-3"]').inner_text()) == "5 sur 5 répondues"


def test_using_the_checklist_sends_nothing_off_the_local_server(checklist, base_url):
    fill_sample(checklist)
    export(checklist, "json")
    export(checklist, "markdown")
    checklist.reload()
    checklist.wait_for_selector(".kit-checklist--ready")
    assert checklist.watch.requests and all(u.startswith(base_url) for u in checklist.watch.requests), [
        u for u in checklist.watch.requests if not u.startswith(base_url)]
    assert checklist.watch.problems() == []


# -----------------------------------------------------------------------------
# Hostile inputs and faults: nothing people write is lost, cut or falsified
# -----------------------------------------------------------------------------

SPEC = DATA["checklist"]
MAX_NOTE, MAX_RESOURCE = SPEC["max_note"], SPEC["max_resource"]
FIRST, SECOND = ITEMS[0], ITEMS[1]
FLAG = SPEC["scales"][0]["flag"]
SYNTHESIS_KEY = DATA["synthesis"]["storage_key"]
# Text of every kind: accents, emoji, right-to-left, line breaks of both kinds.
EVERY_KIND = "Été « ça » 🌱 שלום عربي\r\nligne suivante\n\n"
HOSTILE_MARKDOWN = "# titre\n- liste\n1. un\n    code\n```\n[lien](javascript:alert(1))\n<b>gras</b>\n| a | b |\n> citation"


def in_units(text: str, units: int) -> str:
    """The text repeated to exactly this many UTF-16 code units (what maxlength counts)."""
    out, count = [], 0
    while count < units:
        for char in text:
            width = 2 if ord(char) > 0xFFFF else 1
            if count + width > units:
                char, width = ".", 1
            out.append(char)
            count += width
            if count == units:
                break
    return "".join(out)


def statement(item: str, lang: str) -> str:
    exchange_id, prompt_id = item.split(".")
    return kit.text(next(p for p in kit.exchange(DATA, exchange_id)["prompts"] if p["id"] == prompt_id)["statement"], lang)


def record_with(answers: dict, **extra) -> dict:
    return {"schema": SPEC["schema"], "contentVersion": DATA["content_version"], "lang": "fr",
            "updatedAt": "2026-11-20T10:00:00.000Z", "role": "", "resource": "", "answers": answers, **extra}


def expected(key: str, lang: str, table: dict = STRINGS, **values) -> str:
    """A message as the page shows it: typeset, then filled in."""
    text = typeset(kit.text(table[key], lang), lang)
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return plain(text)


def seed_script(items: dict[str, str], area: str = "localStorage") -> str:
    """Put these keys in storage before the page's first load only."""
    writes = "".join(f"{area}.setItem({json.dumps(k)}, {json.dumps(v)});" for k, v in items.items())
    return f"if (!sessionStorage.getItem('seeded')) {{ {writes} sessionStorage.setItem('seeded', '1'); }}"


FULL_STORAGE = """
  const setItem = Storage.prototype.setItem;
  window.__full = true;
  Storage.prototype.setItem = function (key, value) {
    if (window.__full && !key.endsWith(':probe') && key !== 'seeded') throw new DOMException('full', 'QuotaExceededError');
    return setItem.call(this, key, value);
  };"""
READS_WATCHED = ("""
  for (const name of ['arrayBuffer', 'text']) {
    const read = Blob.prototype[name];
    Blob.prototype[name] = function () {
      if (this.size >= %d) window.__read = true;
      return read.call(this);
    };
  }""" % (SPEC["max_import_kb"] * 1024))
# Storage events wait in window.__held while it is a list (set by a test).
HOLD_EVENTS = """
  window.addEventListener('storage', (e) => {
    if (window.__held && e.isTrusted) { window.__held.push(e); e.stopImmediatePropagation(); }
  });"""
LEAVING = """() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented; }"""
UNTOUCHED_PROTOTYPE = "() => Object.keys(Object.prototype).length === 0 && ({}).important === undefined"


class Case:
    """One hostile input or fault: what is done, and the message it ends with."""

    def __init__(self, act, key: str, init: str | None = None, table: dict = STRINGS):
        self.act, self.key, self.init, self.table = act, key, init, table


def preview_text(page) -> str:
    page.wait_for_selector(".kit-import__preview:not([hidden])")
    return plain(page.locator(".kit-import__text").inner_text())


def import_and_preview(page, answers: dict, **extra) -> str:
    import_file(page, json.dumps(record_with(answers, **extra)))
    return preview_text(page)


def value_left_out(value):
    def act(page, lang):
        text = import_and_preview(page, {FIRST: {"value": value, "note": "gardée"}, SECOND: {"value": FLAG}})
        page.click("[data-kit-action=apply]")
        assert answers_on(page)[FIRST] == {"value": "", "note": "gardée"}
        assert page.evaluate(UNTOUCHED_PROTOTYPE)
        assert plain(page.locator(".kit-progress__text").inner_text()).startswith("1 ")
        return text, {"value": value, "item": statement(FIRST, lang)}
    return act


def role_left_out(role):
    def act(page, lang):
        text = import_and_preview(page, {FIRST: {"value": FLAG}}, role=role)
        page.click("[data-kit-action=apply]")
        assert page.input_value("#kit-role") == ""
        return text, {"role": role}
    return act


def item_left_out(item):
    def act(page, lang):
        raw = json.dumps(record_with({FIRST: {"value": FLAG}}))
        raw = raw.replace('"answers": {', '"answers": {' + json.dumps(item) + ': {"value": "' + FLAG + '"}, ')
        import_file(page, raw)
        text = preview_text(page)
        page.click("[data-kit-action=apply]")
        assert list(answers_on(page)) == [FIRST] and page.evaluate(UNTOUCHED_PROTOTYPE)
        return text, {"n": 1}
    return act


def long_note(page, lang):
    before = answers_on(page)
    text = import_and_preview(page, {FIRST: {"value": FLAG, "note": "n" * (MAX_NOTE + 750)}})
    assert answers_on(page) == before, "changed before the person chose"
    return text, {"field": statement(FIRST, lang), "over": 750}


def long_resource(page, lang):
    text = import_and_preview(page, {FIRST: {"value": FLAG}}, resource="r" * (MAX_RESOURCE + 40))
    return text, {"field": kit.text(STRINGS["resource"], lang), "over": 40}


def encoded(data: bytes):
    def act(page, lang):
        import_file(page, data)
        return preview_text(page), {"count": 1, "date": "2026-11-20", "role": kit.text(STRINGS["unknown_role"], lang)}
    return act


def sample_bytes(encoding: str, bom: bytes) -> bytes:
    return bom + json.dumps(record_with({FIRST: {"value": FLAG, "note": "Été 😀"}}), ensure_ascii=False).encode(encoding)


def latin1(page, lang):
    fill_sample(page)
    import_file(page, json.dumps(record_with({FIRST: {"value": FLAG, "note": "Été"}}), ensure_ascii=False).encode("latin-1"))
    assert len(answers_on(page)) == 3
    return alert_text(page), {}


def oversized(page, lang):
    import_file(page, b" " * (SPEC["max_import_kb"] * 1024 + 1))
    assert page.evaluate("window.__read") is None, "the file was read before its size was checked"
    return alert_text(page), {"size": SPEC["max_import_kb"] + 1, "max": SPEC["max_import_kb"]}


def paste(page, selector: str, text: str) -> None:
    """Put a long text in a field at once, as pasting does (typing it takes seconds)."""
    page.locator(selector).evaluate(
        "(field, text) => { field.value = text; field.dispatchEvent(new InputEvent('input', {bubbles: true})); }", text)


def longest_note_round_trip(page, lang):
    note = in_units(EVERY_KIND.replace("\r\n", "\n"), MAX_NOTE)
    page.check(f'input[name="{FIRST}"][value="{FLAG}"]')
    paste(page, f'textarea[name="{FIRST}.note"]', note)
    page.fill("#kit-resource", "Ressource « Entraide » 🌻 שלום")
    exported = export(page, "json")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-kit-action=erase]")
    import_file(page, exported)
    page.click("[data-kit-action=apply]")
    assert page.input_value(f'textarea[name="{FIRST}.note"]') == note
    assert page.input_value("#kit-resource") == "Ressource « Entraide » 🌻 שלום"
    return status_text(page), {}


def note_kept_after_reload(page, lang):
    note = ("x" * 99 + "\n") * 72
    answer(page, FIRST, FLAG, note)
    page.reload()
    page.wait_for_selector(".kit-checklist--ready")
    assert page.input_value(f'textarea[name="{FIRST}.note"]') == note
    return plain(page.locator(".kit-progress__text").inner_text()), {"n": 1, "total": len(ITEMS)}


def counter_near_limit(page, lang):
    field = f'textarea[name="{FIRST}.note"]'
    assert page.get_attribute(field, "maxlength") == str(MAX_NOTE)
    page.fill(field, "a" * 100)
    assert not page.locator(f'[id="{FIRST}.note-count"]').is_visible()
    page.fill(field, "a" * (MAX_NOTE - 5))
    return plain(page.locator(f'[id="{FIRST}.note-count"]').inner_text()), {"n": 5}


def resource_kept_whole(page, lang):
    assert page.get_attribute("#kit-resource", "maxlength") == str(MAX_RESOURCE)
    name = "R" * (MAX_RESOURCE - 10)
    page.fill("#kit-resource", name)
    page.reload()
    page.wait_for_selector(".kit-checklist--ready")
    assert page.input_value("#kit-resource") == name
    return plain(page.locator("#kit-resource-count").inner_text()), {"n": 10}


def backups_listed(count: int, corrupt_again: bool = False):
    def act(page, lang):
        if corrupt_again:
            page.evaluate(f"localStorage.setItem({json.dumps(KEY)}, '{{corrompu 2')")
        page.reload()
        page.wait_for_selector(".kit-checklist--ready")
        buttons = page.locator(".kit-backups button")
        assert buttons.count() == count
        with page.expect_download() as download:
            buttons.first.click()
        assert Path(download.value.path()).read_text(encoding="utf-8") == "{corrompu 2"
        return plain(buttons.first.inner_text()), {"date": plain(buttons.first.inner_text()).split("(")[-1].rstrip(")")}
    return act


def corrupt_and_full(page, lang):
    said = alert_text(page)
    assert page.locator(".kit-backups button").count() == 1
    answer(page, FIRST, FLAG, "gardé à l'écran")
    assert json.loads(export(page, "json"))["answers"][FIRST]["note"] == "gardé à l'écran"
    return said, {}


def unreadable_storage(page, lang):
    answer(page, FIRST, FLAG)
    return plain(page.locator(".kit-progress__text").inner_text()), {"n": 1, "total": len(ITEMS)}


def full_then_freed(page, lang):
    answer(page, FIRST, FLAG, "pendant")
    assert plain(kit.text(STRINGS["storage_full"], lang)).split(":")[0] in alert_text(page)
    page.evaluate("window.__full = false")
    answer(page, SECOND, FLAG, "après")
    assert set(stored(page)["answers"]) == {FIRST, SECOND}
    return status_text(page), {}


def refused_then_freed(page, lang):
    assert plain(kit.text(STRINGS["storage_unavailable"], lang)).split(":")[0] in alert_text(page)
    page.evaluate("window.__full = false")
    answer(page, FIRST, FLAG, "enregistrée enfin")
    assert stored(page)["answers"][FIRST]["note"] == "enregistrée enfin"
    return status_text(page), {}


def erase_everything(page, lang):
    answer(page, FIRST, FLAG, "note")
    page.evaluate(f"sessionStorage.setItem({json.dumps(KEY)}, '{{}}')")
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.click("[data-kit-action=erase]")
    ours = "(k) => k.startsWith('gestion-gouvernance/')"
    assert page.evaluate(f"Object.keys(localStorage).filter({ours})") == []
    assert page.evaluate(f"Object.keys(sessionStorage).filter({ours})") == []
    assert plain(messages[0]) == expected("erase_confirm", lang)
    return status_text(page), {}


def shared_asks_first(page, lang):
    answer(page, FIRST, FLAG, "à garder")
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    page.click("#kit-shared")
    assert not page.is_checked("#kit-shared")
    assert stored(page)["answers"][FIRST]["note"] == "à garder"
    return plain(messages[0]), {}


def other_tab(page):
    other = page.context.new_page()
    other.goto(page.url)
    other.wait_for_selector(".kit-checklist--ready")
    return other


def confirmed_in_another_tab(page, selector: str) -> None:
    """Click this control in another tab, say yes, and wait for this tab to be told."""
    other = other_tab(page)
    other.once("dialog", lambda dialog: dialog.accept())
    other.click(selector)
    page.wait_for_selector(".kit-alert:not(:empty)")


def shared_tells_other_tabs(page, lang):
    answer(page, FIRST, FLAG, "sur l'écran")
    confirmed_in_another_tab(page, "#kit-shared")
    assert answers_on(page)[FIRST]["note"] == "sur l'écran"
    assert page.evaluate(LEAVING), "leaving would lose answers kept nowhere else"
    return alert_text(page), {}


def erase_tells_other_tabs(page, lang):
    answer(page, FIRST, FLAG, "effacée ailleurs")
    confirmed_in_another_tab(page, "[data-kit-action=erase]")
    assert answers_on(page) == {}
    return alert_text(page), {}


def simultaneous_clicks(page, lang):
    other = other_tab(page)
    items = ITEMS[:6]
    for index, item in enumerate(items):
        tab = page if index % 2 else other
        tab.evaluate(f"document.querySelector('input[name=\"{item}\"][value=\"{FLAG}\"]').click()")
    for tab in (page, other):
        tab.wait_for_function(f"() => document.querySelectorAll('.kit-item input:checked').length === {len(items)}")
    assert set(stored(page)["answers"]) == set(items)
    return plain(page.locator(".kit-progress__text").inner_text()), {"n": len(items), "total": len(ITEMS)}


def same_note_in_two_tabs(page, lang):
    other = other_tab(page)
    field = f'textarea[name="{FIRST}.note"]'
    # The other tab's change reaches this one only after this one typed too.
    page.evaluate("window.__held = []")
    other.fill(field, "texte de l'autre onglet")
    page.wait_for_function("() => window.__held.length > 0")
    page.fill(field, "texte de cet onglet")
    page.evaluate("""() => {
      const held = window.__held;
      window.__held = null;
      for (const e of held) window.dispatchEvent(new StorageEvent('storage',
        { key: e.key, oldValue: e.oldValue, newValue: e.newValue, url: e.url, storageArea: e.storageArea }));
    }""")
    conflict = page.locator(f'[id="{FIRST}"] .kit-conflict')
    assert plain(conflict.locator(".kit-conflict__text").inner_text()) == "texte de l'autre onglet"
    assert page.input_value(field) == "texte de cet onglet"
    assert page.evaluate(LEAVING)
    text = plain(conflict.inner_text())
    conflict.locator("button").nth(1).click()
    assert page.input_value(field) == "texte de l'autre onglet"
    assert stored(page)["answers"][FIRST]["note"] == "texte de l'autre onglet"
    return text, {}


def leaving_without_storage(page, lang):
    assert not page.evaluate(LEAVING), "nothing on screen yet"
    answer(page, FIRST, FLAG, "seulement ici")
    assert page.evaluate(LEAVING)
    return alert_text(page), {}


def leaving_with_a_pending_import(page, lang):
    assert not page.evaluate(LEAVING)
    text = import_and_preview(page, {FIRST: {"value": FLAG}})
    assert page.evaluate(LEAVING)
    return text, {"count": 1, "date": "2026-11-20", "role": kit.text(STRINGS["unknown_role"], lang)}


def markdown_structure(text: str) -> dict[str, int]:
    import markdown as python_markdown

    html = python_markdown.markdown(text, extensions=["tables", "fenced_code"])
    return {tag: len(re.findall(rf"<{tag}[ >]", html)) for tag in
            ("h1", "h2", "h3", "ul", "ol", "li", "a", "table", "pre", "code", "b", "img", "blockquote")}


def markdown_without_markup(page, lang):
    answer(page, FIRST, FLAG, "simple")
    page.fill("#kit-resource", "Nom simple")
    plain_structure = markdown_structure(export(page, "markdown"))
    page.fill(f'textarea[name="{FIRST}.note"]', HOSTILE_MARKDOWN)
    import_and_preview(page, {FIRST: {"value": FLAG, "note": HOSTILE_MARKDOWN}},
                       resource="Nom\n# Titre\n[x](javascript:alert(1))")
    page.click("[data-kit-action=apply]")
    text = export(page, "markdown")
    assert markdown_structure(text) == plain_structure, text
    return text, {}


def hostile_stored_record(page, lang):
    assert page.evaluate(UNTOUCHED_PROTOTYPE)
    assert page.input_value("#kit-role") == ""
    assert page.watch.page_errors == []
    return plain(page.locator(".kit-progress__text").inner_text()), {"n": 0, "total": len(ITEMS)}


def hostile_record_from_another_tab(page, lang):
    other = other_tab(page)
    raw = json.dumps(record_with({FIRST: {"value": "__proto__", "at": "2030-01-01T00:00:00.000Z"}}, role="toString"))
    other.evaluate(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(raw)})")
    answer(page, SECOND, FLAG)
    assert page.evaluate(UNTOUCHED_PROTOTYPE) and page.watch.page_errors == []
    return plain(page.locator(".kit-progress__text").inner_text()), {"n": 1, "total": len(ITEMS)}


HOSTILE_STORED = json.dumps(record_with({FIRST: {"value": "__proto__", "note": ""}, SECOND: {"value": "toString"}},
                                        role="toString"))

CHECKLIST_CASES = {
    "answer __proto__ left out": Case(value_left_out("__proto__"), "unknown_answer_left"),
    "answer constructor left out": Case(value_left_out("constructor"), "unknown_answer_left"),
    "answer toString left out": Case(value_left_out("toString"), "unknown_answer_left"),
    "answer hasOwnProperty left out": Case(value_left_out("hasOwnProperty"), "unknown_answer_left"),
    "answer of another scale left out": Case(value_left_out("pleinement"), "unknown_answer_left"),
    "role toString left out": Case(role_left_out("toString"), "unknown_role_left"),
    "role constructor left out": Case(role_left_out("constructor"), "unknown_role_left"),
    "role valueOf left out": Case(role_left_out("valueOf"), "unknown_role_left"),
    "item __proto__ ignored": Case(item_left_out("__proto__"), "unknown_items"),
    "item constructor ignored": Case(item_left_out("constructor"), "unknown_items"),
    "note over the limit told before import": Case(long_note, "import_long"),
    "resource over the limit told before import": Case(long_resource, "import_long"),
    "Latin-1 file refused": Case(latin1, "error_encoding"),
    "UTF-8 file with BOM read": Case(encoded(sample_bytes("utf-8", b"\xef\xbb\xbf")), "import_preview"),
    "UTF-16 LE file with BOM read": Case(encoded(sample_bytes("utf-16-le", b"\xff\xfe")), "import_preview"),
    "UTF-16 BE file with BOM read": Case(encoded(sample_bytes("utf-16-be", b"\xfe\xff")), "import_preview"),
    "oversized file refused unread": Case(oversized, "error_size", init=READS_WATCHED),
    "longest note survives export and import": Case(longest_note_round_trip, "imported"),
    "7,200-character note kept after reload": Case(note_kept_after_reload, "progress"),
    "counter near the note's limit": Case(counter_near_limit, "chars_left"),
    "long resource name kept whole": Case(resource_kept_whole, "chars_left"),
    "second corruption keeps the first backup": Case(
        backups_listed(2, corrupt_again=True), "download_backup", init=seed_script({KEY: "{corrompu 1"})),
    "a sixth corruption keeps the last five": Case(
        backups_listed(5), "download_backup",
        init=seed_script({**{f"{KEY}:backup:2026-11-0{n}T10:00:00.000Z": f"vieux {n}" for n in range(1, 6)},
                          KEY: "{corrompu 2"})),
    "corrupt data and full storage": Case(corrupt_and_full, "stored_corrupt",
                                          init=seed_script({KEY: "{corrompu"}) + FULL_STORAGE),
    "unreadable storage": Case(unreadable_storage, "progress",
                               init="Storage.prototype.getItem = () => { throw new DOMException('no', 'SecurityError'); };"),
    "storage full then freed": Case(full_then_freed, "storage_back", init=FULL_STORAGE),
    "storage refused at start then freed": Case(refused_then_freed, "storage_back",
                                                init=FULL_STORAGE.replace("!key.endsWith(':probe') && ", "")),
    "erase removes everything": Case(erase_everything, "erased", init=seed_script(
        {f"{KEY}:backup": "ancien", f"{KEY}:backup:2026-11-01T10:00:00.000Z": "ancien 2", SYNTHESIS_KEY: "[]"})),
    "shared computer asks first": Case(shared_asks_first, "shared_confirm"),
    "shared computer tells other tabs": Case(shared_tells_other_tabs, "shared_elsewhere"),
    "erase tells other tabs": Case(erase_tells_other_tabs, "erased_elsewhere"),
    "two tabs click at once": Case(simultaneous_clicks, "progress"),
    "two tabs type the same note": Case(same_note_in_two_tabs, "conflict", init=HOLD_EVENTS),
    "leaving without storage": Case(leaving_without_storage, "storage_unavailable", init="""
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, { get() { throw new DOMException('blocked', 'SecurityError'); } });
      }"""),
    "leaving with an import pending": Case(leaving_with_a_pending_import, "import_preview"),
    "Markdown export without markup": Case(markdown_without_markup, "markdown_title"),
    "stored __proto__ answer and toString role": Case(hostile_stored_record, "progress",
                                                      init=seed_script({KEY: HOSTILE_STORED})),
    "hostile record from another tab": Case(hostile_record_from_another_tab, "progress"),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(CHECKLIST_CASES))
def test_hostile_inputs_and_faults_end_with_the_expected_message(browser, base_url, name, lang):
    run_case(browser, CHECKLIST_CASES[name], lang, lambda page, prefix: opened(page, f"{base_url}{prefix}auto-evaluation/"))


def run_case(browser, case: Case, lang: str, open_page) -> None:
    """Open the page in a fresh browser, do the case, find its message in the page's language."""
    from conftest import PageWatch

    context = browser.new_context()
    context.set_default_timeout(10_000)
    if case.init:
        context.add_init_script(case.init)
    page = context.new_page()
    page.watch = PageWatch(page)
    try:
        open_page(page, "" if lang == "fr" else "en/")
        text, values = case.act(page, lang)
        assert expected(case.key, lang, case.table, **values) in plain(text)
    finally:
        context.close()


# -----------------------------------------------------------------------------
# Text from data/kit.yml is text
# -----------------------------------------------------------------------------

TAG = "<b>x</b>"


@pytest.fixture(scope="module")
def tagged_site(tmp_path_factory):
    """The site built from a kit.yml whose labels hold HTML: a statement, an
    exchange title, an answer, a role and a string of the page."""
    data = yaml.safe_load((ROOT / "data" / "kit.yml").read_text(encoding="utf-8"))
    exchange = data["exchanges"][0]
    for text in (exchange["prompts"][0]["statement"], exchange["title"], data["checklist"]["scales"][0]["options"][0]["label"],
                 data["roles"][0]["label"], data["checklist"]["strings"]["note"]):
        for lang in text:
            text[lang] = f"{text[lang]} {TAG}"
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


# -----------------------------------------------------------------------------
# The offline copy
# -----------------------------------------------------------------------------


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
