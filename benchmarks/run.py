"""Measure this site against a vanilla Material build of the same Markdown.

Prints, from one run on this machine:
- `mkdocs build --strict` median time, ours and vanilla (no hooks, no
  overrides, Material's default Google font), and the ratio;
- first-load bytes (gzip) of the home and reference pages by resource type,
  ours and vanilla, and the ratio; our own CSS+JS per page;
- Lighthouse scores (npm lighthouse@12.2.3 with Debian's Chromium) for the
  home and reference pages in both languages, mobile and desktop.

Usage: python benchmarks/run.py [--runs N] [--no-lighthouse]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = "lighthouse@12.2.3"
PAGES = {"home": "", "reference": "gestion-gouvernance/"}
OWN_ASSETS = {p.relative_to(ROOT / "overrides").as_posix()
              for p in (ROOT / "overrides" / "assets").rglob("*") if p.suffix in (".css", ".js")}
TEXT_TYPES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", "/")

VANILLA_CONFIG = """\
site_name: Gestion et/ou gouvernance
site_url: {site_url}
theme:
  name: material
  language: fr
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - {{locale: fr, name: Français, default: true, build: true}}
        - {{locale: en, name: English, build: true}}
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
"""


# -----------------------------------------------------------------------------
# Builds
# -----------------------------------------------------------------------------


# Write a vanilla Material project over the same docs/; return its folder.
def vanilla_project(site_url: str) -> Path:
    project = Path(tempfile.mkdtemp(prefix="vanilla-"))
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "mkdocs.yml").write_text(VANILLA_CONFIG.format(site_url=site_url), encoding="utf-8")
    return project


# Build a project once into a folder; return the seconds it took and its log.
def build(project: Path, target: Path, site_url: str, pdfs: bool = False) -> tuple[float, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, "KIT_DOWNLOADS": "1" if pdfs else "0"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=project, env=env, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{result.stderr}")
    return elapsed, result.stderr


# -----------------------------------------------------------------------------
# Serving, as a static host would: gzip for text, long cache for assets
# -----------------------------------------------------------------------------


class StaticHost(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path) or not path.endswith(TEXT_TYPES):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "public, max-age=31536000" if "/assets/" in path else "no-cache")
        self.end_headers()
        import io
        return io.BytesIO(body)


def serve(folder: Path, port: int = 0):
    handler = functools.partial(StaticHost, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def free_port() -> int:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()
    return port


# -----------------------------------------------------------------------------
# First-load bytes
# -----------------------------------------------------------------------------


# Load a page in Chromium; return {resource type: gzip bytes} and own CSS+JS bytes.
def first_load(browser, url: str, site: Path, base: str) -> tuple[dict[str, int], int]:
    context = browser.new_context()
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append((r.url, r.resource_type)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    by_type: dict[str, int] = {}
    own = 0
    for address, kind in dict.fromkeys(seen):
        if not address.startswith(base):
            continue  # a third-party request (blocked here): counted separately
        relative = urlsplit(address).path.lstrip("/")
        file = site / relative
        if file.is_dir() or relative == "" or relative.endswith("/"):
            file = file / "index.html"
        if not file.is_file():
            continue
        data = file.read_bytes()
        size = len(gzip.compress(data, 9)) if file.name.endswith(TEXT_TYPES) else len(data)
        kind = {"document": "html", "stylesheet": "css", "script": "js", "font": "fonts",
                "image": "images"}.get(kind, "other (index, sitemap)")
        by_type[kind] = by_type.get(kind, 0) + size
        if relative in OWN_ASSETS:
            own += size
    return by_type, own


# Bytes of Material's default Google font as a French page uses it (latin,
# Roboto 400 and 700, Roboto Mono 400), from the @fontsource npm packages.
def google_font_bytes() -> int | None:
    files = {"@fontsource/roboto": ["roboto-latin-400-normal.woff2", "roboto-latin-700-normal.woff2"],
             "@fontsource/roboto-mono": ["roboto-mono-latin-400-normal.woff2"]}
    total = 0
    OUT.mkdir(parents=True, exist_ok=True)
    for package, names in files.items():
        result = subprocess.run(["npm", "pack", package, "--silent"], cwd=OUT, capture_output=True, text=True)
        if result.returncode != 0:
            return None
        with tarfile.open(OUT / result.stdout.strip().splitlines()[-1]) as archive:
            for name in names:
                total += archive.getmember(f"package/files/{name}").size
    return total + 1200  # the Google Fonts stylesheet itself, gzip (approximate)


# -----------------------------------------------------------------------------
# Lighthouse
# -----------------------------------------------------------------------------


def lighthouse_command() -> list[str] | None:
    local = OUT / "node_modules" / ".bin" / "lighthouse"
    if not local.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", LIGHTHOUSE],
                                cwd=OUT, capture_output=True, text=True)
        if result.returncode != 0:
            return None
    return [str(local)]


def lighthouse(command: list[str], url: str, desktop: bool) -> dict[str, int]:
    report = OUT / "lighthouse.json"
    args = command + [url, "--quiet", "--output", "json", "--output-path", str(report),
                      "--chrome-flags=--headless --no-sandbox --disable-gpu"]
    if desktop:
        args.append("--preset=desktop")
    subprocess.run(args, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, check=True)
    categories = json.loads(report.read_text())["categories"]
    return {name: round(category["score"] * 100) for name, category in categories.items()}


# -----------------------------------------------------------------------------
# Report
# -----------------------------------------------------------------------------


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-lighthouse", action="store_true")
    options = parser.parse_args()

    ours_port, vanilla_port = free_port(), free_port()
    ours_url, vanilla_url = f"http://127.0.0.1:{ours_port}/", f"http://127.0.0.1:{vanilla_port}/"
    vanilla = vanilla_project(vanilla_url)
    ours_site, vanilla_site = Path(tempfile.mkdtemp()) / "site", Path(tempfile.mkdtemp()) / "site"

    times = {"ours": [], "vanilla": []}
    for _ in range(options.runs):
        times["ours"].append(build(ROOT, ours_site, ours_url)[0])
        times["vanilla"].append(build(vanilla, vanilla_site, vanilla_url)[0])
    ours_time, vanilla_time = (statistics.median(times[k]) for k in ("ours", "vanilla"))
    with_pdfs, log = build(ROOT, ours_site, ours_url, pdfs=True)
    made = re.search(r"Made (\d+) worksheet PDFs in ([\d.]+) seconds", log)
    offline = re.search(r"Made the offline copy (\S+) \((\d+) KB\)", log)
    print(f"Build (mkdocs build --strict, median of {options.runs}; downloads off: KIT_DOWNLOADS=0, as in mkdocs serve)")
    print(f"  ours     {ours_time:.2f} s")
    print(f"  vanilla  {vanilla_time:.2f} s")
    print(f"  ratio    {ours_time / vanilla_time:.2f}x   (budget <= 1.30x)")
    print(f"  PDFs     {made.group(1)} files in {float(made.group(2)):.2f} s" if made else "  PDFs     not made")
    print(f"  offline  {offline.group(1)}, {offline.group(2)} KB" if offline else "  offline  not made")
    print(f"  whole build with the downloads (PDFs and offline zip): {with_pdfs:.2f} s")

    from playwright.sync_api import sync_playwright

    servers = [serve(ours_site, ours_port)[0], serve(vanilla_site, vanilla_port)[0]]
    font = google_font_bytes()
    print("\nFirst load, gzip bytes (vanilla includes Material's default Google font"
          + (f": {kb(font)} from @fontsource/roboto{{,-mono}} latin 400/700 + stylesheet)" if font else ": unavailable)"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for name, path in PAGES.items():
            for lang, prefix in (("fr", ""), ("en", "en/")):
                ours, own = first_load(browser, ours_url + prefix + path, ours_site, ours_url)
                theirs, _ = first_load(browser, vanilla_url + prefix + path, vanilla_site, vanilla_url)
                if font:
                    theirs["fonts"] = theirs.get("fonts", 0) + font
                total_ours, total_theirs = sum(ours.values()), sum(theirs.values())
                kinds = sorted(set(ours) | set(theirs))
                detail = ", ".join(f"{k} {kb(ours.get(k, 0))}/{kb(theirs.get(k, 0))}" for k in kinds)
                print(f"  {name:9} {lang}  ours {kb(total_ours):>9}  vanilla {kb(total_theirs):>9}  "
                      f"ratio {total_ours / total_theirs:.2f}x (budget <= 0.55x)  own CSS+JS {kb(own)} (budget <= 10 KB)")
                print(f"               by type ours/vanilla: {detail}")
        browser.close()

    if not options.no_lighthouse:
        command = lighthouse_command()
        print("\nLighthouse 12.2.3 (performance / accessibility / best practices / SEO)")
        if command is None:
            print("  unavailable: npm could not install lighthouse")
        else:
            for name, path in PAGES.items():
                for lang, prefix in (("fr", ""), ("en", "en/")):
                    for form, desktop in (("mobile", False), ("desktop", True)):
                        scores = lighthouse(command, ours_url + prefix + path, desktop)
                        values = " / ".join(str(scores[k]) for k in
                                            ("performance", "accessibility", "best-practices", "seo"))
                        print(f"  {name:9} {lang} {form:7}  {values}")
    for server in servers:
        server.shutdown()
    shutil.rmtree(vanilla, ignore_errors=True)


if __name__ == "__main__":
    main()
