"""The languages the i18n plugin builds, their folders, and page paths.

French is at the site root and English under en/: this module is the one
place that says so (from the i18n plugin's configuration), and the one place
that turns a page into its path, file and address.
"""

from __future__ import annotations

from pathlib import Path

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
