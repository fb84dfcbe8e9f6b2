import assert from "node:assert/strict";
import { test } from "node:test";
import { Clock, Keeper, NOTE, compare, counterOf, mergeText, versions, writeText } from "../../overrides/assets/javascripts/kit-store.js";
import { FakeStorage } from "./fake-storage.mjs";

test("stamps order by counter then tab, and anything else comes first", () => {
  assert.equal(compare("2.a", "10.a"), -1);
  assert.equal(compare("3.b", "3.a"), 1);
  assert.equal(compare("3.a", "3.a"), 0);
  assert.equal(compare("2026-11-20T10:00:00.000Z", "0.a"), -1);
  assert.equal(counterOf("__proto__"), -1);
  const clock = new Clock("tab1");
  assert.equal(clock.next(), "1.tab1");
  clock.see("41.other");
  assert.equal(clock.next(), "42.tab1", "a change comes after every change seen");
  assert.throws(() => new Clock("no dots."), /not a tab id/);
});

test("a text written over the version shown replaces it; two written over the same one are both kept", () => {
  const host = {};
  writeText(host, NOTE, "début", "1.a", []);
  const a = structuredClone(host), b = structuredClone(host);
  writeText(a, NOTE, "texte A", "2.a", ["1.a"]);
  writeText(b, NOTE, "texte B", "2.b", ["1.a"]);
  const both = {};
  mergeText(both, a, b, NOTE);
  assert.deepEqual(versions(both, NOTE).map((one) => one.text), ["texte B", "texte A"]);
  writeText(a, NOTE, "texte A, suite", "3.a", ["1.a"]);
  mergeText(both, both, a, NOTE);
  assert.deepEqual(versions(both, NOTE).map((one) => one.text), ["texte A, suite", "texte B"], "a tab's later text replaces its own earlier one");
  writeText(both, NOTE, "", "4.b", []);
  assert.ok(versions(both, NOTE).every((one) => one.text !== ""), "erasing while another tab types keeps the typing");
});

test("a failed write leaves the stored value where it was, and nothing is removed before a write", () => {
  const area = new FakeStorage(null, 60);
  const keeper = Keeper.open(() => area, "k");
  assert.equal(keeper.set("avant"), null);
  assert.equal(keeper.set("x".repeat(100)), "storage_full");
  assert.equal(keeper.get(), "avant");
  area.broken = true;
  assert.equal(keeper.set("après"), "storage_unavailable");
  area.broken = false;
  assert.equal(keeper.get(), "avant");
  assert.equal(Keeper.open(() => { throw new Error("blocked"); }, "k"), null);
  const full = new FakeStorage(null, 0);
  assert.ok(Keeper.open(() => full, "k"), "a full area still opens, to be read");
});

test("copies set aside are all kept, each once", () => {
  const keeper = Keeper.open(() => new FakeStorage(null), "k");
  for (let n = 0; n < 8; n++) assert.equal(keeper.setAside(`copie ${n}`, "2026-12-01T10:00:00.000Z"), null);
  keeper.setAside("copie 3", "2026-12-02T10:00:00.000Z");
  assert.equal(keeper.backups().length, 8);
  assert.deepEqual(new Set(keeper.backups().map((backup) => backup.raw)).size, 8);
});
