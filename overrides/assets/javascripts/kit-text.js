// Text helpers shared by every page and the state modules. Pure, no DOM.

// Whether a table read from data has this key of its own (never inherited).
export function owns(table, key) {
  return table !== null && typeof table === "object" && Object.prototype.hasOwnProperty.call(table, key);
}

// Fill "{n} of {total}" style strings.
export function fill(text, values) {
  return String(text).replace(/\{(\w+)\}/g, (match, name) => (owns(values, name) ? String(values[name]) : match));
}

// The form of a string for a count, by the language's plural rules
// (Intl.PluralRules): the key with the count's category ("people_one") when
// the data has it, else the key itself. In French, 0 and 1 are "one".
export function plural(strings, key, count, lang) {
  const form = `${key}_${new Intl.PluralRules(lang).select(Number(count))}`;
  return owns(strings, form) ? strings[form] : strings[key];
}

// Characters that make Markdown or HTML wherever they stand.
const ANYWHERE = /[\\`*_[\]<>|~&!]/g;
// What makes a block at the start of a line: heading, list, rule, setext line.
const LINE_START = /^[#+=-]/;
const NUMBERED = /^(\d+)([.)])/;

// Every kind of line break a text can hold.
const BREAKS = /\r\n|[\r\n\u2028\u2029\u0085\v\f]/g;

// One line made safe: no markup, not indented into code.
function safe(line) {
  return line.trim().replace(ANYWHERE, "\\$&").replace(LINE_START, "\\$&").replace(NUMBERED, "$1\\$2");
}

// A one-line field (a name) in Markdown: no line break, no markup.
export function inline(text) {
  return safe(String(text).replace(BREAKS, " "));
}

// A person's text of several lines, each made safe.
export function lines(text) {
  return String(text).split(BREAKS).map(safe);
}

// The text of a file's bytes, or null when it is not UTF-8 (or UTF-16 with a BOM).
export function decode(bytes) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let encoding = "utf-8";
  if (view[0] === 0xff && view[1] === 0xfe) encoding = "utf-16le";
  else if (view[0] === 0xfe && view[1] === 0xff) encoding = "utf-16be";
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(view);
  } catch (error) {
    return null;
  }
}
