// What the self-assessment and the synthesis pages share: messages,
// downloads, files read strictly, the copies set aside, the warning before
// leaving, and start-up. Storage is kit-store.js's.
import { decode, fill } from "./kit-text.js";

// The page's two message boxes: urgent (role=alert) and status.
export class Messages {
  constructor(root, strings) {
    this.root = root;
    this.strings = strings;
  }

  box(urgent) {
    return this.root.querySelector(urgent ? ".kit-alert" : ".kit-status");
  }

  say(code, values = {}, urgent = false) {
    this.lines([fill(this.strings[code] || code, values)], urgent);
  }

  lines(texts, urgent = false) {
    this.box(urgent).replaceChildren(...texts.map((line) => Object.assign(document.createElement("p"), { textContent: line })));
  }

  clear(urgent = true) {
    this.box(urgent).replaceChildren();
  }
}

// Give ROOT the children FRESH (nodes built from text only, as the pages make them), changing
// only what differs: a note typed into does not lay out every other note on the page again.
export function replaceChanged(root, fresh) {
  const here = root.childNodes;
  const same = here.length === fresh.length && fresh.every((node, i) =>
    node.nodeName === here[i].nodeName && node.className === here[i].className);
  if (!same) {
    root.replaceChildren(...fresh);
    return;
  }
  fresh.forEach((node, i) => {
    if (node.nodeType === Node.TEXT_NODE) {
      if (here[i].data !== node.data) here[i].data = node.data;
    } else {
      replaceChanged(here[i], [...node.childNodes]);
    }
  });
}

// Offer a text as a file to save.
export function download(text, type, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

export const today = () => new Date().toISOString().slice(0, 10);

// A file's text: refused by size before it is read, then decoded strictly.
// Returns { text } or { error, values }.
export async function readFile(file, maxKb) {
  const size = Math.ceil(file.size / 1024);
  if (size > maxKb) return { error: "error_size", values: { size, max: maxKb } };
  let bytes;
  try {
    bytes = await file.arrayBuffer();
  } catch (error) {
    return { error: "error_read" };
  }
  const text = decode(bytes);
  return text === null ? { error: "error_encoding" } : { text };
}

// Ask before leaving while `atRisk()` says what is on screen exists nowhere else.
export function warnBeforeLeaving(atRisk) {
  window.addEventListener("beforeunload", (event) => {
    if (!atRisk()) return;
    event.preventDefault();
    event.returnValue = "";
  });
}

// The list of answers kept aside, each with its download button.
export function showBackups(root, backups, strings, fileName) {
  const box = root.querySelector(".kit-backups");
  const list = box.querySelector("ul");
  list.replaceChildren(...backups.map((backup) => {
    const item = document.createElement("li"), button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = fill(strings.download_backup, { date: (backup.date || "?").slice(0, 16).replace("T", " ") });
    button.addEventListener("click", () => download(backup.raw, "application/json", fileName(backup)));
    item.append(button);
    return item;
  }));
  box.hidden = !backups.length;
}

// Start a widget on every page view that has its root.
export function startOn(selector, Widget) {
  const run = () => {
    const root = document.querySelector(selector);
    if (!root || root.dataset.kitStarted) return;
    root.dataset.kitStarted = "1";
    const offline = root.querySelector(".kit-offline");
    if (offline && location.protocol === "file:") offline.hidden = false;
    new Widget(root).start();
  };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(run);
  else run();
}
