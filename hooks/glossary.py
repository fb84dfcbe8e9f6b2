"""Abbreviations glossary: appends content/abbreviations.<lang>.md to every page.

The abbr extension then marks CSMO-ÉSAC, CA and the others with their
expansion, in the page's language (pymdownx.snippets includes the file).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

CONTENT = Path(__file__).resolve().parent.parent / "content"

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Append the glossary of the page's language as a snippet.
def on_page_markdown(markdown: str, page, config, files) -> str:
    name = f"abbreviations.{page.file.locale}.md"
    if not (CONTENT / name).is_file():
        raise PluginError(f"hooks/glossary.py: {page.file.src_uri}: missing content/{name}")
    return f'{markdown}\n\n--8<-- "{name}"\n'
