# STU Case: `make run` and `make test` are all a fresh clone needs (see README.md).
# Installs are idempotent: stamp files under var/stamps/ are newer than their inputs
# once done, so a second `make install` does nothing.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMPS := var/stamps
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Production-like environment for `check --deploy` (throw-away values, never used for real).
DEPLOY_ENV := DJANGO_PRODUCTION=true \
	DJANGO_SECRET_KEY=check-deploy-only-Qm7xVt2pL9rKc4ZsW8nYh3JdF6bGa1TuE5oXiN0vRyPq \
	DJANGO_ALLOWED_HOSTS=stu.example.dk \
	DJANGO_CSRF_TRUSTED_ORIGINS=https://stu.example.dk \
	STU_CPR_HASH_KEY=check-deploy-only-cpr-hash-key-8d4f1c9a7e2b6d3f0a5c \
	STU_FIELD_ENCRYPTION_SALT=check-deploy-only-field-salt-3b7e9f2a

# Translation catalogues, wherever they are (outside the venv and node_modules).
PO_FILES := $(shell find . \( -path ./.venv -o -path ./node_modules -o -path ./var -o -path ./.git \) -prune -o -name '*.po' -print 2>/dev/null)

MO_MISSING := $(filter-out $(wildcard $(PO_FILES:.po=.mo)),$(PO_FILES:.po=.mo))

PYTEST_ARGS ?=
# Parallel test workers (pytest-xdist, one database per worker); 0 runs in one process.
PYTEST_WORKERS ?= auto
# Moments for `make test-dates` (default: python -m tests.awkward_dates), e.g. TEST_DATES="2028-02-29".
TEST_DATES ?=

.PHONY: help install run test test-dates lint check bench chromium java clean-install FORCE

help:
	@echo "make run      install everything, migrate, seed demo data, serve on http://127.0.0.1:8000"
	@echo "make test     install everything and run the whole test suite"
	@echo "make test-dates  the date-sensitive tests at awkward moments (year end, leap day, DST, ...)"
	@echo "make lint     ruff check + ruff format --check + lint-imports (import contracts)"
	@echo "make check    makemigrations --check and check --deploy with production-like settings"
	@echo "make install  only the install step (Python venv, npm packages, translations)"
	@echo "make bench    key pages under gunicorn vs a bare Django view, then the rising-absence job"

install: $(STAMPS)/python $(STAMPS)/npm $(STAMPS)/messages

# --- Python -----------------------------------------------------------------------------
$(VENV)/pyvenv.cfg:
	@if command -v python3.11 >/dev/null 2>&1; then py=python3.11; \
	elif python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then py=python3; \
	else echo "STU Case needs Python 3.11 (python3.11 or python3 as 3.11); none found." >&2; exit 1; fi; \
	echo "Creating $(VENV) with $$py ($$($$py --version))"; \
	$$py -m venv $(VENV)

$(STAMPS)/python: pyproject.toml $(VENV)/pyvenv.cfg
	$(PY) -m pip install --quiet -e ".[test]"
	@mkdir -p $(STAMPS) && touch $@

# --- Front-end packages (served as static files, never from a CDN) -----------------------
# Re-run when node_modules was removed (npm writes node_modules/.package-lock.json).
$(STAMPS)/npm: package.json $(wildcard package-lock.json) $(if $(wildcard node_modules/.package-lock.json),,FORCE)
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; \
	else npm install --no-audit --no-fund; fi
	@mkdir -p $(STAMPS) && touch $@

# --- Translations ------------------------------------------------------------------------
$(STAMPS)/messages: $(PO_FILES) $(if $(MO_MISSING),FORCE) | $(STAMPS)/python
	@if [ -n "$(strip $(PO_FILES))" ]; then \
	  if ! command -v msgfmt >/dev/null 2>&1; then \
	    if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq gettext; \
	    else echo "msgfmt not found: using the committed .mo files (install gettext to recompile)" >&2; \
	      mkdir -p $(STAMPS) && touch $@; exit 0; fi; \
	  fi; \
	  $(PY) manage.py compilemessages --ignore .venv --ignore node_modules --ignore var --ignore staticfiles; \
	fi
	@mkdir -p $(STAMPS) && touch $@

# --- Browser tests use Debian's chromium (Playwright never downloads a browser here) ------
chromium:
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >var/chromium-install.log 2>&1; then \
	    echo "chromium installed: $$(/usr/bin/chromium --version 2>/dev/null || true)"; exit 0; fi; \
	  tail -n 20 var/chromium-install.log >&2; \
	fi; \
	if [ "$${CI:-}" = true ]; then echo "CI: /usr/bin/chromium is required for the browser tests" >&2; exit 1; fi; \
	echo "WARNING: /usr/bin/chromium is missing and could not be installed; browser tests will be skipped." >&2

# --- The browser tests check every page's HTML with vnu (npm vnu-jar), which needs Java ------
# Debian's JRE, not the Java runtime vnu-jar's postinstall would download (package.json denies it).
java:
	@if command -v java >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's default-jre-headless for the HTML checks (vnu)"; mkdir -p var; \
	  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless) >var/java-install.log 2>&1; then \
	    echo "java installed: $$(java -version 2>&1 | head -n 1)"; exit 0; fi; \
	  tail -n 20 var/java-install.log >&2; \
	fi; \
	if [ "$${CI:-}" = true ]; then echo "CI: java is required to check the browser pages' HTML (vnu)" >&2; exit 1; fi; \
	echo "WARNING: java is missing and could not be installed; the browser tests will not check HTML (apt-get install default-jre-headless)." >&2

# --- Everyday targets --------------------------------------------------------------------
run: install
	$(PY) manage.py serve_dev

test: install
	@mkdir -p var && $(MAKE) --no-print-directory chromium java
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Every moment is run even when one fails, so a red run lists all the dates that broke.
test-dates: install
	@failed=""; dates="$(TEST_DATES)"; [ -n "$$dates" ] || dates=$$($(PY) -m tests.awkward_dates); \
	for d in $$dates; do \
	  echo "::: tests at $$d"; \
	  if ! $(PY) -m pytest -n $(PYTEST_WORKERS) -q -m "not browser" --today "$$d" $(PYTEST_ARGS); then \
	    failed="$$failed $$d"; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "date-sensitive tests failed at:$$failed" >&2; exit 1; fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

check: install
	$(PY) manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

# Benchmark (README "Performance"): the key pages under gunicorn against a bare Django view,
# on a database of its own (BENCH_DB, seeded once: the demo plus a large municipality), then
# the rising-absence job on 10,000 enrolments x 12 months (built in a transaction, rolled back).
BENCH_DB ?= stu_bench
BENCH_ARGS ?=
bench: install
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } || \
	  { echo "make bench needs wrk (apt-get install wrk)" >&2; exit 1; }
	$(PY) manage.py bench_pages --db $(BENCH_DB) --env "$(DEPLOY_ENV)" $(BENCH_ARGS)
	DATABASE_URL="$$($(PY) manage.py bench_pages --db $(BENCH_DB) --print-url)" \
	  $(PY) manage.py bench_absence

FORCE:

clean-install:
	rm -rf $(STAMPS) $(VENV) node_modules
