import assert from "node:assert/strict";
import { test } from "node:test";
import { ROOM_FOR_COUNT, allWritten, bar, kinds, segments } from "../../overrides/assets/javascripts/kit-bars.js";
import { spec } from "./spec.mjs";

// Just enough of a document to see what the module builds.
const doc = {
  createElementNS(ns, name) {
    return {
      ns, name, attributes: {}, children: [], textContent: "",
      setAttribute(key, value) { this.attributes[key] = value; },
      append(...nodes) { this.children.push(...nodes); },
    };
  },
};

for (const [id, scale] of Object.entries(spec.scales)) {
  test(`the ${id} scale gives each answer its own pattern, the flagged one solid and the calm one light`, () => {
    const patterns = kinds(scale);
    assert.equal(patterns.length, scale.order.length);
    assert.equal(new Set(patterns).size, patterns.length);
    assert.equal(patterns[scale.order.indexOf(scale.flag)], "flag");
    assert.equal(patterns[scale.order.indexOf(scale.calm)], "calm");
  });
}

test("each answer's segment is as long as its share of the people who could answer, in the scale's order", () => {
  assert.deepEqual(segments([2, 0, 1], 120, 4), [
    { x: 0, width: 60, option: 0, count: 2, written: true },
    { x: 60, width: 30, option: 2, count: 1, written: true },
  ]);
  assert.deepEqual(segments([0, 0], 120), []);
  assert.equal(segments([3], 120, 1)[0].width, 120); // more answers than people: the frame is full, not wider
});

test("a count is written in its segment only where it fits", () => {
  const people = Math.ceil(120 / ROOM_FOR_COUNT) + 1; // one person's segment is narrower than a count needs
  assert.deepEqual(segments([1, people - 1], 120, people).map((part) => part.written), [false, true]);
  assert.equal(allWritten([1, people - 1], 120, people), false);
  assert.equal(allWritten([1, 2], 120, 3), true);
});

test("a bar is an SVG hidden from screen readers, 128 px wide, with the counts in its segments", () => {
  const patterns = kinds(Object.values(spec.scales)[0]);
  const svg = bar([1, 0, 2, 0], patterns, { people: 4 }, doc);
  assert.equal(svg.ns, "http://www.w3.org/2000/svg");
  assert.equal(svg.name, "svg");
  assert.equal(svg.attributes["aria-hidden"], "true");
  assert.equal(svg.attributes.width, "128");
  assert.equal(svg.attributes.viewBox, "0 0 128 18");
  const [frame, ...rest] = svg.children;
  assert.equal(frame.attributes.class, "kit-bar__frame");
  const parts = rest.filter((node) => node.name === "rect"), counts = rest.filter((node) => node.name === "text");
  assert.deepEqual(parts.map((part) => part.attributes.fill), [patterns[0], patterns[2]].map((kind) => `url(#kit-pattern-${kind})`));
  assert.deepEqual(parts.map((part) => part.attributes.x), ["0.5", "32.5"]);
  assert.deepEqual(parts.map((part) => part.attributes.width), ["31", "63"]);
  assert.deepEqual(counts.map((text) => text.textContent), ["1", "2"]);
  assert.deepEqual(counts.map((text) => text.attributes.x), ["16", "64"]);
});

test("a key's swatch has no count in it", () => {
  const svg = bar([1], ["flag"], { width: 14, height: 14, numbers: false }, doc);
  assert.equal(svg.children.filter((node) => node.name === "text").length, 0);
  assert.equal(svg.attributes.width, "14");
});
