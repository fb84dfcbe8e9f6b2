"""French typography wherever a page's text is French (rules: kitlib/typography.py).

French pages get it, except in their English fragments; English pages get it
in their French fragments (lang="fr"); so does the theme's 404 page.
"""

from __future__ import annotations

from kitlib import typography

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Typeset every page by its language and its fragments' languages.
def on_post_page(output: str, page, config) -> str:
    return typography.typeset_html(output, getattr(page.file, "locale", config.theme["language"]))


# The theme's own pages (404.html), in the language being built.
def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output
    return typography.typeset_html(output, config.theme["language"])
