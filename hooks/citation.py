"""A "Cite this page" block on every page: the page and the CSMO-ÉSAC source,
in French and English, in one style, from data/kit.yml.

The block itself is overrides/partials/kit/cite.html, which main.html adds
after the content; this hook gives it the citations.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

from kitlib import kit, locales, sheets
from mkdocs.utils.meta import get_data

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

H1 = re.compile(r"^#\s+(.+?)\s*(\{.*\})?\s*$", re.M)

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Give the page template the citations of this page in both languages.
def on_page_context(context, page, config, nav):
    data = kit.load()
    year = str(date.today().year)
    citations = []
    for lang in kit.LANGUAGES:
        address = locales.shown_address(config, locales.page_path(config, locales.page_root(config, page), lang))
        fields = {"title": title(page, lang, config), "year": year,
                  "version": data["content_version"], "url": address}
        citations.append({
            "lang": lang,
            "page": kit.text(data["citation"]["site"], lang).format(**fields),
            "source": sheets.source_citation(data, lang),
        })
    context["kit_cite"] = {
        "title": kit.text(data["labels"]["cite_title"], page.file.locale),
        "page_label": kit.text(data["labels"]["cite_page"], page.file.locale),
        "source_label": kit.text(data["labels"]["cite_source"], page.file.locale),
        "citations": citations,
    }
    return context


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# The title of this page in a language (text), read from that language's source file.
def title(page, lang: str, config) -> str:
    if lang == page.file.locale and page.title:
        return html.unescape(page.title)
    source = Path(config.docs_dir) / locales.source_file(config, page.file.src_uri, lang)
    markdown, meta = get_data(source.read_text(encoding="utf-8"))
    data = kit.load()
    if "worksheet" in meta:
        return sheets.worksheet_title(data, kit.exchange(data, meta["worksheet"]), lang)
    if "title" in meta:
        return str(meta["title"])
    heading = H1.search(markdown)
    return heading.group(1) if heading else config.site_name
