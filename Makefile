# Two commands: `make run` (set up and serve) and `make test` (set up and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test setup db demo lock bench messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the declared or locked dependencies change.
$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

db: setup
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_agencies
	$(BIN)/python manage.py settle_status

demo: db
	$(BIN)/python manage.py load_demo

# The production server: gunicorn with several workers (deploy/gunicorn.conf.py), static
# files collected for WhiteNoise. `DEBUG=true make run` for development pages.
# One background worker runs beside it (recognition of scanned PDFs and the other queued
# jobs), stopped with the server; a deployment runs workers as services (deploy/).
run: demo
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py db_worker --queue-name default --no-reload & worker=$$!; \
	PORT=$(PORT) $(BIN)/gunicorn --config deploy/gunicorn.conf.py & server=$$!; \
	trap 'kill $$worker $$server 2>/dev/null' INT TERM; trap 'kill $$worker 2>/dev/null' EXIT; wait $$server

# pytest-xdist: one worker per core, each with its own test database, the slowest tests
# handed out first (tests/conftest.py). `--dist load` hands each worker its tests in
# collection order, which pytest-django's ordering needs (a test on the database never after a
# transactional test, which empties the tables); `worksteal` would not keep it.
PYTEST_PARALLEL ?= --numprocesses auto --dist load

test: setup
	$(BIN)/ruff check theodoi tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_PARALLEL)

bench: setup
	$(BIN)/python benchmarks/web.py

# Refresh the English catalogue after changing interface text (needs GNU gettext), then
# compile it; both files are committed, so a fresh checkout runs without gettext.
# theodoi/templates/simple_history is the library's template with its English texts (their
# Vietnamese is in theodoi/locale/vi, kept by hand), not interface text of ours.
messages: setup
	$(BIN)/python manage.py makemessages -l en --extension html,txt,py,svg --no-obsolete --ignore=.venv --ignore=var \
		--ignore=theodoi/templates/simple_history
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var

# Refresh the lock after changing pyproject.toml dependencies.
lock: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) var
