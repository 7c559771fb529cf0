# storeops: `make demo` to try it, `make test` to check it. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_HOME := $(CURDIR)/.demo

.PHONY: demo test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

# The demo store lives in .demo/, never in your real STOREOPS_HOME. The problems the routine
# finds there are the point of the demo, so its non-zero check levels do not fail make.
# On a terminal: the interactive morning routine. Without one: its automated half, then status.
demo: $(VENV)/.installed
	STOREOPS_HOME=$(DEMO_HOME) $(BIN)/storeops demo --force
	@if [ -t 0 ] && [ -t 1 ]; then \
		STOREOPS_HOME=$(DEMO_HOME) $(BIN)/storeops morning; \
	else \
		STOREOPS_HOME=$(DEMO_HOME) $(BIN)/storeops check --all; rc=$$?; \
		if [ $$rc -gt 3 ]; then exit $$rc; fi; \
		STOREOPS_HOME=$(DEMO_HOME) $(BIN)/storeops status; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/pytest

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/demo_build.py --scale large
	$(BIN)/python bench/report.py

clean:
	rm -rf $(VENV) $(DEMO_HOME) .pytest_cache .mypy_cache .ruff_cache
