"""Shared fixtures: one strict build of the site, a local server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
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
    # A build that crashes prints where (Python's fault handler), for the test that reports it.
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONFAULTHANDLER": "1", **(env or {})}
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
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONFAULTHANDLER": "1", "KIT_DOWNLOADS": "0", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=environment, capture_output=True, text=True,
    )
    return result, site


# Make some worksheet PDFs into a site folder, in a process of their own, with the code the build
# calls (kitlib.downloads.write_pdf): (language, sheet id, paper) each; return the completed
# process, whose output lists each PDF made, relative to the site folder.
REMAKE_PDFS = """
import sys
from mkdocs.config import load_config
from kitlib import downloads
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
for sheet in sys.argv[2:]:
    lang, sheet_id, paper = sheet.split(":")
    print(downloads.write_pdf(config, lang, sheet_id, paper).relative_to(config.site_dir))
"""


def make_pdfs(site: Path, sheets: list[tuple[str, str, str]], env: dict[str, str] | None = None):
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks"), **(env or {})}
    return subprocess.run([sys.executable, "-c", REMAKE_PDFS, str(site), *(":".join(sheet) for sheet in sheets)],
                          cwd=ROOT, env=environment, capture_output=True, text=True)


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


# -----------------------------------------------------------------------------
# The builds a run shares
# -----------------------------------------------------------------------------
# Each variant of the site is built once per run, by the first test process that needs it,
# behind a file lock; the other processes of the run (pytest-xdist's workers) wait for it and
# read the same folder. The addresses the variants are served at are opened by the process that
# starts the run (pytest itself, or xdist's controller), so they stay the same for every worker
# and answer until the run ends. These are the variants, by the folder each is served from:
# "published": built --strict for the address it is served at (SITE_URL);
# "default": `mkdocs build` without SITE_URL, served at the root of one origin;
# "sub-folder": the same build served under /trousse/;
# "staging": a SITE_URL build served from another origin than its SITE_URL;
# and "serve", `mkdocs serve` on a free port, started by each process that needs it.
STAGING_URL = "https://gestion-gouvernance.example.net/trousse/"
SHARED = "KIT_TEST_BUILDS"
_SHARED_KEY = pytest.StashKey[tuple]()
SERVED_FOLDERS = {"published": "published", "default": "default/trousse", "sub-folder": "default", "staging": "staging"}


# Open the run's folder of shared builds and serve each variant's folder (first process only).
def pytest_configure(config):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return  # a worker: the process that started the run did it, and passed it on
    folder = Path(tempfile.mkdtemp(prefix="kit-test-builds-"))
    servers = []
    for name, relative in SERVED_FOLDERS.items():
        server, url = serve(folder / relative)
        servers.append(server)
        os.environ[_address_variable(name)] = url
    os.environ[SHARED] = str(folder)
    config.stash[_SHARED_KEY] = (folder, servers)


# Close the servers and remove the shared builds at the end of the run.
def pytest_unconfigure(config):
    if _SHARED_KEY not in config.stash:
        return
    folder, servers = config.stash[_SHARED_KEY]
    for server in servers:
        server.shutdown()
        server.server_close()
    shutil.rmtree(folder, ignore_errors=True)


# The environment variable that passes a variant's address on to the workers.
def _address_variable(name: str) -> str:
    return f"{SHARED}_{name.upper().replace('-', '_')}"


# The address a variant is served at, for the whole run.
def served_at(name: str) -> str:
    return os.environ[_address_variable(name)]


# The folder RELATIVE of the run's shared builds, built by BUILD once (by whichever process asks
# first); a failed build is recorded and fails every test that needs it, with its messages.
def built_once(relative: str, build) -> Path:
    import fcntl

    target = Path(os.environ[SHARED]) / relative
    record = _record(relative)
    with open(record.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            result = build(target)
            record.write_text(f"{result.returncode}\n{result.stderr}", encoding="utf-8")
    code, _, messages = record.read_text(encoding="utf-8").partition("\n")
    assert code == "0", f"mkdocs build --strict failed for {relative}:\n{messages}"
    return target


# The file that records a shared build's exit code, then what it printed.
def _record(relative: str) -> Path:
    return Path(os.environ[SHARED]) / f"{relative.replace('/', '-')}.build"


# What the build of a shared variant printed (its standard error), once it is built.
def build_messages(relative: str) -> str:
    return _record(relative).read_text(encoding="utf-8").partition("\n")[2]


# The site built --strict for the address it is served at.
def published_build() -> Path:
    url = served_at("published")
    return built_once(SERVED_FOLDERS["published"], lambda target: build_site(target, env={"SITE_URL": url}))


# `mkdocs build --strict` without SITE_URL (as a newcomer builds it).
def default_build() -> Path:
    return built_once(SERVED_FOLDERS["default"], lambda target: build_site(target, env={"SITE_URL": ""}))


# A SITE_URL build, to be served from another origin (a staging copy).
def staging_build() -> Path:
    return built_once(SERVED_FOLDERS["staging"],
                      lambda target: build_site(target, env={"SITE_URL": STAGING_URL, "KIT_DOWNLOADS": "0"}))


@pytest.fixture(scope="session")
def served_site():
    """The site built --strict for the address it is served at, and that address."""
    return published_build(), served_at("published")


@pytest.fixture(scope="session")
def default_site() -> Path:
    """`mkdocs build --strict` without SITE_URL (as a newcomer builds it)."""
    return default_build()


@pytest.fixture(scope="session")
def staging_site() -> Path:
    """A SITE_URL build, to be served from another origin (a staging copy)."""
    return staging_build()


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
def builds(served_site, default_site, staging_site):
    """Each way of building and opening the site: name → (site folder, address opened).
    `mkdocs serve` is started only for the tests that open it."""
    return {
        "published": served_site,
        "default": (default_site, served_at("default")),
        "sub-folder": (default_site, served_at("sub-folder") + default_site.name + "/"),
        "staging": (staging_site, served_at("staging")),
        "serve": (default_site, None),
    }


# One build from a changed copy of data/kit.yml, for the tests that change the data: HTML in
# texts of the first exchange, the roles, the references, the packet and a label
# (tests/test_escaping.py), and a new first prompt in the second exchange (tests/test_worksheets.py).
TAG = "<b>x</b>"
NEW_PROMPT = "Quelle nouvelle piste de réflexion voulez-vous ajouter aujourd'hui"


# The PDFs the tests of the changed data read (the rest of the build does not depend on them).
CHANGED_DATA_PDFS = [("fr", "echange-1", "letter"), ("en", "echange-1", "letter"), ("fr", "trousse", "letter"),
                     ("en", "trousse", "letter"), ("fr", "echange-2", "letter")]


@pytest.fixture(scope="session")
def changed_data_site() -> Path:
    """The site built from the changed data, and the PDFs its tests read (no offline zip)."""
    return changed_data_build()


def changed_data_build() -> Path:
    import yaml

    def build(target: Path):
        data = yaml.safe_load((ROOT / "data/kit.yml").read_text(encoding="utf-8"))
        exchange = data["exchanges"][0]
        texts = [exchange["title"], exchange["prompts"][0]["text"], data["references"][0]["reminder"],
                 data["roles"][0]["label"], data["roles"][0]["short"], data["packet"]["title"], data["labels"]["prompts"]]
        for text in texts:
            for lang in text:
                text[lang] = f"{text[lang]} {TAG}"
        data["exchanges"][1]["prompts"][0]["text"]["fr"] = NEW_PROMPT + "?"
        changed = target.parent / "kit.yml"
        changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        built = build_site(target, env={"KIT_DATA": str(changed), "KIT_DOWNLOADS": "0"})
        return built if built.returncode else make_pdfs(target, CHANGED_DATA_PDFS, env={"KIT_DATA": str(changed)})

    return built_once("changed-kit/site", build)


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


# -----------------------------------------------------------------------------
# Spreading the run over processes (pytest-xdist, --dist loadgroup)
# -----------------------------------------------------------------------------
# Tests that share a module-scoped fixture (one visit of every page, one set of exports) run in
# the same process, so that fixture is made once; the other tests go wherever a process is free.
# The tests that need none of the site's builds come first: they keep every process busy while
# the first one to need the published site builds it.
# The shared builds, most costly first, by the fixture that asks for each (a test that reads
# `site` or `builds` asks for them too: fixturenames holds every fixture a test depends on).
PREBUILT = {"served_site": published_build, "changed_data_site": changed_data_build,
            "default_site": default_build, "staging_site": staging_build}


# Group the tests and put first those that need no build (before xdist reads the groups: tryfirst).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        shared = sorted(
            name for name, definitions in item._fixtureinfo.name2fixturedefs.items()
            if definitions[-1].scope in ("module", "class")
        )
        if shared:
            params = getattr(getattr(item, "callspec", None), "params", {})
            group = ",".join(f"{name}[{params[name]}]" if name in params else name for name in shared)
            item.add_marker(pytest.mark.xdist_group(f"{item.module.__name__}:{group}"))
    items.sort(key=lambda item: not PREBUILT.keys().isdisjoint(item.fixturenames))


# Once the tests to run are known (-k and the like applied), start building what they need.
def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    needed = [name for name in PREBUILT if any(name in item.fixturenames for item in session.items)]
    _prebuild(needed)


# Build, in a thread beside the tests, this process's share of the variants (all of them
# without xdist), so that no process waits for a build that could have run meanwhile. A build
# that fails is recorded by built_once and reported by the tests that need it.
def _prebuild(needed: list[str]) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    share = needed[int(worker.removeprefix("gw")) % count::count]
    if not share:
        return

    def build_share():
        for name in share:
            try:
                PREBUILT[name]()
            except AssertionError:
                pass

    threading.Thread(target=build_share, name="prebuild", daemon=True).start()
