"""Rendering of the kit's parts (worksheets, packet, exchanges, checklist).

Markup lives in overrides/partials/kit/; this module only builds the
template context from data/kit.yml and renders through the theme's
environment.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from kitlib import kit, locales
from markupsafe import Markup, escape

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

# Paper sizes of the PDFs: file suffix and CSS page size.
PAPERS = {"letter": "letter", "a4": "A4"}

# The height a worksheet fills on each paper: the page less its margins
# (worksheet.css: 7 mm at the top and at the bottom), less 3 to 5 mm to spare.
SHEET_HEIGHTS = {"letter": "262mm", "a4": "278mm"}

# Where the worksheet pages live (language-independent).
WORKSHEETS = "fiches"
PACKET = "trousse"

# -----------------------------------------------------------------------------
# Context
# -----------------------------------------------------------------------------


# File name of a worksheet PDF, relative to the site root.
def pdf_path(config, sheet_id: str, paper: str, lang: str) -> str:
    if paper not in PAPERS:
        raise PluginError(f"hooks/sheets.py: unknown paper size '{paper}'")
    return f"{locales.page_path(config, WORKSHEETS, lang)}pdf/{sheet_id}-{paper}.pdf"


# The name a worksheet PDF (or the packet's) is saved under, in a language:
# "fiche-echange-1-lettre.pdf", "packet-a4.pdf" (labels *_file in kit.yml).
def pdf_file_name(data: dict, sheet_id: str, paper: str, lang: str) -> str:
    if paper not in PAPERS:
        raise PluginError(f"hooks/sheets.py: unknown paper size '{paper}'")
    labels = data["labels"]
    paper_word = kit.text(labels[f"{paper}_file"], lang)
    exchange = kit.exchange(data, sheet_id)
    if exchange is None:
        return kit.text(labels["packet_file"], lang).format(paper=paper_word)
    return kit.text(labels["worksheet_file"], lang).format(number=exchange["number"], paper=paper_word)


# The template context for one language; `here` is the page's URL, or None
# for a standalone document (a PDF: addresses absolute, or none).
def context(config, lang: str, here: str | None) -> dict[str, Any]:
    data = kit.load()
    def t(key: str) -> str:
        if key not in data["labels"]:
            raise PluginError(f"{kit.DATA_FILE}: labels.{key}: missing label used by a template")
        return kit.text(data["labels"][key], lang)

    def address(page: str, anchor: str | None = None) -> str:
        return locales.shown_address(config, locales.page_path(config, page, lang), anchor)

    # A link's href: relative on a page; absolute in a standalone document, or
    # None there when the site's address is unknown (then no link is printed).
    def href(path: str, anchor: str | None = None) -> str | None:
        if here is None:
            return locales.public_address(config, path, anchor)
        relative = get_relative_url(locales.local_file(config, path), here)
        return relative + (f"#{anchor}" if anchor else "")

    return {
        "kit": data,
        "lang": lang,
        "t": t,
        "text": lambda value: kit.text(value, lang),
        "reference": lambda reference_id: kit.reference(data, reference_id),
        "exchange_heading": lambda exchange: exchange_heading(exchange, lang),
        "source_citation": lambda short=False: source_citation(data, lang, as_html=True, short=short),
        "address": address,
        "href": href,
        "page_path": lambda page: locales.page_path(config, page, lang),
        "pdf_path": lambda sheet_id, paper: pdf_path(config, sheet_id, paper, lang),
        "pdf_name": lambda sheet_id, paper: pdf_file_name(data, sheet_id, paper, lang),
        "papers": list(PAPERS),
        "worksheets": WORKSHEETS,
        "packet_id": PACKET,
        "standalone": here is None,
    }


# Render a kit template with the context of one language.
def render(config, template: str, lang: str, here: str | None, **extra) -> str:
    return environment(config).get_template(template).render(**context(config, lang, here), **extra)


# The theme's Jinja environment for the kit's templates, made once per set of
# theme folders and kept across `mkdocs serve` rebuilds (get_env() builds a
# new one, without the compiled templates, at every call; a template that
# changes is compiled again). The folders are keyed without repeats, since the
# i18n plugin adds its sitemap folder again for each language. Autoescaping is
# on: the one escaping rule for the kit's templates, so that text from kit.yml
# is always text, on pages and in PDFs alike.
def environment(config):
    key = tuple(dict.fromkeys(config.theme.dirs))
    if key not in _environments:
        _environments.clear()
        _environments[key] = config.theme.get_env().overlay(
            autoescape=True, auto_reload=True, bytecode_cache=_bytecode_cache())
    return _environments[key]


_environments: dict[tuple, Any] = {}


# The kit's templates compiled once for all builds of this machine (each build
# is a new process): Jinja keys them by file and checks their source, so an
# edited template is compiled again.
def _bytecode_cache():
    import jinja2

    return jinja2.FileSystemBytecodeCache(str(kit.cache_folder("jinja")))


# How an exchange is named everywhere: "Échange 1 : Le contexte actuel…".
def exchange_heading(exchange: dict, lang: str) -> str:
    labels = kit.load()["labels"]
    return (f"{kit.text(labels['exchange'], lang)} {exchange['number']}"
            f"{kit.text(labels['question_label_separator'], lang)}{kit.text(exchange['title'], lang)}")


# The CSMO-ÉSAC source in the site's one citation style, as text, or as HTML
# (escaped; the work in <cite>, French words marked lang="fr" in English);
# `short` gives its in-text form, by the author's acronym (the worksheets' footer).
def source_citation(data: dict, lang: str, as_html: bool = False, short: bool = False) -> str:
    citation = data["citation"]
    year, _ = citation["date"].split("-")
    author = citation["author_short"] if short else f"{citation['author']} ({citation['author_short']})"
    fields = {"author": author, "year": year, "month": kit.text(citation["month"], lang),
              "work": citation["work"], "page": citation["page_number"]}
    style = kit.text(citation["in_text" if short else "source"], lang)
    if not as_html:
        return style.format(**fields)
    french = "" if lang == "fr" else ' lang="fr"'
    fields = {key: escape(str(value)) for key, value in fields.items()}
    fields["author"] = Markup(f"<span{french}>{fields['author']}</span>") if french else fields["author"]
    fields["work"] = Markup(f"<cite{french}>{fields['work']}</cite>")
    return Markup(escape(style).format(**fields))


# The page title of a worksheet, or of the packet when exchange is None (text).
def worksheet_title(data: dict, exchange: dict | None, lang: str) -> str:
    if exchange is None:
        return kit.text(data["packet"]["title"], lang)
    labels = data["labels"]
    return (
        f"{kit.text(labels['worksheet'], lang)}{kit.text(labels['question_label_separator'], lang)}"
        f"{kit.text(labels['exchange'], lang).lower()} {exchange['number']}"
    )
