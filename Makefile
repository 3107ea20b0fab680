# POLRAD network platform. `make run` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Links in emails and PDFs point at the address `make run` serves on, unless SITE_URL is given.
ifeq ($(strip $(SITE_URL)),)
SITE_URL := http://127.0.0.1:$(PORT)
endif
# The runtime requirements and the dev tools (tests, lint, benchmarks) are installed apart:
# `make run` needs only the first, which halves a first run; `make test` adds the others.
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run

.PHONY: run test lint format bench messages migrate setup setup-run clean demo-reset demo-code

# The virtualenv is made with the first suitable Python (scripts/find-python.sh says which
# is missing otherwise); PYTHON=/path/to/python3.11 chooses one.
$(BIN)/python:
	"$$(bash scripts/find-python.sh)" -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Nothing to install when the dev tools (which include the runtime) are up to date.
$(RUN_STAMP): requirements.txt | $(BIN)/python
	test $(STAMP) -nt requirements.txt || $(BIN)/pip install --quiet -r requirements.txt
	touch $(RUN_STAMP)

setup: $(STAMP) setup-run

# The Dutch messages are compiled as `compilemessages` does (msgfmt --check-format), without
# starting Django, and only when a catalogue changed.
CATALOGUES := $(shell find . \( -path ./.venv -o -path ./var \) -prune -o -name '*.po' -print)
%.mo: %.po
	msgfmt --check-format -o $@ $<

setup-run: $(RUN_STAMP) $(CATALOGUES:.po=.mo)
	mkdir -p var

# With DEBUG (the default here) the server serves static files from the apps themselves, so
# they are collected only for DEBUG=false.
run: export DEBUG ?= true
run: setup-run
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py seed_demo --if-empty
	test "$$DEBUG" = true || $(BIN)/python manage.py collectstatic --noinput -v0
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Back to the demo data as `make run` first loaded it (the embedded database is emptied).
demo-reset: export DEBUG ?= true
demo-reset: setup-run
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py seed_demo --reset

# The demo accounts' current two-factor code, at once (no Django to start).
demo-code:
	@python3 scripts/demo_code.py

test: setup
	bash scripts/system-packages.sh --if-root
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache importlinter.ini
	$(BIN)/python scripts/import_cycles.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	DEBUG=true $(BIN)/python manage.py makemessages -l nl --ignore=.venv --ignore=var --no-obsolete

bench: setup
	bash scripts/bench.sh

clean:
	rm -rf $(VENV) var
