"""Measure this site against a vanilla Material build of the same Markdown.

Prints, from one run on this machine:
- `mkdocs build` median time, ours (--strict) and vanilla (no hooks, no
  overrides, Material's default Google font), and the ratio;
- one `mkdocs serve` rebuild (median of three), ours and vanilla;
- first-load bytes (gzip) of each page type in both languages, everything the
  page fetches by itself until the network is idle, by resource type, ours
  and vanilla, and the ratio; our own CSS+JS per page;
- time from the first keystroke to the first search results on a cold page,
  with Lighthouse's mobile CPU slowdown (4x), ours and vanilla;
- Lighthouse scores (npm lighthouse@12.2.3 with Debian's Chromium) for each
  page type in both languages, mobile and desktop, on the build made without
  SITE_URL and on one made with it.

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
PAGES = {"home": "", "reference": "gestion-gouvernance/", "worksheet": "fiches/echange-1/",
         "self-assessment": "auto-evaluation/", "synthesis": "synthese/"}
LANGUAGES = (("fr", ""), ("en", "en/"))
QUERY = {"fr": "gouvernance", "en": "governance"}
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
# Without site_url, the build a newcomer makes (no SITE_URL in the environment).
def build(project: Path, target: Path, site_url: str | None, pdfs: bool = False) -> tuple[float, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KIT_DOWNLOADS": "1" if pdfs else "0"}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    start = time.perf_counter()
    result = subprocess.run(
        # The vanilla build is not strict: the Markdown links across languages
        # ("page.en.md") that our hooks resolve are warnings there.
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if project == ROOT else []),
         "--site-dir", str(target)],
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
# mkdocs serve: one rebuild after a page changes
# -----------------------------------------------------------------------------


# A copy of this project to serve, so that its pages can be rewritten.
def project_copy() -> Path:
    copy = Path(tempfile.mkdtemp(prefix="ours-")) / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "site", "out", "node_modules",
                                                               ".pytest_cache", "__pycache__"))
    return copy


# Say why a serve measure gave no figure: the last lines mkdocs wrote.
def failed(project: Path, lines: list[tuple[float, str]]) -> None:
    print(f"  mkdocs serve in {project} gave no rebuild time; its last lines:",
          *(line.rstrip() for _, line in lines[-15:]), sep="\n    ")
    return None


# Start `mkdocs serve`, rewrite a page `times` times; return the median rebuild
# seconds, from "Building documentation..." to "Reloading browsers" as the lines
# arrive. mkdocs's own "Documentation built in N seconds" is not used: with the
# i18n plugin it is left out of some rebuilds.
def serve_rebuild(project: Path, page: Path, times: int = 3) -> float | None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("SITE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{free_port()}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    lines: list[tuple[float, str]] = []

    def read() -> None:
        for line in process.stderr:
            lines.append((time.monotonic(), line))

    threading.Thread(target=read, daemon=True).start()

    def rebuilds() -> list[float]:
        seconds, started = [], None
        for at, line in list(lines):
            if "Building documentation..." in line:
                started = at
            elif "Reloading browsers" in line and started is not None:
                seconds.append(at - started)
                started = None
        return seconds

    def wait(test) -> bool:
        deadline = time.monotonic() + 120
        while not test() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        return test()

    try:
        if not wait(lambda: any("Serving on" in line for _, line in lines)):
            return failed(project, lines)
        for n in range(times):
            time.sleep(1.5)  # past the watcher's debounce
            page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            if not wait(lambda: len(rebuilds()) >= n + 1):
                return failed(project, lines)
        return statistics.median(rebuilds())
    finally:
        process.terminate()
        process.wait(timeout=30)


# -----------------------------------------------------------------------------
# First search results after the first keystroke, 4x CPU slowdown, cold page
# -----------------------------------------------------------------------------

WATCH_RESULTS = """() => {
  window.__search = {};
  addEventListener("keydown", () => { window.__search.key ??= performance.now(); }, true);
  const list = document.querySelector(".md-search-result__list");
  new MutationObserver((changes, observer) => {
    if (list.querySelector(".md-search-result__item")) {
      window.__search.results = performance.now();
      observer.disconnect();
    }
  }).observe(list, { childList: true, subtree: true });
}"""


# Open a page in a fresh context, wait until it is idle, press "/" (the first
# keystroke: it opens search) and type the query at 100 ms a key; return the
# milliseconds from that first keystroke to the first result on screen.
def first_results(browser, url: str, query: str) -> float | None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.evaluate(WATCH_RESULTS)
        page.keyboard.press("/")
        page.keyboard.type(query, delay=100)
        page.wait_for_function("() => window.__search.results", timeout=30_000)
        timing = page.evaluate("window.__search")
        return timing["results"] - timing["key"]
    except Exception:  # noqa: BLE001 - reported as "no result"
        return None
    finally:
        context.close()


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


def ratio(ours: float | None, theirs: float | None) -> str:
    return f"{ours / theirs:.2f}x" if ours and theirs else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-lighthouse", action="store_true")
    options = parser.parse_args()
    results: dict = {"date": time.strftime("%Y-%m-%d"), "runs": options.runs}

    ours_port, default_port, vanilla_port = free_port(), free_port(), free_port()
    ours_url, vanilla_url = f"http://127.0.0.1:{ours_port}/", f"http://127.0.0.1:{vanilla_port}/"
    default_url = f"http://127.0.0.1:{default_port}/"
    vanilla = vanilla_project(vanilla_url)
    ours_site, vanilla_site = Path(tempfile.mkdtemp()) / "site", Path(tempfile.mkdtemp()) / "site"
    default_site = Path(tempfile.mkdtemp()) / "site"

    times = {"ours": [], "vanilla": []}
    for _ in range(options.runs):
        times["ours"].append(build(ROOT, ours_site, ours_url)[0])
        times["vanilla"].append(build(vanilla, vanilla_site, vanilla_url)[0])
    ours_time, vanilla_time = (statistics.median(times[k]) for k in ("ours", "vanilla"))
    with_pdfs, log = build(ROOT, ours_site, ours_url, pdfs=True)
    build(ROOT, default_site, None)
    made = re.search(r"Made (\d+) worksheet PDFs in ([\d.]+) seconds", log)
    offline = re.search(r"Made the offline copy (\S+) \((\d+) KB\)", log)
    results["build"] = {"ours": ours_time, "vanilla": vanilla_time, "with_downloads": with_pdfs}
    print(f"Build (mkdocs build --strict, median of {options.runs}; downloads off: KIT_DOWNLOADS=0, as in mkdocs serve)")
    print(f"  ours     {ours_time:.2f} s")
    print(f"  vanilla  {vanilla_time:.2f} s")
    print(f"  ratio    {ours_time / vanilla_time:.2f}x   (budget <= 1.30x)")
    print(f"  PDFs     {made.group(1)} files in {float(made.group(2)):.2f} s" if made else "  PDFs     not made")
    print(f"  offline  {offline.group(1)}, {offline.group(2)} KB" if offline else "  offline  not made")
    print(f"  whole build with the downloads (PDFs and offline zip): {with_pdfs:.2f} s")

    page = "gestion-gouvernance.md"
    copy = project_copy()
    ours_serve, vanilla_serve = serve_rebuild(copy, copy / "docs" / page), serve_rebuild(vanilla, vanilla / "docs" / page)
    shutil.rmtree(copy, ignore_errors=True)
    results["serve"] = {"ours": ours_serve, "vanilla": vanilla_serve}
    print(f"\nmkdocs serve, one rebuild after docs/{page} changes (median of 3, as mkdocs reports it)")
    print(f"  ours     {ours_serve:.2f} s" if ours_serve else "  ours     failed")
    print(f"  vanilla  {vanilla_serve:.2f} s" if vanilla_serve else "  vanilla  failed")
    print(f"  ratio    {ratio(ours_serve, vanilla_serve)}   (budget <= 1.20x)")

    from playwright.sync_api import sync_playwright

    servers = [serve(ours_site, ours_port)[0], serve(vanilla_site, vanilla_port)[0],
               serve(default_site, default_port)[0]]
    font = google_font_bytes()
    results["first_load"] = {}
    print("\nFirst load, gzip bytes, until the network is idle (vanilla includes Material's default Google font"
          + (f": {kb(font)} from @fontsource/roboto{{,-mono}} latin 400/700 + stylesheet)" if font else ": unavailable)"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for name, path in PAGES.items():
            for lang, prefix in LANGUAGES:
                ours, own = first_load(browser, ours_url + prefix + path, ours_site, ours_url)
                theirs, _ = first_load(browser, vanilla_url + prefix + path, vanilla_site, vanilla_url)
                if font:
                    theirs["fonts"] = theirs.get("fonts", 0) + font
                total_ours, total_theirs = sum(ours.values()), sum(theirs.values())
                results["first_load"][f"{name} {lang}"] = {"ours": total_ours, "vanilla": total_theirs, "own": own,
                                                          "by_type": {"ours": ours, "vanilla": theirs}}
                kinds = sorted(set(ours) | set(theirs))
                detail = ", ".join(f"{k} {kb(ours.get(k, 0))}/{kb(theirs.get(k, 0))}" for k in kinds)
                print(f"  {name:15} {lang}  ours {kb(total_ours):>9}  vanilla {kb(total_theirs):>9}  "
                      f"ratio {total_ours / total_theirs:.2f}x (budget <= 0.50x)  own CSS+JS {kb(own)} (budget <= 10 KB)")
                print(f"                     by type ours/vanilla: {detail}")

        results["first_results"] = {}
        print("\nFirst search results after the first keystroke, cold page, CPU slowed 4x (median of 3)")
        for name in ("home", "reference"):
            for lang, prefix in LANGUAGES:
                measured = {}
                for who, base in (("ours", ours_url), ("vanilla", vanilla_url)):
                    runs = [first_results(browser, base + prefix + PAGES[name], QUERY[lang]) for _ in range(3)]
                    runs = [r for r in runs if r is not None]
                    measured[who] = statistics.median(runs) if runs else None
                results["first_results"][f"{name} {lang}"] = measured
                shown = "  ".join(f"{who} {f'{v:.0f} ms' if v is not None else 'failed':>8}" for who, v in measured.items())
                print(f"  {name:15} {lang}  {shown}   (budget <= 500 ms)")
        browser.close()

    if not options.no_lighthouse:
        command = lighthouse_command()
        results["lighthouse"] = {}
        print("\nLighthouse 12.2.3 (performance / accessibility / best practices / SEO)")
        if command is None:
            print("  unavailable: npm could not install lighthouse")
        else:
            for label, base in (("default build (no SITE_URL)", default_url), ("SITE_URL build", ours_url)):
                print(f"  {label}")
                for name, path in PAGES.items():
                    for lang, prefix in LANGUAGES:
                        for form, desktop in (("mobile", False), ("desktop", True)):
                            scores = lighthouse(command, base + prefix + path, desktop)
                            values = [scores[k] for k in ("performance", "accessibility", "best-practices", "seo")]
                            results["lighthouse"][f"{label} | {name} {lang} {form}"] = values
                            print(f"    {name:15} {lang} {form:7}  {' / '.join(map(str, values))}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\nAll figures: {OUT / 'results.json'}")
    for server in servers:
        server.shutdown()
    shutil.rmtree(vanilla, ignore_errors=True)


if __name__ == "__main__":
    main()
