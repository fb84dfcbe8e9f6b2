"""Shared helpers of the self-assessment and synthesis tests: the data, the
pages' actions and reads, and the table of hostile inputs and faults."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from kitlib import kit  # noqa: E402
from kitlib.typography import typeset  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

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
    page.wait_for_selector(".kit-checklist--ready")  # the script has read what is stored
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
    return {item: {"value": a.get("value", ""), "note": a.get("note", "")} for item, a in stored(page)["answers"].items()}


def alert_text(page) -> str:
    return plain(page.locator(".kit-alert").inner_text())


def status_text(page) -> str:
    return plain(page.locator(".kit-status").inner_text())

SAMPLE = {
    "echange-1.financement": ("important", "Subvention en retard"),
    "echange-2.partage-du-pouvoir": ("a-surveiller", "Le CA décide seul\nsur deux lignes"),
    "echange-3.rapports-egaux": ("pas-encore", ""),
}


def fill_sample(page) -> None:
    for item, (value, note) in SAMPLE.items():
        answer(page, item, value, note)


def export(page, action: str) -> str:
    return exported_file(page, action)[1]


def exported_file(page, action: str) -> tuple[str, str]:
    """The name and the text of the file a button downloads."""
    with page.expect_download() as download:
        page.click(f"[data-kit-action={action}]")
    return download.value.suggested_filename, Path(download.value.path()).read_text(encoding="utf-8")


def import_file(page, content: str | bytes, name: str = "reponses.json") -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    page.evaluate("document.querySelector('.kit-alert').replaceChildren()")
    page.set_input_files("#kit-import-file", files=[{"name": name, "mimeType": "application/json", "buffer": data}])
    page.wait_for_selector(".kit-import__preview:not([hidden]), .kit-alert:not(:empty)")


def served_from(data: dict, folder: Path):
    """The site built from this data (KIT_DATA) and served: (server, address)."""
    from conftest import build_site, serve

    changed = folder / "kit.yml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    server, url = serve(folder / "site")
    result = build_site(folder / "site", env={"KIT_DATA": str(changed), "KIT_DOWNLOADS": "0", "SITE_URL": url})
    assert result.returncode == 0, result.stderr
    return server, url

SPEC = DATA["checklist"]

MAX_NOTE, MAX_RESOURCE = SPEC["max_note"], SPEC["max_resource"]
from kitlib.checklist import max_import_kb  # noqa: E402

MAX_IMPORT_KB = max_import_kb(DATA)

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


def plural_form(table: dict, key: str, count, lang: str) -> str:
    """The key of a string's form for a count, as the page picks it (Intl.PluralRules:
    in French 0 and 1 are "one", in English only 1)."""
    if not isinstance(count, int):
        return key
    one = count in (0, 1) if lang == "fr" else count == 1
    return f"{key}_one" if one and f"{key}_one" in table else key


def expected(key: str, lang: str, table: dict = STRINGS, **values) -> str:
    """A message as the page shows it: typeset, then filled in."""
    key = plural_form(table, key, values.get("count", values.get("n", values.get("over"))), lang)
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
  }""" % (MAX_IMPORT_KB * 1024))


# Storage events wait in window.__held while it is a list (set by a test).
HOLD_EVENTS = """
  window.addEventListener('storage', (e) => {
    if (window.__held && e.isTrusted) { window.__held.push(e); e.stopImmediatePropagation(); }
  });"""

LEAVING = """() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented; }"""

UNTOUCHED_PROTOTYPE = "() => Object.keys(Object.prototype).length === 0 && ({}).important === undefined"


class Case:
    """One hostile input or fault: what is done, and the message it ends with."""

    def __init__(self, act, key: str, init: str | None = None, table: dict = STRINGS, values: dict | None = None):
        self.act, self.key, self.init, self.table, self.values = act, key, init, table, values or {}


def preview_text(page) -> str:
    page.wait_for_selector(".kit-import__preview:not([hidden])")
    return plain(page.locator(".kit-import__text").inner_text())


def import_and_preview(page, answers: dict, **extra) -> str:
    import_file(page, json.dumps(record_with(answers, **extra)))
    return preview_text(page)


# The values of one kind a file may hold that the page must leave out, tried one after the other
# in one page (each import replaces the last): each ends with its message, and the last one's
# message is the case's.
def one_after_another(check, values):
    def act(page, lang):
        for value in values:
            text, found = check(page, lang, value)
            if value != values[-1]:
                assert expected(found.pop("key"), lang, **found) in plain(text), value
        return text, {name: v for name, v in found.items() if name != "key"}
    return act


def value_left_out(page, lang, value):
    text = import_and_preview(page, {FIRST: {"value": value, "note": "gardée"}, SECOND: {"value": FLAG}})
    page.click("[data-kit-action=apply]")
    assert answers_on(page)[FIRST] == {"value": "", "note": "gardée"}, value
    assert page.evaluate(UNTOUCHED_PROTOTYPE)
    assert plain(page.locator(".kit-progress__text").inner_text()) == expected("progress", lang, n=1, total=len(ITEMS))
    return text, {"key": "unknown_answer_left", "value": value, "item": statement(FIRST, lang)}


def role_left_out(page, lang, role):
    text = import_and_preview(page, {FIRST: {"value": FLAG}}, role=role)
    page.click("[data-kit-action=apply]")
    assert page.input_value("#kit-role") == "", role
    return text, {"key": "unknown_role_left", "role": role}


