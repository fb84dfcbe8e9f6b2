// Holds Material 9.8.1's search worker and index back until search is first
// used; steps aside for any other theme (why and how: workers/search-stems.js).
(function () {
  "use strict";
  var BUNDLE = "/assets/javascripts/bundle.a5f9d56c.min.js";
  var WORKER = "/assets/javascripts/workers/search.a7633da7.min.js";
  var INDEX = /\/search\/search_index\.js(on)?$/;
  var meta = document.querySelector('meta[name="generator"]');
  var config;
  try {
    config = JSON.parse(document.getElementById("__config").textContent);
  } catch (error) {
    return;
  }
  var worker = path(config.search);
  if (!meta || !/, mkdocs-material-9\.8\.1$/.test(meta.content) || worker.slice(-WORKER.length) !== WORKER
      || !document.forms.namedItem("search") || !window.Worker || !window.EventTarget) {
    return;
  }

  var Native = window.Worker;
  var request = XMLHttpRequest.prototype;
  var open = request.open, send = request.send, abort = request.abort;
  var held = new WeakSet();
  var pending = [];
  var started = false;

  function path(url) {
    try {
      return new URL(url, location.href).href.split(/[?#]/)[0];
    } catch (error) {
      return "";
    }
  }

  function later(run) {
    if (started) {
      run();
    } else {
      pending.push(run);
    }
  }

  function start() {
    if (!started) {
      started = true;
      pending.splice(0).forEach(function (run) { run(); });
    }
  }

  window.Worker = function (url, options) {
    var script = document.currentScript;
    if (path(url) !== worker) {
      return new Native(url, options);
    }
    if (!(script ? path(script.src).slice(-BUNDLE.length) === BUNDLE
                 : document.querySelector('script[src$="' + BUNDLE.split("/").pop() + '"]'))) {
      start();  // not the bundle this was written for: search as the theme decides
      return new Native(url, options);
    }
    var proxy = new EventTarget();
    var real;
    var queue = [];
    proxy.postMessage = function (data) {
      real ? real.postMessage(data) : queue.push(data);
    };
    proxy.terminate = function () {
      queue = [];
      real && real.terminate();
    };
    later(function () {
      real = new Native(new URL("search-stems.js", worker).href, { name: document.documentElement.lang });
      real.addEventListener("message", function (event) {
        proxy.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      real.addEventListener("error", function (event) {
        proxy.dispatchEvent(new ErrorEvent("error", { message: event.message, error: event.error }));
      });
      queue.splice(0).forEach(function (data) { real.postMessage(data); });
    });
    return proxy;
  };
  window.Worker.prototype = Native.prototype;

  request.open = function (method, url) {
    held[!started && INDEX.test(path(url)) ? "add" : "delete"](this);
    return open.apply(this, arguments);
  };
  request.send = function () {
    var xhr = this, args = arguments;
    if (!held.has(xhr)) {
      return send.apply(xhr, args);
    }
    later(function () {
      held.has(xhr) && send.apply(xhr, args);
    });
  };
  request.abort = function () {
    held.delete(this);
    return abort.apply(this, arguments);
  };
  document.head.appendChild = function (node) {
    if (node.tagName === "SCRIPT" && INDEX.test(path(node.src))) {
      later(Node.prototype.appendChild.bind(this, node));
      return node;
    }
    return Node.prototype.appendChild.call(this, node);
  };

  function use(event) {
    var target = event.target;
    if (target.id === "__search" ? target.checked
        : target.closest && target.closest('form[name="search"], label[for="__search"]')) {
      start();
    }
  }
  ["focusin", "pointerdown", "touchstart", "change"].forEach(function (type) {
    document.addEventListener(type, use, { capture: true, passive: true });
  });
  if (/[?&](q=|h=[^&])/.test(location.search)) {
    start();
  }
})();
