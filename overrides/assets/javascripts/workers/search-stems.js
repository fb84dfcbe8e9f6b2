// Search on demand, and stemmed on both sides.
//
// Material 9.8.1 starts its search worker and downloads the search index on
// every page load, with no option to defer it. search-on-demand.js, a classic
// script placed before the theme's bundle (overrides/main.html), holds back
// exactly `new Worker(config.search)` and the index request (XMLHttpRequest
// online, a script element from file://) until the search field is first
// focused, pressed or opened, or the address carries ?q= or ?h=; the theme
// then goes on as usual, and searches what was typed meanwhile once the index
// is ready. For another theme version, bundle or worker it does nothing.
//
// The worker it starts is this file, which loads the theme's own worker from
// the same folder (as a real worker, or in the iframe of the file:// shim).
// The index comes without the stemmer in its pipeline, so that the theme's
// own worker (used when search-on-demand.js steps aside) finds whole words as
// before. Here the stemmer is switched on for indexing, and a prefix query
// goes through the same pipeline: Material types "démocratie" as
// "démocratie*", lunr skips its pipeline for such terms, and the prefix would
// never meet the stem "démocrat" that "démocratique" is indexed under; here it
// becomes "démocrat*". A term the pipeline drops (a stop word) stays as typed.
(function () {
  "use strict";

  var THEME_WORKER = "search.a7633da7.min.js";
  var SETUP = 0;  // the theme's SearchMessageType.SETUP
  var here = self.document && document.currentScript ? document.currentScript.src : self.location.href;
  var pipeline = null;

  // Before the theme's own listener (registered when its worker loads).
  self.addEventListener("message", function (event) {
    var message = event.data;
    var config = message && message.type === SETUP && message.data && message.data.config;
    if (config && Array.isArray(config.pipeline) && config.pipeline.indexOf("stemmer") < 0) {
      config.pipeline = config.pipeline.concat("stemmer");
    }
  });

  function stems() {
    var lunr = self.lunr;
    var build = lunr.Builder.prototype.build;
    lunr.Builder.prototype.build = function () {
      pipeline = this.searchPipeline;
      return build.apply(this, arguments);
    };
    var clause = lunr.Query.prototype.clause;
    lunr.Query.prototype.clause = function (part) {
      var term = part && part.term;
      if (pipeline && part.usePipeline === false && typeof term === "string" && /^[^*]+\*$/.test(term)) {
        var words = pipeline.runString(term.slice(0, -1));
        if (words.length === 1 && words[0]) {
          part.term = words[0] + "*";
        }
      }
      return clause.call(this, part);
    };
  }

  // importScripts is synchronous in a worker, a promise in the shim's iframe.
  Promise.resolve(importScripts(new URL(THEME_WORKER, here).href)).then(stems);

  // A real worker is named after the page's language: its lunr files load now,
  // while the page still fetches the index, instead of after it; the theme's
  // later importScripts of the same files is then skipped.
  if (/^[a-z]{2}$/.test(self.name) && self.name !== "en" && !self.document) {
    var loaded = {};
    var load = self.importScripts;
    var files = ["stemmer.support", self.name].map(function (name) {
      return new URL("../lunr/min/lunr." + name + ".min.js", here).href;
    });
    try {
      load.apply(self, files);
      files.forEach(function (file) { loaded[file] = true; });
    } catch (error) {
      // not a language lunr knows: the theme's own import will say so
    }
    self.importScripts = function () {
      var rest = Array.prototype.filter.call(arguments, function (file) {
        return !loaded[new URL(file, here).href];
      });
      return load.apply(self, rest);
    };
  }
})();
