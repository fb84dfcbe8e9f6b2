import assert from "node:assert/strict";
import { test } from "node:test";
import { bar, kinds, squares } from "../../overrides/assets/javascripts/kit-bars.js";
import { spec } from "./spec.mjs";

// Just enough of a document to see what the module builds.
const doc = {
  createElementNS(ns, name) {
    return {
      ns, name, attributes: {}, children: [],
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

test("one square per person, answers in the scale's order, side by side", () => {
  assert.deepEqual(squares([2, 0, 1], 10), [{ x: 0, option: 0 }, { x: 10, option: 0 }, { x: 20, option: 2 }]);
  assert.deepEqual(squares([0, 0], 10), []);
});

test("a bar is an SVG hidden from screen readers, as wide as the people who could answer", () => {
  const patterns = kinds(Object.values(spec.scales)[0]);
  const svg = bar([1, 0, 2, 0], patterns, { people: 5, unit: 10, height: 8 }, doc);
  assert.equal(svg.ns, "http://www.w3.org/2000/svg");
  assert.equal(svg.name, "svg");
  assert.equal(svg.attributes["aria-hidden"], "true");
  assert.equal(svg.attributes.width, "50");
  assert.equal(svg.attributes.viewBox, "0 0 50 8");
  const [frame, ...given] = svg.children;
  assert.equal(frame.attributes.class, "kit-bar__frame");
  assert.equal(given.length, 3);
  assert.deepEqual(given.map((square) => square.attributes.fill),
                   [patterns[0], patterns[2], patterns[2]].map((kind) => `url(#kit-pattern-${kind})`));
  assert.deepEqual(given.map((square) => square.attributes.x), ["0.5", "10.5", "20.5"]);
});

test("a bar with nobody still has a frame one square wide, and more answers than people widen it", () => {
  assert.equal(bar([0], ["flag"], {}, doc).attributes.width, "12");
  assert.equal(bar([3], ["flag"], { people: 1, unit: 10 }, doc).attributes.width, "30");
});
