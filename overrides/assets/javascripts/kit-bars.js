// Small horizontal stacked bars as inline SVG: one square per person, the
// answers in their scale's order, each answer with its own pattern (defined
// once in synthesis.html) so that the bar reads in black and white too. The
// table next to a bar says the same in words: the bar is aria-hidden.
const NS = "http://www.w3.org/2000/svg";

// Each answer's pattern: the flagged one solid, the calm one light, the
// others hatched, dotted, crossed (then again).
export function kinds(scale) {
  let other = 0;
  return scale.order.map((option) => {
    if (option === scale.flag) return "flag";
    if (option === scale.calm) return "calm";
    return `other-${(other++ % 3) + 1}`;
  });
}

// Where the squares go: [{ x, option }] for counts given in the scale's order.
export function squares(counts, unit) {
  const out = [];
  counts.forEach((count, option) => {
    for (let i = 0; i < count; i++) out.push({ x: out.length * unit, option });
  });
  return out;
}

function element(doc, name, attributes) {
  const node = doc.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

// One bar: `counts` per answer, drawn against a frame as wide as `people`
// (those who could have answered); `unit` and `height` in pixels.
export function bar(counts, patterns, { people = 0, unit = 12, height = 12 } = {}, doc = globalThis.document) {
  const given = squares(counts, unit);
  const width = Math.max(people, given.length, 1) * unit;
  const svg = element(doc, "svg", { class: "kit-bar", width, height, viewBox: `0 0 ${width} ${height}`,
                                    "aria-hidden": "true", focusable: "false" });
  svg.append(element(doc, "rect", { class: "kit-bar__frame", x: 0.5, y: 0.5, width: width - 1, height: height - 1 }));
  for (const { x, option } of given) {
    svg.append(element(doc, "rect", { class: `kit-bar__square kit-bar--${patterns[option]}`, x: x + 0.5, y: 0.5,
                                      width: unit - 1, height: height - 1, fill: `url(#kit-pattern-${patterns[option]})` }));
  }
  return svg;
}
