// What the self-assessment and the synthesis pages share: storage that never
// stops the page, answers set aside, messages, downloads, files read
// strictly, the warning before leaving, and start-up.
import { decode, fill } from "./kit-text.js";

const KEPT_ASIDE = 5;

// One storage area (localStorage or sessionStorage), or null when the
// browser refuses it. Every call is guarded: a fault is an answer, not a crash.
export class Store {
  static open(name, key) {
    try {
      const area = window[name], probe = `${key}:probe`;
      area.setItem(probe, "1");
      area.removeItem(probe);
      return new Store(area, key);
    } catch (error) {
      return null;
    }
  }

  constructor(area, key) {
    this.area = area;
    this.key = key;
  }

  get(name = this.key) {
    try {
      return this.area.getItem(name);
    } catch (error) {
      return null;
    }
  }

  // Write; return null, or the code of the message that explains the failure.
  set(value, name = this.key) {
    try {
      this.area.setItem(name, value);
      return null;
    } catch (error) {
      return error && error.name === "QuotaExceededError" ? "storage_full" : "storage_unavailable";
    }
  }

  remove(name = this.key) {
    try {
      this.area.removeItem(name);
    } catch (error) {
      // Nothing to remove where nothing can be read.
    }
  }

  // Every key of this area that belongs to one of these storage keys.
  keysOf(keys) {
    const found = [];
    try {
      for (let i = 0; i < this.area.length; i++) {
        const name = this.area.key(i);
        if (keys.some((key) => name === key || name.startsWith(`${key}:`))) found.push(name);
      }
    } catch (error) {
      return found;
    }
    return found;
  }

  // The answers kept aside, newest first: [{ name, date, raw }].
  backups() {
    return this.keysOf([`${this.key}:backup`]).sort().reverse()
      .map((name) => ({ name, date: name.slice(`${this.key}:backup:`.length) || "", raw: this.get(name) }))
      .filter((backup) => backup.raw !== null);
  }

  // Keep this text aside under its own date; the last five stay.
  setAside(raw, date) {
    const trouble = this.set(raw, `${this.key}:backup:${date}`);
    for (const old of this.backups().slice(KEPT_ASIDE)) this.remove(old.name);
    return trouble;
  }
}

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
