import assert from "node:assert/strict";
import { test } from "node:test";
import { KitError, answerOf, byExchange, change, characters, PERSON_IN_NAME, fileName, filled, brought, length, limit, markdown, mergeRecords, olderThan, progress, read, textVersions } from "../../overrides/assets/javascripts/checklist-state.js";
import { canonical } from "../../overrides/assets/javascripts/kit-store.js";
import { exported, itemIds, scaleOf, spec, specs, unescaped } from "./spec.mjs";

const [first, second] = itemIds;
const flag = scaleOf(first).flag;
const HOSTILE = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
const parse = (record) => JSON.parse(JSON.stringify(record)); // as JSON.parse makes it: "__proto__" an own key

test("a value outside the item's scale is not counted, and reported as kept", () => {
  for (const value of HOSTILE) {
    const { record, rejected } = read(parse(exported({ [first]: { value, note: "gardée" } })), spec);
    assert.deepEqual(rejected, [{ id: first, value }]);
    assert.equal(answerOf(record, first).value, "");
    assert.equal(answerOf(record, first).kept, value);
    assert.equal(answerOf(record, first).note, "gardée");
    assert.equal(progress(record, spec).answered, 0);
  }
  assert.equal(Object.prototype.polluted, undefined);
});

test("a role outside the known list is reported and left out", () => {
  for (const role of HOSTILE) {
    const result = read(parse(exported({ [first]: { value: flag, note: "" } }, { role })), spec);
    assert.equal(result.record.role, "");
    assert.equal(result.unknownRole, role);
  }
  assert.equal(read(parse(exported({ [first]: { value: flag } }, { role: spec.roleOrder[0] })), spec).unknownRole, null);
});

test("answers to items named like Object's own members are unknown items", () => {
  const raw = JSON.parse(`{"schema": ${spec.schema}, "answers": {"__proto__": {"value": "${flag}"}, "constructor": {"value": "${flag}"}, "${first}": {"value": "${flag}"}}}`);
  const { record, unknown } = read(raw, spec);
  assert.deepEqual(unknown.sort(), ["__proto__", "constructor"]);
  assert.deepEqual(Object.keys(record.answers), [first]);
  assert.equal(Object.getPrototypeOf(record.answers), null);
  assert.equal(answerOf(record, "toString"), null);
});

test("a note or a name over today's limit is read whole and says by how much it is over", () => {
  assert.ok(spec.maxNote >= 20000);
  const whole = "é😀\n".repeat(spec.maxNote / 4);
  assert.equal(read(exported({ [first]: { value: flag, note: whole } }), spec).record.answers[first].note, whole);
  const { record, long } = read(exported({ [first]: { value: flag, note: "x".repeat(spec.maxNote + 2500) } },
    { resource: "r".repeat(spec.maxResource + 7) }), spec);
  assert.equal(record.answers[first].note.length, spec.maxNote + 2500);
  assert.equal(record.resource.length, spec.maxResource + 7);
  assert.deepEqual(long, [{ field: first, over: 2500 }, { field: "resource", over: 7 }]);
});

test("characters are counted as people see them, and a paste over the limit leaves out only what it added", () => {
  assert.equal(length("👩‍👩‍👧é🌱"), 3);
  assert.equal(length("e\u0301"), 1);
  assert.deepEqual(limit("abc", "abcdef", 4), { text: "abcd", left: "ef", at: 4 });
  assert.deepEqual(limit("abc", "a123bc", 4), { text: "a1bc", left: "23", at: 2 });
  assert.deepEqual(limit("ab", "ab👩‍👩‍👧🌱", 3), { text: "ab👩‍👩‍👧", left: "🌱", at: "ab👩‍👩‍👧".length });
  const long = "x".repeat(10);
  assert.deepEqual(limit(long, `${long}y`, 5), { text: long, left: "y", at: 10 }, "what was there before is never cut");
  assert.deepEqual(limit(long, "x".repeat(4), 5), { text: "xxxx", left: "", at: 0 });
});

