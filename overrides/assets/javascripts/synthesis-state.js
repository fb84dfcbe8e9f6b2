// Group synthesis state: which exported files are in, and what they say
// together. Pure functions, no DOM. Every table keyed by what a file says is
// a Map: a role or an answer named "__proto__" is a string like any other.
import { KitError, answerOf, read } from "./checklist-state.js";
import { fill, inline, lines, plural } from "./kit-text.js";

// What makes two exports the same export.
export function fingerprint(record) {
  return JSON.stringify([record.updatedAt, record.role, record.resource,
    Object.entries(record.answers).filter(([, a]) => a.value || a.note)
      .map(([id, a]) => [id, a.value, a.note]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

// Accept one file's text into the list, or say why not: { entry, replaces,
// question } | { error, values }. The entry tells what was left out of the
// count: answers outside their scale, an unknown role, items this page does
// not know, texts over today's limit (all kept in the file). A newer file of
// the same person (the random id their answers carry) `replaces` the older
// entry; the same person under another role is a `question` for the
// facilitator. `again`: the list is read again, as kept.
export function accept(text, name, entries, spec, { again = false } = {}) {
  if (!again && entries.length >= spec.synthesis.maxFiles) return { error: "error_too_many", values: { max: spec.synthesis.maxFiles } };
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
  let replaces = null, question = null;
  const person = result.record.person;
  for (const other of person ? entries.filter((entry) => entry.record.person === person) : []) {
    if (other.record.role !== result.record.role) question = other;
    else if (!again && newer(other.record, result.record)) return { error: "error_older", values: { name: other.name } };
    else if (!again) replaces = other;
  }
  const lang = typeof raw.lang === "string" ? raw.lang.slice(0, 5) : "?";
  return { replaces, question, entry: {
    name: String(name).slice(0, 120), lang, from: result.from, fingerprint: print, record: result.record,
    left: { values: result.rejected.length, role: result.unknownRole, items: result.unknown.length, long: result.long.length },
  } };
}

// Whether record a was saved after record b (the same person's): by the
// logical clock their answers carry, then by the time they were saved.
export function newer(a, b) {
  if ((a.clock || 0) !== (b.clock || 0)) return (a.clock || 0) > (b.clock || 0);
  return (a.updatedAt || "") > (b.updatedAt || "");
}

// The counts of one item: option → role → people, and option → people.
function tally(item, scale, entries) {
  const counts = new Map(scale.order.map((option) => [option, new Map()]));
  const totals = new Map(scale.order.map((option) => [option, 0]));
  const notes = [];
  for (const { record } of entries) {
    const answer = answerOf(record, item.id);
    if (!answer) continue;
    if (answer.value && counts.has(answer.value)) {
      const byRole = counts.get(answer.value);
      byRole.set(record.role, (byRole.get(record.role) || 0) + 1);
      totals.set(answer.value, totals.get(answer.value) + 1);
    }
    if (answer.note) notes.push({ role: record.role, note: answer.note });
  }
  return { counts, totals, notes };
}

// The answers each role gave (not "don't know"): role → Set of options.
function positions(counts, scale, roles) {
  const out = new Map();
  for (const role of roles) {
    const given = scale.order.filter((option) => option !== scale.unsure && counts.get(option).get(role));
    if (given.length) out.set(role, new Set(given));
  }
  return out;
}

// Roles disagree when two of them have no answer in common; a role whose
// people answered differently is split. Both are lists of roles.
export function differences(counts, scale, roles) {
  const held = positions(counts, scale, roles), apart = new Set();
  const list = [...held.keys()];
  for (const [i, a] of list.entries()) {
    for (const b of list.slice(i + 1)) {
      if (![...held.get(a)].some((option) => held.get(b).has(option))) apart.add(a).add(b);
    }
  }
  return { disagree: list.filter((role) => apart.has(role)),
           split: list.filter((role) => held.get(role).size > 1) };
}

// The flagged items by how many marked them; the most often marked one only
// when at least two people marked it and no other item as often.
export function marked(items, scale) {
  const list = items.filter((row) => row.totals.get(scale.flag) > 0)
    .map((row) => ({ item: row.item, count: row.totals.get(scale.flag) }))
    .sort((a, b) => b.count - a.count);
  const most = list.length && list[0].count >= 2 && !(list[1] && list[1].count === list[0].count) ? list[0] : null;
  return { most, marked: list };
}

// Everything the entries say together, exchange by exchange and item by item.
export function combine(entries, spec) {
  const roles = [...new Set(entries.map((entry) => entry.record.role))]
    .sort((a, b) => rank(spec.roleOrder, a) - rank(spec.roleOrder, b));
  const exchanges = spec.exchanges.map((exchange) => {
    const scale = spec.scales[exchange.scale];
    const items = exchange.items.map((item) => {
      const { counts, totals, notes } = tally(item, scale, entries);
      notes.sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role));
      const { disagree, split } = differences(counts, scale, roles);
      return { item, counts, totals, notes, disagreement: disagree.length ? { roles: disagree } : null, split };
    });
    return { exchange, scale, items, people: entries.length, overview: marked(items, scale) };
  });
  const perRole = new Map();
  for (const { record } of entries) perRole.set(record.role, (perRole.get(record.role) || 0) + 1);
  const resources = [...new Set(entries.map((entry) => entry.record.resource.trim()).filter(Boolean))];
  return { people: entries.length, roles, perRole, resources, exchanges };
}

// How each role answered one item: "Personne usagère : 1 Important,
// 1 Pas un enjeu · Coordination : Pas un enjeu" (a count where there is more
// than one person or answer); `name` writes a role.
export function how(row, scale, roles, spec, name = (role) => roleLabel(role, spec)) {
  return roles.map((role) => {
    const given = scale.order.filter((option) => countOf(row, option, role));
    if (!given.length) return "";
    const alone = given.length === 1 && countOf(row, given[0], role) === 1;
    const words = given.map((option) => (alone ? scale.options[option] : `${countOf(row, option, role)} ${scale.options[option]}`));
    return `${name(role)}${spec.separator}${words.join(", ")}`;
  }).filter(Boolean).join(" · ");
}

// The sentences that say where answers differ on one item: between roles,
// and inside a role; the first says how every role answered, unless `brief`
// (beside a table that shows it).
export function differ(row, scale, roles, spec, name = (role) => roleLabel(role, spec), brief = false) {
  const s = spec.synthesis.strings, told = how(row, scale, roles, spec, name);
  const within = row.split.map(name).join(", ");
  if (brief) {
    return [...(row.disagreement ? [s.disagreement_brief] : []), ...(within ? [fill(s.split_brief, { roles: within })] : [])];
  }
  if (row.disagreement) return [fill(s.disagreement, { how: told }), ...(within ? [fill(s.split_also, { roles: within })] : [])];
  return within ? [fill(s.split_within, { roles: within, how: told })] : [];
}

// What the group marked most, as one sentence: the most often marked item
// where there is one, else every marked item with its count.
export function overviewText(group, spec) {
  const s = spec.synthesis.strings, flag = group.scale.options[group.scale.flag];
  const { most, marked: list } = group.overview;
  const counted = (rows) => rows.map((o) => `${o.item.statement} (${o.count})`).join(", ");
  if (most) {
    const others = list.filter((o) => o !== most);
    return [fill(s.overview, { flag, item: most.item.statement, n: most.count, people: group.people }),
            ...(others.length ? [fill(s.overview_others, { items: counted(others) })] : [])].join(" ");
  }
  return list.length ? fill(s.overview_marked, { flag, items: counted(list) }) : s.overview_none;
}

// What every printout says at its top: the resource, the roles (how many of
// each) and the date.
export function about(combined, spec, date) {
  const s = spec.synthesis.strings;
  return {
    resource: combined.resources.join(" / ") || s.no_resource,
    roles: combined.roles.map((role) => fill(s.role_count, {
      role: roleLabel(role, spec), abbr: roleAbbr(role, spec), n: combined.perRole.get(role) })).join(" · "),
    date,
  };
}

// People who gave this answer in this role.
export function countOf(row, option, role) {
  return row.counts.get(option)?.get(role) || 0;
}

// Position in a list; unknown (the empty role) last.
function rank(list, value) {
  const position = list.indexOf(value);
  return position === -1 ? list.length : position;
}

// A role's label, or the words for "not given".
export function roleLabel(role, spec) {
  return role && Object.prototype.hasOwnProperty.call(spec.roles, role) ? spec.roles[role] : spec.synthesis.strings.no_role;
}

// A role's initials for a column header where space is short.
export function roleAbbr(role, spec) {
  return role && Object.prototype.hasOwnProperty.call(spec.synthesis.roleAbbr, role) ? spec.synthesis.roleAbbr[role] : "?";
}

// What one exchange brings to the meeting, as sentences: what the group
// marked, and the items where roles disagree.
export function brought(group, spec) {
  const s = spec.synthesis.strings;
  const split = group.items.filter((row) => row.disagreement).map((row) => row.item.statement);
  return {
    top: overviewText(group, spec),
    split: split.length ? fill(s.bring_disagree, { items: split.join(", ") }) : s.bring_disagree_none,
  };
}

// The sheet "What we bring to the meeting" as Markdown; `texts` are the
// group's boxes by exchange id (a Map).
export function bringMarkdown(combined, spec, texts, date) {
  const s = spec.synthesis.strings, sep = spec.separator, head = about(combined, spec, date);
  const out = [`# ${spec.strings.summary}`, "", `- ${s.about_resource}${sep}${inline(head.resource)}`,
               `- ${s.about_roles}${sep}${head.roles}`, `- ${s.about_date}${sep}${date}`];
  for (const group of combined.exchanges) {
    const { top, split } = brought(group, spec);
    out.push("", `## ${group.exchange.title}`, "", top, "", split, "", `### ${s.bring_box}`, "");
    out.push(...lines(texts.get(group.exchange.id) || "").map((line) => (line ? `${line}  ` : "")));
  }
  return out.join("\n") + "\n";
}

// The synthesis as readable Markdown; notes cannot add structure to it.
export function markdown(combined, spec, date) {
  const s = spec.synthesis.strings, out = [`# ${s.markdown_title}`, ""];
  const sep = spec.separator;
  out.push(`- ${spec.strings.markdown_date}${sep}${date}`, `- ${fill(plural(s, "people", combined.people, spec.lang), { n: combined.people })}`);
  for (const group of combined.exchanges) {
    out.push("", `## ${group.exchange.title}`, "", overviewText(group, spec));
    for (const row of group.items) {
      out.push("", `### ${row.item.statement}`, "");
      for (const option of group.scale.order) {
        const byRole = combined.roles.filter((role) => countOf(row, option, role))
          .map((role) => `${roleLabel(role, spec)} ${countOf(row, option, role)}`).join(", ");
        out.push(`- ${group.scale.options[option]}${sep}${row.totals.get(option)}` + (byRole ? ` (${byRole})` : ""));
      }
      for (const sentence of differ(row, group.scale, combined.roles, spec)) out.push("", `**${sentence}**`);
      for (const { role, note } of row.notes) {
        out.push("", `> ${roleLabel(role, spec)}${sep}${inline(note)}`);
      }
    }
  }
  return out.join("\n") + "\n";
}
