// The self-assessment's answers in one tab: what is on screen, what is
// stored, and how the two meet. Pure: no DOM; the page (checklist.js) shows
// what it holds, and the model-based tests drive it with fake storage.
// Storage follows kit-store.js: merged, never filtered; set aside before it
// is replaced or migrated; ordered by a logical clock.
import { change, empty, index, limit, mergeRecords, olderThan, read, textVersions } from "./checklist-state.js";
import { Clock, Keeper, Screen, baseOf, canonical, copy, parse, randomId, table } from "./kit-store.js";

const textField = (field) => field === "resource" || field.endsWith(".note");

export class Answers {
  // spec: the page's spec; deps: { local(), session() → Storage, random(n) →
  // bytes, now() → Date, persist() → asks the browser to keep storage }.
  constructor(spec, deps) {
    this.spec = spec;
    this.deps = deps;
    this.key = spec.storageKey;
    this.items = index(spec);
    this.tab = randomId(deps.random);
    this.clock = new Clock(this.tab);
    this.record = fresh(spec);
    this.known = null;            // the stored text as last read or written
    this.shown = new Screen(this.tab);
    this.overflow = new Map();    // text field → [texts]: what the limit left out, each time
    this.aside = [];              // copies set aside that storage could not keep: { date, raw }
    this.changed = new Set();     // items changed since the answers were given
    this.incoming = null;         // an import waiting for the person's yes
    this.trouble = null;          // the last failed write's message code
    this.blocked = false;         // what is stored could not be set aside: it is not written over
    this.paused = false;          // another tab moved the answers off this device
    this.persisted = false;
    this.said = [];               // [{ code, values, urgent }] for the page's message boxes
  }

  now() {
    return this.deps.now().toISOString();
  }

  say(code, values = {}, urgent = false) {
    this.said.push({ code, values, urgent });
  }

  // ----------------------------------------------------------------- loading
  load() {
    this.session = Keeper.open(this.deps.session, this.key);
    this.local = Keeper.open(this.deps.local, this.key);
    this.erasedMark = this.local ? this.local.erasedMark() : null;
    this.shared = Boolean(this.session && this.session.get(`${this.key}:shared`) === "1");
    this.area = this.shared ? this.session : this.local;
    if (!this.area) {
      this.say("storage_unavailable", {}, true);
      return this.show();
    }
    const raw = this.area.get();
    this.known = raw;
    if (raw === null) return this.show();
    const { record, bad } = parse(raw);
    if (bad) this.setAside(raw, "stored_corrupt");
    else if (record.schema !== this.spec.schema) this.setAside(raw, "stored_unknown");
    else this.adopt(record, raw);
    this.show();
  }

  // A stored record of this schema becomes this tab's; one of another
  // content version is set aside first, then carried over.
  adopt(record, raw) {
    this.record = record;
    this.clock.see(record.clock);
    const from = typeof record.contentVersion === "string" ? record.contentVersion : "";
    if (from === this.spec.contentVersion) return;
    let view;
    try {
      view = read(record, this.spec);
    } catch (error) {
      return this.setAside(raw, "stored_unknown");
    }
    const trouble = this.keepAside(raw);
    const newer = olderThan(this.spec.contentVersion, from);
    this.changed = new Set(view.changed);
    const items = view.changed.map((id) => this.items.items.get(id).item.statement).join(", ") || "—";
    this.say(newer ? "migrated_newer" : "migrated", { from: from || "?", to: this.spec.contentVersion, items, unknown: view.unknown.length }, true);
    if (trouble) return this.stuck(trouble);
    if (!newer) this.record.contentVersion = this.spec.contentVersion;
    this.write();
  }

  // What is stored cannot be read: set it aside, then start over. Once the
  // copy is safe, the unreadable record leaves its place.
  setAside(raw, code) {
    const trouble = this.keepAside(raw);
    this.say(code, {}, true);
    if (trouble) return this.stuck(trouble);
    if (this.area.get() === raw && this.area.remove()) this.known = null;
  }

  // Keep a copy aside in storage, or in the page when storage refuses it.
  keepAside(raw) {
    const date = this.now();
    const trouble = this.area ? this.area.setAside(raw, date) : "storage_unavailable";
    if (trouble && !this.aside.some((one) => one.raw === raw)) this.aside.unshift({ date, raw });
    return trouble;
  }

  // Storage could not keep the copy: what is stored is left as it is, and
  // what the person does now stays in the page.
  stuck(trouble) {
    this.blocked = true;
    this.trouble = trouble;
    this.say(trouble, {}, true);
  }

