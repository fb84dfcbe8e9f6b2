// Self-assessment state: records, validation, migration, summary, Markdown.
// Pure functions, no DOM: the page (checklist.js) and the tests use them.
import { fill, inline, lines, owns } from "./kit-text.js";
import { NOTE, RESOURCE, copy, counterOf, laterTime, mergeChoice, mergeText, table, versions, writeText } from "./kit-store.js";

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

// Characters as people see them (Intl.Segmenter's graphemes): "é", "🌱" and
// "👩‍👩‍👧" are one each.
// Segmenting is slow on long texts (a second for a long note on an old
// phone), so text made only of characters that are each one grapheme (tab,
// line feed, Latin letters with their accents, common punctuation; no
// carriage return, combining mark, joiner or emoji) is counted by its length.
const graphemes = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
const SINGLES = /^[\t\n\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u20ac]*$/;
export function characters(value) {
  if (SINGLES.test(value)) return value.split("");
  if (!graphemes) return [...value];
  return Array.from(graphemes.segment(value), (part) => part.segment);
}
// Every write reads the stored record back and measures each note: the
// counts of the last long texts are kept, so a keystroke segments only the
// note it changed.
const counted = new Map();
export function length(value) {
  if (SINGLES.test(value)) return value.length;
  if (!graphemes) return [...value].length;
  if (counted.has(value)) return counted.get(value);
  let n = 0;
  for (const _ of graphemes.segment(value)) n++;
  if (value.length > 200) {
    if (counted.size >= 64) counted.delete(counted.keys().next().value);
    counted.set(value, n);
  }
  return n;
}

// A text typed over `before` kept to `max` characters: what the person
// added beyond the limit is left out, where they added it, never a character
// cut in two and never what was there before. { text, left, at }: `left` is
// what was left out, `at` where it stood.
export function limit(before, after, max) {
  const now = characters(after);
  if (now.length <= max) return { text: after, left: "", at: 0 };
  const was = characters(before);
  let start = 0;
  while (start < was.length && start < now.length && was[start] === now[start]) start++;
  let end = 0;
  while (end < was.length - start && end < now.length - start && was[was.length - 1 - end] === now[now.length - 1 - end]) end++;
  const added = now.slice(start, now.length - end);
  const room = Math.max(0, max - (now.length - added.length));
  const kept = added.slice(0, room), left = added.slice(room);
  const head = now.slice(0, start).join("") + kept.join("");
  return { text: head + now.slice(now.length - end).join(""), left: left.join(""), at: head.length };
}

// Read a stored or imported record for showing and counting; throw
// KitError("foreign" | "schema" | "items"). Returns { record, from, unknown:
// [ids], changed: [ids], rejected: [{ id, value }], unknownRole, long:
// [{ field, over }] }. The record read is a view: it is never written back.
// Nothing is inherited: keys and values are checked against the spec's own
// entries; texts are whole, a note over today's limit too.
export function read(raw, spec, { requireItems = false } = {}) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw) || !owns(raw, "schema")
      || !raw.answers || typeof raw.answers !== "object" || Array.isArray(raw.answers)) {
    throw new KitError("foreign");
  }
  if (raw.schema !== spec.schema) throw new KitError("schema");
  const { items, former } = index(spec);
  const from = text(raw.contentVersion);
  const record = empty(spec), unknown = [], changed = [], rejected = [], long = [];
  const entries = Object.entries(raw.answers);
  // An answer under today's id comes before one under a former id.
  entries.sort(([a], [b]) => Number(items.has(b)) - Number(items.has(a)));
  for (const [id, answer] of entries) {
    const target = items.has(id) ? id : former.get(id);
    if (!target) { unknown.push(id); continue; }
    if (owns(record.answers, target)) continue;
    const { item, scale } = items.get(target);
    const given = answer && typeof answer === "object" ? answer : {};
    let value = owns(given, "value") && given.value !== null ? given.value : "";
    let kept = null;
    if (value !== "" && !(typeof value === "string" && owns(scale.options, value))) {
      kept = String(typeof value === "object" ? JSON.stringify(value) : value);
      rejected.push({ id: target, value: kept });
      value = "";
    }
    const notes = versions(given, NOTE).map((one) => one.text);
    const note = notes[0] || "";
    const over = length(note) - spec.maxNote;
    if (over > 0) long.push({ field: target, over });
    if (!value && !note && notes.length < 2 && kept === null) continue;
    record.answers[target] = { value, note, others: notes.slice(1), kept };
    if (target !== id || (item.rewordedIn && olderThan(from, item.rewordedIn))) changed.push(target);
  }
  if (requireItems && !filled(record)) throw new KitError("items");
  const role = owns(raw, "role") ? text(raw.role) : "";
  record.role = owns(spec.roles, role) ? role : "";
  const unknownRole = role && !record.role ? role : null;
  const names = versions(raw, RESOURCE).map((one) => one.text.replace(/[\r\n\u2028\u2029\u0085\v\f]+/g, " "));
  record.resource = names[0] || "";
  record.resourceOthers = names.slice(1);
  if (length(record.resource) > spec.maxResource) long.push({ field: "resource", over: length(record.resource) - spec.maxResource });
  record.updatedAt = owns(raw, "updatedAt") ? time(raw.updatedAt) || null : null;
  record.person = owns(raw, "person") && typeof raw.person === "string" && PERSON.test(raw.person) ? raw.person : "";
  record.clock = owns(raw, "clock") && Number.isSafeInteger(raw.clock) ? raw.clock : 0;
  return { record, unknown, changed, from, rejected, unknownRole, long };
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,6})?)?(Z|[+-]\d\d:\d\d)$/;
const time = (value) => (typeof value === "string" && ISO_TIME.test(value) ? value : "");
export const PERSON = /^[a-z0-9]{8,40}$/;

