# kamergraph: `make run` serves the sample letters, `make test` runs the suite. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= var/store
HOST   ?= 127.0.0.1
PORT   ?= 8000
SHARED ?= ../shared

.PHONY: install run test lint eval clean bench bench-full bench-data load

# The venv is (re)built when pyproject.toml changes; dependencies are ranges of compatible versions (pyproject.toml).
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/kamergraph ingest data/letters --store $(STORE)
	$(BIN)/kamergraph serve --store $(STORE) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/ruff check --no-cache .
	$(BIN)/mypy .
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check --no-cache .
	$(BIN)/mypy .

# Digest the sample letters, score them with the evaluation contract's scorer, publish the table in docs/accuracy.md.
eval: install
	rm -rf var/digest && $(BIN)/kamergraph digest data/letters/*.txt --out var/digest
	$(BIN)/python $(SHARED)/eval/score.py var/digest
	$(BIN)/python eval/accuracy.py --scorer $(SHARED)/eval/score.py --digests var/digest --out docs/accuracy.md

# Benchmarks (bench/run.py): bench/RESULTS.md from one run; generated data is kept in var/bench/ and reused.
# `bench` is the quick version (100 k and 1 M triples, 1 000 letters, a few minutes); `bench-full` the whole run
# (1 M and 5 M triples, 1 000 and 10 000 letters, ~20 min on 2 idle cores: README's bench notes). The throughput part uses wrk when it is
# on PATH (apt-get install wrk), else a Python load generator. One part: python -m bench.run --only throughput.
bench: install
	$(BIN)/python -m bench.run --quick

bench-full: install
	$(BIN)/python -m bench.run

# The data bench-full measures (letters, the 1 M and 5 M graphs and stores), generated ahead; bench-full reuses it.
bench-data: install
	$(BIN)/python -m bench.run --prepare

# Load test (bench/load.py): 60 s, 8 connections, loopback only, uploads running; appended to bench/RESULTS.md.
load: install
	$(BIN)/python -m bench.load

clean:
	rm -rf $(VENV) var build *.egg-info .pytest_cache .mypy_cache .ruff_cache
