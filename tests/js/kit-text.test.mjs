import assert from "node:assert/strict";
import { test } from "node:test";
import { decode, fill, inline, lines, owns, plural } from "../../overrides/assets/javascripts/kit-text.js";
import { unescaped } from "./spec.mjs";

test("fill puts values in their places and leaves unknown and inherited names alone", () => {
  assert.equal(fill("{n} sur {total}", { n: 3, total: 18 }), "3 sur 18");
  assert.equal(fill("{toString} {constructor} {__proto__} {x}", {}), "{toString} {constructor} {__proto__} {x}");
  assert.equal(fill("{n}", JSON.parse('{"__proto__": "p", "n": 0}')), "0");
});

test("owns sees only a table's own keys", () => {
  assert.equal(owns({}, "toString"), false);
  assert.equal(owns(JSON.parse('{"__proto__": 1}'), "__proto__"), true);
  assert.equal(owns(null, "x"), false);
});

test("a one-line field keeps no line break and makes no markup", () => {
  const text = inline("Nom\n# Titre\r\n[lien](javascript:alert(1))\u2028<b>x</b>");
  assert.ok(!/[\r\n\u2028]/.test(text));
  assert.ok(!/[<>[\]`|]/.test(unescaped(text)), text);
});

const HOSTILE_LINES = ["# titre", "## sous-titre", "- liste", "* liste", "+ liste", "1. un", "2) deux",
  "    code indenté", "\tcode", "```", "~~~", "> citation", "| a | b |", "---", "===", "***",
  "[lien](https://exemple.org)", "![image](x.png)", "<script>alert(1)</script>", "<b>gras</b>",
  "&lt;entité&gt;", "<https://exemple.org>", "`code`"];

test("every line of a note loses what would make a block, a link, code or HTML", () => {
  for (const line of lines(HOSTILE_LINES.join("\n"))) {
    const plain = unescaped(line);
    assert.ok(!/^\s/.test(line), `indented: ${line}`);
    assert.ok(!/^([#>+*=~`-]|\d+[.)])/.test(line), `block: ${line}`);
    assert.ok(!/[<>[\]`|&]/.test(plain), `markup: ${line}`);
  }
  assert.equal(lines(HOSTILE_LINES.join("\n")).length, HOSTILE_LINES.length);
});

test("ordinary text keeps its words, accents and emoji", () => {
  assert.equal(inline("Café des « Ami·e·s » 🌱"), "Café des « Ami·e·s » 🌱");
  assert.deepEqual(lines("Première ligne\nDeuxième 😀"), ["Première ligne", "Deuxième 😀"]);
});

test("files are decoded as UTF-8 strictly, with or without BOM, or as UTF-16 with a BOM", () => {
  const text = "Réponse « é » 😀 עברית";
  const utf8 = new TextEncoder().encode(text);
  assert.equal(decode(utf8), text);
  assert.equal(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])), text);
  const le = new Uint8Array(2 + text.length * 2), be = new Uint8Array(2 + text.length * 2);
  le.set([0xff, 0xfe]);
  be.set([0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    le[2 + 2 * i] = unit & 0xff; le[3 + 2 * i] = unit >> 8;
    be[2 + 2 * i] = unit >> 8; be[3 + 2 * i] = unit & 0xff;
  }
  assert.equal(decode(le), text);
  assert.equal(decode(be), text);
  assert.equal(decode(new Uint8Array([0x52, 0xe9, 0x70])), null, "Latin-1 « Rép » is refused");
  assert.equal(decode(new Uint8Array([0xff, 0xfe, 0x00, 0xd8])), null, "a lone surrogate is refused");
});

test("plural picks the form of a count by the language's rules, and falls back to the key", () => {
  const strings = { people: "{n} personnes", people_one: "{n} personne", files: "{n} fichiers" };
  assert.equal(fill(plural(strings, "people", 0, "fr"), { n: 0 }), "0 personne");
  assert.equal(fill(plural(strings, "people", 1, "fr"), { n: 1 }), "1 personne");
  assert.equal(fill(plural(strings, "people", 2, "fr"), { n: 2 }), "2 personnes");
  assert.equal(plural({ people: "{n} people", people_one: "{n} person" }, "people", 0, "en"), "{n} people");
  assert.equal(plural(strings, "files", 1, "fr"), "{n} fichiers");
  assert.equal(plural(JSON.parse('{"x": "a", "x___proto__": "b"}'), "x", 1, "fr"), "a");
});
