# Two commands do all set-up: `make serve` and `make test`.
# Each creates .venv and installs the pinned requirements on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build benchmark clean

# Serve the site with live reload on http://127.0.0.1:8000/ (set in mkdocs.yml).
serve: $(VENV)/.site
	$(BIN)/mkdocs serve

# Run every test: build, content, links, privacy, accessibility, browser.
test: $(VENV)/.dev
	$(BIN)/python -m pytest

# Build the site into site/.
build: $(VENV)/.site
	$(BIN)/mkdocs build --strict

benchmark: $(VENV)/.dev
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site $(VENV)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.site
