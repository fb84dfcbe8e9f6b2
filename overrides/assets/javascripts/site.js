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

// A "copy link" button next to every permalink of the content: headings,
// definitions, the quotation, exchanges, worksheets and checklist items.
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
    const button = Object.assign(document.createElement("button"), {
      type: "button", className: "kit-copy-link", textContent: text.copy_link,
    });
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

// Run on every page view (also after an instant navigation, if ever enabled).
function onPage() {
  const text = strings();
  keepLanguageLinks(document);
  enablePrintButtons(document);
  addCopyButtons(document, text);
  focusableWideTables(document, text);
}

dropForeignAlternates(document.head);

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(onPage);
} else {
  onPage();
}