test("text of one-grapheme characters is counted by its length, as the segmenter counts it", () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const segmented = (text) => Array.from(segmenter.segment(text), (part) => part.segment);
  const singles = ["\t", "\n", ...Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i)),
    ...Array.from({ length: 0x2ff - 0xa0 + 1 }, (_, i) => String.fromCharCode(0xa0 + i)),
    ...Array.from({ length: 0x2027 - 0x2010 + 1 }, (_, i) => String.fromCharCode(0x2010 + i)),
    ...Array.from({ length: 0x205e - 0x2030 + 1 }, (_, i) => String.fromCharCode(0x2030 + i)), "€"];
  const text = singles.join("") + "Été « ça » — l’œuvre…\n\tfin";
  assert.deepEqual(characters(text), segmented(text));
  assert.equal(length(text), segmented(text).length);
  const long = "Été 🌱 ".repeat(100);
  assert.equal(length(long), segmented(long).length);
  assert.equal(length(long), segmented(long).length, "a long text's count is the same the second time");
  assert.equal(length(`${long}🌱`), segmented(long).length + 1);
  for (const other of ["\r\n", "e\u0301", "👩‍👩‍👧", "a\u200db", "🇨🇦", "각"]) {
    assert.deepEqual(characters(`${text}${other}`), segmented(`${text}${other}`), JSON.stringify(other));
    assert.equal(length(`${text}${other}`), segmented(`${text}${other}`).length, JSON.stringify(other));
  }
});

test("an export read back is the same record: accents, emoji, line breaks, right-to-left text, the longest note", () => {
  const note = ("Été « ça » 🌱 שלום عربي\r\nligne 2\n\n\t".repeat(2000)).slice(0, spec.maxNote);
  const original = exported({ [first]: { value: flag, note, at: "2026-11-20T10:00:00.000Z" },
                              [second]: { value: "", note: "‏RTL‎ seulement" } },
                            { role: spec.roleOrder[1], resource: "Ressource « Entraide » 🌻 ".repeat(10).slice(0, spec.maxResource) });
  const { record, long, rejected } = read(JSON.parse(JSON.stringify(original)), spec);
  assert.deepEqual(long, []);
  assert.deepEqual(rejected, []);
  assert.equal(record.answers[first].note, note);
  assert.equal(record.answers[second].note, "‏RTL‎ seulement");
  assert.equal(record.resource, original.resource);
  assert.equal(record.role, original.role);
});

test("a file without a known item, of another schema or of another shape is refused with its reason", () => {
  const code = (raw, options) => { try { read(raw, spec, options); return null; } catch (error) { assert.ok(error instanceof KitError); return error.code; } };
  assert.equal(code(null), "foreign");
  assert.equal(code([]), "foreign");
  assert.equal(code({ answers: {} }), "foreign");
  assert.equal(code(JSON.parse('{"__proto__": {"schema": 1}, "answers": {}}')), "foreign");
  assert.equal(code({ schema: spec.schema + 1, answers: {} }), "schema");
  assert.equal(code(exported({ "echange-9.x": { value: flag } }), { requireItems: true }), "items");
  assert.equal(code(exported({ [first]: { value: "__proto__" } }), { requireItems: true }), "items");
});

const stampOf = (n, tab = "a") => `${n}.${tab}`;

test("two tabs' records merge each choice by its logical stamp, whatever the device's clocks said", () => {
  const mine = exported({ [first]: { value: flag, v: stampOf(5), at: "2020-01-01T00:00:00.000Z" } });
  const theirs = exported({ [first]: { value: scaleOf(first).calm, v: stampOf(4, "b"), at: "2031-01-01T00:00:00.000Z" },
                            [second]: { value: flag, v: stampOf(1, "b") } }, { role: spec.roleOrder[1], roleV: stampOf(9, "b") });
  const record = mergeRecords(mine, theirs);
  assert.equal(record.answers[first].value, flag, "the later stamp, not the later clock");
  assert.equal(record.answers[second].value, flag);
  assert.equal(record.role, spec.roleOrder[1]);
  assert.equal(canonical(mergeRecords(record, record)), canonical(record));
  assert.equal(canonical(mergeRecords(mine, theirs)), canonical(mergeRecords(theirs, mine)));
});

test("two notes written over the same text are both kept; one written over both settles them", () => {
  const start = change(exported({}), `${first}.note`, "début", { n: stampOf(1) });
  const a = change(JSON.parse(JSON.stringify(start)), `${first}.note`, "texte A", { n: stampOf(2), base: [stampOf(1)] });
  const b = change(JSON.parse(JSON.stringify(start)), `${first}.note`, "texte B", { n: stampOf(2, "b"), base: [stampOf(1)] });
  const both = mergeRecords(a, b);
  assert.deepEqual(textVersions(both, `${first}.note`).map((one) => one.text).sort(), ["texte A", "texte B"]);
  const settled = change(both, `${first}.note`, "texte B", { n: stampOf(3), base: textVersions(both, `${first}.note`).map((one) => one.n) });
  assert.deepEqual(textVersions(mergeRecords(settled, a), `${first}.note`).map((one) => one.text), ["texte B"]);
  assert.deepEqual(textVersions(mergeRecords(b, settled), `${first}.note`).map((one) => one.text), ["texte B"]);
});

