# The commands people type. Each target builds .venv from nothing when needed.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

CHROMIUM := /usr/bin/chromium

.PHONY: demo test lint install eval bench clean browser stress fuzz

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (or run: make PYTHON=python3 ...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench,scripts]"
	@touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the dashboard tests (Playwright drives it; it never downloads a browser)
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

browser: $(CHROMIUM)

demo: $(STAMP)
	$(BIN)/eventwire demo

# lint first: it takes seconds, the tests take minutes
lint: $(STAMP)
	$(BIN)/ruff check eventwire tests scripts benchmarks fuzz
	$(BIN)/ruff format --check eventwire tests scripts benchmarks fuzz
	$(BIN)/mypy

test: lint $(CHROMIUM)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python -m eventwire.floors ../shared/gold

# the long checks: kill -9 at every point and at random moments (ingest, watch, batch --db,
# the server), each followed by a rerun that must equal an uninterrupted run; then 50 clients
# reading and writing through a real server, 5 minutes of warm-up (the store fills to the 250
# articles the written ids allow, the caches warm) and 10 minutes measured: no request may fail
# and the server's memory may not rise (its least-squares line, 20 MB at most). Ten minutes,
# not two: the server's memory drops by up to 100 MB each time it reopens its store (about
# every 80 s under this load), and over two minutes where the drop falls decides the line;
# make fuzz runs the long fuzz
stress: $(STAMP)
	EVENTWIRE_STRESS=1 $(BIN)/python -m pytest tests/test_crash.py -q
	$(BIN)/python benchmarks/load.py --clients 50 --warmup 300 --duration 600 --ids 5 --max-rise 20

# coverage-guided fuzzing (atheris) of the readers, the JSON Lines splitter, the time normalizer,
# the normalize stage and the whole pipeline, FUZZ_SECONDS each (120); an input slower than 10 s
# counts as a crash. A crash stops the run with its input in FUZZ_WORK (/tmp/eventwire-fuzz):
# keep it in tests/fuzz_regressions/<name>/, which make test replays
fuzz: $(STAMP)
	@for name in read lines when normalize pipeline; do \
	  mkdir -p $(or $(FUZZ_WORK),/tmp/eventwire-fuzz)/$$name; \
	  echo "fuzz $$name: $(or $(FUZZ_SECONDS),120) s"; \
	  $(BIN)/python -m fuzz.fuzz_$$name -max_total_time=$(or $(FUZZ_SECONDS),120) -timeout=10 \
	    -artifact_prefix=$(or $(FUZZ_WORK),/tmp/eventwire-fuzz)/$$name- \
	    $(or $(FUZZ_WORK),/tmp/eventwire-fuzz)/$$name fuzz/seeds/$$name || exit 1; \
	done

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) eventwire.duckdb .pytest_cache
