// Group synthesis page: combines exported self-assessments in the browser.
// Nothing is sent anywhere; every text from a file goes in with textContent.
import { accept, answered, combine, countOf, markdown, roleLabel } from "./synthesis-state.js";
import { Messages, Store, download, readFile, showBackups, startOn, today, warnBeforeLeaving } from "./kit-page.js";
import { fill, plural } from "./kit-text.js";

const make = (tag, text, className) => Object.assign(document.createElement(tag), text === undefined ? {} : { textContent: text }, className ? { className } : {});

// What was left out of a kept file when it was added, as numbers and a name.
function leftOut(kept, now) {
  const given = kept && typeof kept === "object" ? kept : {};
  const count = (name) => Math.max(Number(given[name]) || 0, now[name]);
  return { values: count("values"), items: count("items"), long: count("long"),
           role: typeof given.role === "string" ? given.role.slice(0, 200) : now.role };
}

class Synthesis {
  constructor(root) {
    this.root = root;
    this.spec = JSON.parse(document.getElementById("kit-synthesis-spec").textContent);
    this.s = { ...this.spec.strings, ...this.spec.synthesis.strings };
    this.key = this.spec.synthesis.storageKey;
    this.messages = new Messages(root, this.s);
    this.entries = [];
    this.aside = [];
    this.trouble = null;
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  start() {
    this.load();
    this.wire();
    this.render();
    this.showBackups();
    warnBeforeLeaving(() => this.entries.length > 0 && !this.kept());
    this.root.classList.add("kit-synthesis--ready");
  }

  // ----------------------------------------------------------------- storage
  open() {
    this.session = Store.open("sessionStorage", this.key);
    this.local = Store.open("localStorage", this.key);
  }

  // Where the files are kept, if they are.
  area() {
    if (!this.$("#kit-keep").checked) return null;
    return this.$("#kit-shared").checked ? this.session : this.local;
  }

  // The files on screen are also on this device.
  kept() {
    return Boolean(this.area()) && !this.trouble;
  }

  save() {
    for (const store of [this.local, this.session]) store?.remove();
    const target = this.area();
    this.trouble = target ? target.set(JSON.stringify(this.entries)) : null;
    if (this.trouble) this.messages.say(this.trouble, {}, true);
  }

  load() {
    this.open();
    const shared = Boolean(this.session && this.session.get(`${this.key}:shared`) === "1");
    const source = shared ? this.session : this.local;
    this.$("#kit-shared").checked = shared;
    if (!this.local && !this.session) return this.messages.say("storage_unavailable", {}, true);
    const raw = source && source.get();
    if (!raw) return;
    this.$("#kit-keep").checked = true;
    try {
      this.entries = this.revive(JSON.parse(raw));
    } catch (error) {
      const date = new Date().toISOString();
      if (source.setAside(raw, date)) this.aside.unshift({ name: "", date, raw });
      else source.remove();
      this.messages.say("stored_corrupt", {}, true);
    }
  }

  // The kept list, each file checked again as if it were added now.
  revive(list) {
    const kept = [];
    for (const entry of list) {
      const result = accept(JSON.stringify(entry.record), entry.name, kept, this.spec);
      if (result.entry) kept.push({ ...result.entry, lang: String(entry.lang).slice(0, 5), from: entry.from, left: leftOut(entry.left, result.entry.left) });
    }
    return kept;
  }

  showBackups() {
    const kept = [...this.aside, ...[this.local, this.session].flatMap((store) => (store ? store.backups() : []))];
    showBackups(this.root, kept, this.s, (backup) => `${this.s.file_name}-${(backup.date || today()).slice(0, 10)}-${this.s.backup_file}.json`);
  }

  // ------------------------------------------------------------------- files
  async add(files) {
    const problems = [];
    for (const file of files) {
      const read = this.entries.length >= this.spec.synthesis.maxFiles
        ? { error: "error_too_many", values: { max: this.spec.synthesis.maxFiles } }
        : await readFile(file, this.spec.maxImportKb);
      const result = read.error ? read : accept(read.text, file.name, this.entries, this.spec);
      if (result.entry) this.entries.push(result.entry);
      else problems.push(fill(this.s.rejected, { name: file.name, reason: fill(this.s[result.error], result.values || {}) }));
    }
    this.messages.lines(problems, true);
    this.save();
    this.render();
  }

  // What a file line says was left out.
  leftOut(entry) {
    const s = this.s, parts = [], left = entry.left || {};
    if (left.values) parts.push(fill(s.left_values, { n: left.values }));
    if (left.role) parts.push(fill(s.left_role, { role: left.role }));
    if (left.items) parts.push(fill(s.left_items, { n: left.items }));
    if (left.long) parts.push(fill(s.left_long, { n: left.long }));
    return parts.length ? ` (${parts.join("; ")})` : "";
  }

  renderFiles() {
    const list = this.$(".kit-file-list");
    list.replaceChildren(...(this.entries.length ? [] : [make("li", this.s.no_files)]));
    this.entries.forEach((entry, position) => {
      const item = make("li"), button = make("button", this.s.remove, "md-button");
      item.append(make("span", fill(this.s.file_line, {
        name: entry.name, role: roleLabel(entry.record.role, this.spec),
        date: (entry.record.updatedAt || "?").slice(0, 10), lang: entry.lang, count: answered(entry.record),
      }) + this.leftOut(entry)));
      button.type = "button";
      button.setAttribute("aria-label", `${this.s.remove} ${entry.name}`);
      button.addEventListener("click", () => {
        this.entries.splice(position, 1);
        this.save();
        this.render();
      });
      item.append(" ", button);
      list.append(item);
    });
  }

  // ----------------------------------------------------------------- results
  // One table per exchange, one row per item: the counts of each answer and
  // whether roles disagree. It prints on one page.
  renderGlance(combined) {
    const glance = this.$(".kit-glance"), s = this.s;
    glance.replaceChildren();
    if (!this.entries.length) return;
    glance.append(make("h3", s.glance));
    for (const group of combined.exchanges) {
      const table = make("table", undefined, "kit-glance__table"), head = make("tr");
      table.append(make("caption", group.exchange.title));
      head.append(make("th", s.item), ...group.scale.order.map((o) => make("th", group.scale.options[o])), make("th", s.disagree_short));
      for (const cell of head.children) cell.scope = "col";
      table.createTHead().append(head);
      const body = table.createTBody();
      for (const row of group.items) {
        const tr = make("tr"), th = make("th", row.item.statement);
        th.scope = "row";
        tr.append(th, ...group.scale.order.map((o) => make("td", row.totals.get(o) ? String(row.totals.get(o)) : "")),
                  make("td", row.disagreement ? s.flag_yes : ""));
        body.append(tr);
      }
      glance.append(table);
    }
    glance.append(make("h3", s.details));
  }

  renderItem(row, group, combined) {
    const s = this.s, roleOf = (r) => roleLabel(r, this.spec);
    const item = make("div", undefined, "kit-result__item");
    item.dataset.item = row.item.id;
    item.append(make("h4", row.item.statement));
    if (row.disagreement) {
      item.append(make("p", fill(s.disagreement, {
        flagged: row.disagreement.flagged.map(roleOf).join(", "), calm: row.disagreement.calm.map(roleOf).join(", "),
      }), "kit-disagreement"));
    }
    const table = make("table", undefined, "kit-counts"), head = make("tr");
    head.append(make("th", s.answer), ...combined.roles.map((r) => make("th", roleOf(r))), make("th", s.total));
    for (const cell of head.children) cell.scope = "col";
    table.createTHead().append(head);
    const body = table.createTBody();
    for (const option of group.scale.order) {
      const tr = make("tr"), th = make("th", group.scale.options[option]);
      th.scope = "row";
      tr.dataset.option = option;
      tr.append(th, ...combined.roles.map((r) => make("td", String(countOf(row, option, r)))), make("td", String(row.totals.get(option))));
      body.append(tr);
    }
    item.append(table);
    if (row.notes.length) {
      const notes = make("ul", undefined, "kit-notes");
      for (const { role, note } of row.notes) {
        const li = make("li");
        li.append(make("strong", `${roleOf(role)}${this.spec.lang === "fr" ? "\u00a0:" : ":"}`), " ", make("span", note));
        notes.append(li);
      }
      item.append(make("p", s.notes, "kit-label"), notes);
    }
    return item;
  }

  renderResults() {
    const body = this.$(".kit-results__body");
    body.replaceChildren();
    const combined = combine(this.entries, this.spec), s = this.s;
    this.renderGlance(combined);
    this.$(".kit-results__people").textContent = fill(plural(s, "people", combined.people, this.spec.lang), { n: combined.people });
    if (!this.entries.length) return;
    for (const group of combined.exchanges) {
      const section = make("section", undefined, "kit-result");
      section.append(make("h3", group.exchange.title));
      const flag = group.scale.options[group.scale.flag];
      section.append(make("p", group.overview.length
        ? fill(s.overview, { flag, items: group.overview.map((o) => `${o.item.statement} (${o.count})`).join(", ") })
        : s.overview_none, "kit-result__overview"));
      for (const row of group.items) section.append(this.renderItem(row, group, combined));
      body.append(section);
    }
  }

  render() {
    this.renderFiles();
    this.renderResults();
  }

  // ------------------------------------------------------------------ wiring
  erase() {
    if (!window.confirm(this.s.erase_confirm)) return;
    this.entries = [];
    this.aside = [];
    for (const store of [this.local, this.session]) {
      for (const name of store ? store.keysOf([this.key]) : []) store.remove(name);
    }
    this.render();
    this.showBackups();
    this.messages.lines([this.s.erased]);
  }

  // Files dropped anywhere on the page are added; the browser never opens them.
  wireDrop() {
    const drop = this.$(".kit-drop");
    document.addEventListener("dragover", (event) => {
      event.preventDefault();
      drop.classList.toggle("kit-drop--over", drop.contains(event.target));
    });
    document.addEventListener("dragleave", () => drop.classList.remove("kit-drop--over"));
    document.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("kit-drop--over");
      if (event.dataTransfer && event.dataTransfer.files.length) this.add([...event.dataTransfer.files]);
    });
  }

  wire() {
    const input = this.$("#kit-files-input");
    input.addEventListener("change", async () => {
      await this.add([...input.files]);
      input.value = "";
    });
    this.wireDrop();
    this.$("#kit-keep").addEventListener("change", () => this.save());
    this.$("#kit-shared").addEventListener("change", (event) => {
      if (event.target.checked) this.session?.set("1", `${this.key}:shared`);
      else this.session?.remove(`${this.key}:shared`);
      this.save();
    });
    const print = (mode) => {
      document.body.dataset.kitPrint = mode;
      window.print();
    };
    window.addEventListener("afterprint", () => delete document.body.dataset.kitPrint);
    this.$("[data-kit-action=print]").addEventListener("click", () => print("glance"));
    this.$("[data-kit-action=print-full]").addEventListener("click", () => print("full"));
    this.$("[data-kit-action=markdown]").addEventListener("click", () => {
      download(markdown(combine(this.entries, this.spec), this.spec, today()), "text/markdown", `${this.s.file_name}-${today()}.md`);
    });
    this.$("[data-kit-action=erase]").addEventListener("click", () => this.erase());
  }
}

startOn("[data-kit-synthesis]", Synthesis);
