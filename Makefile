# storeops: `make demo` to try it, `make test` to check it. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_HOME := $(CURDIR)/.demo
# The demo's store, config and checklist cache all stay in .demo/.
DEMO_ENV := STOREOPS_HOME=$(DEMO_HOME) STOREOPS_CACHE_DIR=$(DEMO_HOME)/cache

.PHONY: demo test lint typecheck tables bench clean

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
# The demo storefront is served on 127.0.0.1 for the run (the website checks look at it) and
# stopped afterwards; .demo/config.yaml points store.url at it.
# On a terminal: the interactive morning routine. Without one: its automated half, then status.
demo: $(VENV)/.installed
	$(DEMO_ENV) $(BIN)/storeops demo --force
	@rm -f $(DEMO_HOME)/storefront.url; \
	$(DEMO_ENV) $(BIN)/storeops site serve-demo \
		--url-file $(DEMO_HOME)/storefront.url >/dev/null & site=$$!; \
	trap 'kill $$site 2>/dev/null' EXIT; \
	for i in $$(seq 100); do [ -s $(DEMO_HOME)/storefront.url ] && break; sleep 0.1; done; \
	printf 'store:\n  url: %s\nstorefront:\n  checkout_marker: Proceed to checkout\n  rate_per_second: 0\n  max_pages: 200\n' \
		"$$(cat $(DEMO_HOME)/storefront.url)" > $(DEMO_HOME)/config.yaml; \
	if [ -t 0 ] && [ -t 1 ]; then \
		$(DEMO_ENV) $(BIN)/storeops morning; \
	else \
		$(DEMO_ENV) $(BIN)/storeops check --all; rc=$$?; \
		if [ $$rc -gt 3 ]; then exit $$rc; fi; \
		$(DEMO_ENV) $(BIN)/storeops status; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# src/storeops/tables.py is generated from the models; tests/test_tables.py says when it is stale.
tables: $(VENV)/.installed-dev
	$(BIN)/python -m storeops.models.codegen

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/pytest

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@ $(VENV)/.installed-dev $(VENV)/.installed

bench: $(VENV)/.installed-dev $(VENV)/.installed-bench
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/demo_build.py --scale large
	$(BIN)/python bench/reorder.py
	$(BIN)/python bench/report.py

clean:
	rm -rf $(VENV) $(DEMO_HOME) .pytest_cache .mypy_cache .ruff_cache
