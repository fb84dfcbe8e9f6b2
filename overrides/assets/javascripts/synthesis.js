// Group synthesis page: combines exported self-assessments in the browser.
// Nothing is sent anywhere; every text from a file goes in with textContent.
import { filled } from "./checklist-state.js";
import { about, accept, bringMarkdown, brought, combine, countOf, differ, markdown, overviewText, roleAbbr, roleLabel } from "./synthesis-state.js";
import { allWritten, bar, kinds } from "./kit-bars.js";
import { Kept } from "./synthesis-kept.js";
import { Messages, download, readFile, showBackups, startOn, today, warnBeforeLeaving } from "./kit-page.js";
import { fill, plural } from "./kit-text.js";

const make = (tag, text, className) => Object.assign(document.createElement(tag), text === undefined ? {} : { textContent: text }, className ? { className } : {});

// A header row of column headers.
function headRow(cells) {
  const head = make("tr");
  head.append(...cells.map((cell) => (typeof cell === "string" ? make("th", cell) : cell)));
  for (const cell of head.children) cell.scope = "col";
  return head;
}

class Synthesis {
  constructor(root) {
    this.root = root;
    this.spec = JSON.parse(document.getElementById("kit-synthesis-spec").textContent);
    this.s = { ...this.spec.strings, ...this.spec.synthesis.strings };
    this.messages = new Messages(root, this.s);
    this.kept = new Kept(this.spec, {
      local: () => window.localStorage, session: () => window.sessionStorage,
      random: (n) => crypto.getRandomValues(new Uint8Array(n)), now: () => new Date(),
    });
    this.entries = [];
    this.questions = [];
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  start() {
    this.kept.load();
    this.$("#kit-keep").checked = this.kept.keeping();
    this.$("#kit-shared").checked = this.kept.shared;
    this.wire();
    this.render();
    this.flush();
    warnBeforeLeaving(() => this.kept.atRisk());
    this.root.classList.add("kit-synthesis--ready");
  }

  // What storage said since the last look, in the page's boxes; `lines`
  // come first (the files refused, the replacements, the questions).
  flush(lines = []) {
    const said = this.kept.said.splice(0);
    const urgent = [...lines, ...said.filter((one) => one.urgent).map((one) => fill(this.s[one.code] || one.code, one.values))];
    const calm = said.filter((one) => !one.urgent).map((one) => fill(this.s[one.code] || one.code, one.values));
    if (urgent.length) this.messages.lines(urgent, true);
    if (calm.length) this.messages.lines(calm);
    this.$(".kit-files__said").replaceChildren(...lines.map((line) => make("p", line)));
  }

  showBackups() {
    const { local, session, aside } = this.kept;
    const kept = [...aside, ...[local, session].flatMap((store) => (store ? store.backups() : []))];
    showBackups(this.root, kept, this.s, (backup) => `${this.s.file_name}-${(backup.date || today()).slice(0, 10)}-${this.s.backup_file}.json`);
  }

  // ------------------------------------------------------------------- files
  async add(files) {
    const problems = [];
    for (const file of files) {
      const read = this.kept.files().length >= this.spec.synthesis.maxFiles
        ? { error: "error_too_many", values: { max: this.spec.synthesis.maxFiles } }
        : await readFile(file, this.spec.maxImportKb);
      const result = read.error ? read : this.kept.add(read.text, file.name);
      if (result.error) {
        problems.push(fill(this.s.rejected, { name: file.name, reason: fill(this.s[result.error], result.values || {}) }));
        continue;
      }
      if (result.replaces) problems.push(fill(this.s.replaced, { name: file.name, old: result.replaces.name }));
      if (result.question) problems.push(fill(this.s.same_person, { name: file.name, other: result.question.name }));
    }
    this.render();
    this.flush(problems);
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
    this.entries.forEach((entry) => {
      const item = make("li"), button = make("button", this.s.remove, "md-button");
      item.append(make("span", fill(this.s.file_line, {
        name: entry.name, role: roleLabel(entry.record.role, this.spec), resource: entry.record.resource || this.s.no_resource,
        date: (entry.record.updatedAt || "?").slice(0, 10), lang: entry.lang, count: filled(entry.record),
      }) + this.leftOut(entry)));
      button.type = "button";
      button.setAttribute("aria-label", `${this.s.remove} ${entry.name}`);
      button.addEventListener("click", () => {
        this.kept.remove(entry.id);
        this.render();
        this.flush();
      });
      item.append(" ", button);
      list.append(item);
    });
  }

  // ----------------------------------------------------------------- results
  // The resource, the roles (how many of each) and the date, atop every printout.
  renderAbout(combined) {
    const head = about(combined, this.spec, today());
    for (const dd of this.root.querySelectorAll("[data-kit-about]")) dd.textContent = head[dd.dataset.kitAbout];
    this.$(".kit-about").hidden = !this.entries.length;
  }

  // A role's column header: its short name, or in print (`long` false) its
  // initials, which the printout's list of roles explains.
  roleHead(role, long) {
    const th = make("th"), abbr = make("abbr", roleAbbr(role, this.spec), "kit-initials");
    abbr.title = roleLabel(role, this.spec);
    if (long) abbr.setAttribute("aria-hidden", "true");
    th.append(...(long ? [make("span", this.shortName(role), "kit-role-name"), abbr] : [abbr]));
    return th;
  }

  shortName(role) {
    return this.spec.synthesis.roleShort[role] || roleLabel(role, this.spec);
  }

  // The patterns of one scale, under the table's caption.
  legend(scale) {
    const key = make("span", `${this.s.legend} `, "kit-legend"), patterns = kinds(scale);
    for (const option of scale.order) {
      const one = make("span", undefined, "kit-legend__key");
      one.append(bar(scale.order.map((o) => Number(o === option)), patterns, { width: 14, height: 14, numbers: false }),
                 ` ${scale.options[option]}`);
      key.append(one, " ");
    }
    return key;
  }

  // A bar of answers and the same in words: read aloud, and shown where a
  // count does not fit in its segment. `counts` in the scale's order.
  barOf(counts, scale, people) {
    const width = 128;
    const words = scale.order.filter((o, i) => counts[i]).map((o) => `${counts[scale.order.indexOf(o)]} ${scale.options[o]}`);
    return [bar(counts, kinds(scale), { people, width }),
            make("span", words.join(", ") || this.s.cell_none, allWritten(counts, width, people) ? "kit-sr" : "kit-bar__words")];
  }

  // Each role on a line of its own: its name (initials in print), its bar.
  rolesCell(row, scale, combined) {
    const td = make("td", undefined, "kit-glance__roles"), list = make("ul");
    td.dataset.label = this.s.by_role;
    for (const role of combined.roles) {
      const li = make("li"), abbr = make("abbr", roleAbbr(role, this.spec), "kit-initials");
      abbr.title = roleLabel(role, this.spec);
      abbr.setAttribute("aria-hidden", "true");
      li.append(make("span", this.shortName(role), "kit-role-name"), abbr,
                ...this.barOf(scale.order.map((o) => countOf(row, o, role)), scale, combined.perRole.get(role)));
      list.append(li);
    }
    td.append(list);
    return td;
  }

  // One table per exchange, one row per item: every answer's total, a bar per
  // role (one under the other), and whether answers differ between roles or within one. It prints
  // on one page.
  renderGlance(combined) {
    const glance = this.$(".kit-glance"), s = this.s;
    glance.replaceChildren();
    if (!this.entries.length) return;
    glance.append(make("h3", s.glance));
    for (const group of combined.exchanges) {
      const table = make("table", undefined, "kit-glance__table"), caption = make("caption", group.exchange.title), scale = group.scale;
      caption.append(make("br"), this.legend(scale));
      table.append(caption);
      table.createTHead().append(headRow([s.item, s.total, s.by_role, s.disagree_short]));
      const body = table.createTBody();
      for (const row of group.items) {
        const tr = make("tr"), th = make("th", row.item.statement);
        th.scope = "row";
        const split = make("td", row.disagreement ? s.flag_yes : row.split.length ? s.flag_within : "", "kit-glance__split");
        split.dataset.label = s.disagree_short;
        const total = make("td", undefined, "kit-glance__bar");
        total.dataset.label = s.total;
        total.append(...this.barOf(scale.order.map((o) => row.totals.get(o)), scale, combined.people));
        tr.append(th, total, this.rolesCell(row, scale, combined), split);
        body.append(tr);
      }
      glance.append(table);
    }
  }

  // A note, with the box that brings it to the sheet for the meeting.
  renderNote(row, group, { role, note }) {
    const li = make("li"), line = `${this.shortName(role)}${this.spec.separator}${note}`;
    const key = `${row.item.id}\u0000${line}`, box = make("input"), label = make("label", ` ${this.s.bring_note}`, "kit-bring-tick");
    box.type = "checkbox";
    box.checked = this.kept.ticked(key);
    box.addEventListener("change", () => this.tick(group.exchange.id, key, line, box.checked));
    label.prepend(box);
    li.append(make("strong", `${this.shortName(role)}${this.spec.separator.trimEnd()}`), " ", make("span", note), " ", label);
    return li;
  }

  // One item in the details: where answers differ, every answer's count per
  // role (the same rows for every item), and the notes.
  renderItem(row, group, combined) {
    const s = this.s, item = make("div", undefined, "kit-result__item");
    item.dataset.item = row.item.id;
    item.append(make("h4", row.item.statement));
    const kind = (i) => (row.disagreement && i === 0 ? "kit-disagreement" : "kit-split");
    for (const [where, name, brief] of [["screen", (r) => this.shortName(r), false], ["print", (r) => roleAbbr(r, this.spec), true]]) {
      const said = differ(row, group.scale, combined.roles, this.spec, name, brief);
      if (!said.length) continue;
      const box = make("div", undefined, `kit-differ kit-differ--${where}`);
      box.append(...said.map((sentence, i) => make("p", sentence, kind(i))));
      if (where === "print") box.setAttribute("aria-hidden", "true");
      item.append(box);
    }
    const table = make("table", undefined, "kit-counts"), heads = [...combined.roles.map((r) => this.shortName(r)), s.total];
    table.createTHead().append(headRow([s.answer, ...combined.roles.map((r) => this.roleHead(r, true)), s.total]));
    const body = table.createTBody();
    for (const option of group.scale.order) {
      const tr = make("tr"), th = make("th", group.scale.options[option]);
      th.scope = "row";
      tr.dataset.option = option;
      tr.append(th, ...combined.roles.map((r) => make("td", String(countOf(row, option, r)), countOf(row, option, r) ? "" : "kit-zero")),
                make("td", String(row.totals.get(option)), row.totals.get(option) ? "" : "kit-zero"));
      heads.forEach((head, i) => { tr.cells[i + 1].dataset.label = head; });
      body.append(tr);
    }
    item.append(table);
    if (row.notes.length) {
      const notes = make("ul", undefined, "kit-notes");
      for (const note of row.notes) notes.append(this.renderNote(row, group, note));
      item.append(make("p", s.notes, "kit-label"), notes);
    }
    return item;
  }

  renderResults() {
    const body = this.$(".kit-results__body");
    body.replaceChildren();
    const combined = combine(this.entries, this.spec), s = this.s;
    this.renderAbout(combined);
    this.renderGlance(combined);
    this.renderBring(combined);
    this.$(".kit-results__people").textContent = fill(plural(s, "people", combined.people, this.spec.lang), { n: combined.people });
    this.$(".kit-details").hidden = !this.entries.length;
    if (!this.entries.length) return;
    for (const group of combined.exchanges) {
      const section = make("section", undefined, "kit-result");
      section.append(make("h3", group.exchange.title), make("p", overviewText(group, this.spec), "kit-result__overview"));
      for (const row of group.items) section.append(this.renderItem(row, group, combined));
      body.append(section);
    }
  }

  // The sheet to bring: each exchange's most marked items, its disagreements, the group's box.
  renderBring(combined) {
    this.$(".kit-bring-sheet").hidden = !this.entries.length;
    for (const group of combined.exchanges) {
      const block = this.$(`.kit-bring-exchange[data-exchange="${CSS.escape(group.exchange.id)}"]`), said = brought(group, this.spec);
      if (!block) continue;
      block.querySelector("[data-kit-bring=top]").textContent = said.top;
      block.querySelector("[data-kit-bring=split]").textContent = said.split;
      this.showBox(block.querySelector("textarea"));
    }
  }

  // A box's text, its printed copy (a textarea prints cut), and another
  // tab's text for it, until the group chooses.
  showBox(box) {
    const id = box.dataset.exchange;
    if (document.activeElement !== box) box.value = this.kept.text(id);
    box.nextElementSibling.textContent = box.value;
    const holder = box.closest(".kit-bring-exchange");
    holder.querySelector(".kit-conflict")?.remove();
    const others = [...this.kept.others(id)];
    if (this.kept.pending.has(id)) others.unshift(this.kept.pending.get(id));
    if (!others.length) return;
    const conflict = make("div", undefined, "kit-conflict");
    conflict.append(make("p", this.s.conflict));
    for (const other of others) {
      const take = make("button", this.s.conflict_take_theirs, "md-button"), actions = make("p", undefined, "kit-actions");
      take.type = "button";
      take.addEventListener("click", () => this.chooseText(id, other));
      actions.append(take);
      conflict.append(make("blockquote", other || this.s.conflict_empty, "kit-conflict__text"), actions);
    }
    const keep = make("button", this.s.conflict_keep_mine, "md-button"), mine = make("p", undefined, "kit-actions");
    keep.type = "button";
    keep.addEventListener("click", () => this.chooseText(id, box.value));
    mine.append(keep);
    conflict.append(mine);
    box.nextElementSibling.after(conflict);
  }

  chooseText(id, text) {
    this.kept.choose(id, text);
    this.$(`#kit-bring-${CSS.escape(id)}`).value = text;
    this.render();
    this.flush();
  }

  // A note ticked goes into its exchange's box as one line; unticked, that
  // line leaves the box if it is still there as it was put.
  tick(exchange, key, line, on) {
    const text = this.kept.text(exchange), lines = text.split("\n");
    let next = text;
    if (on) next = text ? `${text}\n${line}` : line;
    else if (lines.includes(line)) next = lines.filter((l, i) => i !== lines.indexOf(line)).join("\n");
    if (next !== text) this.kept.edit(exchange, next);
    this.kept.tick(key, on);
    const box = this.$(`#kit-bring-${CSS.escape(exchange)}`);
    box.value = this.kept.text(exchange);
    this.showBox(box);
    this.flush();
  }

  render() {
    this.entries = this.kept.entries();
    this.renderFiles();
    this.renderResults();
    this.showBackups();
  }

  // ------------------------------------------------------------------ wiring
  erase() {
    if (!window.confirm(this.s.erase_confirm)) return;
    this.kept.erase();
    for (const box of this.root.querySelectorAll(".kit-bring-exchange textarea")) box.value = "";
    this.$("#kit-keep").checked = false;
    this.$("#kit-shared").checked = false;
    this.render();
    this.messages.lines([this.s.erased]);
  }

  // Another tab changed what is kept: follow it.
  onStorage(event) {
    const { local, session } = this.kept;
    if (![local, session].some((store) => store && store.area === event.storageArea)) return;
    this.kept.receive(event.key, event.newValue, event.key === this.kept.key ? event.storageArea : undefined);
    this.$("#kit-keep").checked = this.kept.keeping();
    this.render();
    this.flush();
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
    this.$("#kit-keep").addEventListener("change", (event) => {
      this.kept.setKeep(event.target.checked);
      this.render();
      this.flush();
    });
    this.$("#kit-shared").addEventListener("change", (event) => {
      this.kept.setShared(event.target.checked);
      this.flush();
    });
    window.addEventListener("storage", (event) => this.onStorage(event));
    // The details print only when asked for, and open for it.
    const details = this.$(".kit-details"), print = (mode) => {
      document.body.dataset.kitPrint = mode;
      this.wasOpen = details.open;
      if (mode === "full") details.open = true;
      window.print();
    };
    window.addEventListener("afterprint", () => {
      if (document.body.dataset.kitPrint === "full") details.open = this.wasOpen;
      delete document.body.dataset.kitPrint;
    });
    this.$("[data-kit-action=print]").addEventListener("click", () => print("glance"));
    this.$("[data-kit-action=print-full]").addEventListener("click", () => print("full"));
    this.$("[data-kit-action=markdown]").addEventListener("click", () => {
      download(markdown(combine(this.entries, this.spec), this.spec, today()), "text/plain;charset=utf-8", `${this.s.file_name}-${today()}.txt`);
    });
    this.$("[data-kit-action=erase]").addEventListener("click", () => this.erase());
    this.$("[data-kit-action=print-bring]").addEventListener("click", () => print("bring"));
    this.$("[data-kit-action=bring-markdown]").addEventListener("click", () => {
      const texts = new Map(this.kept.exchanges().map((id) => [id, this.kept.text(id)]));
      const text = bringMarkdown(combine(this.entries, this.spec), this.spec, texts, today());
      download(text, "text/plain;charset=utf-8", `${this.s.bring_file}-${today()}.txt`);
    });
    for (const box of this.root.querySelectorAll(".kit-bring-exchange textarea")) {
      box.addEventListener("focus", () => this.kept.focus(box.dataset.exchange));
      box.addEventListener("blur", () => this.kept.blur());
      box.addEventListener("input", () => {
        this.kept.edit(box.dataset.exchange, box.value);
        box.nextElementSibling.textContent = box.value;
        this.showBox(box);
        this.flush();
      });
    }
  }
}

startOn("[data-kit-synthesis]", Synthesis);
