"""The languages the i18n plugin builds, their folders, and page paths.

French is at the site root and English under en/: this module is the one
place that says so (from the i18n plugin's configuration), and the one place
that turns a page into its path, file and address.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# Each built language with its folder prefix: [("fr", ""), ("en", "en/")].
def built(config) -> list[tuple[str, str]]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [(config.theme["language"], "")]
    return [
        (language.locale, "" if language.default else f"{language.locale}/")
        for language in i18n.config.languages
        if language.build
    ]


# The folder prefix of a language ("" for the default), or None if not built.
def prefix(config, locale: str | None) -> str | None:
    return dict(built(config)).get(locale)


# True in the one post-build call that follows every language's build: the
# i18n plugin runs the other languages' builds inside the first one's.
def all_built(config) -> bool:
    i18n = config.plugins.get("i18n")
    return i18n is None or not i18n.building


# The language a site path belongs to ("en/fiches/" → "en", "fiches/" → "fr").
def language_of(config, path: str) -> str:
    for locale, folder in built(config):
        if folder and path.startswith(folder):
            return locale
    return default(config)


# The default language (the one at the site root).
def default(config) -> str:
    return next(locale for locale, folder in built(config) if not folder)


# Path of a page of the site in a language, relative to the site root:
# page_path(config, "fiches", "en") == "en/fiches/".
def page_path(config, page: str, lang: str) -> str:
    folder = prefix(config, lang)
    if folder is None:
        raise ValueError(f"language '{lang}' is not built")
    return f"{folder}{page}/" if page else folder


# A page's path without its language folder or trailing slash ("" for home).
def page_root(config, page) -> str:
    return page.url.removeprefix(prefix(config, page.file.locale) or "").rstrip("/")


# The Markdown file of a page in a language (docs_structure: suffix, the
# default language without one): source_file(config, "index.md", "en") == "index.en.md".
def source_file(config, src_uri: str, lang: str) -> str:
    stem = src_uri.removesuffix(".md")
    for locale, _ in built(config):
        stem = stem.removesuffix(f".{locale}")
    return f"{stem}.md" if lang == default(config) else f"{stem}.{lang}.md"


# The file a page path is built to: itself with directory URLs, else its
# .html file (the offline copy, opened from disk, has no directory URLs).
def local_file(config, path: str) -> str:
    if config.use_directory_urls or not (path == "" or path.endswith("/")):
        return path
    lang = language_of(config, path)
    folder = prefix(config, lang) or ""
    page = path.removeprefix(folder).rstrip("/")
    if page == "" or (Path(config.docs_dir) / page / "index.md").is_file():
        return f"{folder}{page}/index.html".replace("//", "/").lstrip("/")
    return f"{folder}{page}.html"


# -----------------------------------------------------------------------------
# Addresses
# -----------------------------------------------------------------------------


# The absolute public address of a site path, or None when the build does not
# know the site's address (no SITE_URL): then nothing absolute is made up.
def public_address(config, path: str, anchor: str | None = None) -> str | None:
    if not config.site_url:
        return None
    return urljoin(config.site_url, path) + (f"#{anchor}" if anchor else "")


# A site path as people read it on paper and in citations: its public address,
# or, when that is unknown, the path itself (never a placeholder host).
def shown_address(config, path: str, anchor: str | None = None) -> str:
    return public_address(config, path, anchor) or (path or "./") + (f"#{anchor}" if anchor else "")


# -----------------------------------------------------------------------------
# Links to the other language
# -----------------------------------------------------------------------------

# A Markdown link to another language's source: gestion-gouvernance.en.md#gestion
# (the French source of a page is named page.fr.md in such a link).
CROSS_LINK = re.compile(r"\]\(((?:[\w-]+/)*[\w-]+)\.([a-z]{2})\.md(#[\w.-]+)?\)")
PLACEHOLDER = "kit-language:"

# Links waiting for their anchors to be checked once every language is built, and
# links to a missing source, reported with them (every broken link in one build).
_pending: list[tuple[str, str, str]] = []
_missing: list[str] = []


# Point links to another language's source at its page; MkDocs cannot, since
# each language builds alone. A missing source and a missing anchor are reported
# by check_cross_links once every language is built, and stop the build there.
def cross_links(markdown: str, page, config) -> str:
    def replace(match: re.Match) -> str:
        stem, lang, anchor = match.group(1), match.group(2), match.group(3) or ""
        folder = prefix(config, lang)
        if folder is None or lang == page.file.locale:
            return match.group(0)
        source = f"{stem}.md" if not folder else f"{stem}.{lang}.md"
        page_name = stem.removesuffix("index").rstrip("/")
        target = page_path(config, page_name, lang)
        if (Path(config.docs_dir) / source).is_file():
            _pending.append((page.file.src_uri, target, anchor.lstrip("#")))
        else:
            _missing.append(f"docs/{page.file.src_uri}: link to '{match.group(1)}.{lang}.md{anchor}': "
                            f"docs/{source} does not exist")
        return f"]({PLACEHOLDER}{target}{anchor})"

    return CROSS_LINK.sub(replace, markdown)


# Turn the placeholders left by cross_links into addresses relative to the page.
def cross_link_addresses(html: str, page, config) -> str:
    def replace(match: re.Match) -> str:
        target, anchor = match.group(1), match.group(2) or ""
        return f'href="{get_relative_url(local_file(config, target), page.url)}{anchor}"'

    return re.sub(rf'href="{PLACEHOLDER}([^"#]*)(#[^"]*)?"', replace, html)


# Fail the build when a link to another language names a missing page or anchor.
def check_cross_links(config) -> None:
    broken = list(dict.fromkeys(_missing))
    _missing.clear()
    for source, target, anchor in _pending:
        path = Path(config.site_dir) / local_file(config, target)
        path = path / "index.html" if path.is_dir() else path
        html = path.read_text(encoding="utf-8") if path.is_file() else ""
        if anchor and f'id="{anchor}"' not in html:
            broken.append(f"docs/{source}: link to {target}#{anchor}: no such anchor")
    _pending.clear()
    if broken:
        raise PluginError("\n".join(broken))