  // --------------------------------------------------------------- the view
  // What the page shows: the record read for this version, and each text field.
  view() {
    return read(this.record, this.spec);
  }

  // Each text field's text from the record (kit-store.js: Screen).
  show() {
    for (const field of this.textFields()) this.shown.show(field, textVersions(this.record, this.hostOf(field)));
  }

  // Each text field's text on screen, and another tab's waiting beside it.
  get screen() {
    return this.shown.texts;
  }

  get pending() {
    return this.shown.pending;
  }

  textFields() {
    return ["resource", ...[...this.items.items.keys()].map((id) => `${id}.note`)];
  }

  // The field as stored: an item answered under a former id is read there
  // until it is answered under today's.
  hostOf(field) {
    if (field === "resource" || field === "role") return field;
    const note = field.endsWith(".note"), id = note ? field.slice(0, -5) : field;
    const answers = table(this.record.answers);
    if (!(id in answers)) {
      const old = [...this.items.former].find(([, now]) => now === id);
      if (old && old[0] in answers) return note ? `${old[0]}.note` : old[0];
    }
    return field;
  }

  // The other versions of a text field, written at the same time elsewhere.
  others(field) {
    return this.shown.others(field, textVersions(this.record, this.hostOf(field)));
  }

  // ------------------------------------------------------------ the person
  focus(field) {
    this.shown.focused = field;
  }

  blur() {
    this.shown.focused = null;
  }

  // The person changed a field; returns the text kept (a paste over the
  // limit is kept up to it, and what was left out is told).
  edit(field, given) {
    const at = this.now(), n = this.clock.next();
    let kept = given;
    if (textField(field)) {
      const max = field === "resource" ? this.spec.maxResource : this.spec.maxNote;
      const cut = limit(this.shown.text(field), given, max);
      kept = cut.text;
      if (cut.left) this.overflow.set(field, [...(this.overflow.get(field) || []), cut.left]);
      change(this.record, field, kept, { n, base: this.shown.base(field), at });
      this.shown.typed(field, kept);
    } else {
      change(this.record, field, given, { n, at });
    }
    if (!this.record.person) this.record.person = randomId(this.deps.random, 16);
    this.changed.delete(field.replace(/\.note$/, ""));
    this.askToPersist();
    this.save();
    return kept;
  }

  // The person chose between their text and another tab's: `text` is written
  // over every version shown.
  choose(field, text) {
    const list = textVersions(this.record, this.hostOf(field));
    change(this.record, field, text, { n: this.clock.next(), base: baseOf(list), at: this.now() });
    this.shown.chose(field, text, textVersions(this.record, field));
    this.save();
  }

  // The note of what a paste left out, once read.
  dismiss(field) {
    this.overflow.delete(field);
  }

  askToPersist() {
    if (this.persisted) return;
    this.persisted = true;
    try {
      this.deps.persist?.();
    } catch (error) {
      // A browser that will not promise keeps the page working as before.
    }
  }

  // ---------------------------------------------------------------- storage
  // Fold what another tab stored into this record, then write.
  save() {
    if (this.paused || this.blocked) return this.unsaved();
    if (!this.area) this.reopen();
    if (!this.area) return this.unsaved();
    this.write();
  }

  // Read, merge, write: what is stored now is always folded in first.
  write() {
    if (this.blocked || this.paused || !this.area) return;
    this.mergeStored(this.area.get());
    if (this.blocked) return;
    const text = JSON.stringify(this.record);
    const trouble = this.area.set(text);
    if (trouble) {
      this.trouble = trouble;
      return this.unsaved();
    }
    this.known = text;
    // Copies set aside while storage was full go where they belong now.
    this.aside = this.aside.filter((copy) => this.area.setAside(copy.raw, copy.date) !== null);
    if (this.trouble) {
      this.trouble = null;
      this.say("storage_back");
    }
  }

  // Say exactly which answers are on this page only.
  unsaved() {
    const stored = this.known === null ? fresh(this.spec) : parse(this.known).record || fresh(this.spec);
    const fields = this.differences(stored);
    const code = this.paused ? "shared_elsewhere" : this.trouble || (this.area ? null : "storage_unavailable");
    if (!code) return;
    const names = fields.map((id) => this.name(id)).join(", ");
    this.say(code, {}, true);
    if (names) this.say("not_saved", { items: names }, true);
  }

