// A Worker for the offline copy's pages, opened from disk (file://), where
// browsers refuse to start one: the worker's script runs in a hidden iframe
// of the page. Nothing is written inline into that iframe, so the offline
// copy's pages need not allow any inline script.
(() => {
  "use strict";

  class FileWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = String(url);
      this.onmessage = null;
      this.onerror = null;
      const frame = document.createElement("iframe");
      frame.hidden = true;
      document.body.append(frame);
      this.frame = frame;
      const inner = frame.contentWindow;
      // What the worker's script calls: postMessage answers this page,
      // importScripts loads its scripts one after the other.
      inner.postMessage = (data) => setTimeout(() => this.emit(new MessageEvent("message", { data: structuredClone(data) })));
      this.loads = [];
      inner.importScripts = (...urls) => {
        const done = urls.reduce((before, src) => before.then(() => this.load(src)), Promise.resolve());
        this.loads.push(done);
        return done;
      };
      inner.addEventListener("error", (event) => {
        this.emit(new ErrorEvent("error", { message: event.message, filename: this.url, error: event.error }));
      });
      // Ready once its script ran, and every script it imported meanwhile.
      this.ready = this.load(this.url).then(() => this.settled());
    }

    settled() {
      const count = this.loads.length;
      return Promise.all(this.loads).then(() => (this.loads.length > count ? this.settled() : undefined));
    }

    // One script into the iframe; resolves once it ran.
    load(src) {
      return new Promise((resolve, reject) => {
        const script = this.frame.contentDocument.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = reject;
        this.frame.contentDocument.body.append(script);
      });
    }

    emit(event) {
      this.dispatchEvent(event);
      const handler = event.type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") handler.call(this, event);
    }

    postMessage(data) {
      this.ready.catch(() => {}).then(() => {
        this.frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
      });
    }

    terminate() {
      this.frame.remove();
    }
  }

  // The theme's search worker looks for this name to find its scripts'
  // folder when it runs in an iframe.
  window.IFrameWorker = FileWorker;
  if (location.protocol === "file:") window.Worker = FileWorker;
})();
