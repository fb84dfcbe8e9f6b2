// Search on demand. Material 9.8.1 starts its search worker and downloads
// the search index on every page load. This classic script runs before the
// theme's bundle and holds back exactly those two things (the worker, and the
// index request: XMLHttpRequest online, a script element from file://) until
// someone starts to search: first focus of the search field (mouse, touch,
// "/", "s", "f"), opening search on a phone, or an address with ?q= or ?h=.
// The theme then goes on as usual: what was typed meanwhile is searched as
// soon as the index is ready. The worker started is a thin wrapper around the
// theme's own (workers/search-stems.js) that stems query words too.
//
// It only acts on the theme it was written for: another version, another
// bundle or another worker, and it steps aside (search loads as the theme
// decides).
(function () {
  "use strict";

  var THEME = "mkdocs-material-9.8.1";
  var BUNDLE = "assets/javascripts/bundle.a5f9d56c.min.js";
  var WORKER = "assets/javascripts/workers/search.a7633da7.min.js";
  var STEMS = "search-stems.js";
  var INDEX = /\/search\/search_index\.(json|js)$/;

  var generator = document.querySelector('meta[name="generator"]');
  var settings = document.getElementById("__config");
  var config;
  try {
    config = JSON.parse(settings.textContent);
  } catch (error) {
    return;
  }
  var worker = config && typeof config.search === "string" ? absolute(config.search) : "";
  if (!generator || generator.content.split(/,\s*/).indexOf(THEME) < 0
      || worker.slice(-WORKER.length) !== WORKER
      || !document.forms.namedItem("search")
      || typeof window.Worker !== "function" || typeof window.XMLHttpRequest !== "function"
      || typeof window.EventTarget !== "function") {
    return;
  }

  var NativeWorker = window.Worker;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var abort = XMLHttpRequest.prototype.abort;
  var head = document.head;
  var started = false;
  var pending = [];         // what to run when search starts
  var requests = new WeakSet();

  function absolute(url) {
    try {
      return new URL(url, location.href).href;
    } catch (error) {
      return "";
    }
  }

  function isIndex(url) {
    return INDEX.test(absolute(url).split(/[?#]/)[0]);
  }

  // The theme's own bundle is the one running (it creates the worker).
  function themeBundle() {
    var script = document.currentScript;
    if (script && script.src) {
      return script.src.split("?")[0].slice(-BUNDLE.length) === BUNDLE;
    }
    return !!document.querySelector('script[src$="' + BUNDLE.split("/").pop() + '"]');
  }

  function start() {
    if (started) {
      return;
    }
    started = true;
    stopListening();
    var queue = pending;
    pending = [];
    queue.forEach(function (run) {
      run();
    });
  }

  // A stand-in for the search worker, until search starts.
  function HeldWorker(url, options) {
    if (absolute(url) !== worker) {
      return new NativeWorker(url, options);
    }
    if (!themeBundle()) {
      start();
      return new NativeWorker(url, options);
    }
    if (started) {
      return new NativeWorker(new URL(STEMS, worker).href, options);
    }
    var target = new EventTarget();
    var messages = [];
    var real = null;
    target.postMessage = function (data) {
      if (real) {
        real.postMessage(data);
      } else {
        messages.push(data);
      }
    };
    target.terminate = function () {
      messages = [];
      if (real) {
        real.terminate();
      }
    };
    pending.push(function () {
      real = new NativeWorker(new URL(STEMS, worker).href, options);
      real.addEventListener("message", function (event) {
        var copy = new MessageEvent("message", { data: event.data });
        target.dispatchEvent(copy);
        if (typeof target.onmessage === "function") {
          target.onmessage(copy);
        }
      });
      real.addEventListener("error", function (event) {
        var copy = new ErrorEvent("error", { message: event.message, filename: event.filename,
                                             lineno: event.lineno, colno: event.colno, error: event.error });
        target.dispatchEvent(copy);
        if (typeof target.onerror === "function") {
          target.onerror(copy);
        }
      });
      messages.forEach(function (data) {
        real.postMessage(data);
      });
      messages = [];
    });
    return target;
  }
  HeldWorker.prototype = NativeWorker.prototype;
  window.Worker = HeldWorker;

  // The index request online: opened now, sent when search starts.
  XMLHttpRequest.prototype.open = function (method, url) {
    if (!started && isIndex(url)) {
      requests.add(this);
    } else {
      requests.delete(this);
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!started && requests.has(request)) {
      pending.push(function () {
        if (requests.has(request)) {
          send.apply(request, args);
        }
      });
      return;
    }
    return send.apply(this, arguments);
  };
  XMLHttpRequest.prototype.abort = function () {
    requests.delete(this);
    return abort.apply(this, arguments);
  };

  // The index from file://: the theme adds it as a script to the head.
  head.appendChild = function (node) {
    if (!started && node && node.tagName === "SCRIPT" && node.src && isIndex(node.src)) {
      pending.push(function () {
        Node.prototype.appendChild.call(head, node);
      });
      return node;
    }
    return Node.prototype.appendChild.call(this, node);
  };

  // What starts search.
  function isSearch(target) {
    return target instanceof Element
      && !!target.closest('form[name="search"], label[for="__search"], [data-md-component="search"]');
  }
  function onFocus(event) {
    if (isSearch(event.target)) {
      start();
    }
  }
  function onPress(event) {
    if (isSearch(event.target)) {
      start();
    }
  }
  function onChange(event) {
    if (event.target && event.target.id === "__search" && event.target.checked) {
      start();
    }
  }
  var events = [["focusin", onFocus], ["pointerdown", onPress], ["touchstart", onPress], ["change", onChange]];
  function stopListening() {
    events.forEach(function (pair) {
      document.removeEventListener(pair[0], pair[1], true);
    });
  }
  events.forEach(function (pair) {
    document.addEventListener(pair[0], pair[1], { capture: true, passive: true });
  });

  var query = new URLSearchParams(location.search);
  if (query.get("q") !== null || query.get("h")) {
    start();
  }
})();