  // The fields whose answer on screen is not the stored one.
  differences(stored) {
    let mine, theirs;
    try {
      mine = read(this.record, this.spec).record;
      theirs = read(stored, this.spec).record;
    } catch (error) {
      return [];
    }
    const out = [];
    if (mine.role !== theirs.role) out.push("role");
    if (mine.resource !== theirs.resource) out.push("resource");
    for (const id of this.items.items.keys()) {
      const a = mine.answers[id] || { value: "", note: "" }, b = theirs.answers[id] || { value: "", note: "" };
      if (a.value !== b.value || a.note !== b.note) out.push(id);
    }
    return out;
  }

  name(field) {
    if (field === "role" || field === "resource") return this.spec.strings[field === "role" ? "record_role" : "record_resource"];
    return this.items.items.get(field).item.statement;
  }

  // Storage refused at start may accept now (space freed, setting changed).
  reopen() {
    const getArea = this.shared ? this.deps.session : this.deps.local;
    this.area = Keeper.open(getArea, this.key);
    if (!this.area) return;
    this.trouble = this.trouble || "storage_unavailable";
    if (this.shared) this.session = this.area;
    else this.local = this.area;
    if (this.local && this.erasedMark === null) this.erasedMark = this.local.erasedMark();
  }

  // Merge a stored text into this record; say whether the record changed.
  // What cannot be read is set aside before anything is written over it.
  mergeStored(raw) {
    if (raw === this.known) return false;
    if (raw === null) {
      if (this.known === null) return false;
      this.known = null;
      if (this.erasedElsewhere()) return true;
      // Gone without an erase: the browser removed what it kept.
      this.say("evicted", {}, true);
      return false;
    }
    this.known = raw;
    return this.fold(raw);
  }

  // Merge a stored text into this record; what cannot be read is set aside.
  fold(raw) {
    if (raw === null) return false;
    const { record, bad } = parse(raw);
    if (bad || record.schema !== this.spec.schema) {
      const trouble = this.keepAside(raw);
      if (trouble) this.stuck(trouble);
      return false;
    }
    const before = canonical(this.record);
    this.record = mergeRecords(this.record, record);
    this.clock.see(this.record.clock);
    const changed = canonical(this.record) !== before;
    if (changed) this.show();
    return changed;
  }

  // Another tab stored something: merge it, and store the union when this
  // tab holds what the other did not.
  receive(key, value, area) {
    if (key === `${this.key}:notice`) return value ? this.told(value) : undefined;
    if (key !== this.key || this.paused || this.blocked || !this.area) return;
    if (area !== undefined && area !== this.area.area) return;
    // Events can arrive late: what is stored now is what counts.
    const now = this.area.get();
    const changed = this.mergeStored(now);
    if (now !== null && !this.blocked && canonical(this.record) !== canonical(parse(now).record)) this.write();
    if (changed) this.say("other_tab");
  }

  // Another tab erased everything: its mark is new to this tab. Then this
  // tab erases its own copies too (a shared-computer tab's included).
  erasedElsewhere() {
    const mark = this.local ? this.local.erasedMark() : null;
    if (mark === null || mark === this.erasedMark) return false;
    this.erasedMark = mark;
    for (const store of [this.local, this.session]) store?.eraseAll(this.spec.eraseKeys);
    this.reset();
    this.area = this.local || this.session;
    this.shared = false;
    this.say("erased_elsewhere", {}, true);
    return true;
  }

  // Another tab erased everything, or moved the answers off this device.
  told(notice) {
    let what = "";
    try {
      what = JSON.parse(notice).what;
    } catch (error) {
      return;
    }
    if (what === "erased") return this.erasedElsewhere();
    if (what === "shared" && this.area === this.local) {
      this.paused = true;
      this.say("shared_elsewhere", {}, true);
    }
  }

  // Tell every other open tab of this site.
  tell(what) {
    this.local?.tell(what, this.tab);
    return Boolean(this.local);
  }

  reset() {
    this.record = fresh(this.spec);
    this.known = null;
    this.aside = [];
    this.changed = new Set();
    this.overflow.clear();
    this.incoming = null;
    this.blocked = this.paused = false;
    this.trouble = null;
    this.shown.clear();
    this.show();
  }

  // Shared computer on: the answers move to this tab's storage, then leave
  // the device's. Off: back to the device's, merged with what is there.
  setShared(on) {
    this.paused = false;
    const to = on ? this.session : this.local, from = on ? this.local : this.session;
    if (!to) return this.unsaved();
    // What the other tabs stored there comes along.
    if (from) this.fold(from.get());
    if (this.blocked) return;
    if (on) this.session.set("1", `${this.key}:shared`);
    this.area = to;
    this.shared = on;
    this.known = null;
    this.mergeStored(to.get());
    this.write();
    if (this.trouble) return;
    const hadAnswers = Boolean(from && from.get() !== null);
    from?.remove();
    if (!on) this.session?.remove(`${this.key}:shared`);
    if (on && hadAnswers) this.tell("shared");
  }

