// The storage layer of both form pages. Pure: no DOM and no window; a page
// hands it its Storage areas (localStorage, sessionStorage, or a test's fake).
// Its rules, for what people typed:
// - what is read is never written back filtered: records are merged, and
//   fields this version does not know travel on untouched;
// - a write never starts by removing: setItem replaces, or fails and leaves
//   the previous value where it was;
// - changes are ordered by a logical clock (a counter and the tab's id),
//   never by the device's clock;
// - two texts written at once are both kept until the person chooses;
// - a record about to be replaced or migrated is set aside first.
import { owns } from "./kit-text.js";

// -----------------------------------------------------------------------------
// Logical clock
// -----------------------------------------------------------------------------

const STAMP = /^(\d{1,15})\.([A-Za-z0-9-]{1,40})$/;

// A stamp names one change: "counter.tab".
export const stamp = (counter, tab) => `${counter}.${tab}`;

// The counter of a stamp; -1 for anything that is not one.
export function counterOf(value) {
  const match = typeof value === "string" ? STAMP.exec(value) : null;
  return match ? Number(match[1]) : -1;
}

const tabOf = (value) => (typeof value === "string" && STAMP.test(value) ? value.slice(value.indexOf(".") + 1) : "");

// Order of two stamps: by counter, then by tab id. Not a stamp comes first.
export function compare(a, b) {
  const x = counterOf(a), y = counterOf(b);
  if (x !== y) return x < y ? -1 : 1;
  const s = tabOf(a), t = tabOf(b);
  return s === t ? 0 : s < t ? -1 : 1;
}

// A Lamport clock: each change takes the next counter, after every counter seen.
export class Clock {
  constructor(tab, counter = 0) {
    if (!/^[A-Za-z0-9-]{1,40}$/.test(tab)) throw new Error(`kit-store: not a tab id: ${tab}`);
    this.tab = tab;
    this.counter = counter;
  }

  next() {
    this.counter += 1;
    return stamp(this.counter, this.tab);
  }

  see(counter) {
    const value = typeof counter === "string" ? counterOf(counter) : Number(counter);
    if (Number.isSafeInteger(value) && value > this.counter) this.counter = value;
  }
}

// A short id made of random letters and digits (a tab's, a person's).
export function randomId(random, length = 12) {
  const letters = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(random(length), (byte) => letters[byte % letters.length]).join("");
}

// A stable name for a text written before stamps existed: "0.h<hash>".
export function legacyStamp(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `0.h${hash.toString(36)}`;
}

// -----------------------------------------------------------------------------
// Registers: a choice (the last one wins), a text (two at once are both kept)
// -----------------------------------------------------------------------------

// Where a text register keeps its parts on its host object.
export const NOTE = { text: "note", n: "n", base: "base", others: "others" };
export const RESOURCE = { text: "resource", n: "resourceN", base: "resourceBase", others: "resourceOthers" };
export const TEXT = { text: "text", n: "n", base: "base", others: "others" };

const BASE_KEPT = 32;
const str = (value) => (typeof value === "string" ? value : "");
const stamps = (list) => (Array.isArray(list) ? list.filter((s) => counterOf(s) >= 0) : []);

// One version of a text: { text, n, base }.
function version(text, n, base) {
  return { text: str(text), n: counterOf(n) >= 0 ? n : legacyStamp(str(text)), base: stamps(base) };
}

// The versions a text register holds, newest first: the shown one, then the others.
export function versions(host, f) {
  if (!host || typeof host !== "object") return [];
  const list = [];
  if (owns(host, f.text) || owns(host, f.n)) list.push(version(host[f.text], host[f.n], host[f.base]));
  if (Array.isArray(host[f.others])) {
    for (const other of host[f.others]) {
      if (other && typeof other === "object" && typeof other.text === "string") list.push(version(other.text, other.n, other.base));
    }
  }
  return heads(list);
}

// y was written knowing x: x is in y's base, or both come from one tab, y later.
function supersedes(y, x) {
  if (y.n === x.n) return false;
  if (y.base.includes(x.n)) return true;
  const tab = tabOf(y.n);
  return tab !== "" && tab === tabOf(x.n) && compare(y.n, x.n) > 0;
}

