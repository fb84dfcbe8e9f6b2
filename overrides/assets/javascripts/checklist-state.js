// Self-assessment state: records, validation, migration, summary, Markdown.
// Pure functions, no DOM: the page (checklist.js) and the tests use them.
import { fill, inline, lines, owns } from "./kit-text.js";

// A failure the page explains with one of its strings.
export class KitError extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}

// "2026.11" < "2026.12" < "2027.1", part by part.
export function olderThan(a, b) {
  const x = String(a).split(".").map(Number), y = String(b).split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) < (y[i] || 0);
  }
  return false;
}

// Every item of the spec by id, and the ids items had before.
export function index(spec) {
  const items = new Map(), former = new Map();
  for (const exchange of spec.exchanges) {
    for (const item of exchange.items) {
      items.set(item.id, { item, exchange, scale: spec.scales[exchange.scale] });
      for (const old of item.formerly || []) former.set(old, item.id);
    }
  }
  return { items, former };
}

// A record with no answer.
export function empty(spec) {
  return { schema: spec.schema, contentVersion: spec.contentVersion, lang: spec.lang,
           updatedAt: null, role: "", resource: "", answers: Object.create(null) };
}

const text = (value) => (typeof value === "string" ? value : "");
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,6})?)?(Z|[+-]\d\d:\d\d)$/;
// The times an answer carries: of its value, of its note, and of the note it was written from.
const TIMES = ["at", "noteAt", "noteBase"];
const time = (value) => (typeof value === "string" && ISO_TIME.test(value) ? value : "");

// A field's text up to its limit; what is over is told in `long`.
function upTo(value, max, field, long) {
  if (value.length <= max) return value;
  long.push({ field, over: value.length - max });
  return value.slice(0, /[\ud800-\udbff]/.test(value[max - 1]) ? max - 1 : max);
}

// Read a stored or imported record; throw KitError("foreign" | "schema" | "items").
// Returns { record, from, unknown: [ids], changed: [ids], rejected: [{ id, value }],
// unknownRole: string | null, long: [{ field, over }] }. Nothing is inherited:
// keys and values are checked against the spec's own entries.
export function read(raw, spec, { requireItems = false } = {}) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw) || !owns(raw, "schema")
      || !raw.answers || typeof raw.answers !== "object" || Array.isArray(raw.answers)) {
    throw new KitError("foreign");
  }
  if (raw.schema !== spec.schema) throw new KitError("schema");
  const { items, former } = index(spec);
  const from = text(raw.contentVersion);
  const record = empty(spec), unknown = [], changed = [], rejected = [], long = [];
  for (const [id, answer] of Object.entries(raw.answers)) {
    const target = items.has(id) ? id : former.get(id);
    if (!target) { unknown.push(id); continue; }
    const { item, scale } = items.get(target);
    const given = answer && typeof answer === "object" ? answer : {};
    let value = owns(given, "value") && given.value !== null ? given.value : "";
    if (value !== "" && !(typeof value === "string" && owns(scale.options, value))) {
      rejected.push({ id: target, value: String(typeof value === "object" ? JSON.stringify(value) : value) });
      value = "";
    }
    const note = upTo(owns(given, "note") ? text(given.note) : "", spec.maxNote, target, long);
    const times = Object.fromEntries(TIMES.filter((name) => owns(given, name) && time(given[name]))
      .map((name) => [name, time(given[name])]));
    if (!value && !note && !times.at) continue;
    record.answers[target] = { value, note, ...times };
    if (target !== id || (item.rewordedIn && olderThan(from, item.rewordedIn))) changed.push(target);
  }
  if (requireItems && !filled(record)) throw new KitError("items");
  const role = owns(raw, "role") ? text(raw.role) : "";
  record.role = owns(spec.roles, role) ? role : "";
  const unknownRole = role && !record.role ? role : null;
  const resource = owns(raw, "resource") ? text(raw.resource).replace(/[\r\n\u2028\u2029\u0085\v\f]+/g, " ") : "";
  record.resource = upTo(resource, spec.maxResource, "resource", long);
  record.updatedAt = owns(raw, "updatedAt") ? time(raw.updatedAt) || null : null;
  for (const field of ["roleAt", "resourceAt"]) {
    if (owns(raw, field) && time(raw[field])) record[field] = time(raw[field]);
  }
  return { record, unknown, changed, from, rejected, unknownRole, long };
}

// How many items hold an answer or a note.
export function filled(record) {
  return Object.values(record.answers).filter((answer) => answer.value || answer.note).length;
}