def item_left_out(page, lang, item):
    raw = json.dumps(record_with({FIRST: {"value": FLAG}}))
    raw = raw.replace('"answers": {', '"answers": {' + json.dumps(item) + ': {"value": "' + FLAG + '"}, ')
    import_file(page, raw)
    text = preview_text(page)
    page.click("[data-kit-action=apply]")
    assert list(answers_on(page)) == [FIRST] and page.evaluate(UNTOUCHED_PROTOTYPE), item
    return text, {"key": "unknown_items", "n": 1}


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
    assert len(answers_on(page)) == len(SAMPLE)
    return alert_text(page), {}


def oversized(page, lang):
    import_file(page, b" " * (MAX_IMPORT_KB * 1024 + 1))
    assert page.evaluate("window.__read") is None, "the file was read before its size was checked"
    return alert_text(page), {"size": MAX_IMPORT_KB + 1, "max": MAX_IMPORT_KB}


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
    page.fill(field, "a" * 100)
    assert not page.locator(f'[id="{FIRST}.note-count"]').is_visible()
    # Characters as people see them: a family emoji is one, an accented letter made of two code points is one.
    paste(page, field, "👩‍👩‍👧" * 3 + "e\u0301" * 2 + "a" * (MAX_NOTE - 10))
    return plain(page.locator(f'[id="{FIRST}.note-count"]').inner_text()), {"n": 5}


def resource_kept_whole(page, lang):
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
    answer(page, SECOND, FLAG, "pas encore enregistrée")
    assert plain(kit.text(STRINGS["storage_full"], lang)).split(":")[0] in alert_text(page)
    assert expected("not_saved", lang, items=statement(SECOND, lang)) in alert_text(page)
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
    # What stays is the mark that tells late tabs of the erase: a stamp, nothing of the answers.
    assert page.evaluate(f"Object.keys(localStorage).filter({ours})") == [f"{KEY}:erased"]
    assert re.fullmatch(r"\d+\.[a-z0-9]+", page.evaluate(f"localStorage.getItem({json.dumps(KEY + ':erased')})"))
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
    take = conflict.locator("button").first
    assert plain(take.inner_text()) == expected("conflict_take_theirs", lang)
    take.click()
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
    "answers __proto__, constructor, toString, hasOwnProperty and another scale's left out": Case(one_after_another(
        value_left_out, ["__proto__", "constructor", "toString", "hasOwnProperty", "pleinement"]), "unknown_answer_left"),
    "roles toString, constructor and valueOf left out": Case(
        one_after_another(role_left_out, ["toString", "constructor", "valueOf"]), "unknown_role_left"),
    "items __proto__ and constructor ignored": Case(
        one_after_another(item_left_out, ["__proto__", "constructor"]), "unknown_items"),
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
    "a sixth corruption keeps all six": Case(
        backups_listed(6), "download_backup",
        init=seed_script({**{f"{KEY}:backup:2026-11-0{n}T10:00:00.000Z": f"vieux {n}" for n in range(1, 6)},
                          KEY: "{corrompu 2"})),
    "corrupt data and full storage": Case(corrupt_and_full, "stored_corrupt",
                                          init=seed_script({KEY: "{corrompu"}) + FULL_STORAGE),
    "unreadable storage": Case(unreadable_storage, "progress",
                               init="Storage.prototype.getItem = () => { throw new DOMException('no', 'SecurityError'); };"),
    "storage full then freed": Case(full_then_freed, "storage_back", init=FULL_STORAGE),
    "storage full at start then freed": Case(refused_then_freed, "storage_back",
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
        assert expected(case.key, lang, case.table, **{**case.values, **values}) in plain(text)
    finally:
        context.close()

TAG = "<b>x</b>"


# -----------------------------------------------------------------------------
# Files from before, every item answered, file names
# -----------------------------------------------------------------------------

ROLES = [role["id"] for role in DATA["roles"]]


def scale_of(item: str) -> dict:
    exchange = next(e for e in DATA["exchanges"] if item.startswith(f"{e['id']}."))
    return next(s for s in SPEC["scales"] if s["id"] == exchange["scale"])


def every_item_answered(note: str = "") -> dict:
    """Every item answered, the answers turning through each scale, each with this note."""
    return {item: {"value": scale_of(item)["options"][n % len(scale_of(item)["options"])]["id"], "note": note}
            for n, item in enumerate(ITEMS)}


def first_release_export(answers: dict, role: str = "", resource: str = "") -> dict:
    """A file as the first release exported it: answers without their times of
    change, no time for the role or the name, content version 2026.11."""
    return {"schema": 1, "contentVersion": "2026.11", "lang": "fr", "updatedAt": "2026-11-20T10:00:00.000Z",
            "role": role, "resource": resource,
            "answers": {item: {"value": a["value"], "note": a["note"]} for item, a in answers.items()}}


def role_in_file_name(role: str, lang: str) -> str:
    from kitlib.checklist import file_part

    return file_part(kit.text(next(r for r in DATA["roles"] if r["id"] == role)["short"], lang))


def file_name(role: str, lang: str, date: str, extension: str, person: str = "") -> str:
    """An export's name as the data's patterns make it, for the person whose random id is given."""
    pattern = string("file_export", lang).replace("{role}", role_in_file_name(role, lang)) if role else string("file_export_no_role", lang)
    return f"{pattern.replace('{date}', date).replace('{person}', person[:6]).rstrip('-')}.{extension}"


def seeded_with(record: dict) -> str:
    """Storage holding this record before the page's first load."""
    return seed_script({KEY: json.dumps(record)})
