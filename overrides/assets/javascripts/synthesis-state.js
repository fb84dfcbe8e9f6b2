// Group synthesis state: which exported files are in, and what they say
// together. Pure functions, no DOM.
import { KitError, read } from "./checklist-state.js";

// What makes two exports the same export.
export function fingerprint(record) {
  return JSON.stringify([record.updatedAt, record.role, record.resource,
    Object.entries(record.answers).sort(([a], [b]) => a.localeCompare(b))]);
}

// Accept one file's text into the list, or say why not: { entry } | { error, values }.
export function accept(text, name, size, entries, spec) {
  const kb = Math.ceil(size / 1024);
  if (kb > spec.maxImportKb) return { error: "error_size", values: { size: kb, max: spec.maxImportKb } };
  if (entries.length >= spec.synthesis.maxFiles) return { error: "error_too_many", values: { max: spec.synthesis.maxFiles } };
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { error: "error_json" };
  }
  let result;
  try {
    result = read(raw, spec, { requireItems: true });
  } catch (error) {
    return { error: error instanceof KitError ? `error_${error.code}` : "error_foreign" };
  }
  const print = fingerprint(result.record);
  if (entries.some((entry) => entry.fingerprint === print)) return { error: "error_duplicate" };
  const lang = typeof raw.lang === "string" ? raw.lang.slice(0, 5) : "?";
  return { entry: { name: String(name).slice(0, 120), lang, from: result.from, fingerprint: print, record: result.record } };
}

// Everything the entries say together, exchange by exchange and item by item.
export function combine(entries, spec) {
  const roles = [...new Set(entries.map((entry) => entry.record.role))]
    .sort((a, b) => rank(spec.roleOrder, a) - rank(spec.roleOrder, b));
  const exchanges = spec.exchanges.map((exchange) => {
    const scale = spec.scales[exchange.scale];
    const items = exchange.items.map((item) => {
      const counts = {}, totals = {}, notes = [], flagged = new Set(), calm = new Set();
      for (const option of scale.order) { counts[option] = {}; totals[option] = 0; }
      for (const { record } of entries) {
        const answer = record.answers[item.id];
        if (!answer) continue;
        if (answer.value) {
          counts[answer.value][record.role] = (counts[answer.value][record.role] || 0) + 1;
          totals[answer.value] += 1;
          if (answer.value === scale.flag) flagged.add(record.role);
          if (answer.value === scale.calm) calm.add(record.role);
        }
        if (answer.note) notes.push({ role: record.role, note: answer.note });
      }
      notes.sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role));
      const disagree = [...flagged].some((role) => [...calm].some((other) => other !== role));
      return { item, counts, totals, notes,
               disagreement: disagree ? { flagged: [...flagged], calm: [...calm] } : null };
    });
    const overview = items.filter((row) => row.totals[scale.flag] > 0)
      .sort((a, b) => b.totals[scale.flag] - a.totals[scale.flag]).slice(0, 3)
      .map((row) => ({ item: row.item, count: row.totals[scale.flag] }));
    return { exchange, scale, items, overview };
  });
  return { people: entries.length, roles, exchanges };
}

// Position in a list; unknown (the empty role) last.
function rank(list, value) {
  const position = list.indexOf(value);
  return position === -1 ? list.length : position;
}

// A role's label, or the words for "not given".
export function roleLabel(role, spec) {
  return spec.roles[role] || spec.synthesis.strings.no_role;
}

// The synthesis as readable Markdown.
export function markdown(combined, spec, date, format) {
  const s = spec.synthesis.strings, lines = [`# ${s.markdown_title}`, ""];
  lines.push(`- ${spec.strings.markdown_date}: ${date}`, `- ${combined.people === 1 ? s.person : format(s.people, { n: combined.people })}`);
  for (const group of combined.exchanges) {
    const flag = group.scale.options[group.scale.flag];
    lines.push("", `## ${group.exchange.title}`, "");
    lines.push(group.overview.length
      ? format(s.overview, { flag, items: group.overview.map((o) => `${o.item.statement} (${o.count})`).join(", ") })
      : s.overview_none);
    for (const row of group.items) {
      const answered = Object.entries(row.totals).filter(([, n]) => n);
      if (!answered.length && !row.notes.length) continue;
      lines.push("", `### ${row.item.statement}`, "");
      for (const [option, total] of answered) {
        const byRole = combined.roles.filter((role) => row.counts[option][role])
          .map((role) => [role, row.counts[option][role]]).map(([role, n]) => `${roleLabel(role, spec)} ${n}`).join(", ");
        lines.push(`- ${group.scale.options[option]}: ${total} (${byRole})`);
      }
      if (row.disagreement) {
        lines.push("", `**${format(s.disagreement, {
          flagged: row.disagreement.flagged.map((r) => roleLabel(r, spec)).join(", "),
          calm: row.disagreement.calm.map((r) => roleLabel(r, spec)).join(", "),
        })}**`);
      }
      for (const { role, note } of row.notes) {
        lines.push("", `> ${roleLabel(role, spec)}: ${note.split(/\r?\n/).join(" ")}`);
      }
    }
  }
  return lines.join("\n") + "\n";
}
