"""Kit content in pages: stubs named in front matter, markers in Markdown.

The table of what goes where, with its templates and context builders, is
kitlib/content.py; this hook only calls it at the right events.
"""

from __future__ import annotations

from kitlib import content, kit

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Validate the data and the worksheet stubs once per build, so bad data fails early.
def on_config(config):
    kit.load()
    content.check_worksheet_stubs(config)
    return config


# Fill the markers; a worksheet stub takes its worksheet's title and no body.
def on_page_markdown(markdown: str, page, config, files) -> str:
    title = content.stub_title(page)
    if title is not None:
        page.meta["title"] = title
        return ""
    return content.fill_markers(markdown, page, config)


# Fill a stub after Markdown: in place of its body, or after it.
def on_page_content(html: str, page, config, files) -> str | None:
    asked = content.stub(page)
    if asked is None:
        return None
    _, value, filling = asked
    content.add_toc(page, filling)
    addition = content.render(config, page, filling, value)
    return addition if filling.replaces else f"{html}\n{addition}\n"
