// Horizontal stacked bars as inline SVG: one segment per answer, in the
// scale's order, as long as the share of people who gave it, with its count
// written in where it fits. Each answer has its own pattern (defined once in
// synthesis.html), so that the bar reads in black and white too. The words
// next to a bar say the same: the bar is aria-hidden.
const NS = "http://www.w3.org/2000/svg";

// A count is written inside its segment when the segment is this wide (px).
export const ROOM_FOR_COUNT = 14;

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

// Where the segments go: [{ x, width, option, count, written }] for counts
// given in the scale's order, against a frame `width` px wide for `people`
// (those who could have answered; more answers widen nothing).
export function segments(counts, width, people = 0) {
  const given = counts.reduce((a, b) => a + b, 0), unit = width / Math.max(people, given, 1);
  const out = [];
  let x = 0;
  counts.forEach((count, option) => {
    if (!count) return;
    out.push({ x, width: count * unit, option, count, written: count * unit >= ROOM_FOR_COUNT });
    x += count * unit;
  });
  return out;
}

function element(doc, name, attributes) {
  const node = doc.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

const round = (n) => Math.round(n * 100) / 100;

// One bar: `counts` per answer, drawn against a frame as wide as `people`;
// `width` and `height` in pixels; `numbers` writes the counts in.
export function bar(counts, patterns, { people = 0, width = 128, height = 18, numbers = true } = {}, doc = globalThis.document) {
  const svg = element(doc, "svg", { class: "kit-bar", width, height, viewBox: `0 0 ${width} ${height}`,
                                    "aria-hidden": "true", focusable: "false" });
  svg.append(element(doc, "rect", { class: "kit-bar__frame", x: 0.5, y: 0.5, width: width - 1, height: height - 1 }));
  const parts = segments(counts, width, people);
  for (const { x, width: w, option } of parts) {
    svg.append(element(doc, "rect", { class: `kit-bar__segment kit-bar--${patterns[option]}`, x: round(x + 0.5), y: 0.5,
                                      width: round(Math.max(w - 1, 0.5)), height: height - 1, fill: `url(#kit-pattern-${patterns[option]})` }));
  }
  for (const { x, width: w, option, count, written } of numbers ? parts : []) {
    if (!written) continue;
    const label = element(doc, "text", { class: `kit-bar__count kit-bar__count--${patterns[option]}`, x: round(x + w / 2),
                                         y: round(height / 2), "text-anchor": "middle", "dominant-baseline": "central" });
    label.textContent = String(count);
    svg.append(label);
  }
  return svg;
}

// Whether every count of a bar is written inside it.
export function allWritten(counts, width, people) {
  return segments(counts, width, people).every((part) => part.written);
}
