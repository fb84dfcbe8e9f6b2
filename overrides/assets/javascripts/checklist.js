// Self-assessment page: keeps answers on this device, exports and imports
// them. Every text from the person or a file goes in with textContent.
import { KitError, brought, byExchange, fileName, filled, index, length, markdown, progress } from "./checklist-state.js";
import { Answers } from "./checklist-answers.js";
import { Messages, download, readFile, replaceChanged, showBackups, startOn, today, warnBeforeLeaving } from "./kit-page.js";
import { fill, plural } from "./kit-text.js";

const make = (tag, text, className) => Object.assign(document.createElement(tag), text === undefined ? {} : { textContent: text }, className ? { className } : {});

class Checklist {
  constructor(root) {
    this.root = root;
    this.spec = JSON.parse(document.getElementById("kit-checklist-spec").textContent);
    this.s = this.spec.strings;
    this.form = root.querySelector(".kit-form");
    this.items = index(this.spec).items;
    this.messages = new Messages(root, this.s);
    this.answers = new Answers(this.spec, {
      local: () => window.localStorage, session: () => window.sessionStorage,
      random: (n) => crypto.getRandomValues(new Uint8Array(n)), now: () => new Date(),
      persist: () => navigator.storage?.persist?.(),
    });
    this.empty = false;           // nothing was stored when the page opened
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  get record() {
    return this.answers.view().record;
  }

  // A message in the page's box; with `near`, next to that control too.
  say(code, values, urgent, near) {
    this.messages.say(code, values, urgent);
    if (near) this.near(near, [fill(this.s[code] || code, values)]);
  }

  // What the answers said since the last look, in the page's two boxes.
  flush(near) {
    const said = this.answers.said.splice(0);
    for (const urgent of [true, false]) {
      const lines = said.filter((one) => one.urgent === urgent).map((one) => fill(this.s[one.code] || one.code, one.values));
      if (lines.length) this.messages.lines(lines, urgent);
    }
    if (near && said.length) this.near(near, said.map((one) => fill(this.s[one.code] || one.code, one.values)));
  }

  // Lines shown next to the control that caused them, and nowhere else.
  near(control, texts) {
    for (const spot of this.root.querySelectorAll(".kit-done")) spot.replaceChildren();
    control.closest("[data-kit-near]").querySelector(".kit-done").replaceChildren(...texts.map((line) => make("p", line)));
  }

  start() {
    this.answers.load();
    this.empty = this.answers.known === null;
    this.$("#kit-shared").checked = this.answers.shared;
    this.wire();
    this.fill();
    this.flush();
    warnBeforeLeaving(() => this.answers.atRisk());
    this.root.classList.add("kit-checklist--ready");
  }

  // The answers set aside: in storage, and those storage could not keep.
  showBackups() {
    const { local, session, aside } = this.answers;
    const kept = [...aside, ...[local, session].flatMap((store) => (store ? store.backups() : []))];
    showBackups(this.root, kept, this.s, (backup) => `${this.s.file_name}-${(backup.date || today()).slice(0, 10)}-${this.s.backup_file}.json`);
  }

  // ------------------------------------------------------- other tabs
  onStorage(event) {
    const { local, session } = this.answers;
    const area = event.storageArea;
    if (![local, session].some((store) => store && store.area === area)) return;
    this.answers.receive(event.key, event.newValue, event.key === this.answers.key ? area : undefined);
    this.fill();
    this.flush();
  }

  setShared(on) {
    const saved = this.answers.local && this.answers.local.get() !== null;
    if (on && saved && !window.confirm(this.s.shared_confirm)) {
      this.$("#kit-shared").checked = false;
      return;
    }
    this.answers.setShared(on);
    this.fill();
    this.flush();
  }

  // -------------------------------------------------------------------- form
  // Every field from the answers; the field being typed in keeps its text.
  fill() {
    const elements = this.form.elements, view = this.answers.view(), record = view.record;
    const keep = document.activeElement;
    elements.role.value = record.role;
    const texts = ["resource", ...[...this.items.keys()].map((id) => `${id}.note`)];
    for (const field of texts) {
      const element = elements[field];
      const text = this.answers.screen.get(field) ?? "";
      if (element !== keep || element.value !== text && !this.answers.pending.has(field)) {
        if (element.value !== text) element.value = text;
      }
      this.showOthers(field, element);
      this.showOverflow(field, element);
      this.count(element);
    }
    for (const [id] of this.items) {
      const answer = record.answers[id] || { value: "", note: "", kept: null };
      for (const radio of this.form.querySelectorAll(`input[name="${CSS.escape(id)}"]`)) {
        radio.checked = radio.value === answer.value;
      }
      this.$(`[id="${CSS.escape(id)}"] .kit-item__changed`).hidden = !this.answers.changed.has(id);
      const kept = this.$(`[id="${CSS.escape(id)}"] .kit-item__kept`);
      kept.hidden = answer.kept === null || answer.kept === undefined;
      kept.textContent = kept.hidden ? "" : fill(this.s.kept_value, { value: answer.kept });
    }
    this.showKept(view);
    const role = this.$(".kit-role-kept");
    role.hidden = !view.unknownRole;
    role.textContent = view.unknownRole ? fill(this.s.kept_role, { role: view.unknownRole }) : "";
    this.showBackups();
    this.render();
  }

  // Another tab's text for this field: each version, and a way to choose.
  showOthers(field, element) {
    const holder = element.closest(".kit-item, .kit-about");
    holder.querySelector(`.kit-conflict[data-field="${CSS.escape(field)}"]`)?.remove();
    const others = [...this.answers.others(field)];
    if (this.answers.pending.has(field)) others.unshift(this.answers.pending.get(field));
    if (!others.length) return;
    const box = make("div", undefined, "kit-conflict");
    box.dataset.field = field;
    box.append(make("p", this.s.conflict));
    for (const other of others) {
      const take = make("button", this.s.conflict_take_theirs, "md-button");
      take.type = "button";
      take.addEventListener("click", () => this.choose(field, other));
      const actions = make("p", undefined, "kit-actions");
      actions.append(take);
      box.append(make("blockquote", other || this.s.conflict_empty, "kit-conflict__text"), actions);
    }
    const keepMine = make("button", this.s.conflict_keep_mine, "md-button");
    keepMine.type = "button";
    keepMine.addEventListener("click", () => this.choose(field, element.value));
    const mine = make("p", undefined, "kit-actions");
    mine.append(keepMine);
    box.append(mine);
    element.after(box);
  }

  choose(field, text) {
    this.answers.choose(field, text);
    this.form.elements[field].value = text;
    this.fill();
    this.flush();
  }

  // What the limit left out of a paste, kept in view until the person closes it.
  showOverflow(field, element) {
    const holder = element.closest(".kit-item, .kit-about");
    holder.querySelector(`.kit-overflow[data-field="${CSS.escape(field)}"]`)?.remove();
    const over = this.answers.overflow.get(field);
    if (!over) return;
    const box = make("div", undefined, "kit-overflow");
    box.dataset.field = field;
    box.setAttribute("role", "alert");
    const max = field === "resource" ? this.spec.maxResource : this.spec.maxNote;
    const close = make("button", this.s.overflow_close, "md-button");
    close.type = "button";
    close.addEventListener("click", () => {
      this.answers.dismiss(field);
      this.fill();
    });
    const actions = make("p", undefined, "kit-actions");
    actions.append(close);
    box.append(make("p", fill(this.s.overflow, { max: max.toLocaleString(this.spec.lang) })),
               ...over.map((left) => make("blockquote", left, "kit-overflow__text")), actions);
    (holder.querySelector(`[id="${CSS.escape(element.id)}-count"]`) || element).after(box);
  }

  // What this page does not know and keeps: answers to unknown items.
  showKept(view) {
    const box = this.$(".kit-kept");
    box.hidden = !view.unknown.length;
    box.querySelector("p").textContent = view.unknown.length
      ? fill(plural(this.s, "kept_unknown", view.unknown.length, this.spec.lang), { n: view.unknown.length }) : "";
  }

  // A field changed by the person: the answers keep it, or what fits of it.
  collect(target) {
    const field = target.name;
    if (field !== "role" && field !== "resource" && !this.items.has(field.replace(/\.note$/, ""))) return;
    const value = target.type === "radio" ? target.value : target.value;
    const kept = this.answers.edit(field, value);
    if (target.type !== "radio" && kept !== target.value) {
      const end = target.selectionEnd - (target.value.length - kept.length);
      target.value = kept;
      target.setSelectionRange(Math.max(0, end), Math.max(0, end));
    }
    this.fill();
    this.flush();
  }

  // The count of characters left (as people see them), shown near the limit.
  count(field) {
    const max = field.name === "resource" ? this.spec.maxResource : this.spec.maxNote;
    const counter = this.root.querySelector(`[id="${CSS.escape(field.id)}-count"]`);
    if (!counter) return;
    const left = max - length(field.value);
    counter.hidden = left > Math.max(max * 0.1, 20);
    counter.textContent = left >= 0
      ? fill(plural(this.s, "chars_left", left, this.spec.lang), { n: left.toLocaleString(this.spec.lang) })
      : fill(plural(this.s, "chars_over", -left, this.spec.lang), { n: (-left).toLocaleString(this.spec.lang) });
  }

  render() {
    const count = progress(this.record, this.spec), s = this.s;
    this.$(".kit-progress__text").textContent = fill(s.progress, { n: count.answered, total: count.total });
    this.$(".kit-progress progress").value = count.answered;
    for (const [id, part] of Object.entries(count.perExchange)) {
      this.$(`[data-count-for="${id}"]`).textContent = fill(s.progress, { n: part.answered, total: part.total });
    }
    const groups = brought(this.record, this.spec);
    const summary = groups.length ? [] : [make("p", s.summary_empty)];
    for (const group of groups) {
      const ul = make("ul");
      for (const { item, label, note } of group.items) {
        const li = make("li");
        li.append(make("strong", item.statement), `${this.spec.separator}${label || s.no_answer}`);
        if (note) li.append(make("p", note));
        ul.append(li);
      }
      summary.push(make("h3", group.exchange.title), ul);
    }
    replaceChanged(this.$(".kit-summary__list"), summary);
    this.renderRecord();
    this.renderSaved();
  }

  // When the answers were last saved to a file, and whether they changed since.
  renderSaved() {
    const saved = this.answers.lastSaved(), line = this.$(".kit-last-saved"), strip = this.$(".kit-progress__since");
    const date = saved ? new Date(saved.at).toLocaleString(this.spec.lang, { dateStyle: "long", timeStyle: "short" }) : "";
    line.textContent = saved ? fill(this.s.last_saved, { date }) + (saved.since ? ` ${this.s.changed_since}` : "") : "";
    line.hidden = !saved;
    strip.hidden = !(saved && saved.since);
    this.$(".kit-evicted").hidden = !(this.empty && !saved && !this.answers.hasContent());
  }

  // The printed record: who, when, and every item with its answer and note.
  renderRecord() {
    const s = this.s, spec = this.spec, sep = spec.separator;
    const about = [[s.record_role, spec.roles[this.record.role] || s.unknown_role],
      [s.record_resource, this.record.resource || s.unknown_role],
      [s.markdown_date, new Date().toLocaleDateString(spec.lang, { dateStyle: "long" })]];
    replaceChanged(this.$(".kit-record__about"), about.map(([label, value]) => make("span", `${label}${sep}${value}`)));
    replaceChanged(this.$(".kit-record__list"), byExchange(this.record, spec, true).flatMap(({ exchange, items }) => {
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
    this.render();
    this.flush();
    this.say("saved_file", { name }, false, button);
  }

  async chooseFile(file) {
    this.answers.incoming = null;
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
      this.preview(this.answers.offer(raw));
    } catch (problem) {
      return this.refuse(problem instanceof KitError ? `error_${problem.code}` : "error_foreign");
    }
  }

  // What the file holds, and everything this page keeps without using it.
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
    if (this.answers.hasContent()) lines.push(s.import_sets_aside);
    this.$(".kit-import__text").replaceChildren(...lines.map((line) => make("p", line)));
    this.$(".kit-import__preview").hidden = false;
  }

  refuse(code, values) {
    this.say(code, values, true);
    this.say("kept");
    this.near(this.$(".kit-import input"), [fill(this.s[code] || code, values), this.s.kept]);
  }

  apply() {
    if (!this.answers.incoming) return;
    this.answers.apply();
    this.$(".kit-import__preview").hidden = true;
    this.$(".kit-import input").value = "";
    for (const field of this.form.querySelectorAll("textarea, #kit-resource")) field.value = this.answers.screen.get(field.name) ?? "";
    this.fill();
    this.flush();
    this.say("imported", {}, false, this.$(".kit-import input"));
  }

  // Everything this site keeps in this browser, in both storage areas.
  erase() {
    if (!window.confirm(this.s.erase_confirm)) return;
    this.answers.erase();
    this.$("#kit-shared").checked = false;
    for (const field of this.form.querySelectorAll("textarea, #kit-resource")) field.value = "";
    this.fill();
    this.say("erased", {}, false, this.$("[data-kit-action=erase]"));
    this.flush();
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
    });
    this.form.addEventListener("focusin", (event) => {
      if (event.target.tagName === "TEXTAREA" || event.target.name === "resource") this.answers.focus(event.target.name);
    });
    this.form.addEventListener("focusout", () => this.answers.blur());
    const actions = {
      json: (button) => this.saveFile(button, "json", "application/json", this.answers.exported()),
      // Plain text: every phone and computer opens it, with no app to add.
      markdown: (button) => this.saveFile(button, "txt", "text/plain;charset=utf-8", markdown(this.record, this.spec, today())),
      copy: (button) => this.copy(button), print: () => window.print(), apply: () => this.apply(),
      cancel: () => this.chooseFile(null), erase: () => this.erase(),
    };
    for (const [name, act] of Object.entries(actions)) this.$(`[data-kit-action=${name}]`).addEventListener("click", (event) => act(event.currentTarget));
    this.$(".kit-import input").addEventListener("change", (event) => this.chooseFile(event.target.files[0]));
    window.addEventListener("storage", (event) => this.onStorage(event));
  }
}

startOn("[data-kit-checklist]", Checklist);
