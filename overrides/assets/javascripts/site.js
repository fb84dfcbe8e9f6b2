// Site behaviour shared by every page. Small, no dependencies.
import { fill } from "./kit-text.js";

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

// The theme fetches sitemap.xml next to every head alternate. Those of another
// origin (a SITE_URL build opened from a staging copy, or `mkdocs serve` opened
// at localhost) would be cross-origin requests: drop them before the theme
// reads them (this module runs before DOMContentLoaded, when the theme does).
function dropForeignAlternates(head) {
  for (const link of head.querySelectorAll('link[rel="alternate"][hreflang]')) {
    if (new URL(link.href, location.href).origin !== location.origin) link.remove();
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

// The strings of this page's language (data/kit.yml, through the page).
function strings() {
  const element = document.getElementById("kit-site-strings");
  return element ? JSON.parse(element.textContent) : null;
}

// The public address of an anchor: the page's canonical URL (under
// site_url), whatever address the page was opened at.
function publicAddress(id) {
  const canonical = document.querySelector('link[rel="canonical"]');
  const page = canonical ? canonical.href : location.href.split("#")[0];
  return `${page.split("#")[0]}#${id}`;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    const area = Object.assign(document.createElement("textarea"), { value: text });
    document.body.append(area);
    area.select();
    const done = document.execCommand && document.execCommand("copy");
    area.remove();
    return Boolean(done);
  }
}

// Material's "link" icon, drawn without markup from strings.
const LINK_ICON = "M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7c-2.76 0-5 2.24-5 5s2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1M8 13h8v-2H8zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4c2.76 0 5-2.24 5-5s-2.24-5-5-5";

function linkIcon() {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", LINK_ICON);
  svg.append(path);
  return svg;
}

// One "copy link" icon button per permalink of the content (headings,
// definitions, the quotation, exchanges, worksheets, checklist items). Its
// label shows on hover and focus (always on touch screens); its name begins
// with that label. It is positioned out of the flow (site.css), so adding it
// moves nothing on the page.
function addCopyButtons(root, text) {
  const content = root.querySelector(".md-content");
  if (!content || !text) return;
  let status = root.querySelector(".kit-copy-status");
  if (!status) {
    status = Object.assign(document.createElement("p"), { className: "kit-copy-status" });
    status.setAttribute("role", "status");
    document.body.append(status);
  }
  for (const link of content.querySelectorAll("a.headerlink")) {
    const id = decodeURIComponent(link.hash.slice(1));
    if (!id || link.dataset.kitCopy || (link.closest("h1") && !link.closest(".kit-sheet"))) continue;
    link.dataset.kitCopy = "1";
    const holder = link.closest("h1, h2, h3, h4, h5, h6, .kit-item");
    const name = (link.closest("h1, h2, h3, h4, h5, h6, legend, p, figure, fieldset") || link)
      .textContent.replace("¶", "").replace(/\s+/g, " ").trim().slice(0, 80);
    const label = Object.assign(document.createElement("span"), {
      className: "kit-copy-link__label", textContent: text.copy_link,
    });
    const button = Object.assign(document.createElement("button"), { type: "button", className: "kit-copy-link" });
    button.append(linkIcon(), label);
    button.setAttribute("aria-label", fill(text.copy_link_to, { name }));
    button.dataset.url = publicAddress(id);
    button.addEventListener("click", async () => {
      const copied = await copyText(button.dataset.url);
      status.textContent = fill(copied ? text.link_copied : text.link_not_copied, { url: button.dataset.url });
      button.classList.add("kit-copy-link--done");
      setTimeout(() => button.classList.remove("kit-copy-link--done"), 2000);
    });
    if (holder && holder.matches(".kit-item")) holder.append(button);
    else if (holder) holder.after(button);
    else link.after(button);
  }
}

// A table wider than the screen scrolls inside its wrapper: make the wrapper
// reachable with the keyboard and name it after the table's section.
function focusableWideTables(root, text) {
  if (!text) return;
  for (const wrapper of root.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrapper.scrollWidth <= wrapper.clientWidth || wrapper.hasAttribute("tabindex")) continue;
    const heading = wrapper.closest("article")
      ? [...wrapper.closest("article").querySelectorAll("h2")].filter((h) =>
          h.compareDocumentPosition(wrapper) & Node.DOCUMENT_POSITION_FOLLOWING).pop()
      : null;
    const name = heading ? heading.textContent.replace("¶", "").trim() : "";
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", fill(text.scroll_table, { name }));
  }
}

// Each cell of a content table learns its column's name, so that on a narrow
// screen the rows can become blocks and still say which column is which.
function reflowableTables(root) {
  for (const table of root.querySelectorAll(".md-typeset table:not([class])")) {
    const names = [...(table.tHead?.rows[0]?.cells || [])].map((cell) => cell.textContent.trim());
    if (!names.length) continue;
    for (const row of table.tBodies[0]?.rows || []) {
      [...row.cells].forEach((cell, i) => { if (names[i]) cell.dataset.label = names[i]; });
    }
    (table.closest(".md-typeset__scrollwrap") || table).classList.add("kit-reflow");
  }
}

// Run on every page view (also after an instant navigation, if ever enabled).
function onPage() {
  const text = strings();
  keepLanguageLinks(document);
  enablePrintButtons(document);
  addCopyButtons(document, text);
  reflowableTables(document);
  focusableWideTables(document, text);
}

dropForeignAlternates(document.head);

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(onPage);
} else {
  onPage();
}
