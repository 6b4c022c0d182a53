# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: serve test lint bench bench-extension browsers js-test clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "crapdetect needs Python >= 3.11 (set PYTHON=python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the package metadata changed (or the venv is new).
$(VENV)/.installed-serve: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

serve: $(VENV)/.installed-serve
	$(BIN)/crapdetect serve

# The extension's browser tests need Debian's chromium and firefox-esr: installed with apt when
# missing and running as root; otherwise they skip loudly (and fail under CI=true).
browsers:
	@scripts/install-browsers.sh

# npm dev tools for extension/ (web-ext lint); reinstalled when the lock file changes.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Pure JS helpers with node --test; the manifest and sources with web-ext lint.
js-test:
	@if command -v node >/dev/null 2>&1; then node --test tests/js/; \
	  else echo "!!! node is missing: tests/js/ NOT RUN"; [ "$$CI" != true ]; fi
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node_modules/.package-lock.json && \
	  node_modules/.bin/web-ext lint --source-dir extension --self-hosted --output text; \
	  else echo "!!! npm is missing: web-ext lint NOT RUN"; [ "$$CI" != true ]; fi

test: $(VENV)/.installed-test browsers
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory js-test
	$(BIN)/ruff check crapdetect tests bench

lint: $(VENV)/.installed-test
	$(BIN)/ruff check crapdetect tests bench
	$(BIN)/ruff format --check crapdetect tests bench

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.cached_check

# Page load with vs without the extension (needs chromium and a free 127.0.0.1:8000).
bench-extension: $(VENV)/.installed-test browsers
	$(BIN)/python -m bench.extension_pageload --runs 30

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache node_modules
