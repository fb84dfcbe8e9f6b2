// What the group synthesis keeps on the device, in one tab: the files (when
// the facilitator keeps them), the group's text for each exchange and the
// notes ticked for the meeting. Pure: no DOM. Storage follows kit-store.js,
// as the self-assessment's: merged across tabs, never filtered, set aside
// before it is replaced, ordered by a logical clock.
import { accept } from "./synthesis-state.js";
import { Clock, Keeper, Screen, TEXT, baseOf, canonical, compare, copy, counterOf, mergeChoice, mergeText, parse, randomId, table, versions, writeText } from "./kit-store.js";

const KIND = "gestion-gouvernance/synthese";

// A kept record with nothing in it.
function fresh() {
  return { kind: KIND, version: 2, clock: 0, files: Object.create(null), texts: Object.create(null), ticked: Object.create(null) };
}

const isTable = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);

// Two kept records as one: every file either added and not removed since,
// each group text with every version neither tab wrote over, each tick by
// its stamp; what this version does not know kept as it came.
export function mergeKept(mine, theirs) {
  const a = isTable(mine) ? mine : {}, b = isTable(theirs) ? theirs : {};
  const out = Object.assign(Object.create(null), copy(a), copy(b));
  out.clock = Math.max(Number(a.clock) || 0, Number(b.clock) || 0);
  mergeChoice(out, a, b, "keep", "keepV");
  const files = Object.create(null), filesA = table(a.files), filesB = table(b.files);
  for (const id of new Set([...Object.keys(filesA), ...Object.keys(filesB)])) {
    const x = filesA[id], y = filesB[id];
    if (!isTable(x) || !isTable(y)) {
      files[id] = copy(isTable(x) ? x : y ?? x);
      continue;
    }
    const one = Object.assign(Object.create(null), copy(x), copy(y));
    for (const at of ["added", "removed"]) {
      const later = compare(x[at], y[at]) >= 0 ? x[at] : y[at];
      if (later !== undefined) one[at] = later;
    }
    files[id] = one;
  }
  out.files = files;
  const texts = Object.create(null), textsA = table(a.texts), textsB = table(b.texts);
  for (const id of new Set([...Object.keys(textsA), ...Object.keys(textsB)])) {
    const one = Object.assign(Object.create(null), copy(textsA[id]), copy(textsB[id]));
    mergeText(one, textsA[id], textsB[id], TEXT);
    texts[id] = one;
  }
  out.texts = texts;
  const ticked = Object.create(null), tickedA = table(a.ticked), tickedB = table(b.ticked);
  for (const id of new Set([...Object.keys(tickedA), ...Object.keys(tickedB)])) {
    const one = Object.create(null);
    mergeChoice(one, tickedA[id], tickedB[id], "on", "v");
    ticked[id] = one;
  }
  out.ticked = ticked;
  return out;
}

// Whether a kept file is in the list: added, and not removed since.
const present = (file) => isTable(file) && isTable(file.raw) && counterOf(file.added) >= 0
  && (file.removed === undefined || compare(file.added, file.removed) > 0);

export class Kept {
  // spec: the synthesis page's spec; deps as the self-assessment's Answers.
  constructor(spec, deps) {
    this.spec = spec;
    this.deps = deps;
    this.key = spec.synthesis.storageKey;
    this.tab = randomId(deps.random);
    this.clock = new Clock(this.tab);
    this.record = fresh();
    this.known = null;
    this.loose = [];              // files on screen while they are not kept: [{ id, name, raw }]
    this.shown = new Screen(this.tab);
    this.aside = [];
    this.trouble = null;
    this.blocked = false;
    this.said = [];
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
    const { record } = parse(raw);
    let legacy = null;
    if (raw !== null && !record) {
      try {
        legacy = JSON.parse(raw);
      } catch (error) {
        legacy = null;
      }
    }
    if (record && record.kind === KIND) {
      this.record = record;
      this.clock.see(record.clock);
    } else if (Array.isArray(legacy) || raw !== null) {
      // The first releases kept a list of files, and the group's texts apart.
      const trouble = this.area.setAside(raw, this.now());
      if (trouble) this.keepInPage(raw);
      if (Array.isArray(legacy)) this.carry(legacy);
      else this.say("stored_corrupt", {}, true);
      if (trouble) this.stuck(trouble);
    }
    const bring = this.area.get(`${this.key}:bring`);
    if (bring !== null) this.carryBring(bring);
    else if (legacy !== null && !this.blocked) this.write();
    this.show();
  }

  keepInPage(raw) {
    if (!this.aside.some((one) => one.raw === raw)) this.aside.unshift({ date: this.now(), raw });
  }

  stuck(trouble) {
    this.blocked = true;
    this.trouble = trouble;
    this.say(trouble, {}, true);
  }

