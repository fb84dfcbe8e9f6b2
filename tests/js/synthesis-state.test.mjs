import assert from "node:assert/strict";
import { test } from "node:test";
import { accept, combine, countOf, differ, how, markdown, overviewText, roleLabel } from "../../overrides/assets/javascripts/synthesis-state.js";
import { exported, itemIds, scaleOf, spec, unescaped } from "./spec.mjs";

const [first] = itemIds;
const scale = scaleOf(first);
const [roleA, roleB] = spec.roleOrder;

function entries(records) {
  const list = [];
  for (const [index, record] of records.entries()) {
    const result = accept(JSON.stringify(record), `${index}.json`, list, spec);
    assert.ok(result.entry, JSON.stringify(result));
    list.push(result.entry);
  }
  return list;
}

// Every per-role count adds up to its total, for every item and answer.
function consistent(combined) {
  for (const group of combined.exchanges) {
    for (const row of group.items) {
      for (const option of group.scale.order) {
        const sum = combined.roles.reduce((n, role) => n + countOf(row, option, role), 0);
        assert.equal(sum, row.totals.get(option), `${row.item.id} ${option}`);
      }
    }
  }
}

test("an answer named __proto__ is left out, and puts nothing on Object.prototype", () => {
  const list = entries([
    exported({ [first]: { value: "__proto__", note: "" }, [itemIds[1]]: { value: scale.flag } }, { role: roleA }),
    exported({ [first]: { value: scale.flag, note: "" } }, { role: roleB }),
  ]);
  assert.deepEqual(list[0].left, { values: 1, role: null, items: 0, long: 0 });
  const combined = combine(list, spec);
  consistent(combined);
  const row = combined.exchanges[0].items.find((r) => r.item.id === first);
  assert.equal(row.totals.get(scale.flag), 1);
  assert.equal(countOf(row, scale.flag, roleA), 0);
  assert.equal(countOf(row, scale.flag, roleB), 1);
  assert.equal(Object.keys(Object.prototype).length, 0);
  assert.equal(({}).important, undefined);
});

test("a role named toString with an answer named __proto__ combines without error", () => {
  const list = entries([exported({ [first]: { value: "__proto__" }, [itemIds[1]]: { value: scale.flag } }, { role: "toString" })]);
  assert.deepEqual(list[0].left, { values: 1, role: "toString", items: 0, long: 0 });
  assert.equal(list[0].record.role, "");
  const combined = combine(list, spec);
  consistent(combined);
  assert.deepEqual(combined.roles, [""]);
  assert.equal(roleLabel("toString", spec), spec.synthesis.strings.no_role);
  assert.equal(roleLabel("constructor", spec), spec.synthesis.strings.no_role);
});

test("answers named constructor or toString are not counted as answered", () => {
  const list = entries([exported({ [first]: { value: "constructor", note: "n" } }), exported({ [first]: { value: "toString", note: "m" } })]);
  const combined = combine(list, spec);
  consistent(combined);
  const row = combined.exchanges[0].items.find((r) => r.item.id === first);
  assert.equal([...row.totals.values()].reduce((a, b) => a + b, 0), 0);
  assert.equal(row.notes.length, 2);
});

test("the same export twice is refused as a duplicate, and the file limit holds", () => {
  const record = exported({ [first]: { value: scale.flag } });
  const list = entries([record]);
  assert.equal(accept(JSON.stringify(record), "again.json", list, spec).error, "error_duplicate");
  const full = Array.from({ length: spec.synthesis.maxFiles }, () => list[0]);
  assert.equal(accept(JSON.stringify(record), "one-more.json", full, spec).error, "error_too_many");
});

