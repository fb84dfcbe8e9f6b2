// Self-assessment page: keeps answers on this device, exports and imports
// them. Every text from the person or a file goes in with textContent.
import { KitError, empty, flagged, format, index, markdown, progress, read } from "./checklist-state.js";

function start(root) {
  if (root.dataset.kitStarted) return;
  root.dataset.kitStarted = "1";
  const spec = JSON.parse(document.getElementById("kit-checklist-spec").textContent);
  const s = spec.strings, key = spec.storageKey, sharedKey = `${key}:shared`;
  const form = root.querySelector(".kit-form");
  const $ = (selector) => root.querySelector(selector);
  const items = index(spec).items;
  let record = empty(spec), area = null, changed = new Set();

  // ---------------------------------------------------------------- messages
  function say(code, values = {}, urgent = false) {
    const box = $(urgent ? ".kit-alert" : ".kit-status");
    const line = document.createElement("p");
    line.textContent = format(s[code] || code, values);
    box.replaceChildren(line);
  }

  // ----------------------------------------------------------------- storage
  function storage(name) {
    try {
      const candidate = window[name], probe = `${key}:probe`;
      candidate.setItem(probe, "1");
      candidate.removeItem(probe);
      return candidate;
    } catch (error) {
      return null;
    }
  }

  function save() {
    record.updatedAt = new Date().toISOString();
    if (!area) return;
    try {
      area.setItem(key, JSON.stringify(record));
    } catch (error) {
      area = null;
      say(error && error.name === "QuotaExceededError" ? "storage_full" : "storage_unavailable", {}, true);
    }
  }

  function load() {
    const shared = storage("sessionStorage");
    const local = storage("localStorage");
    const isShared = Boolean(shared && shared.getItem(sharedKey) === "1");
    area = isShared ? shared : local;
    $("#kit-shared").checked = isShared;
    if (!area) return say("storage_unavailable", {}, true);
    const raw = area.getItem(key);
    if (raw === null) return;
    try {
      const result = read(JSON.parse(raw), spec);
      record = result.record;
      if (result.from !== spec.contentVersion) {
        changed = new Set(result.changed);
        const names = result.changed.map((id) => items.get(id).item.statement).join(", ") || "—";
        say("migrated", { from: result.from || "?", items: names }, true);
        save();
      }
    } catch (error) {
      area.setItem(`${key}:backup`, raw);
      area.removeItem(key);
      say(error instanceof KitError && error.code === "schema" ? "stored_unknown" : "stored_corrupt", {}, true);
    }
  }

  function setShared(on) {
    const local = storage("localStorage"), session = storage("sessionStorage");
    if (on && session) {
      session.setItem(sharedKey, "1");
      if (local) local.removeItem(key);
      area = session;
    } else {
      if (session) { session.removeItem(sharedKey); session.removeItem(key); }
      area = local;
    }
    save();
  }

  // -------------------------------------------------------------------- form
  function fill(keep) {
    form.elements.role.value = record.role;
    if (keep !== form.elements.resource) form.elements.resource.value = record.resource;
    for (const [id] of items) {
      const answer = record.answers[id] || { value: "", note: "" };
      for (const radio of form.querySelectorAll(`input[name="${CSS.escape(id)}"]`)) {
        radio.checked = radio.value === answer.value;
      }
      const note = form.elements[`${id}.note`];
      if (note !== keep) note.value = answer.note;
      root.querySelector(`[id="${CSS.escape(id)}"] .kit-item__changed`).hidden = !changed.has(id);
    }
    render();
  }

  function collect(target, store = true) {
    if (target.name === "role") record.role = target.value;
    else if (target.name === "resource") record.resource = target.value.slice(0, 200);
    else {
      const id = target.name.replace(/\.note$/, "");
      if (!items.has(id)) return;
      const answer = record.answers[id] || { value: "", note: "" };
      if (target.type === "radio") answer.value = target.value;
      else answer.note = target.value;
      if (answer.value || answer.note) record.answers[id] = answer;
      else delete record.answers[id];
    }
    if (store) save();
    render();
  }

  function render() {
    const count = progress(record, spec);
    $(".kit-progress__text").textContent = format(s.progress, { n: count.answered, total: count.total });
    $(".kit-progress progress").value = count.answered;
    for (const [id, part] of Object.entries(count.perExchange)) {
      root.querySelector(`[data-count-for="${id}"]`).textContent =
        format(s.progress, { n: part.answered, total: part.total });
    }
    const list = $(".kit-summary__list");
    const groups = flagged(record, spec);
    list.replaceChildren();
    if (!groups.length) {
      const none = document.createElement("p");
      none.textContent = s.summary_empty;
      list.append(none);
    }
    for (const group of groups) {
      const title = document.createElement("h3"), ul = document.createElement("ul");
      title.textContent = group.exchange.title;
      for (const { item, note } of group.items) {
        const li = document.createElement("li"), strong = document.createElement("strong");
        strong.textContent = item.statement;
        li.append(strong);
        if (note) {
          const p = document.createElement("p");
          p.textContent = note;
          li.append(p);
        }
        ul.append(li);
      }
      list.append(title, ul);
    }
  }

  // ----------------------------------------------------- export and import
  const today = () => new Date().toISOString().slice(0, 10);

  function download(text, type, extension) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = `auto-evaluation-${today()}.${extension}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  async function copy() {
    const text = markdown(record, spec, today());
    try {
      await navigator.clipboard.writeText(text);
      say("copied");
    } catch (error) {
      say("copy_failed", {}, true);
    }
  }

  let pending = null;

  async function choose(file) {
    pending = null;
    $(".kit-import__preview").hidden = true;
    if (!file) return;
    const size = Math.ceil(file.size / 1024);
    if (size > spec.maxImportKb) return refuse("error_size", { size, max: spec.maxImportKb });
    let raw;
    try {
      raw = JSON.parse(await file.text());
    } catch (error) {
      return refuse("error_json");
    }
    try {
      pending = read(raw, spec, { requireItems: true });
    } catch (error) {
      return refuse(error instanceof KitError ? `error_${error.code}` : "error_foreign");
    }
    const { record: incoming, unknown } = pending;
    const preview = $(".kit-import__text");
    preview.textContent = format(s.import_preview, {
      count: Object.keys(incoming.answers).length,
      date: (incoming.updatedAt || "?").slice(0, 10),
      role: spec.roles[incoming.role] || s.unknown_role,
    }) + (unknown.length ? ` ${format(s.unknown_items, { n: unknown.length })}` : "");
    $(".kit-import__preview").hidden = false;
  }

  function refuse(code, values) {
    say(code, values, true);
    $(".kit-status").replaceChildren(Object.assign(document.createElement("p"), { textContent: s.kept }));
  }

  function apply() {
    if (!pending) return;
    record = pending.record;
    changed = new Set(pending.changed);
    pending = null;
    $(".kit-import__preview").hidden = true;
    $(".kit-import input").value = "";
    save();
    fill();
    say("imported");
  }

  function erase() {
    if (!window.confirm(s.erase_confirm)) return;
    for (const name of ["localStorage", "sessionStorage"]) {
      const candidate = storage(name);
      if (candidate) candidate.removeItem(key);
    }
    record = empty(spec);
    changed = new Set();
    fill();
    say("erased");
  }

  // ------------------------------------------------------------------ wiring
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", (event) => {
    if (event.target.id === "kit-shared") setShared(event.target.checked);
    else collect(event.target);
  });
  form.addEventListener("input", (event) => {
    if (event.target.tagName === "TEXTAREA" || event.target.name === "resource") collect(event.target);
  });
  const on = (selector, handler) => $(selector).addEventListener("click", handler);
  on("[data-kit-action=json]", () => download(JSON.stringify(record, null, 2), "application/json", "json"));
  on("[data-kit-action=markdown]", () => download(markdown(record, spec, today()), "text/markdown", "md"));
  on("[data-kit-action=copy]", copy);
  on("[data-kit-action=print]", () => window.print());
  on("[data-kit-action=apply]", apply);
  on("[data-kit-action=cancel]", () => choose(null));
  on("[data-kit-action=erase]", erase);
  $(".kit-import input").addEventListener("change", (event) => choose(event.target.files[0]));
  window.addEventListener("storage", (event) => {
    if (event.key !== key || !area || event.storageArea !== area) return;
    try {
      record = event.newValue ? read(JSON.parse(event.newValue), spec).record : empty(spec);
    } catch (error) {
      return;
    }
    const typing = document.activeElement;
    fill(typing);
    // What is being typed here wins over the other tab, without a save that
    // would bounce back to it.
    if (form.contains(typing) && (typing.tagName === "TEXTAREA" || typing.name === "resource")) {
      collect(typing, false);
    }
    say("other_tab");
  });

  load();
  fill();
  root.classList.add("kit-checklist--ready");
}

function onPage() {
  const root = document.querySelector("[data-kit-checklist]");
  if (root) start(root);
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(onPage);
} else {
  onPage();
}