// One item's answer, or none; own keys only.
export function answerOf(record, id) {
  return owns(record.answers, id) ? record.answers[id] : null;
}

// Another tab's record merged into this one: each value, note, role and
// name by its own time of change. Two notes written from the same earlier
// text at once keep this tab's text; the other one is returned in `conflicts`
// (id → answer) to be shown until the person chooses. `ahead` says this tab
// holds something the other does not.
export function merge(mine, theirs) {
  const record = { ...mine, answers: Object.create(null) }, conflicts = new Map();
  let ahead = false;
  const later = (a, b, at) => ((b[at] || "") > (a[at] || "") ? b : a);
  for (const [field, at] of [["role", "roleAt"], ["resource", "resourceAt"]]) {
    const source = later(mine, theirs, at);
    record[field] = source[field];
    if (source[at]) record[at] = source[at];
    ahead ||= source === mine && mine[field] !== theirs[field];
  }
  for (const id of new Set([...Object.keys(mine.answers), ...Object.keys(theirs.answers)])) {
    const a = answerOf(mine, id), b = answerOf(theirs, id);
    if (!a || !b) { record.answers[id] = { ...(a || b) }; ahead ||= !b; continue; }
    const value = later(a, b, "at"), note = later(a, b, "noteAt");
    record.answers[id] = JSON.parse(JSON.stringify({ value: value.value, at: value.at, note: note.note, noteAt: note.noteAt, noteBase: note.noteBase }));
    const together = a.note !== b.note && (a.noteAt || "") > (b.noteBase || "") && (b.noteAt || "") > (a.noteBase || "");
    if (together) {
      Object.assign(record.answers[id], { note: a.note, noteAt: a.noteAt, noteBase: a.noteBase });
      conflicts.set(id, b);
    }
    ahead ||= (value === a && a.value !== b.value) || (!together && note === a && a.note !== b.note);
  }
  if ((theirs.updatedAt || "") > (mine.updatedAt || "")) record.updatedAt = theirs.updatedAt;
  return { record, conflicts, ahead };
}

// How many items have an answer, in all and per exchange.
export function progress(record, spec) {
  const perExchange = Object.create(null);
  let answered = 0, total = 0;
  for (const exchange of spec.exchanges) {
    const done = exchange.items.filter((item) => answerOf(record, item.id)?.value).length;
    perExchange[exchange.id] = { answered: done, total: exchange.items.length };
    answered += done;
    total += exchange.items.length;
  }
  return { answered, total, perExchange };
}

// The items marked with their scale's flag ("important", "pas-encore"), per exchange.
export function flagged(record, spec) {
  return spec.exchanges.map((exchange) => ({
    exchange,
    items: exchange.items
      .filter((item) => answerOf(record, item.id)?.value === spec.scales[exchange.scale].flag)
      .map((item) => ({ item, note: answerOf(record, item.id).note })),
  })).filter((group) => group.items.length);
}

// Each exchange's items with their answer's label ("" for none) and note:
// the answered ones, or `every` one.
export function byExchange(record, spec, every = false) {
  return spec.exchanges.map((exchange) => ({
    exchange,
    items: exchange.items.map((item) => {
      const answer = answerOf(record, item.id) || { value: "", note: "" };
      return { item, label: answer.value ? spec.scales[exchange.scale].options[answer.value] : "", note: answer.note };
    }).filter((row) => every || row.label || row.note),
  })).filter((group) => group.items.length);
}

// The record as readable Markdown, every answered item with its note. What
// the person wrote cannot make a heading, a list, a link or HTML.
export function markdown(record, spec, date) {
  const s = spec.strings, sep = spec.separator, out = [`# ${s.markdown_title}`, ""];
  out.push(`- ${s.markdown_date}${sep}${date}`);
  if (record.role) out.push(`- ${s.record_role}${sep}${spec.roles[record.role]}`);
  if (record.resource) out.push(`- ${s.record_resource}${sep}${inline(record.resource)}`);
  for (const { exchange, items } of byExchange(record, spec)) {
    out.push("", `## ${exchange.title}`, "");
    for (const { item, label, note } of items) {
      out.push(`- **${item.statement}**${sep}${label || "—"}`);
      if (note) out.push(...lines(note).map((line) => `  > ${line}`));
    }
  }
  return out.join("\n") + "\n";
}

// An exported file's name: the role as files write it, the date, the extension.
export function fileName(record, spec, date, extension) {
  const s = spec.strings, role = owns(spec.roleFiles, record.role) ? spec.roleFiles[record.role] : "";
  return `${fill(role ? s.file_export : s.file_export_no_role, { role, date })}.${extension}`;
}
