// Model-based test of what the synthesis keeps: random sequences of files
// added and removed, the group's text typed, keep on and off, reloads, other
// tabs, events held back, a full storage and erases, on the page's own model
// (synthesis-kept.js). After every step: every file the facilitator added and
// did not remove, and every text the group typed and did not replace, is
// stored or on a screen that warns before leaving.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Kept, mergeKept } from "../../overrides/assets/javascripts/synthesis-kept.js";
import { FakeStorage, Origin } from "./fake-storage.mjs";
import { exported, itemIds, spec } from "./spec.mjs";

const RUNS = Number(process.env.KIT_MODEL_RUNS || 1500) / 3;
const EXCHANGES = spec.exchanges.map((exchange) => exchange.id);

function prng(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >> 17;
    state ^= state << 5; state >>>= 0;
    return state;
  };
}

class World {
  constructor(seed) {
    this.next = prng(seed);
    this.origin = new Origin(200_000);
    this.tabs = [];
    this.texts = [];   // [{ exchange, text }]
    this.files = [];   // names added and not removed
    this.token = 0;
    this.open();
  }

  bytes(n) {
    return Uint8Array.from({ length: n }, () => this.next() & 255);
  }

  as(tab, act) {
    this.origin.current = tab;
    try {
      return act(tab.kept);
    } finally {
      this.origin.current = null;
    }
  }

  open(session = new FakeStorage(null, 200_000)) {
    const tab = { session, queue: [] };
    tab.kept = new Kept(spec, { local: () => this.origin.local, session: () => session, random: (n) => this.bytes(n), now: () => new Date(0) });
    this.origin.tabs.add(tab);
    this.tabs.push(tab);
    this.as(tab, (kept) => kept.load());
  }

  close(tab, reopen) {
    if (tab.kept.atRisk()) return;
    this.origin.tabs.delete(tab);
    this.tabs.splice(this.tabs.indexOf(tab), 1);
    if (reopen) this.open(tab.session);
  }

  deliver(tab) {
    while (tab.queue.length) {
      const event = tab.queue.shift();
      this.as(tab, (kept) => kept.receive(event.key, event.newValue, event.key === kept.key ? event.storageArea : undefined));
    }
  }

  stored() {
    return [...this.origin.local.map.values(), ...this.tabs.flatMap((tab) => [...tab.session.map.values()])].join("\n");
  }

  check() {
    const stored = this.stored();
    for (const { exchange, text } of this.texts) {
      if (!text || stored.includes(JSON.stringify(text))) continue;
      const showing = this.tabs.filter(({ kept }) => [kept.text(exchange), kept.pending.get(exchange), ...kept.others(exchange)].includes(text));
      if (!showing.length) return `lost the group's text ${JSON.stringify(text)}`;
      if (!showing.some(({ kept }) => kept.atRisk())) return `the group's text on a screen that does not warn: ${JSON.stringify(text)}`;
    }
    for (const name of this.files) {
      if (stored.includes(JSON.stringify(name))) continue;
      const showing = this.tabs.filter(({ kept }) => kept.files().some((file) => file.name === name));
      if (!showing.length) return `lost the file ${name}`;
      if (!showing.some(({ kept }) => kept.atRisk())) return `the file ${name} on a screen that does not warn`;
    }
    return null;
  }
}

const KINDS = ["add", "add", "remove", "type", "type", "type", "deliver", "deliver", "hold", "reload", "open", "keep", "keep",
  "quota", "freeQuota", "erase", "resolve"];