// How many items hold an answer or a note.
export function filled(record) {
  return Object.values(record.answers).filter((answer) => answer.value || answer.note).length;
}

// One item's answer, or none; own keys only.
export function answerOf(record, id) {
  return owns(record.answers, id) ? record.answers[id] : null;
}

// -----------------------------------------------------------------------------
// Stored records: merged, changed, never filtered
// -----------------------------------------------------------------------------

// Two stored records of one person as one: each choice by its logical
// stamp, each text with every version neither tab wrote over, every field
// and item this version does not know kept as it came (the stored one's
// when both have it).
export function mergeRecords(mine, theirs) {
  const a = mine && typeof mine === "object" ? mine : {}, b = theirs && typeof theirs === "object" ? theirs : {};
  const out = Object.assign(Object.create(null), copy(a), copy(b));
  mergeChoice(out, a, b, "role", "roleV", ["roleAt"]);
  mergeText(out, a, b, RESOURCE);
  laterTime(out, a, b, "resourceAt");
  out.clock = Math.max(number(a.clock), number(b.clock));
  const versionA = text(a.contentVersion), versionB = text(b.contentVersion);
  if (versionA || versionB) out.contentVersion = olderThan(versionA, versionB) ? versionB : versionA;
  const times = [time(a.updatedAt), time(b.updatedAt)].sort();
  if (times[1]) out.updatedAt = times[1];
  const people = [a.person, b.person].filter((p) => typeof p === "string" && PERSON.test(p)).sort();
  if (people.length) out.person = people[0];
  const saved = [a.savedToFile, b.savedToFile].filter((s) => s && typeof s === "object")
    .sort((x, y) => number(y.clock) - number(x.clock));
  if (saved.length) out.savedToFile = copy(saved[0]);
  const answersA = table(a.answers), answersB = table(b.answers), answers = Object.create(null);
  for (const id of new Set([...Object.keys(answersA), ...Object.keys(answersB)])) {
    const x = answersA[id], y = answersB[id];
    const isA = isAnswer(x), isB = isAnswer(y);
    if (!isA || !isB) {
      // A real answer beats what this version cannot read; else the stored one's.
      answers[id] = copy(isA ? x : isB ? y : id in answersB ? y : x);
      continue;
    }
    const one = Object.assign(Object.create(null), copy(x), copy(y));
    mergeChoice(one, x, y, "value", "v", ["at"]);
    mergeText(one, x, y, NOTE);
    laterTime(one, x, y, "noteAt");
    answers[id] = one;
  }
  out.answers = answers;
  return out;
}

const isAnswer = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);
const number = (value) => (Number.isSafeInteger(value) && value > 0 ? value : 0);

// The record's answer to this item, made ready to change (a copy of the
// stored one, or a new one); the item's stored entry if not an object is
// kept under its id and replaced only when the person answers it.
function answerToChange(record, id) {
  const answers = table(record.answers);
  const given = answers[id];
  answers[id] = given && typeof given === "object" && !Array.isArray(given) ? Object.assign(Object.create(null), given) : Object.create(null);
  record.answers = answers;
  return answers[id];
}

// One change the person made, on the stored record: a choice ("role", an
// item's id), or a text ("resource", an item's id + ".note") written over
// the versions `base` names. `n` is the change's stamp, `at` its time.
export function change(record, field, given, { n, base = [], at = "" }) {
  record.clock = Math.max(number(record.clock), counterOf(n));
  if (at) record.updatedAt = at;
  if (field === "role") {
    record.role = given;
    record.roleV = n;
    if (at) record.roleAt = at;
  } else if (field === "resource") {
    writeText(record, RESOURCE, given, n, base);
    if (at) record.resourceAt = at;
  } else if (field.endsWith(".note")) {
    const answer = answerToChange(record, field.slice(0, -5));
    writeText(answer, NOTE, given, n, base);
    if (at) answer.noteAt = at;
  } else {
    const answer = answerToChange(record, field);
    answer.value = given;
    answer.v = n;
    if (at) answer.at = at;
  }
  return record;
}

// The versions of a field's text on the stored record (newest first).
export function textVersions(record, field) {
  if (field === "resource") return versions(record, RESOURCE);
  const answer = table(record && record.answers)[field.slice(0, -5)];
  return versions(answer, NOTE);
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

// What the person brings, per exchange: the items marked with their scale's
// flag ("important", "pas-encore") and every item with a note, whatever its
// answer, each with its answer's words ("" for none).
export function brought(record, spec) {
  return spec.exchanges.map((exchange) => {
    const scale = spec.scales[exchange.scale];
    return {
      exchange,
      items: exchange.items.map((item) => ({ item, answer: answerOf(record, item.id) }))
        .filter(({ answer }) => answer && (answer.value === scale.flag || answer.note))
        .map(({ item, answer }) => ({ item, flagged: answer.value === scale.flag,
                                      label: answer.value ? scale.options[answer.value] : "", note: answer.note })),
    };
  }).filter((group) => group.items.length);
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

// An exported file's name: the role as files write it, the date, the first
// letters of the person's random id (none yet: left out), the extension.
export function fileName(record, spec, date, extension) {
  const s = spec.strings, role = owns(spec.roleFiles, record.role) ? spec.roleFiles[record.role] : "";
  const person = PERSON.test(record.person || "") ? record.person.slice(0, PERSON_IN_NAME) : "";
  const name = fill(role ? s.file_export : s.file_export_no_role, { role, date, person }).replace(/-+$/, "");
  return `${name}.${extension}`;
}

// How many letters of the person's id a file's name carries: 36^6 names a day per role.
export const PERSON_IN_NAME = 6;
