"""Shared fixtures: one strict build of the site, a local server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))  # the library the hooks import: kitlib

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Build the site into a folder with `mkdocs build --strict`; return the folder.
def build_site(target: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


# Build a copy of the project with some files changed ({relative path: text});
# return the completed `mkdocs build --strict` and the site folder.
def build_changed_copy(tmp_path: Path, changes: dict[str, str | None], env: dict[str, str] | None = None):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns("site", ".venv", ".git", "__pycache__", "out"))
    for relative, text in changes.items():
        if text is None:
            (project / relative).unlink()
        else:
            (project / relative).write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KIT_DOWNLOADS": "0", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=environment, capture_output=True, text=True,
    )
    return result, site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; answers missing files with the site's 404 page."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


# Serve a folder on a free loopback port; return (server, base URL).
def serve(folder: Path):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The site built --strict for the address it is served at, and that address."""
    target = tmp_path_factory.mktemp("site")
    server, url = serve(target)
    result = build_site(target, env={"SITE_URL": url})
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    yield target, url
    server.shutdown()


# The other ways people build and open the site, each built once per run:
# "default": `mkdocs build` without SITE_URL, served at the root of one origin;
# "sub-folder": the same build served under /trousse/;
# "staging": a SITE_URL build served from another origin than its SITE_URL;
# "serve": `mkdocs serve`, on a free port.
STAGING_URL = "https://gestion-gouvernance.example.net/trousse/"


@pytest.fixture(scope="session")
def default_site(tmp_path_factory) -> Path:
    """`mkdocs build --strict` without SITE_URL (as a newcomer builds it)."""
    target = tmp_path_factory.mktemp("default") / "trousse"
    result = build_site(target, env={"SITE_URL": ""})
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return target


@pytest.fixture(scope="session")
def staging_site(tmp_path_factory) -> Path:
    """A SITE_URL build, to be served from another origin (a staging copy)."""
    target = tmp_path_factory.mktemp("staging")
    result = build_site(target, env={"SITE_URL": STAGING_URL, "KIT_DOWNLOADS": "0"})
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return target


# Run `mkdocs serve` on a free port until the session ends; return its address.
@pytest.fixture(scope="session")
def serve_url():
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "en/", timeout=2)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"mkdocs serve stopped:\n{process.stderr.read()[-3000:]}")
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("mkdocs serve did not answer in 120 s")
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def builds(served_site, default_site, staging_site, serve_url):
    """Each way of building and opening the site: name → (site folder, address opened)."""
    default_server, default_url = serve(default_site)
    folder_server, folder_url = serve(default_site.parent)
    staging_server, staging_url = serve(staging_site)
    yield {
        "published": served_site,
        "default": (default_site, default_url),
        "sub-folder": (default_site, folder_url + default_site.name + "/"),
        "staging": (staging_site, staging_url),
        "serve": (default_site, serve_url),
    }
    for server in (default_server, folder_server, staging_server):
        server.shutdown()


# One build from a changed copy of data/kit.yml, for the tests that change the data: HTML in
# texts of the first exchange, the roles, the references, the packet and a label
# (tests/test_escaping.py), and a new first prompt in the second exchange (tests/test_worksheets.py).
TAG = "<b>x</b>"
NEW_PROMPT = "Quelle nouvelle piste de réflexion voulez-vous ajouter aujourd'hui"


@pytest.fixture(scope="session")
def changed_data_site(tmp_path_factory) -> Path:
    """The site and its PDFs built from the changed data (no offline zip: nothing reads it)."""
    import yaml

    data = yaml.safe_load((ROOT / "data/kit.yml").read_text(encoding="utf-8"))
    exchange = data["exchanges"][0]
    texts = [exchange["title"], exchange["prompts"][0]["text"], data["references"][0]["reminder"],
             data["roles"][0]["label"], data["roles"][0]["short"], data["packet"]["title"], data["labels"]["prompts"]]
    for text in texts:
        for lang in text:
            text[lang] = f"{text[lang]} {TAG}"
    data["exchanges"][1]["prompts"][0]["text"]["fr"] = NEW_PROMPT + "?"
    folder = tmp_path_factory.mktemp("changed-kit")
    (folder / "kit.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_site(folder / "site", env={"KIT_DATA": str(folder / "kit.yml"), "KIT_DOWNLOADS": "pdf"})
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.fixture(scope="session")
def site(served_site) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def base_url(served_site) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class PageWatch:
    """What a page did: console errors, page errors, requests, failed requests."""

    def __init__(self, page):
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        self.failed: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on(
            "response",
            lambda r: r.status >= 400 and self.failed.append(f"{r.url} (HTTP {r.status})"),
        )

    def problems(self) -> list[str]:
        return self.console_errors + self.page_errors + self.failed


@pytest.fixture
def context(browser):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.watch = PageWatch(page)
    return page