// The versions no other one was written over, newest first. Versions of the
// same text are one; an empty text gives way to any other (erasing while
// another tab types keeps the typing).
function heads(list) {
  const unique = new Map();
  for (const one of list) if (!unique.has(one.n)) unique.set(one.n, one);
  const all = [...unique.values()];
  let left = all.filter((x) => !all.some((y) => supersedes(y, x))).sort((a, b) => compare(b.n, a.n));
  const byText = new Map();
  for (const one of left) {
    const same = byText.get(one.text);
    if (same) same.base = baseOf([same, one]).filter((n) => n !== same.n);
    else byText.set(one.text, { ...one, base: [...one.base] });
  }
  left = [...byText.values()];
  if (left.length > 1) left = left.filter((one) => one.text !== "");
  return left;
}

// What a new version written over these versions names as its base.
export function baseOf(list) {
  return [...new Set(list.flatMap((one) => [one.n, ...one.base]))]
    .sort((a, b) => compare(b, a)).slice(0, BASE_KEPT);
}

// Put these versions back on the host: the newest shown, the others kept.
function place(host, f, list) {
  const [shown, ...others] = list.length ? list : [version("", null, [])];
  host[f.text] = shown.text;
  host[f.n] = shown.n;
  host[f.base] = shown.base;
  if (others.length) host[f.others] = others.map((one) => ({ text: one.text, n: one.n, base: one.base }));
  else delete host[f.others];
}

// Write a text over the versions in `base`; the versions it was not written
// over stay beside it.
export function writeText(host, f, text, n, base) {
  place(host, f, heads([...versions(host, f), version(text, n, base)]));
}

// Both hosts' versions of one text, into `into`.
export function mergeText(into, a, b, f) {
  const list = [...versions(a, f), ...versions(b, f)];
  if (list.length) place(into, f, heads(list));
}

// A choice: value and stamp, and the fields that go with them (its time);
// the later stamp wins, a legacy one is earliest.
export function mergeChoice(into, a, b, value, at, along = []) {
  const x = owns(a, at) && counterOf(a[at]) >= 0 ? a[at] : legacyStamp(JSON.stringify(a?.[value] ?? ""));
  const y = owns(b, at) && counterOf(b[at]) >= 0 ? b[at] : legacyStamp(JSON.stringify(b?.[value] ?? ""));
  const from = compare(x, y) >= 0 ? a : b;
  for (const field of [value, at, ...along]) {
    if (owns(from, field)) into[field] = from[field];
    else delete into[field];
  }
}

// The later of two times of day written for people (ISO), on `into`.
export function laterTime(into, a, b, field) {
  const times = [a?.[field], b?.[field]].filter((t) => typeof t === "string").sort();
  if (times.length) into[field] = times[times.length - 1];
}

// -----------------------------------------------------------------------------
// What a tab shows of its texts
// -----------------------------------------------------------------------------

// Each text field's text on screen, the version it was shown from (the next
// text typed is written over that one only), and, in the field being edited,
// another tab's text waiting beside the person's until they choose.
export class Screen {
  constructor(tab) {
    this.tab = tab;
    this.texts = new Map();
    this.bases = new Map();
    this.pending = new Map();
    this.focused = null;
  }

  // Show a field's versions (newest first). A text this tab wrote and no other
  // tab wrote over stays; so does the person's in the field being edited.
  show(field, list) {
    const own = list.find((one) => one.n.endsWith(`.${this.tab}`));
    const top = own || list[0] || { text: "", n: "", base: [] };
    const editing = this.focused === field || this.pending.has(field);
    const onScreen = this.texts.get(field);
    if (!own && editing && onScreen !== undefined && !list.some((one) => one.text === onScreen)) {
      this.pending.set(field, top.text);
      return;
    }
    const shown = list.find((one) => one.text === onScreen && editing) || top;
    this.texts.set(field, shown.text);
    this.bases.set(field, shown.n ? baseOf([shown]) : []);
    this.pending.delete(field);
  }

  // The person typed: this text is on screen, written over `base()`.
  typed(field, text) {
    this.texts.set(field, text);
    this.pending.delete(field);
  }

  // The person chose this text over every version in `list`.
  chose(field, text, list) {
    this.texts.set(field, text);
    this.pending.delete(field);
    this.bases.set(field, baseOf(list));
  }

  base(field) {
    return this.bases.get(field) || [];
  }

  text(field) {
    return this.texts.get(field) ?? "";
  }

