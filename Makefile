# Right Call — `make run` sets everything up and starts the site; `make test` sets up and tests.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
FLASK := FLASK_APP=rightcall $(VENV)/bin/flask
HOST ?= 127.0.0.1
PORT ?= 5000
PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)
AXE := tests/node_modules/axe-core/axe.min.js
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/postgres

RASA_TOKEN_FILE := instance/rasa-token
ADMIN_TOKEN_FILE := instance/admin-token
SECRET_KEY_FILE := instance/secret-key

.PHONY: run serve test test-sqlite test-postgres test-faults audit test-bot setup db translations system-packages services \
	bot bench bench-bot bench-usage bench-production clean

run: setup db bot $(RASA_TOKEN_FILE) $(ADMIN_TOKEN_FILE) ## Set everything up; start the site, Rasa and the action server
	@echo "Workspace: http://$(HOST):$(PORT)/admin/ (create an account: see 'The team's accounts' in README.md); operator token for tools in $(ADMIN_TOKEN_FILE)"
	RASA_TOKEN=$$(cat $(RASA_TOKEN_FILE)) ADMIN_TOKEN=$${ADMIN_TOKEN:-$$(cat $(ADMIN_TOKEN_FILE))} \
	  HOST=$(HOST) WEB_PORT=$(PORT) $(VENV)/bin/honcho start --no-prefix -f Procfile

serve: setup bot services $(RASA_TOKEN_FILE) $(ADMIN_TOKEN_FILE) $(SECRET_KEY_FILE) ## Production mode: gunicorn, PostgreSQL, Redis, 2 Rasa replicas (docs/deploy.md)
	./scripts/serve.sh

bot: ## Create bot/.venv (Python 3.10, Rasa) and train the model if its inputs changed
	./scripts/bot.sh train

$(RASA_TOKEN_FILE) $(ADMIN_TOKEN_FILE) $(SECRET_KEY_FILE):
	@mkdir -p instance
	@$(PY) -c 'import secrets; print(secrets.token_urlsafe(32))' > $@

setup: $(VENV)/.installed translations

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (found $(PYTHON))."; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

translations: $(MO_FILES)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile --statistics -i $< -o $@ 2>&1 | tail -n 1

db: $(VENV)/.installed ## Create or migrate the database, then import content/ (idempotent)
	$(FLASK) db upgrade
	$(FLASK) content import

system-packages:
	./scripts/ensure-system-packages.sh

services:
	./scripts/ensure-services.sh

$(AXE): tests/package.json tests/package-lock.json
	npm ci --prefix tests --no-audit --no-fund --loglevel=error
	touch $@

test: setup system-packages services $(AXE) bot ## Set up and run every test, on SQLite and PostgreSQL
	$(MAKE) --no-print-directory test-bot test-sqlite test-postgres

test-bot: ## Rasa's own checks: data validate, held-out NLU test, test stories, action unit tests
	./scripts/bot.sh check

test-sqlite:
	$(VENV)/bin/pytest -q

test-postgres:
	$(VENV)/bin/pytest -q -m "not browser and not rasa" --database-url "$(TEST_DATABASE_URL)"

audit: setup bot ## pip-audit of both virtualenvs (needs PyPI's JSON API or OSV to be reachable)
	$(VENV)/bin/pip-audit --local --progress-spinner off
	$(VENV)/bin/pip-audit --path $$(ls -d bot/.venv/lib/python3*/site-packages) --progress-spinner off

test-faults: setup services bot ## Only the fault tests: PostgreSQL, Redis and Rasa stopped under load
	$(VENV)/bin/pytest -q -m faults

bench: setup ## Print the page-weight figures per language
	$(PY) bench/page_weight.py

bench-bot: setup db bot ## Per-language intent accuracy, emergency recall, /api/chat latency
	$(PY) bench/bot_eval.py

bench-production: setup services bot ## Page throughput and spike under gunicorn (wrk); chat through the site vs straight to Rasa
	./scripts/ensure-system-packages.sh wrk
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PY) bench/page_throughput.py
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PY) bench/chat_load.py

bench-usage: setup services ## Usage events ingested per second; the dashboard over 10M events
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PY) bench/usage_ingest.py
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PY) bench/usage_dashboard.py

clean:
	rm -rf $(VENV) bot/.venv bot/models bot/.rasa bot/results tests/node_modules instance/*.db