  // Files kept by the first releases, each read again as if added now.
  carry(list) {
    this.record.keep = true;
    this.record.keepV = this.clock.next();
    for (const entry of list) {
      if (!isTable(entry) || !isTable(entry.record)) continue;
      this.store(entry.record, typeof entry.name === "string" ? entry.name : "?");
    }
  }

  // The group's texts and ticks as the first releases kept them apart: set
  // aside, carried into the record, then that key goes.
  carryBring(raw) {
    let kept = null;
    try {
      kept = JSON.parse(raw);
    } catch (error) {
      kept = null;
    }
    const trouble = this.area.setAside(raw, this.now());
    if (trouble) return this.keepInPage(raw);
    if (isTable(kept)) {
      for (const [id, text] of Object.entries(table(kept.texts))) {
        if (typeof text === "string" && !versions(this.record.texts[id], TEXT).length) {
          this.record.texts[id] = Object.create(null);
          writeText(this.record.texts[id], TEXT, text, this.clock.next(), []);
        }
      }
      for (const tick of Array.isArray(kept.ticked) ? kept.ticked : []) {
        if (typeof tick === "string") this.record.ticked[tick] = { on: true, v: this.clock.next() };
      }
    }
    if (!this.write()) this.area.remove(`${this.key}:bring`);
  }

  // --------------------------------------------------------------- the files
  keeping() {
    return this.record.keep === true;
  }

  // The files in the list, in the order they were added: [{ id, name, raw }].
  files() {
    const kept = Object.entries(table(this.record.files)).filter(([, file]) => present(file))
      .sort(([, x], [, y]) => compare(x.added, y.added))
      .map(([id, file]) => ({ id, name: typeof file.name === "string" ? file.name : "?", raw: file.raw }));
    return [...kept, ...this.loose.filter((file) => !kept.some((one) => one.id === file.id))];
  }

  // Entries as the synthesis counts them, each checked as if it were added now.
  entries() {
    const out = [];
    for (const file of this.files()) {
      const result = accept(JSON.stringify(file.raw), file.name, out, this.spec, { again: true });
      if (result.entry) out.push({ ...result.entry, id: file.id });
    }
    return out;
  }

  // Add a file's text; { entry, replaced, question } or { error, values }.
  add(text, name) {
    const entries = this.entries();
    const result = accept(text, name, entries, this.spec);
    if (result.error) return result;
    if (result.replaces) this.remove(result.replaces.id, false);
    this.store(JSON.parse(text), result.entry.name);
    this.save();
    return result;
  }

  store(raw, name) {
    const id = `f${this.clock.next()}`;
    const file = { name, raw: copy(raw), added: this.clock.next() };
    if (this.keeping()) this.record.files[id] = file;
    else this.loose.push({ id, name, raw: file.raw });
    this.record.clock = this.clock.counter;
  }

  remove(id, save = true) {
    this.loose = this.loose.filter((file) => file.id !== id);
    const files = table(this.record.files);
    if (files[id]) files[id] = { ...files[id], removed: this.clock.next() };
    this.record.files = files;
    this.record.clock = this.clock.counter;
    if (save) this.save();
  }

  // Keep the files on this device, or not (the group's texts are always kept).
  setKeep(on) {
    if (on) {
      for (const file of this.loose) this.record.files[file.id] = { name: file.name, raw: file.raw, added: this.clock.next() };
      this.loose = [];
    } else {
      this.loose = this.files();
      for (const [id, file] of Object.entries(table(this.record.files))) {
        if (present(file)) this.record.files[id] = { ...file, removed: this.clock.next() };
      }
    }
    this.record.keep = on;
    this.record.keepV = this.clock.next();
    this.record.clock = this.clock.counter;
    this.save();
  }

  // ------------------------------------------------------- the group's texts
  exchanges() {
    return this.spec.exchanges.map((exchange) => exchange.id);
  }

  versionsOf(id) {
    return versions(table(this.record.texts)[id], TEXT);
  }

  show() {
    for (const id of this.exchanges()) this.shown.show(id, this.versionsOf(id));
  }

  get pending() {
    return this.shown.pending;
  }

  others(id) {
    return this.shown.others(id, this.versionsOf(id));
  }

  text(id) {
    return this.shown.text(id);
  }

  focus(id) {
    this.shown.focused = id;
  }

  blur() {
    this.shown.focused = null;
  }

  // The group typed in an exchange's box, over the text it was shown.
  writeGroupText(id, text, base) {
    const texts = table(this.record.texts);
    texts[id] = Object.assign(Object.create(null), texts[id] || {});
    writeText(texts[id], TEXT, text, this.clock.next(), base);
    this.record.texts = texts;
    this.record.clock = this.clock.counter;
  }

  edit(id, text) {
    this.writeGroupText(id, text, this.shown.base(id));
    this.shown.typed(id, text);
    this.save();
  }