test("the synthesis in Markdown carries notes on one line with no markup", () => {
  const note = "# titre\n- liste\n<img src=x>\n[lien](javascript:x)";
  const combined = combine(entries([exported({ [first]: { value: scale.flag, note } }, { role: roleA })]), spec);
  const text = markdown(combined, spec, "2026-11-27");
  const quoted = text.split("\n").filter((line) => line.startsWith("> "));
  assert.equal(quoted.length, 1);
  assert.ok(!/[<>[\]`|]/.test(unescaped(quoted[0].slice(2))), quoted[0]);
  const items = spec.exchanges.reduce((n, exchange) => n + exchange.items.length, 0);
  assert.equal(text.split("\n").filter((line) => /^#{1,3} /.test(line)).length,
               1 + spec.exchanges.length + items, "the title, each exchange, every item");
});

// The combined row of the first item, for records given as [role, answer].
function firstRow(answers) {
  const combined = combine(entries(answers.map(([role, value], i) => exported({ [first]: { value, note: "" } },
    { role, person: `personne${i}abcdef`, updatedAt: `2026-11-2${i}T10:00:00.000Z` }))), spec);
  return { combined, row: combined.exchanges[0].items.find((r) => r.item.id === first) };
}

test("roles disagree only when they have no answer in common; a role whose people differ is split", () => {
  const { flag, calm } = scale;
  const within = firstRow([[roleA, flag], [roleA, calm], [roleB, calm]]).row;
  assert.equal(within.disagreement, null);
  assert.deepEqual(within.split, [roleA]);
  const between = firstRow([[roleA, flag], [roleA, flag], [roleB, calm]]).row;
  assert.deepEqual(between.disagreement, { roles: [roleA, roleB] });
  assert.deepEqual(between.split, []);
  const alone = firstRow([[roleA, flag], [roleA, calm]]).row; // one role: no one to disagree with
  assert.equal(alone.disagreement, null);
  assert.deepEqual(alone.split, [roleA]);
  assert.equal(firstRow([[roleA, flag], [roleB, scale.unsure]]).row.disagreement, null); // "don't know" is no position
});

test("the sentences say how each role answered, with counts where there is more than one", () => {
  const { flag, calm } = scale, s = spec.synthesis.strings, name = (role) => roleLabel(role, spec);
  const { combined, row } = firstRow([[roleA, flag], [roleA, calm], [roleB, calm]]);
  const both = scale.order.filter((o) => o === flag || o === calm).map((o) => `1 ${scale.options[o]}`).join(", "); // in the scale's order
  const told = `${name(roleA)}${spec.separator}${both} · ${name(roleB)}${spec.separator}${scale.options[calm]}`;
  assert.equal(how(row, scale, combined.roles, spec), told);
  assert.deepEqual(differ(row, scale, combined.roles, spec), [s.split_within.replace("{roles}", name(roleA)).replace("{how}", told)]);
  const apart = firstRow([[roleA, flag], [roleA, flag], [roleB, calm]]);
  assert.deepEqual(differ(apart.row, scale, apart.combined.roles, spec), [s.disagreement.replace("{how}",
    `${name(roleA)}${spec.separator}2 ${scale.options[flag]} · ${name(roleB)}${spec.separator}${scale.options[calm]}`)]);
});

test("«most often» names one item only when two people or more marked it, more than any other", () => {
  const [one, two, three] = spec.exchanges[0].items.map((item) => item.id);
  const people = (records) => combine(entries(records.map((answers, i) => exported(answers, { person: `personne${i}abcdef`, updatedAt: `2026-11-2${i}T10:00:00.000Z` }))), spec).exchanges[0];
  const flagged = { value: scale.flag, note: "" };
  const most = people([{ [one]: flagged, [two]: flagged }, { [one]: flagged }, { [three]: flagged }]);
  assert.equal(most.overview.most.item.id, one);
  assert.equal(most.overview.most.count, 2);
  assert.ok(overviewText(most, spec).includes(spec.synthesis.strings.overview_others.split("{")[0]));
  const single = people([{ [one]: flagged }, { [two]: flagged }]); // one person each: no "most often"
  assert.equal(single.overview.most, null);
  assert.deepEqual(single.overview.marked.map((o) => [o.item.id, o.count]), [[one, 1], [two, 1]]);
  assert.ok(overviewText(single, spec).startsWith(spec.synthesis.strings.overview_marked.split("«")[0].split("“")[0]));
  const tie = people([{ [one]: flagged, [two]: flagged }, { [one]: flagged, [two]: flagged }]);
  assert.equal(tie.overview.most, null);
  assert.equal(overviewText(people([{ [one]: { value: scale.calm, note: "" } }]), spec), spec.synthesis.strings.overview_none);
});

test("every note reaches the synthesis whatever its answer, and every item keeps every answer's row", () => {
  const list = entries(scale.order.map((value, i) => exported({ [first]: { value, note: `note ${value}` } }, { person: `personne${i}abcdef`, updatedAt: `2026-11-2${i}T10:00:00.000Z` })));
  const combined = combine(list, spec), row = combined.exchanges[0].items.find((r) => r.item.id === first);
  assert.deepEqual(row.notes.map((n) => n.note), scale.order.map((value) => `note ${value}`));
  const text = markdown(combined, spec, "2026-11-27");
  for (const value of scale.order) assert.ok(text.includes(`note ${value}`));
  const labels = Object.values(spec.scales).flatMap((one) => Object.values(one.options));
  const rows = text.split("\n").filter((line) => labels.some((label) => line.startsWith(`- ${label}${spec.separator}`)));
  const expectedRows = spec.exchanges.reduce((n, exchange) => n + exchange.items.length * spec.scales[exchange.scale].order.length, 0);
  assert.equal(rows.length, expectedRows); // the same rows for every item, answered or not
});
