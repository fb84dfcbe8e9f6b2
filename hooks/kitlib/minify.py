"""The site's own stylesheets and scripts, made smaller for the published site.

Comments and indentation are for the people who read the sources in
overrides/assets/; the published copies leave them out (a third of their
weight on an old phone). Only what is certain to keep its meaning is removed:
in CSS, comments and white space next to punctuation; in JavaScript, lines
that are only a comment, blank lines and indentation (no line is joined, no
string or expression is touched; a template literal spanning lines would be,
so one fails the build).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

ASSETS = Path(__file__).resolve().parents[2] / "overrides" / "assets"

CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_SPACE = re.compile(r"\s+")
CSS_PUNCTUATION = re.compile(r"\s*([{};,>])\s*")
CSS_STRING = re.compile(r"\"[^\"]*\"|'[^']*'")
JS_TEMPLATE = re.compile(r"`(?:[^`\\$]|\\.|\$(?!\{)|\$\{[^}]*\})*`", re.S)

# -----------------------------------------------------------------------------
# Minifying
# -----------------------------------------------------------------------------


# Our own stylesheets and scripts, as paths relative to overrides/ (and so to
# the site): assets/stylesheets/site.css… Vendored files are left as they are.
def own_assets() -> list[str]:
    return sorted(
        str(path.relative_to(ASSETS.parent))
        for folder in ("stylesheets", "javascripts")
        for path in (ASSETS / folder).rglob("*")
        if path.suffix in (".css", ".js") and "vendor" not in path.parts
    )


# A stylesheet without comments and with no space that means nothing.
def css(text: str) -> str:
    text = CSS_COMMENT.sub("", text)
    strings: list[str] = []

    def keep(match: re.Match) -> str:
        strings.append(match.group(0))
        return f"\0{len(strings) - 1}\0"

    text = CSS_SPACE.sub(" ", CSS_STRING.sub(keep, text))
    text = CSS_PUNCTUATION.sub(r"\1", text).replace(";}", "}")
    return re.sub(r"\0(\d+)\0", lambda match: strings[int(match.group(1))], text).strip() + "\n"


# A script without comment lines, blank lines or indentation.
def js(text: str, name: str = "") -> str:
    for literal in JS_TEMPLATE.finditer(text):
        if "\n" in re.sub(r"\$\{[^}]*\}", "", literal.group(0)):
            raise PluginError(f"kitlib/minify.py: {name}: a template literal spans lines; it would lose its indentation")
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


# Rewrite the site's copies of our own stylesheets and scripts.
def site_assets(site: Path) -> int:
    saved = 0
    for relative in own_assets():
        target = site / relative
        if not target.is_file():
            continue
        text = target.read_text(encoding="utf-8")
        smaller = css(text) if target.suffix == ".css" else js(text, relative)
        saved += len(text.encode()) - len(smaller.encode())
        target.write_text(smaller, encoding="utf-8")
    return saved
