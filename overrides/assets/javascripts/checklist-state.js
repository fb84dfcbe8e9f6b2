// Self-assessment state: records, validation, migration, summary, Markdown.
// Pure functions, no DOM: the page (checklist.js) and the tests use them.

const MAX_NOTE = 5000;

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
           updatedAt: null, role: "", resource: "", answers: {} };
}

// Read a stored or imported record; throw KitError("foreign" | "schema" | "items").
// Returns { record, unknown: [ids], changed: [ids], from: version }.
export function read(raw, spec, { requireItems = false } = {}) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw) || !("schema" in raw)
      || !raw.answers || typeof raw.answers !== "object" || Array.isArray(raw.answers)) {
    throw new KitError("foreign");
  }
  if (raw.schema !== spec.schema) throw new KitError("schema");
  const { items, former } = index(spec);
  const from = typeof raw.contentVersion === "string" ? raw.contentVersion : "";
  const record = empty(spec), unknown = [], changed = [];
  for (const [id, answer] of Object.entries(raw.answers)) {
    const target = items.has(id) ? id : former.get(id);
    if (!target) { unknown.push(id); continue; }
    const { item, scale } = items.get(target);
    const value = answer && typeof answer.value === "string" && answer.value in scale.options ? answer.value : "";
    const note = answer && typeof answer.note === "string" ? answer.note.slice(0, MAX_NOTE) : "";
    if (!value && !note) continue;
    record.answers[target] = { value, note };
    if (target !== id || (item.rewordedIn && olderThan(from, item.rewordedIn))) changed.push(target);
  }
  if (requireItems && !Object.keys(record.answers).length) throw new KitError("items");
  record.role = typeof raw.role === "string" && raw.role in spec.roles ? raw.role : "";
  record.resource = typeof raw.resource === "string" ? raw.resource.slice(0, 200) : "";
  record.updatedAt = typeof raw.updatedAt === "string" ? raw.updatedAt : null;
  return { record, unknown, changed, from };
}

// How many items have an answer, in all and per exchange.
export function progress(record, spec) {
  const perExchange = {};
  let answered = 0, total = 0;
  for (const exchange of spec.exchanges) {
    const done = exchange.items.filter((item) => record.answers[item.id]?.value).length;
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
      .filter((item) => record.answers[item.id]?.value === spec.scales[exchange.scale].flag)
      .map((item) => ({ item, note: record.answers[item.id].note })),
  })).filter((group) => group.items.length);
}

// Fill "{n} of {total}" style strings.
export function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

// The record as readable Markdown, every answered item with its note.
export function markdown(record, spec, date) {
  const s = spec.strings, lines = [`# ${s.markdown_title}`, ""];
  lines.push(`- ${s.markdown_date}: ${date}`);
  if (record.role) lines.push(`- ${s.role}: ${spec.roles[record.role]}`);
  if (record.resource) lines.push(`- ${s.resource}: ${record.resource}`);
  for (const exchange of spec.exchanges) {
    const answered = exchange.items.filter((item) => record.answers[item.id]);
    if (!answered.length) continue;
    lines.push("", `## ${exchange.title}`, "");
    for (const item of answered) {
      const answer = record.answers[item.id];
      const label = answer.value ? spec.scales[exchange.scale].options[answer.value] : "—";
      lines.push(`- **${item.statement}**: ${label}`);
      if (answer.note) lines.push(...answer.note.split(/\r?\n/).map((line) => `  > ${line}`));
    }
  }
  return lines.join("\n") + "\n";
}
