// Group synthesis page: combines exported self-assessments in the browser.
// Nothing is sent anywhere; every text from a file goes in with textContent.
import { format } from "./checklist-state.js";
import { accept, combine, markdown, roleLabel } from "./synthesis-state.js";

function start(root) {
  if (root.dataset.kitStarted) return;
  root.dataset.kitStarted = "1";
  const spec = JSON.parse(document.getElementById("kit-synthesis-spec").textContent);
  const s = { ...spec.strings, ...spec.synthesis.strings };
  const key = spec.synthesis.storageKey, sharedKey = `${key}:shared`;
  const $ = (selector) => root.querySelector(selector);
  const make = (tag, text, className) => {
    const element = document.createElement(tag);
    if (text !== undefined) element.textContent = text;
    if (className) element.className = className;
    return element;
  };
  let entries = [];

  function say(lines, urgent = false) {
    $(urgent ? ".kit-alert" : ".kit-status").replaceChildren(...lines.map((line) => make("p", line)));
  }

  // ----------------------------------------------------------------- storage
  function storage(name) {
    try {
      const area = window[name];
      area.setItem(`${key}:probe`, "1");
      area.removeItem(`${key}:probe`);
      return area;
    } catch (error) {
      return null;
    }
  }

  function area() {
    if (!$("#kit-keep").checked) return null;
    return $("#kit-shared").checked ? storage("sessionStorage") : storage("localStorage");
  }

  function save() {
    for (const name of ["localStorage", "sessionStorage"]) storage(name)?.removeItem(key);
    const target = area();
    if (!target) return;
    try {
      target.setItem(key, JSON.stringify(entries));
    } catch (error) {
      say([s[error && error.name === "QuotaExceededError" ? "storage_full" : "storage_unavailable"]], true);
    }
  }

  function load() {
    const session = storage("sessionStorage"), local = storage("localStorage");
    const shared = Boolean(session && session.getItem(sharedKey) === "1");
    const source = shared ? session : local;
    $("#kit-shared").checked = shared;
    if (!local && !session) return say([s.storage_unavailable], true);
    const raw = source && source.getItem(key);
    if (!raw) return;
    $("#kit-keep").checked = true;
    try {
      const kept = [];
      for (const entry of JSON.parse(raw)) {
        const result = accept(JSON.stringify(entry.record), entry.name, 0, kept, spec);
        if (result.entry) kept.push({ ...result.entry, lang: entry.lang, from: entry.from });
      }
      entries = kept;
    } catch (error) {
      source.setItem(`${key}:backup`, raw);
      source.removeItem(key);
      say([s.stored_corrupt], true);
    }
  }

  // ------------------------------------------------------------------- files
  async function add(files) {
    const problems = [];
    for (const file of files) {
      const result = accept(await file.text(), file.name, file.size, entries, spec);
      if (result.entry) {
        entries.push(result.entry);
      } else {
        problems.push(format(s.rejected, { name: file.name, reason: format(s[result.error], result.values || {}) }));
      }
    }
    say(problems, true);
    save();
    render();
  }

  function renderFiles() {
    const list = $(".kit-file-list");
    list.replaceChildren();
    if (!entries.length) list.append(make("li", s.no_files));
    entries.forEach((entry, position) => {
      const item = make("li"), button = make("button", s.remove, "md-button");
      item.append(make("span", format(s.file_line, {
        name: entry.name, role: roleLabel(entry.record.role, spec),
        date: (entry.record.updatedAt || "?").slice(0, 10), lang: entry.lang,
        count: Object.keys(entry.record.answers).length,
      })));
      button.type = "button";
      button.setAttribute("aria-label", `${s.remove} ${entry.name}`);
      button.addEventListener("click", () => {
        entries.splice(position, 1);
        save();
        render();
      });
      item.append(" ", button);
      list.append(item);
    });
  }

  // ----------------------------------------------------------------- results
  // One table per exchange, one row per item: the counts of each answer and
  // whether roles disagree. It prints on one page.
  function renderGlance(combined) {
    const glance = $(".kit-glance");
    glance.replaceChildren();
    if (!entries.length) return;
    glance.append(make("h3", s.glance));
    for (const group of combined.exchanges) {
      const table = make("table", undefined, "kit-glance__table"), head = make("tr");
      table.append(make("caption", group.exchange.title));
      head.append(make("th", s.item), ...group.scale.order.map((o) => make("th", group.scale.options[o])),
                  make("th", s.disagree_short));
      for (const cell of head.children) cell.scope = "col";
      table.createTHead().append(head);
      const body = table.createTBody();
      for (const row of group.items) {
        const tr = make("tr"), th = make("th", row.item.statement);
        th.scope = "row";
        tr.append(th, ...group.scale.order.map((o) => make("td", row.totals[o] ? String(row.totals[o]) : "")),
                  make("td", row.disagreement ? s.flag_yes : ""));
        body.append(tr);
      }
      glance.append(table);
    }
    glance.append(make("h3", s.details));
  }

  function renderResults() {
    const body = $(".kit-results__body");
    body.replaceChildren();
    const combined = combine(entries, spec);
    renderGlance(combined);
    $(".kit-results__people").textContent = combined.people === 1 ? s.person : format(s.people, { n: combined.people });
    if (!entries.length) return;
    for (const group of combined.exchanges) {
      const section = make("section", undefined, "kit-result");
      section.append(make("h3", group.exchange.title));
      const flag = group.scale.options[group.scale.flag];
      section.append(make("p", group.overview.length
        ? format(s.overview, { flag, items: group.overview.map((o) => `${o.item.statement} (${o.count})`).join(", ") })
        : s.overview_none, "kit-result__overview"));
      for (const row of group.items) {
        const item = make("div", undefined, "kit-result__item");
        item.dataset.item = row.item.id;
        item.append(make("h4", row.item.statement));
        if (row.disagreement) {
          item.append(make("p", format(s.disagreement, {
            flagged: row.disagreement.flagged.map((r) => roleLabel(r, spec)).join(", "),
            calm: row.disagreement.calm.map((r) => roleLabel(r, spec)).join(", "),
          }), "kit-disagreement"));
        }
        const table = make("table", undefined, "kit-counts"), head = make("tr");
        head.append(make("th", s.answer), ...combined.roles.map((r) => make("th", roleLabel(r, spec))), make("th", s.total));
        for (const cell of head.children) cell.scope = "col";
        table.append(make("thead"), make("tbody"));
        table.tHead.append(head);
        for (const option of group.scale.order) {
          const label = group.scale.options[option];
          const tr = make("tr"), th = make("th", label);
          th.scope = "row";
          tr.dataset.option = option;
          tr.append(th, ...combined.roles.map((r) => make("td", String(row.counts[option][r] || 0))),
                    make("td", String(row.totals[option])));
          table.tBodies[0].append(tr);
        }
        item.append(table);
        if (row.notes.length) {
          const notes = make("ul", undefined, "kit-notes");
          for (const { role, note } of row.notes) {
            const li = make("li");
            li.append(make("strong", `${roleLabel(role, spec)} :`.replace(" :", spec.lang === "fr" ? "\u00a0:" : ":")), " ", make("span", note));
            notes.append(li);
          }
          item.append(make("p", s.notes, "kit-label"), notes);
        }
        section.append(item);
      }
      body.append(section);
    }
  }

  function render() {
    renderFiles();
    renderResults();
  }

  // ------------------------------------------------------------------ wiring
  const input = $("#kit-files-input");
  input.addEventListener("change", async () => {
    await add([...input.files]);
    input.value = "";
  });
  const drop = $(".kit-drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("kit-drop--over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("kit-drop--over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("kit-drop--over");
    add([...event.dataTransfer.files]);
  });
  $("#kit-keep").addEventListener("change", save);
  $("#kit-shared").addEventListener("change", (event) => {
    const session = storage("sessionStorage");
    if (session) {
      if (event.target.checked) session.setItem(sharedKey, "1");
      else session.removeItem(sharedKey);
    }
    save();
  });
  const print = (mode) => {
    document.body.dataset.kitPrint = mode;
    window.print();
  };
  window.addEventListener("afterprint", () => delete document.body.dataset.kitPrint);
  $("[data-kit-action=print]").addEventListener("click", () => print("glance"));
  $("[data-kit-action=print-full]").addEventListener("click", () => print("full"));
  $("[data-kit-action=markdown]").addEventListener("click", () => {
    const date = new Date().toISOString().slice(0, 10);
    const link = make("a");
    link.href = URL.createObjectURL(new Blob([markdown(combine(entries, spec), spec, date, format)],
                                             { type: "text/markdown" }));
    link.download = `synthese-${date}.md`;
    document.body.append(link);
    link.click();
    link.remove();
  });
  $("[data-kit-action=erase]").addEventListener("click", () => {
    if (!window.confirm(s.erase_confirm)) return;
    entries = [];
    for (const name of ["localStorage", "sessionStorage"]) storage(name)?.removeItem(key);
    render();
    say([s.erased]);
  });

  load();
  render();
  root.classList.add("kit-synthesis--ready");
}

function onPage() {
  const root = document.querySelector("[data-kit-synthesis]");
  if (root) start(root);
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(onPage);
} else {
  onPage();
}
