# Two set-up commands on a fresh machine: `make demo` and `make test`.
# Both create or reuse .venv and install what they need (only when pyproject.toml changed).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint lexicon-test floors bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cultureclient score examples/verbatims.csv --id-column id --group-by canal --format table

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

lexicon-test: $(STAMP)
	$(BIN)/cultureclient lexicon test

# Throughput, memory and re-scoring against two baselines (long: about half an hour on 2 cores;
# the 1M-row corpus: .venv/bin/python benchmarks/bench.py --large). See benchmarks/README.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

floors: $(STAMP)
	$(BIN)/python tests/update_floors.py