test("merging keeps every item, value and field this version does not know, as it came", () => {
  const raw = parse(exported({ [first]: { value: "hors-echelle", note: "x", extra: [1] }, "echange-9.inconnu": "texte" },
                             { futur: { a: 1 }, role: "directrice" }));
  const changed = change(JSON.parse(JSON.stringify(raw)), second, flag, { n: stampOf(1) });
  const merged = mergeRecords(changed, raw);
  for (const field of ["value", "note", "extra"]) assert.deepEqual(merged.answers[first][field], raw.answers[first][field]);
  assert.equal(merged.answers["echange-9.inconnu"], "texte");
  assert.deepEqual(merged.futur, { a: 1 });
  assert.equal(merged.role, "directrice");
  assert.equal(merged.answers[second].value, flag);
});

test("progress and the summary count only answers of the scale", () => {
  const { record } = read(exported({ [first]: { value: flag, note: "n" }, [second]: { value: "toString" } }), spec);
  assert.equal(progress(record, spec).answered, 1);
  assert.equal(progress(record, spec).total, itemIds.length);
  assert.equal(filled(record), 1);
  assert.deepEqual(brought(record, spec).flatMap((group) => group.items.map(({ item }) => item.id)), [first]);
});

test("the summary brings every note, whatever its answer, and every flagged item", () => {
  const answers = Object.fromEntries(itemIds.map((id, i) => [id, { value: scaleOf(id).order[i % scaleOf(id).order.length], note: i % 3 ? "" : `note ${i}` }]));
  answers[itemIds[1]] = { value: "", note: "sans réponse" };
  const expectedItems = itemIds.filter((id) => answers[id].value === scaleOf(id).flag || answers[id].note).map((id) => ({
    id, label: answers[id].value ? scaleOf(id).options[answers[id].value] : "", note: answers[id].note, flagged: answers[id].value === scaleOf(id).flag }));
  const { record } = read(exported(answers), spec);
  const got = brought(record, spec).flatMap((group) => group.items.map(({ item, label, note, flagged }) => ({ id: item.id, label, note, flagged })));
  assert.deepEqual(got, expectedItems);
  assert.ok(got.some(({ flagged, note }) => !flagged && note), "a note on an item not flagged");
});