  choose(id, text) {
    this.writeGroupText(id, text, baseOf(this.versionsOf(id)));
    this.shown.chose(id, text, this.versionsOf(id));
    this.save();
  }

  ticked(key) {
    return table(this.record.ticked)[key]?.on === true;
  }

  tick(key, on) {
    const ticked = table(this.record.ticked);
    ticked[key] = { on, v: this.clock.next() };
    this.record.ticked = ticked;
    this.record.clock = this.clock.counter;
    this.save();
  }

  // ----------------------------------------------------------------- storage
  save() {
    if (this.blocked) return this.unsaved();
    if (!this.area) {
      this.area = Keeper.open(this.shared ? this.deps.session : this.deps.local, this.key);
      if (this.area) this.trouble = this.trouble || "storage_unavailable";
    }
    if (!this.area) return this.unsaved();
    this.write();
  }

  // Read, merge, write; true when the write failed.
  write() {
    if (this.blocked || !this.area) return true;
    this.mergeStored(this.area.get());
    if (this.blocked) return true;
    const text = JSON.stringify(this.record);
    const trouble = this.area.set(text);
    if (trouble) {
      this.trouble = trouble;
      this.unsaved();
      return true;
    }
    this.known = text;
    this.aside = this.aside.filter((one) => this.area.setAside(one.raw, one.date) !== null);
    if (this.trouble) {
      this.trouble = null;
      this.say("storage_back");
    }
    return false;
  }

  // Say what is on this page only.
  unsaved() {
    const code = this.trouble || (this.area ? null : "storage_unavailable");
    if (!code) return;
    this.say(code, {}, true);
    const stored = parse(this.known).record;
    const keptFiles = new Set(Object.keys(table(stored?.files)));
    const names = this.files().filter((file) => this.keeping() && !keptFiles.has(file.id)).map((file) => file.name);
    if (names.length) this.say("not_kept_files", { n: names.length, names: names.join(", ") }, true);
  }

  mergeStored(raw) {
    if (raw === this.known) return false;
    if (raw === null) {
      if (this.known === null) return false;
      this.known = null;
      if (this.erasedElsewhere()) return true;
      this.say("evicted", {}, true);
      return false;
    }
    this.known = raw;
    const { record } = parse(raw);
    if (!record || record.kind !== KIND) {
      const trouble = this.area.setAside(raw, this.now());
      if (trouble) {
        this.keepInPage(raw);
        this.stuck(trouble);
      }
      return false;
    }
    const before = canonical(this.record);
    this.record = mergeKept(this.record, record);
    this.clock.see(this.record.clock);
    const changed = canonical(this.record) !== before;
    if (changed) this.show();
    return changed;
  }

  receive(key, value, area) {
    if (key === `${this.key}:notice`) {
      if (value && value.includes('"erased"')) this.erasedElsewhere();
      return;
    }
    if (key !== this.key || this.blocked || !this.area) return;
    if (area !== undefined && area !== this.area.area) return;
    const now = this.area.get();
    const changed = this.mergeStored(now);
    if (now !== null && !this.blocked && canonical(this.record) !== canonical(parse(now).record)) this.write();
    if (changed) this.say("other_tab");
  }

  erasedElsewhere() {
    const mark = this.local ? this.local.erasedMark() : null;
    if (mark === null || mark === this.erasedMark) return false;
    this.erasedMark = mark;
    for (const store of [this.local, this.session]) store?.eraseAll([this.key]);
    this.reset();
    this.say("erased_elsewhere", {}, true);
    return true;
  }

  reset() {
    this.record = fresh();
    this.known = null;
    this.loose = [];
    this.aside = [];
    this.shown.clear();
    this.trouble = null;
    this.blocked = false;
    this.show();
  }

  setShared(on) {
    const to = on ? this.session : this.local, from = on ? this.local : this.session;
    if (!to) return this.unsaved();
    if (from) {
      const { record } = parse(from.get());
      if (record && record.kind === KIND) this.record = mergeKept(this.record, record);
    }
    if (on) this.session.set("1", `${this.key}:shared`);
    this.area = to;
    this.shared = on;
    this.known = null;
    if (this.write()) return;
    from?.remove();
    if (!on) this.session?.remove(`${this.key}:shared`);
  }

  // Everything this page keeps, in both areas; the other tabs are told.
  erase() {
    for (const store of [this.local, this.session]) store?.eraseAll([this.key]);
    this.erasedMark = this.clock.next();
    this.local?.markErased(this.erasedMark);
    this.local?.tell("erased", this.tab);
    this.reset();
  }

  // What is on screen would be lost by leaving.
  atRisk() {
    const texts = this.exchanges().some((id) => this.text(id) || this.others(id).length);
    const unsaved = (!this.area || this.trouble || this.blocked) && (texts || this.files().length > 0);
    return Boolean(unsaved || this.loose.length || this.pending.size || this.aside.length
      || this.exchanges().some((id) => this.others(id).length));
  }
}
