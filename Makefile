# Two commands do all set-up: `make serve` and `make test`.
# Each checks the system packages it needs (scripts/system-packages installs the missing ones
# when it can), creates .venv and installs the pinned requirements on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHON

.PHONY: serve test build benchmark clean system-site system-test

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
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.site