test("the Markdown export holds every answer in both languages and no markup from the person", () => {
  const note = "# titre\n- liste\n[lien](javascript:alert(1))\n<b>x</b>\n```\n| a | b |\n    code";
  for (const lang of ["fr", "en"]) {
    const { record } = read(exported({ [first]: { value: flag, note } },
      { role: spec.roleOrder[0], resource: "Nom\n# Titre injecté <i>x</i>" }), specs[lang]);
    const text = markdown(record, specs[lang], "2026-11-27");
    const lines = text.split("\n");
    assert.equal(lines.filter((line) => line.startsWith("#")).length, 1 + 1, "the title and one exchange");
    assert.ok(lines.some((line) => line.includes(specs[lang].strings.markdown_title)));
    const resource = lines.find((line) => line.startsWith(`- ${specs[lang].strings.record_resource}`));
    assert.ok(resource.endsWith(`${specs[lang].separator}Nom # Titre injecté \\<i\\>x\\</i\\>`), resource);
    const quoted = lines.filter((line) => line.startsWith("  > "));
    assert.equal(quoted.length, note.split("\n").length);
    for (const line of quoted) {
      const body = line.slice(4);
      assert.ok(!/^([#>+*=~`-]|\d+[.)]|\s)/.test(body), line);
      assert.ok(!/[<>[\]`|]/.test(unescaped(body)), line);
    }
  }
});

test("French exports put a no-break space before each colon, English ones none", () => {
  for (const [lang, separator] of [["fr", "\u00a0: "], ["en", ": "]]) {
    assert.equal(specs[lang].separator, separator);
    const { record } = read(exported({ [first]: { value: flag } }, { role: spec.roleOrder[0] }), specs[lang]);
    const text = markdown(record, specs[lang], "2026-11-27");
    assert.ok(text.includes(`- ${specs[lang].strings.markdown_date}${separator}2026-11-27`), text);
    assert.ok(text.includes(`**${separator}`), text);
  }
});

test("an exported file is named by the page's language, the role, the date and the person, safe for every file system", () => {
  const person = "k3f9a2zz81";
  for (const lang of ["fr", "en"]) {
    const strings = specs[lang].strings, named = (pattern, role) =>
      `${pattern.replace("{role}", role).replace("{date}", "2026-11-27").replace("{person}", person.slice(0, PERSON_IN_NAME))}`;
    for (const role of specs[lang].roleOrder) {
      const name = fileName({ role, person }, specs[lang], "2026-11-27", "json");
      assert.equal(name, `${named(strings.file_export, specs[lang].roleFiles[role])}.json`);
      assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*\.json$/);
    }
    const names = specs[lang].roleOrder.map((role) => specs[lang].roleFiles[role]);
    assert.equal(new Set(names).size, names.length, "two roles would make the same file name");
    for (const role of ["", "__proto__", "toString"]) {
      assert.equal(fileName({ role, person }, specs[lang], "2026-11-27", "txt"), `${named(strings.file_export_no_role, "")}.txt`);
    }
    // No id yet (nothing typed), or one that is not the page's own: the name goes without it.
    for (const other of ["", "__proto__", "a b"]) {
      assert.match(fileName({ role: "", person: other }, specs[lang], "2026-11-27", "txt"), /^[a-z-]+-2026-11-27\.txt$/);
    }
  }
  assert.equal(specs.fr.roleFiles[specs.fr.roleOrder[0]], "personne-usagere");
  assert.equal(specs.en.roleFiles[specs.en.roleOrder[0]], "service-user");
});

test("two people of one role answering on one day save files of two names", () => {
  const role = spec.roleOrder[0], names = new Set();
  for (const person of ["aaaaaa12345678", "aaaaab12345678", "zzzzzz00000000"]) names.add(fileName({ role, person }, spec, "2026-12-03", "json"));
  assert.equal(names.size, 3);
});

test("a file in the first release's shape (no times of change) reads into the same answers, role and name", () => {
  const answers = Object.fromEntries(itemIds.map((id, i) => [id, { value: scaleOf(id).order[i % scaleOf(id).order.length], note: `note ${i}` }]));
  for (const role of spec.roleOrder) {
    const old = { schema: spec.schema, contentVersion: "2026.11", lang: "fr", updatedAt: "2026-11-20T10:00:00.000Z",
                  role, resource: "Entraide", answers };
    const result = read(parse(old), spec, { requireItems: true });
    assert.equal(result.record.role, role);
    assert.equal(result.record.resource, "Entraide");
    assert.deepEqual(Object.fromEntries(Object.entries(result.record.answers).map(([id, a]) => [id, { value: a.value, note: a.note }])), answers);
    const reworded = itemIds.filter((id) => olderThan("2026.11", spec.exchanges.flatMap((e) => e.items).find((item) => item.id === id).rewordedIn || "0"));
    assert.deepEqual([result.unknown, result.changed, result.rejected, result.unknownRole, result.long], [[], reworded, [], null, []]);
  }
});

test("the record lists every item of every exchange, answered or not, with its answer's words", () => {
  const { record } = read(exported({ [first]: { value: flag, note: "n" } }), spec);
  const groups = byExchange(record, spec, true);
  assert.deepEqual(groups.flatMap((group) => group.items.map(({ item }) => item.id)), itemIds);
  assert.deepEqual(groups[0].items[0], { item: spec.exchanges[0].items[0], label: scaleOf(first).options[flag], note: "n" });
  assert.ok(groups.flatMap((group) => group.items).slice(1).every(({ label, note }) => label === "" && note === ""));
  assert.deepEqual(byExchange(record, spec).flatMap((group) => group.items.map(({ item }) => item.id)), [first]);
});

test("answers from before an item's rewording are pointed out, and only those", () => {
  const items = spec.exchanges.flatMap((exchange) => exchange.items);
  const reworded = items.filter((item) => item.rewordedIn === spec.contentVersion).map((item) => item.id);
  assert.ok(reworded.length > 0 && reworded.length < items.length);
  const every = Object.fromEntries(items.map((item) => [item.id, { value: "", note: "une note" }]));
  const older = read(exported(every, { contentVersion: "2026.11" }), spec);
  assert.deepEqual(older.changed, reworded);
  assert.deepEqual(read(exported(every, { contentVersion: spec.contentVersion }), spec).changed, []);
});