  // The other texts of a field: neither on screen nor waiting beside it.
  others(field, list) {
    const shown = new Set([this.text(field), this.pending.get(field)]);
    return list.map((one) => one.text).filter((text) => !shown.has(text));
  }

  clear() {
    this.texts.clear();
    this.bases.clear();
    this.pending.clear();
  }
}

// -----------------------------------------------------------------------------
// Storage areas that never stop the page
// -----------------------------------------------------------------------------

// One storage area under one key. Every call is guarded: a fault is an answer.
export class Keeper {
  constructor(area, key) {
    this.area = area;
    this.key = key;
  }

  // A keeper for this area, or null when it refuses to be used at all. A
  // full area is still opened: what it holds can be read.
  static open(getArea, key) {
    try {
      const area = getArea(), probe = `${key}:probe`;
      area.getItem(key);
      try {
        area.setItem(probe, "1");
        area.removeItem(probe);
      } catch (error) {
        if (!(error && (error.name === "QuotaExceededError" || error.code === 22))) return null;
      }
      return new Keeper(area, key);
    } catch (error) {
      return null;
    }
  }

  get(name = this.key) {
    try {
      return this.area.getItem(name);
    } catch (error) {
      return null;
    }
  }

  // Write; null, or the code of the message that explains the failure.
  // The previous value stays where it was when the write fails.
  set(value, name = this.key) {
    try {
      this.area.setItem(name, value);
      return null;
    } catch (error) {
      return error && (error.name === "QuotaExceededError" || error.code === 22) ? "storage_full" : "storage_unavailable";
    }
  }

  remove(name = this.key) {
    try {
      this.area.removeItem(name);
      return true;
    } catch (error) {
      return false;
    }
  }

  // Every key of this area that is one of these keys or below one.
  keysOf(keys) {
    const found = [];
    try {
      for (let i = 0; i < this.area.length; i++) {
        const name = this.area.key(i);
        if (name !== null && keys.some((key) => name === key || name.startsWith(`${key}:`))) found.push(name);
      }
    } catch (error) {
      return found;
    }
    return found;
  }

  // The mark an erase leaves (a stamp, nothing of what was erased), so that
  // a tab that hears of it late does not write back what it held.
  erasedMark() {
    return this.get(`${this.key}:erased`);
  }

  markErased(mark) {
    return this.set(mark, `${this.key}:erased`);
  }

  // Remove every key below these keys but the erase mark; how many could not be.
  eraseAll(keys) {
    let missed = 0;
    for (const name of this.keysOf(keys)) if (name !== `${this.key}:erased`) missed += this.remove(name) ? 0 : 1;
    return missed;
  }

  // Tell the other open tabs of this site (their storage event).
  tell(what, tab) {
    this.set(JSON.stringify({ what, tab }), `${this.key}:notice`);
    this.remove(`${this.key}:notice`);
  }

  // The copies set aside, newest first: [{ name, date, raw }].
  backups() {
    const prefix = `${this.key}:backup`;
    return this.keysOf([prefix]).sort().reverse()
      .map((name) => ({ name, date: name.slice(prefix.length + 1), raw: this.get(name) }))
      .filter((backup) => backup.raw !== null);
  }

  // Keep this text aside under its date, unless the very same text already
  // is; every copy stays until the person erases. Null, or a message code.
  setAside(raw, date) {
    if (this.backups().some((backup) => backup.raw === raw)) return null;
    let name = `${this.key}:backup:${date}`;
    for (let n = 2; this.get(name) !== null; n++) name = `${this.key}:backup:${date}-${n}`;
    return this.set(raw, name);
  }
}

// -----------------------------------------------------------------------------
// Reading what is stored
// -----------------------------------------------------------------------------

// A stored text as a record: { record } when it is a JSON object, else { bad }.
export function parse(raw) {
  if (raw === null || raw === undefined) return { record: null };
  try {
    const value = JSON.parse(raw);
    if (value && typeof value === "object" && !Array.isArray(value)) return { record: value };
  } catch (error) {
    // Not JSON: it is set aside as it is.
  }
  return { bad: true };
}

// The same JSON whatever the order of keys: to tell whether two records differ.
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

// A deep copy, as JSON makes it ("__proto__" stays an own key).
export const copy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

// A table with no prototype, holding the own entries of a parsed object.
export function table(value) {
  const out = Object.create(null);
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, entry] of Object.entries(value)) out[key] = entry;
  }
  return out;
}
