"""The offline copy: the whole site in a zip that works opened from disk.

The main build runs a second build in a subprocess (KIT_OFFLINE=true, with
Material's offline plugin switched on, which turns directory URLs off),
copies the PDFs into it and writes gestion-gouvernance-hors-ligne.zip at
the site root. The public URLs of the main build do not change.

In the offline build itself, pages are rewritten for file:// (offline_html):
ES modules become classic scripts (bundle), the head alternates (the theme
would fetch sitemaps) and the link to the zip are dropped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

OFFLINE = os.environ.get("KIT_OFFLINE") == "true"
ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
ENTRIES = ("site", "checklist", "synthesis")
SHIM = "assets/javascripts/offline/iframe-worker.js"
ZIP = "gestion-gouvernance-hors-ligne.zip"
FOLDER = "gestion-gouvernance"

MODULE_TAG = re.compile(
    r'<script (?:src="([^"]+)\.js" type="module"|type="module" src="([^"]+)\.js")></script>'
)
HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[a-z]{2}">')
DOWNLOAD = re.compile(r'<p class="kit-download">.*?</p>', re.S)
# A hand-written relative link to a directory URL ("../en/gestion-gouvernance/#gestion").
DIRECTORY_LINK = re.compile(r'href="((?:\.\./)*)((?:[a-z0-9-]+/)+)(#[^"]*)?"')
IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"\./([\w-]+)\.js";[ \t]*$', re.M)
EXPORT = re.compile(r"^export\s+(?=(?:async\s+)?(?:function|class|const|let)\b)", re.M)
EXPORT_NAME = re.compile(r"^export\s+(?:async\s+)?(?:function\*?|class|const|let)\s+([A-Za-z_$][\w$]*)", re.M)

# -----------------------------------------------------------------------------
# Offline pages and scripts
# -----------------------------------------------------------------------------


# The page as the offline copy serves it.
def offline_html(html: str, shallower: bool = False) -> str:
    html = MODULE_TAG.sub(lambda m: f'<script src="{m.group(1) or m.group(2)}.bundle.js"></script>', html)
    html = HEAD_ALTERNATE.sub("", html)
    html = DIRECTORY_LINK.sub(lambda match: _file_link(match, shallower), html)
    return DOWNLOAD.sub("", html)


# The .html file a directory URL stands for, from the docs folder's layout.
def _file_link(match: re.Match, shallower: bool) -> str:
    up, path, anchor = match.group(1), match.group(2), match.group(3) or ""
    if shallower:
        up = up.removeprefix("../")
    page = path.removeprefix("en/").rstrip("/")
    if (ROOT / "docs" / page / "index.md").is_file():
        target = f"{path}index.html"
    elif (ROOT / "docs" / f"{page}.md").is_file():
        target = f"{path.rstrip('/')}.html"
    else:
        return match.group(0)
    return f'href="{up}{target}{anchor}"'


# One of our ES modules with its imports, as a classic script.
def bundle(entry: str) -> str:
    modules: dict[str, str] = {}

    def visit(name: str) -> None:
        if name in modules:
            return
        source = SCRIPTS / f"{name}.js"
        if not source.is_file():
            raise PluginError(f"kitlib/offline.py: {source} is imported but does not exist")
        code = source.read_text(encoding="utf-8")
        for match in IMPORT.finditer(code):
            visit(match.group(2))
        modules[name] = code

    visit(entry)
    parts = []
    for name, code in modules.items():
        body = IMPORT.sub(lambda m: f"const {{{m.group(1)}}} = {_variable(m.group(2))};", code)
        body = EXPORT.sub("", body)
        if name == entry:
            parts.append(f"(() => {{\n{body}\n}})();")
        else:
            names = ", ".join(EXPORT_NAME.findall(code))
            parts.append(f"const {_variable(name)} = (() => {{\n{body}\nreturn {{ {names} }};\n}})();")
    return '"use strict";\n(() => {\n' + "\n".join(parts) + "\n})();\n"


def _variable(module: str) -> str:
    return "__" + module.replace("-", "_")


# Build the offline copy in a subprocess, add the PDFs, zip it into the site.
def write_zip(config, site: Path) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / FOLDER
        env = {**os.environ, "KIT_OFFLINE": "true", "KIT_DOWNLOADS": "0", "SITE_URL": config.site_url or ""}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(copy),
             "--config-file", str(config.config_file_path)],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise PluginError(f"kitlib/offline.py: the offline build failed:\n{result.stderr[-3000:]}")
        for pdf_folder in site.glob("**/fiches/pdf"):
            shutil.copytree(pdf_folder, copy / pdf_folder.relative_to(site), dirs_exist_ok=True)
        target = site / ZIP
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(copy.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(folder).as_posix())
    return target
