# Two commands on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install dev lint seed serve eval bench bench-install bench-http bench-corpus clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

seed: install
	$(BIN)/python -m app seed

serve: install
	$(BIN)/python -m app serve --host $(HOST) --port $(PORT)

run: install
	-$(BIN)/python -m app seed
	$(BIN)/python -m app serve --host $(HOST) --port $(PORT)

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

eval: install
	$(BIN)/python -m app.eval

# make bench: the HTTP benchmark (bench/run.py: the API against a ceiling app and Datasette, then against
# PostgreSQL, loaded by wrk at 32 and 256 connections; table on stdout, JSON in bench/results/), then the
# ingest benchmark (bench/ingest.py). The synthetic corpus is built on first use through app.ingest.store and
# cached (bench/.cache/corpus-<N>.sqlite, database newsapi_bench_<N>); `make bench-corpus` builds it alone.
# Knobs (make variables or environment):
#   BENCH_SCALE=100000        articles; 1000000 also measures list/detail at BENCH_BASE_SCALE (100000) for the ratio
#   BENCH_WORKERS=2           API and ceiling workers (the API is also measured with 1: BENCH_WORKER_COMPARISON=1)
#   BENCH_CONNECTIONS="32 256"  BENCH_THREADS=2  BENCH_WARMUP=3  BENCH_DURATION=10  BENCH_TIMEOUT=5 (seconds)
#   BENCH_POSTGRES=auto       auto: when 127.0.0.1:5432 answers; 0 or 1
#   BENCH_DATASETTE=1  BENCH_CURSOR_PAGE=4000  BENCH_PAIRS=5  BENCH_PAIR_DURATION=5 (ratios from runs in turn)
#   BENCH_LOG_LEVEL=INFO (the API's)  BENCH_APP_DIR=. (checkout served)
bench: bench-http
	$(BIN)/python bench/ingest.py

bench-install: dev
	$(BIN)/pip install --quiet -e '.[bench]'
	@command -v wrk >/dev/null || apt-get install -y wrk

bench-http: bench-install
	$(BIN)/python bench/run.py

bench-corpus: bench-install
	$(BIN)/python bench/corpus.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
