# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: serve test lint bench clean

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

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest
	$(BIN)/ruff check crapdetect tests bench

lint: $(VENV)/.installed-test
	$(BIN)/ruff check crapdetect tests bench
	$(BIN)/ruff format --check crapdetect tests bench

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.cached_check

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
