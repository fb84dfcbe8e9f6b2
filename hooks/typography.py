"""French typography on French pages (the rules: kitlib/typography.py)."""

from __future__ import annotations

from kitlib import typography

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Apply French typography to French pages.
def on_post_page(output: str, page, config) -> str:
    if getattr(page.file, "locale", config.theme["language"]) != "fr":
        return output
    return typography.french(output)
