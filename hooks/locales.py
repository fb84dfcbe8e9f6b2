"""The languages the i18n plugin builds, and when it has built them all.

Not a hook itself: the hooks that work on the whole site after the last
language (sitemap, search indexes, PDFs, structured data, offline zip) and
those that need each language's folder import it.
"""

from __future__ import annotations

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
