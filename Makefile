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

# Until the web app lands, `run` shows the agenda of a fresh demo home kept in .demo/.
run: demo

demo: $(STAMP)
	rm -rf $(DEMO)
	FOLLOWUP_HOME=$(DEMO) $(BIN)/followup demo --size 200
	FOLLOWUP_HOME=$(DEMO) $(BIN)/followup today
	@echo "Try: FOLLOWUP_HOME=$(DEMO) $(BIN)/followup agenda --days 7"

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