function step(world, [kind, a, b]) {
  const tab = world.tabs[a % world.tabs.length];
  const kept = tab.kept;
  switch (kind) {
    case "add": {
      const name = `fichier-${(world.token += 1)}.json`;
      const record = exported({ [itemIds[b % itemIds.length]]: { value: "important", note: name } }, { person: `personne${world.token}` });
      const result = world.as(tab, (k) => k.add(JSON.stringify(record), name));
      if (result.entry) world.files.push(name);
      break;
    }
    case "remove": {
      const files = kept.files();
      const file = files[b % Math.max(1, files.length)];
      if (!file) break;
      world.as(tab, (k) => k.remove(file.id));
      world.files = world.files.filter((name) => name !== file.name);
      break;
    }
    case "type": {
      const exchange = EXCHANGES[b % EXCHANGES.length], before = kept.text(exchange);
      const text = b % 3 ? `${before} t${(world.token += 1)}` : `t${(world.token += 1)} nouveau`;
      world.as(tab, (k) => { k.focus(exchange); k.edit(exchange, text); });
      world.texts = world.texts.filter((entry) => !(entry.exchange === exchange && entry.text === before));
      world.texts.push({ exchange, text });
      break;
    }
    case "deliver": world.deliver(tab); break;
    case "hold": break;
    case "reload": world.close(tab, true); break;
    case "open": if (world.tabs.length < 3) world.open(); break;
    case "keep": world.as(tab, (k) => k.setKeep(!k.keeping())); break;
    case "quota": world.origin.local.quota = world.origin.local.used() + b * 50; break;
    case "freeQuota": world.origin.local.quota = 200_000; break;
    case "erase":
      world.as(tab, (k) => k.erase());
      for (const other of [...world.tabs]) world.deliver(other);
      world.texts = [];
      world.files = [];
      break;
    case "resolve": {
      const exchange = EXCHANGES[b % EXCHANGES.length], others = kept.others(exchange);
      if (!others.length) break;
      const chosen = b % 2 ? others[0] : kept.text(exchange);
      world.as(tab, (k) => k.choose(exchange, chosen));
      world.texts = world.texts.filter((entry) => entry.exchange !== exchange || entry.text === chosen);
      break;
    }
    default: throw new Error(kind);
  }
}

function run(seed, steps) {
  const world = new World(seed);
  for (let i = 0; i < steps.length; i++) {
    step(world, steps[i]);
    const problem = world.check();
    if (problem) return problem;
  }
  return null;
}

test(`no file added and no group text is lost in ${RUNS} random sequences`, () => {
  for (let seed = 1; seed <= RUNS; seed++) {
    const next = prng(seed * 31);
    const steps = Array.from({ length: 5 + (next() % 30) }, () => [KINDS[next() % KINDS.length], next() % 3, next() % 12]);
    const problem = run(seed, steps);
    if (problem) {
      let fewest = steps;
      for (let i = fewest.length - 1; i >= 0; i--) {
        const fewer = [...fewest.slice(0, i), ...fewest.slice(i + 1)];
        if (run(seed, fewer)) fewest = fewer;
      }
      assert.fail(`seed ${seed}: ${run(seed, fewest)}\n${JSON.stringify(fewest)}`);
    }
  }
});

test("a file removed in one tab and kept in another is removed once both have merged; one added again comes back", () => {
  const file = { name: "a.json", raw: { schema: 1 }, added: "1.a" };
  const removed = mergeKept({ files: { f1: file } }, { files: { f1: { ...file, removed: "2.b" } } });
  assert.equal(removed.files.f1.removed, "2.b");
  const again = mergeKept(removed, { files: { f1: { ...file, added: "3.a" } } });
  assert.equal(again.files.f1.added, "3.a");
});

test("the first releases' kept list and group texts are carried over, each set aside first", () => {
  const origin = new Origin();
  const list = [{ name: "ancien.json", lang: "fr", record: exported({ [itemIds[0]]: { value: "important", note: "n" } }) }];
  origin.local.setItem(spec.synthesis.storageKey, JSON.stringify(list));
  origin.local.setItem(`${spec.synthesis.storageKey}:bring`, JSON.stringify({ texts: { [EXCHANGES[0]]: "le texte du groupe" }, ticked: ["k"] }));
  const kept = new Kept(spec, { local: () => origin.local, session: () => new FakeStorage(null), random: (n) => new Uint8Array(n), now: () => new Date(0) });
  kept.load();
  assert.deepEqual(kept.files().map((file) => file.name), ["ancien.json"]);
  assert.equal(kept.text(EXCHANGES[0]), "le texte du groupe");
  assert.ok(kept.ticked("k") && kept.keeping());
  const backups = kept.local.backups().map((backup) => backup.raw);
  assert.ok(backups.includes(JSON.stringify(list)));
  assert.equal(origin.local.getItem(`${spec.synthesis.storageKey}:bring`), null);
});
