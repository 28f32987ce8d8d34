# Careers Portal. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=
IMAGE ?= careers-portal
# The database `make test-postgres` creates and pytest-django copies to test_<name>.
PG_DB ?= careers_portal_test
PG_URL ?= postgres://postgres@127.0.0.1:5432/$(PG_DB)

.PHONY: help venv venv-dev lock lock-check image run migrate seed test test-postgres test-browser lint format bench bench-growth bench-wrk bench-import lighthouse soak clean-db

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

# The venv installs the hashed lock files, not requirements*.txt directly, and reinstalls only
# when a lock changes: it keeps a hash of them.
venv: ## Create .venv with the runtime requirements (requirements.lock)
	@scripts/ensure-venv $(PYTHON) $(VENV) requirements.lock

venv-dev: ## Create .venv with runtime and development requirements (requirements-dev.lock)
	@scripts/ensure-venv $(PYTHON) $(VENV) requirements-dev.lock

# requirements*.txt say what the project asks for; requirements*.lock pin all of it, hashed.
# LOCK_ARGS=--upgrade moves every pin to the newest release, --upgrade-package NAME just one.
LOCK_ARGS ?=
lock: ## Re-resolve requirements*.txt into the hashed requirements*.lock (uv; needs PyPI)
	@PYTHON=$(PYTHON) scripts/lock $(VENV) $(LOCK_ARGS)

lock-check: ## Fail when requirements*.lock is not what `make lock` would write
	@PYTHON=$(PYTHON) scripts/lock $(VENV) --check

image: ## Build the production image (Docker, or buildah on a Debian base where none can be pulled)
	@scripts/build-image $(IMAGE)

migrate: venv ## Apply database migrations (SQLite in var/ unless DATABASE_URL is set)
	@mkdir -p var
	$(PY) manage.py migrate --noinput

seed: migrate ## Load the demo content (idempotent)
	$(PY) manage.py seed_demo
	$(PY) manage.py warm_renditions

run: seed ## Set up everything; serve on http://127.0.0.1:$(PORT)/ with the task worker beside it
	@$(PY) manage.py ensure_local_admin
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/), task worker running"
	@scripts/run-dev $(PY) $(PORT)

# Coverage of the three apps, reported by every run. The threshold ([tool.coverage.report]
# fail_under in pyproject.toml) is enforced by .ci/run on the whole suite, not here, where
# PYTEST_ARGS may pick a few tests.
COVERAGE := --cov=portal --cov=careers --cov=courses --cov-report=term-missing:skip-covered --cov-fail-under=0
test: venv-dev ## Run the whole suite on SQLite, browser tests included, with a coverage report
	@mkdir -p var
	$(PY) -m pytest --reuse-db $(COVERAGE) $(PYTEST_ARGS)

test-postgres: venv-dev ## Run the whole suite on PostgreSQL (creates its database)
	@scripts/ensure-postgres $(PG_DB)
	DATABASE_URL=$(PG_URL) $(PY) -m pytest --create-db $(PYTEST_ARGS)

test-browser: venv-dev ## Run only the browser tests (needs /usr/bin/chromium)
	@mkdir -p var
	REQUIRE_BROWSER=1 $(PY) -m pytest --reuse-db tests/browser $(PYTEST_ARGS)

lint: venv-dev ## ruff check and ruff format --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv-dev ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Benchmarks run the production stack on 127.0.0.1 only (ports 8150-8155), each on a fresh
# database under var/bench/. Not part of CI. BENCH_ARGS e.g. "--duration 10 --json var/bench.json".
BENCH_ARGS ?=
bench-import: venv ## Time and SQL queries of an ONS workbook import, 45 and 450 occupations x 12 regions
	$(PY) benchmarks/salary_workbook.py $(BENCH_ARGS)

# Ports: BENCH_PORT (gunicorn) and BENCH_PORT+1 (its Redis) move every server-starting benchmark.
BENCH_PORT ?=
BENCH_REDIS_PORT = $(if $(BENCH_PORT),$(shell echo $$(($(BENCH_PORT) + 1))),)
PORT_ARGS = $(if $(BENCH_PORT),--port $(BENCH_PORT) --redis-port $(BENCH_REDIS_PORT),)
bench: venv ## CPU per request in-process for every page type, against a reference view and 794e790, goals 1-4 (~10 minutes)
	@mkdir -p var/bench
	$(PY) benchmarks/catalogue_growth.py --json var/bench/growth.json
	$(PY) benchmarks/cpu.py --growth-json var/bench/growth.json $(if $(wildcard var/bench/wrk.json),--wrk-json var/bench/wrk.json,) $(BENCH_ARGS)

bench-growth: venv ## Queries and CPU per page type and dashboard view at 10/16 and 1,000/200 careers/courses
	$(PY) benchmarks/catalogue_growth.py $(BENCH_ARGS)

bench-wrk: venv ## Requests/s, p50/p99, SQL and server CPU per request for each page type, cached shares of static, plain and gzipped (wrk; ~12 minutes)
	@mkdir -p var/bench
	$(PY) benchmarks/run.py --json var/bench/wrk.json $(PORT_ARGS) $(BENCH_ARGS)

lighthouse: venv ## Lighthouse scores (npm lighthouse, Debian's Chromium) for four page types
	@test -d node_modules/lighthouse || npm ci --no-audit --no-fund
	$(PY) benchmarks/lighthouse.py $(PORT_ARGS) $(BENCH_ARGS)

soak: venv ## 2 minutes of load (no errors, memory growth <= 20 %), then 1 with Redis frozen and a worker killed
	$(PY) benchmarks/soak.py $(PORT_ARGS) $(BENCH_ARGS)

clean-db: ## Remove the local SQLite databases
	rm -f var/db.sqlite3 var/test.sqlite3
