"""Helpers to read the built site: its pages, their text, links and anchors."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGUAGES = ("fr", "en")


# Every Markdown page as (language, output path relative to the site).
def expected_pages() -> list[tuple[str, str]]:
    pages = []
    for source in sorted(DOCS.rglob("*.md")):
        relative = source.relative_to(DOCS).as_posix()
        lang = "en" if relative.endswith(".en.md") else "fr"
        stem = relative[: -len(".en.md")] if lang == "en" else relative[: -len(".md")]
        path = "index.html" if stem == "index" else (
            stem[: -len("/index")] + "/index.html" if stem.endswith("/index") else f"{stem}/index.html"
        )
        pages.append((lang, ("en/" if lang == "en" else "") + path))
    return pages


# Every built HTML page of the site, relative to it.
def built_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


# The language a built page is in, from its path.
def language_of(path: str) -> str:
    return "en" if path.startswith("en/") else "fr"


class Document(HTMLParser):
    """A parsed page: ids, links, resources, headings, text of the article."""

    SKIP = {"script", "style", "template"}
    BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "figcaption",
             "blockquote", "div", "section", "tr", "dt", "dd", "legend", "label", "br"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, dict]] = []
        self.elements: list[tuple[str, dict]] = []
        self.title = ""
        self._in_title = False
        self._skip = 0
        self._article = 0
        self._headerlink = 0
        self.article_text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.add(attributes["name"])
        if tag in ("a", "link", "script", "img", "iframe", "source", "form"):
            self.links.append((tag, attributes))
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self._skip += 1
        if tag == "article":
            self._article += 1
        if tag == "a" and "headerlink" in (attributes.get("class") or ""):
            self._headerlink += 1
        if self._article and tag in self.BLOCK:
            self.article_text.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag == "article" and self._article:
            self._article -= 1
        if tag == "a" and self._headerlink:
            self._headerlink -= 1
        if self._article and tag in self.BLOCK:
            self.article_text.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._article and not self._skip and not self._headerlink:
            self.article_text.append(data)

    # The visible text of the page's article.
    def text(self) -> str:
        return "".join(self.article_text)

    # Every element with this tag.
    def all(self, tag: str) -> list[dict]:
        return [attributes for name, attributes in self.elements if name == tag]


# Parse a built page.
def read(site: Path, path: str) -> Document:
    return Document((site / path).read_text(encoding="utf-8"))


# Normalise text for comparison: spaces, quotes, apostrophes, emphasis marks.
def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[«»“”\"*]", " ", text)
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text)
    text = re.sub(r" ([:;?!.,)])", r"\1", text)
    text = re.sub(r"\( ", "(", text)
    return text.strip()
