// A Storage as browsers make it, for the model-based tests: a quota counted
// in UTF-16 code units (keys and values, as Chromium counts), faults on
// demand, and storage events queued for the other tabs of one origin.

export class FakeStorage {
  constructor(origin, quota = 5_000_000) {
    this.origin = origin;
    this.map = new Map();
    this.quota = quota;
    this.broken = false;     // every call throws, as a blocked storage does
  }

  used() {
    let total = 0;
    for (const [key, value] of this.map) total += key.length + value.length;
    return total;
  }

  get length() {
    this.check();
    return this.map.size;
  }

  key(i) {
    this.check();
    return [...this.map.keys()][i] ?? null;
  }

  getItem(key) {
    this.check();
    return this.map.has(key) ? this.map.get(key) : null;
  }

  setItem(key, value) {
    this.check();
    value = String(value);
    const before = this.map.get(key);
    const grows = key.length + value.length - (before === undefined ? 0 : key.length + before.length);
    if (this.used() + grows > this.quota) {
      const error = new Error("The quota has been exceeded.");
      error.name = "QuotaExceededError";
      throw error;
    }
    this.map.set(key, value);
    if (before !== value) this.origin?.changed(this, key, before ?? null, value);
  }

  removeItem(key) {
    this.check();
    if (!this.map.has(key)) return;
    const before = this.map.get(key);
    this.map.delete(key);
    this.origin?.changed(this, key, before, null);
  }

  check() {
    if (this.broken) {
      const error = new Error("The operation is insecure.");
      error.name = "SecurityError";
      throw error;
    }
  }
}

// One origin: its localStorage, and the tabs that hear its storage events.
// `current` is the tab whose code is running: it hears nothing of its own writes.
export class Origin {
  constructor(quota) {
    this.local = new FakeStorage(this, quota);
    this.tabs = new Set();
    this.current = null;
  }

  // A storage event queued for every other open tab.
  changed(area, key, oldValue, newValue) {
    for (const tab of this.tabs) {
      if (tab !== this.current) tab.queue.push({ key, oldValue, newValue, storageArea: area });
    }
  }
}
