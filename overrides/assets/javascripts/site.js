// Site behaviour shared by every page. Small, no dependencies.

// The language switcher's links already point at the same page in the other
// language: keep the theme from re-routing them through sitemap.xml, which
// loses the page when the site is served on a port or from disk.
function keepLanguageLinks(root) {
  for (const link of root.querySelectorAll(".md-select__link[hreflang]")) {
    if (link.dataset.kitLanguage) continue;
    link.dataset.kitLanguage = "1";
    link.addEventListener("click", (event) => event.stopPropagation());
  }
}

// "Print" buttons on worksheet pages open the browser's print dialog.
function enablePrintButtons(root) {
  for (const button of root.querySelectorAll("[data-kit-print]")) {
    if (button.dataset.kitReady) continue;
    button.dataset.kitReady = "1";
    button.addEventListener("click", () => window.print());
  }
}

// Run on every page view (also after an instant navigation, if ever enabled).
function onPage() {
  keepLanguageLinks(document);
  enablePrintButtons(document);
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(onPage);
} else {
  onPage();
}
