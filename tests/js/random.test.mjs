// A seeded random test: files of random shapes, with keys and values drawn
// from a hostile list, read, combined and exported again.
import assert from "node:assert/strict";
import { test } from "node:test";
import { answerOf, change, filled, markdown, mergeRecords, progress, read } from "../../overrides/assets/javascripts/checklist-state.js";
import { accept, combine, countOf } from "../../overrides/assets/javascripts/synthesis-state.js";
import { itemIds, spec } from "./spec.mjs";

const FILES = 1200;
const SEED = Number(process.env.KIT_SEED || 20261127);

// Mulberry32: the same files for the same seed.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(SEED);
const pick = (list) => list[Math.floor(next() * list.length)];
const options = [...new Set(Object.values(spec.scales).flatMap((scale) => scale.order))];
const HOSTILE = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "", " ", "x".repeat(30000),
  "é😀\u202e", 0, -1, 1e308, NaN, null, true, [], {}, { value: "important" }];
const key = () => pick([...HOSTILE.filter((k) => typeof k === "string"), ...itemIds, ...itemIds, "schema", "answers"]);
const value = (depth = 0) => {
  const roll = next();
  if (roll < 0.3) return pick(HOSTILE);
  if (roll < 0.5) return pick(options);
  if (roll < 0.6) return pick(spec.roleOrder);
  if (roll < 0.7 && depth < 2) return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [key(), value(depth + 1)]));
  if (roll < 0.75 && depth < 2) return Array.from({ length: Math.floor(next() * 3) }, () => value(depth + 1));
  return "texte « libre »\n".repeat(Math.floor(next() * 5));
};

// A random file: sometimes a near-valid export, sometimes anything.
function file() {
  const answers = {};
  for (let i = Math.floor(next() * 8); i > 0; i--) {
    answers[next() < 0.7 ? pick(itemIds) : key()] = next() < 0.8 ? { value: value(), note: value(), at: value() } : value();
  }
  const raw = { schema: next() < 0.9 ? spec.schema : value(), contentVersion: value(), lang: value(),
                updatedAt: value(), role: next() < 0.5 ? pick(spec.roleOrder) : value(), resource: value(), answers };
  if (next() < 0.1) raw.answers = value();
  if (next() < 0.1) raw[key()] = value();
  // Through JSON text, as a file is: "__proto__" becomes an own key.
  return JSON.stringify(raw, (k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v))
    .replace(/"answers":\{(\}?)/, (start, close) => (next() < 0.3
      ? `"answers":{"__proto__":{"value":"${pick(options)}"}${close || ","}` : start));
}

test(`${FILES} random files never throw, never touch Object.prototype, and count consistently`, () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort().join();
  const list = [];
  let kept = 0;
  for (let n = 0; n < FILES; n++) {
    const text = file();
    let result;
    try {
      result = read(JSON.parse(text), spec);
    } catch (error) {
      assert.equal(error.name, "Error", `seed ${SEED} file ${n}: ${error}`);
      assert.ok(["foreign", "schema"].includes(error.code), `seed ${SEED} file ${n}: ${error.code}`);
      continue;
    }
    const { record } = result;
    for (const [id, answer] of Object.entries(record.answers)) {
      assert.ok(itemIds.includes(id));
      assert.ok(answer.value === "" || options.includes(answer.value));
      assert.equal(typeof answer.note, "string");
    }
    assert.ok(record.role === "" || spec.roleOrder.includes(record.role));
    assert.equal(typeof record.resource, "string");
    assert.ok(progress(record, spec).answered <= filled(record));
    // A click on one item leaves every other entry of the file as it was, merged or not.
    const raw = JSON.parse(text), clicked = itemIds[n % itemIds.length];
    const changed = mergeRecords(change(JSON.parse(text), clicked, "important", { n: "1.t" }), JSON.parse(text));
    for (const [id, entry] of Object.entries(raw.answers)) {
      if (id === clicked || !entry || typeof entry !== "object" || Array.isArray(entry)) {
        if (id !== clicked) assert.deepEqual(changed.answers[id], entry, `seed ${SEED} file ${n}: ${id}`);
        continue;
      }
      for (const [field, given] of Object.entries(entry)) {
        if (!["note", "n", "base", "others"].includes(field)) assert.deepEqual(changed.answers[id][field], given, `seed ${SEED} file ${n}: ${id}.${field}`);
      }
      if (typeof entry.note === "string") assert.equal(changed.answers[id].note, entry.note, `seed ${SEED} file ${n}: ${id}`);
    }
    for (const field of Object.keys(raw)) {
      if (!["answers", "clock", "role", "roleV", "resource", "resourceN", "resourceBase", "resourceOthers", "contentVersion", "updatedAt", "person"].includes(field)) {
        assert.deepEqual(changed[field], raw[field], `seed ${SEED} file ${n}: ${field}`);
      }
    }
    assert.equal(typeof markdown(record, spec, "2026-11-27"), "string");
    const added = accept(text, `${n}.json`, list.slice(-(spec.synthesis.maxFiles - 1)), spec);
    if (added.entry) { list.push(added.entry); kept++; }
  }
  const entries = list.slice(-spec.synthesis.maxFiles);
  const combined = combine(entries, spec);
  for (const group of combined.exchanges) {
    for (const row of group.items) {
      for (const option of group.scale.order) {
        const sum = combined.roles.reduce((total, role) => total + countOf(row, option, role), 0);
        assert.equal(sum, row.totals.get(option));
        const answers = entries.filter(({ record }) => answerOf(record, row.item.id)?.value === option).length;
        assert.equal(row.totals.get(option), answers);
      }
    }
  }
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort().join(), before);
  assert.equal(({}).important, undefined);
  assert.ok(kept > FILES / 10, `only ${kept} files were valid: the generator is too hostile to test counting`);
});
