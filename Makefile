# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := $(CURDIR)/.demo

.PHONY: install run demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# `run` serves your own data (the platform's data directory; FOLLOWUP_HOME overrides) and
# opens the browser; `demo` serves a fresh, throwaway demo home kept in .demo/.
run: $(STAMP)
	$(BIN)/followup db upgrade
	$(BIN)/followup serve --open

demo: $(STAMP)
	rm -rf $(DEMO)
	FOLLOWUP_HOME=$(DEMO) $(BIN)/followup demo --size 200
	FOLLOWUP_HOME=$(DEMO) $(BIN)/followup serve --open

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache .hypothesis
