import assert from "node:assert/strict";
import { test } from "node:test";
import { accept, combine, countOf, markdown, roleLabel } from "../../overrides/assets/javascripts/synthesis-state.js";
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
  assert.equal(text.split("\n").filter((line) => /^#{1,3} /.test(line)).length,
               1 + spec.exchanges.length + 1, "the title, each exchange, the one item answered");
});
