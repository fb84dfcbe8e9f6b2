# Two commands do all set-up: `make serve` and `make test`.
# Each checks the system packages it needs (scripts/system-packages installs the missing ones
# when it can), creates .venv and installs the pinned requirements on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHON

.PHONY: serve test build benchmark clean lock system-site system-test

# Serve the site with live reload on http://127.0.0.1:8000/ (set in mkdocs.yml).
serve: system-site $(VENV)/.site
	$(BIN)/mkdocs serve

# Run every test: build, content, links, privacy, accessibility, browser, JS units.
test: system-test $(VENV)/.dev
	$(BIN)/python -m pytest

# Build the site into site/.
build: system-site $(VENV)/.site
	$(BIN)/mkdocs build --strict

benchmark: system-test $(VENV)/.dev
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site $(VENV)

system-site:
	@scripts/system-packages site

system-test:
	@scripts/system-packages test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Everything Python installs comes from the hashed locks, nothing else (--no-deps).
# Debian 12's Python is 3.11.2; pymdown-extensions 13.1 declares 3.11.5 and newer, for no
# feature found in its code: scripts/fresh-machine debian-12 runs the whole suite on 3.11.2.
IGNORE_PYTHON = $(shell $(PYTHON) -c 'import sys; print("--ignore-requires-python" if sys.version_info[:3] < (3, 11, 5) else "")' 2>/dev/null)
INSTALL = $(BIN)/python -m pip install --quiet --require-hashes --no-deps $(IGNORE_PYTHON)

$(VENV)/.site: requirements.lock | $(VENV)/bin/python
	$(INSTALL) -r requirements.lock
	touch $@

$(VENV)/.dev: requirements.lock requirements-dev.lock | $(VENV)/bin/python
	$(INSTALL) -r requirements-dev.lock
	touch $@ $(VENV)/.site

# Refresh the locks from requirements*.txt: one set of versions for Python 3.11.5 to 3.14 on any
# platform (uv's universal resolution), each file with its hashes. UPGRADE=1 takes the newest.
LOCK = $(BIN)/uv pip compile --quiet --universal --python-version 3.11.5 --generate-hashes \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock: $(VENV)/.dev
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) -c requirements.lock requirements-dev.txt -o requirements-dev.lock
