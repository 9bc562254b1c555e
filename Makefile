# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DEMO := $(CURDIR)/.demo

.PHONY: install run demo test lint bench clean

# `run` needs only what running needs; `test`, `lint` and `bench` add the test tools.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

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

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache .hypothesis