  // ------------------------------------------------------------ the files
  // The record as a file: everything it holds, this version's or not.
  exported() {
    this.record.savedToFile = { at: this.now(), clock: Number(this.record.clock) || 0 };
    const text = JSON.stringify(this.record, null, 2);
    this.save();
    return text;
  }

  // When the answers were last saved to a file, and whether they changed since.
  lastSaved() {
    const saved = this.record.savedToFile;
    if (!saved || typeof saved !== "object" || typeof saved.at !== "string") return null;
    return { at: saved.at, since: Number(this.record.clock || 0) > Number(saved.clock || 0) };
  }

  // A file chosen to import: read, and kept until the person says yes.
  // Throws KitError when it cannot be.
  offer(raw) {
    this.incoming = null;
    const result = read(raw, this.spec, { requireItems: true });
    this.incoming = { raw, result };
    return result;
  }

  // The file's answers replace these: what is here now is set aside first,
  // and every field of the file is written over every version here, so that
  // no tab brings the old ones back.
  apply() {
    if (!this.incoming) return;
    const { raw, result } = this.incoming;
    this.incoming = null;
    if (this.hasContent()) {
      const trouble = this.keepAside(JSON.stringify(this.record));
      if (trouble) this.say(trouble, {}, true);
    }
    const next = Object.assign(Object.create(null), copy(raw));
    next.answers = table(copy(raw.answers));
    next.clock = this.record.clock || 0;
    const at = this.now();
    const fields = new Set(["role", "resource"]);
    for (const id of new Set([...Object.keys(table(this.record.answers)), ...Object.keys(next.answers)])) {
      fields.add(id).add(`${id}.note`);
    }
    for (const field of fields) {
      const id = field.replace(/\.note$/, "");
      const given = field === "role" || field === "resource" ? next : next.answers[id];
      // What the file holds under an id and this version cannot read stays as it is.
      if (given !== undefined && (!given || typeof given !== "object" || Array.isArray(given))) continue;
      if (textField(field)) {
        // Over every version here and the file's own shown one; the file's
        // other versions (two tabs at once) stay beside it.
        const theirs = textVersions(next, field);
        const base = baseOf([...textVersions(this.record, field), ...theirs.slice(0, 1)]);
        change(next, field, theirs[0]?.text ?? "", { n: this.clock.next(), base, at });
      } else {
        const name = field === "role" ? "role" : "value";
        const value = given && typeof given[name] === "string" ? given[name] : "";
        change(next, field, value, { n: this.clock.next(), at });
      }
    }
    next.person = typeof raw.person === "string" && raw.person ? raw.person : this.record.person || randomId(this.deps.random, 16);
    next.contentVersion = olderThan(raw.contentVersion, this.spec.contentVersion) ? this.spec.contentVersion : raw.contentVersion;
    this.record = next;
    this.changed = new Set(result.changed);
    this.shown.clear();
    this.show();
    this.save();
  }

  // Erase every key of this site in both areas, and tell the other tabs.
  // Erase every key of this site in both areas but the erase mark, and tell
  // the other tabs.
  erase() {
    let missed = 0;
    for (const store of [this.local, this.session]) missed += store ? store.eraseAll(this.spec.eraseKeys) : 0;
    this.erasedMark = this.clock.next();
    this.local?.markErased(this.erasedMark);
    const told = this.tell("erased");
    this.reset();
    this.area = this.local || this.session;
    this.shared = false;
    if (missed) this.say("erase_missed", { n: missed }, true);
    else if (!told) this.say("erase_alone", {}, true);
  }

  // ------------------------------------------------------------ what is at risk
  hasContent() {
    return this.differences(fresh(this.spec)).length > 0;
  }

  // What is on screen would be lost by leaving.
  atRisk() {
    const conflicts = this.textFields().some((field) => this.others(field).length);
    const unsaved = (!this.area || this.trouble || this.paused || this.blocked) && this.hasContent();
    return Boolean(this.incoming || unsaved || conflicts || this.pending.size || this.overflow.size || this.aside.length);
  }
}

// A record with no answer, as stored.
function fresh(spec) {
  const record = empty(spec);
  delete record.updatedAt;
  return record;
}

