// Self-assessment page: keeps answers on this device, exports and imports
// them. Every text from the person or a file goes in with textContent.
import { KitError, answerOf, byExchange, empty, fileName, filled, flagged, index, markdown, merge, progress, read } from "./checklist-state.js";
import { Messages, Store, download, readFile, showBackups, startOn, today, warnBeforeLeaving } from "./kit-page.js";
import { fill, plural } from "./kit-text.js";

const now = () => new Date().toISOString();
const make = (tag, text, className) => Object.assign(document.createElement(tag), text === undefined ? {} : { textContent: text }, className ? { className } : {});

class Checklist {
  constructor(root) {
    this.root = root;
    this.spec = JSON.parse(document.getElementById("kit-checklist-spec").textContent);
    this.s = this.spec.strings;
    this.key = this.spec.storageKey;
    this.form = root.querySelector(".kit-form");
    this.items = index(this.spec).items;
    this.messages = new Messages(root, this.s);
    this.record = empty(this.spec);
    this.changed = new Set();
    this.conflicts = new Map();   // id → the other tab's answer, its note written at the same time
    this.aside = [];              // answers set aside that storage could not keep
    this.pending = null;          // an import waiting for confirmation
    this.trouble = null;          // the last failed write's message code
    this.paused = false;          // another tab moved the answers off this device
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  // A message in the page's box; with `near`, next to that control too.
  say(code, values, urgent, near) {
    this.messages.say(code, values, urgent);
    if (near) this.near(near, [fill(this.s[code] || code, values)]);
  }

  // Lines shown next to the control that caused them, and nowhere else.
  near(control, texts) {
    for (const spot of this.root.querySelectorAll(".kit-done")) spot.replaceChildren();
    control.closest("[data-kit-near]").querySelector(".kit-done").replaceChildren(...texts.map((line) => make("p", line)));
  }

  start() {
    this.load();
    this.wire();
    this.fill();
    this.showBackups();
    warnBeforeLeaving(() => this.atRisk());
    this.root.classList.add("kit-checklist--ready");
  }

  // What is on screen would be lost by leaving.
  atRisk() {
    const unsaved = (!this.area || this.trouble || this.paused) && filled(this.record) > 0;
    return Boolean(this.pending || unsaved || this.conflicts.size);
  }

  // ----------------------------------------------------------------- storage
  load() {
    this.session = Store.open("sessionStorage", this.key);
    this.local = Store.open("localStorage", this.key);
    const shared = Boolean(this.session && this.session.get(`${this.key}:shared`) === "1");
    this.area = shared ? this.session : this.local;
    this.$("#kit-shared").checked = shared;
    if (!this.area) return this.say("storage_unavailable", {}, true);
    const raw = this.area.get();
    if (raw === null) return;
    try {
      const result = read(JSON.parse(raw), this.spec);
      this.record = result.record;
      if (result.from !== this.spec.contentVersion) this.migrated(result);
    } catch (error) {
      this.setAside(raw);
      this.say(error instanceof KitError && error.code === "schema" ? "stored_unknown" : "stored_corrupt", {}, true);
    }
  }

  migrated(result) {
    this.changed = new Set(result.changed);
    const names = result.changed.map((id) => this.items.get(id).item.statement).join(", ") || "—";
    this.say("migrated", { from: result.from || "?", items: names }, true);
    this.save();
  }

  // Unreadable answers go aside, dated, next to the four before them; when
  // storage cannot hold them, they stay in the page to be downloaded.
  setAside(raw) {
    const date = now();
    if (this.area.setAside(raw, date)) this.aside.unshift({ name: "", date, raw });
    else this.area.remove();
  }

  showBackups() {
    const kept = [...this.aside, ...[this.local, this.session].flatMap((store) => (store ? store.backups() : []))];
    showBackups(this.root, kept, this.s, (backup) => `${this.s.file_name}-${(backup.date || today()).slice(0, 10)}-${this.s.backup_file}.json`);
  }

  // Merge what another tab saved, then write; a failure is a message.
  save() {
    this.record.updatedAt = now();
    if (this.paused) return;
    if (!this.area) this.reopen();
    if (!this.area) return;
    if (this.mergeStored().changed) this.fill(document.activeElement);
    const trouble = this.area.set(JSON.stringify(this.record));
    if (trouble) {
      this.trouble = trouble;
      return this.say(trouble, {}, true);
    }
    if (this.trouble) {
      this.trouble = null;
      this.messages.clear();
      this.say("storage_back");
    }
  }

  // Storage refused at start may accept now (space freed, setting changed).
  reopen() {
    const shared = this.$("#kit-shared").checked;
    this.area = Store.open(shared ? "sessionStorage" : "localStorage", this.key);
    if (!this.area) return;
    this.trouble = this.trouble || "storage_unavailable";
    if (shared) this.session = this.area;
    else this.local = this.area;
  }

  // Fold another tab's record (the stored one by default) into this one;
  // say whether this one changed, and whether the other lacks something.
  mergeStored(text = this.area.get()) {
    let theirs;
    try {
      theirs = read(JSON.parse(text), this.spec).record;
    } catch (error) {
      return { changed: false, ahead: true };
    }
    const before = JSON.stringify(this.record);
    const { record, conflicts, ahead } = merge(this.record, theirs);
    this.record = record;
    for (const [id, answer] of conflicts) this.conflicts.set(id, answer);
    // A note written knowing both texts settles the choice in every tab.
    for (const [id, other] of this.conflicts) {
      if (!conflicts.has(id) && (answerOf(record, id)?.noteBase || "") >= (other.noteAt || "")) this.conflicts.delete(id);
    }
    return { changed: conflicts.size > 0 || JSON.stringify(record) !== before, ahead };
  }

  // ------------------------------------------------------- other tabs
  onStorage(event) {
    if (!this.area || event.storageArea !== this.area.area) return;
    if (event.key === `${this.key}:notice` && event.newValue) return this.told(event.newValue);
    if (event.key !== this.key || event.newValue === null || this.paused) return;
    const { changed, ahead } = this.mergeStored(event.newValue);
    if (ahead) this.area.set(JSON.stringify(this.record));
    if (!changed) return;
    this.fill(document.activeElement);
    this.say("other_tab");
  }

  // Another tab erased everything, or moved the answers off this device.
  told(notice) {
    if (notice.includes('"erased"')) {
      this.record = empty(this.spec);
      this.conflicts.clear();
      this.fill();
      return this.say("erased_elsewhere", {}, true);
    }
    this.paused = true;
    this.say("shared_elsewhere", {}, true);
  }

  // Tell the other open tabs of this site.
  tell(what) {
    for (const store of [this.local, this.session]) {
      if (!store) continue;
      store.set(JSON.stringify({ what, at: now() }), `${this.key}:notice`);
      store.remove(`${this.key}:notice`);
    }
  }

  setShared(on) {
    this.paused = false;
    const saved = this.local && this.local.get() !== null;
    if (on && saved && !window.confirm(this.s.shared_confirm)) {
      this.$("#kit-shared").checked = false;
      return;
    }
    if (on && this.session) {
      this.session.set("1", `${this.key}:shared`);
      this.local?.remove();
      this.area = this.session;
      if (saved) this.tell("shared");
    } else {
      this.session?.remove(`${this.key}:shared`);
      this.session?.remove();
      this.area = this.local;
    }
    this.save();
  }

  // -------------------------------------------------------------------- form
  fill(keep) {
    const elements = this.form.elements;
    elements.role.value = this.record.role;
    if (keep !== elements.resource) elements.resource.value = this.record.resource;
    for (const [id] of this.items) {
      const answer = answerOf(this.record, id) || { value: "", note: "" };
      for (const radio of this.form.querySelectorAll(`input[name="${CSS.escape(id)}"]`)) {
        radio.checked = radio.value === answer.value;
      }
      const note = elements[`${id}.note`];
      if (note !== keep) note.value = answer.note;
      this.$(`[id="${CSS.escape(id)}"] .kit-item__changed`).hidden = !this.changed.has(id);
      this.showConflict(id);
    }
    for (const field of this.form.querySelectorAll("[maxlength]")) this.count(field);
    this.render();
  }

  collect(target) {
    if (target.name === "role" || target.name === "resource") {
      this.record[target.name] = target.value;
      this.record[`${target.name}At`] = now();
    } else {
      const id = target.name.replace(/\.note$/, "");
      if (!this.items.has(id)) return;
      const answer = answerOf(this.record, id) || { value: "", note: "" };
      if (target.type === "radio") Object.assign(answer, { value: target.value, at: now() });
      else Object.assign(answer, { note: target.value, noteBase: answer.noteAt || "", noteAt: now() });
      this.record.answers[id] = answer;
    }
    this.save();
    this.render();
  }

  // The count of characters left, shown near a field's limit.
  count(field) {
    const max = Number(field.getAttribute("maxlength"));
    const counter = this.root.querySelector(`[id="${CSS.escape(field.id)}-count"]`);
    if (!counter) return;
    const left = max - field.value.length;
    counter.hidden = left > Math.max(max * 0.1, 20);
    counter.textContent = fill(plural(this.s, "chars_left", left, this.spec.lang), { n: left.toLocaleString(this.spec.lang) });
  }

  // A note the other tab changed too: both texts until the person chooses.
  showConflict(id) {
    const holder = this.$(`[id="${CSS.escape(id)}"]`);
    holder.querySelector(".kit-conflict")?.remove();
    if (!this.conflicts.has(id)) return;
    const box = make("div", undefined, "kit-conflict"), actions = make("p", undefined, "kit-actions");
    const keepMine = make("button", this.s.conflict_keep_mine, "md-button");
    const takeTheirs = make("button", this.s.conflict_take_theirs, "md-button");
    keepMine.type = takeTheirs.type = "button";
    keepMine.addEventListener("click", () => this.resolve(id, answerOf(this.record, id).note));
    takeTheirs.addEventListener("click", () => this.resolve(id, this.conflicts.get(id).note));
    actions.append(keepMine, " ", takeTheirs);
    box.append(make("p", this.s.conflict), make("blockquote", this.conflicts.get(id).note, "kit-conflict__text"), actions);
    holder.querySelector("textarea").after(box);
  }

  resolve(id, text) {
    const answer = answerOf(this.record, id), other = this.conflicts.get(id);
    const newest = [answer.noteAt || "", other.noteAt || ""].sort()[1];
    Object.assign(answer, { note: text, noteBase: newest, noteAt: now() });
    this.conflicts.delete(id);
    this.save();
    this.fill();
  }

  render() {
    const count = progress(this.record, this.spec), s = this.s;
    this.$(".kit-progress__text").textContent = fill(s.progress, { n: count.answered, total: count.total });
    this.$(".kit-progress progress").value = count.answered;
    for (const [id, part] of Object.entries(count.perExchange)) {
      this.$(`[data-count-for="${id}"]`).textContent = fill(s.progress, { n: part.answered, total: part.total });
    }
    const groups = flagged(this.record, this.spec);
    const list = this.$(".kit-summary__list");
    list.replaceChildren(...(groups.length ? [] : [make("p", s.summary_empty)]));
    for (const group of groups) {
      const ul = make("ul");
      for (const { item, note } of group.items) {
        const li = make("li");
        li.append(make("strong", item.statement));
        if (note) li.append(make("p", note));
        ul.append(li);
      }
      list.append(make("h3", group.exchange.title), ul);
    }
    this.renderRecord();
  }

  // The printed record: who, when, and every item with its answer and note.
  renderRecord() {
    const s = this.s, spec = this.spec, sep = spec.separator;
    const about = [[s.record_role, spec.roles[this.record.role] || s.unknown_role],
      [s.record_resource, this.record.resource || s.unknown_role],
      [s.markdown_date, new Date().toLocaleDateString(spec.lang, { dateStyle: "long" })]];
    this.$(".kit-record__about").replaceChildren(...about.map(([label, value]) => make("span", `${label}${sep}${value}`)));
    this.$(".kit-record__list").replaceChildren(...byExchange(this.record, spec, true).flatMap(({ exchange, items }) => {
      const list = make("dl");
      for (const { item, label, note } of items) {
        list.append(make("dt", item.statement), make("dd", label || s.no_answer, label ? "" : "kit-record__none"));
        if (note) list.append(make("dd", note, "kit-record__note"));
      }
      return [make("h3", exchange.title), list];
    }));
  }

  // ----------------------------------------------------- export and import
  async copy(button) {
    try {
      await navigator.clipboard.writeText(markdown(this.record, this.spec, today()));
      this.say("copied", {}, false, button);
    } catch (error) {
      this.say("copy_failed", {}, true, button);
    }
  }

  // Offer the answers as a file named by role and date; say its name.
  saveFile(button, extension, type, text) {
    const name = fileName(this.record, this.spec, today(), extension);
    download(text, type, name);
    this.say("saved_file", { name }, false, button);
  }

  async choose(file) {
    this.pending = null;
    this.$(".kit-import__preview").hidden = true;
    if (!file) return;
    const { text, error, values } = await readFile(file, this.spec.maxImportKb);
    if (error) return this.refuse(error, values);
    let raw;
    try {
      raw = JSON.parse(text);
    } catch (problem) {
      return this.refuse("error_json");
    }
    try {
      this.pending = read(raw, this.spec, { requireItems: true });
    } catch (problem) {
      return this.refuse(problem instanceof KitError ? `error_${problem.code}` : "error_foreign");
    }
    this.preview(this.pending);
  }

  // What the file holds, and everything that will be left out or cut.
  preview({ record, unknown, rejected, unknownRole, long }) {
    const s = this.s, statement = (id) => this.items.get(id).item.statement;
    const lang = this.spec.lang;
    const lines = [fill(plural(s, "import_preview", filled(record), lang), {
      count: filled(record), date: (record.updatedAt || "?").slice(0, 10),
      role: this.spec.roles[record.role] || s.unknown_role,
    })];
    if (unknown.length) lines.push(fill(plural(s, "unknown_items", unknown.length, lang), { n: unknown.length }));
    if (unknownRole) lines.push(fill(s.unknown_role_left, { role: unknownRole }));
    for (const { id, value } of rejected) lines.push(fill(s.unknown_answer_left, { item: statement(id), value }));
    for (const { field, over } of long) {
      lines.push(fill(plural(s, "import_long", over, lang), { field: field === "resource" ? s.resource : statement(field), over: over.toLocaleString(lang) }));
    }
    this.$(".kit-import__text").replaceChildren(...lines.map((line) => make("p", line)));
    this.$(".kit-import__preview").hidden = false;
  }

  refuse(code, values) {
    this.say(code, values, true);
    this.say("kept");
    this.near(this.$(".kit-import input"), [fill(this.s[code] || code, values), this.s.kept]);
  }

  apply() {
    if (!this.pending) return;
    const at = now();
    this.record = this.pending.record;
    for (const answer of Object.values(this.record.answers)) Object.assign(answer, { at, noteAt: at, noteBase: at });
    this.record.roleAt = this.record.resourceAt = at;
    this.changed = new Set(this.pending.changed);
    this.pending = null;
    this.$(".kit-import__preview").hidden = true;
    this.$(".kit-import input").value = "";
    this.save();
    this.fill();
    this.say("imported", {}, false, this.$(".kit-import input"));
  }

  // Everything this site keeps in this browser, in both storage areas.
  erase() {
    if (!window.confirm(this.s.erase_confirm)) return;
    this.tell("erased");
    for (const store of [this.local, this.session]) {
      if (!store) continue;
      for (const name of store.keysOf(this.spec.eraseKeys)) store.remove(name);
    }
    this.aside = [];
    this.record = empty(this.spec);
    this.changed = new Set();
    this.conflicts.clear();
    this.area = this.local;
    this.$("#kit-shared").checked = false;
    this.fill();
    this.showBackups();
    this.say("erased", {}, false, this.$("[data-kit-action=erase]"));
  }

  // ------------------------------------------------------------------ wiring
  wire() {
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("change", (event) => {
      if (event.target.id === "kit-shared") this.setShared(event.target.checked);
      else if (event.target.type === "radio" || event.target.name === "role") this.collect(event.target);
    });
    this.form.addEventListener("input", (event) => {
      if (event.target.tagName !== "TEXTAREA" && event.target.name !== "resource") return;
      this.collect(event.target);
      this.count(event.target);
    });
    const actions = {
      json: (button) => this.saveFile(button, "json", "application/json", JSON.stringify(this.record, null, 2)),
      markdown: (button) => this.saveFile(button, "md", "text/markdown", markdown(this.record, this.spec, today())),
      copy: (button) => this.copy(button), print: () => window.print(), apply: () => this.apply(),
      cancel: () => this.choose(null), erase: () => this.erase(),
    };
    for (const [name, act] of Object.entries(actions)) this.$(`[data-kit-action=${name}]`).addEventListener("click", (event) => act(event.currentTarget));
    this.$(".kit-import input").addEventListener("change", (event) => this.choose(event.target.files[0]));
    window.addEventListener("storage", (event) => this.onStorage(event));
  }
}

startOn("[data-kit-checklist]", Checklist);
