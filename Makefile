# veille — one command per job. `make demo` then `make test` on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= veille.db
EVAL_OUT := .eval

.PHONY: demo test lint typecheck unit eval behaviour install install-test system-deps bench clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed  ## create .venv and install veille with pinned dependencies

install-test: $(VENV)/.installed-test  ## install the test tools too

demo: install  ## ingest the bundled examples into veille.db and show the claims
	$(BIN)/veille ingest examples --db sqlite:///$(DB)
	$(BIN)/veille claims --db sqlite:///$(DB)

lint: install-test  ## ruff lint and format check
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install-test  ## mypy
	$(BIN)/mypy

# Browser and PostgreSQL suites need Debian's chromium and postgresql; CI runs as root.
# Another apt run (unattended-upgrades, a second CI job) may hold the dpkg lock: wait for it.
system-deps:  ## install Debian's chromium and postgresql when missing
	@if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium postgresql >/dev/null; \
	fi

unit: install-test system-deps  ## the pytest suite (browser, PostgreSQL and Ray suites included)
	$(BIN)/pytest

test: lint typecheck unit  ## every check CI runs

REAL_DEV ?= ../shared/eval/real-dev

eval: install  ## score seeds, dev and (when its texts are re-created) real-dev, per metric
	$(BIN)/veille eval eval/seeds
	$(BIN)/veille eval eval/dev
	@if [ -d eval/real-dev/texts ] && [ -f $(REAL_DEV)/claims.gold.jsonl ]; then \
		$(BIN)/veille eval eval/real-dev --gold $(REAL_DEV); \
	else \
		echo "real-dev: skipped (re-create eval/real-dev/texts, see docs/real-dev.md)"; \
	fi

behaviour: install  ## behavioural test cases: pass rate per capability
	$(BIN)/python -m tests.behaviour.run

bench: install  ## throughput and memory benchmark on ../shared/bench (appends to bench/RESULTS.md)
	$(BIN)/python -m bench.run

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache $(EVAL_OUT)
