# Two commands: `make run` and `make test`. Both create .venv and install what is needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export FLASK_APP := wsgi

.PHONY: install run test lint i18n translations bench screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) translations

# Compiled catalogues (.mo) are built here, never committed.
translations: $(STAMP)
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel -q compile -d translations; \
	fi
	@if ls translations-print/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel -q compile -d translations-print; \
	fi

# The notification worker (Huey, SQLite queue unless HUEY_REDIS_URL) runs beside the server
# and stops with it; Ctrl-C (or a SIGTERM to the recipe) stops both cleanly, with status 0
# (docs/operations.md).
PORT ?= 5000
run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask desk seed-demo
	$(BIN)/huey_consumer worker.huey -w 1 -q & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
		trap 'exit 0' INT TERM; \
		$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

# The suite runs on every core (pytest-xdist; PYTEST_WORKERS=0 runs it in one process).
PYTEST_WORKERS ?= auto
test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

# Extract every string, create missing catalogues, update each catalogue, compile.
I18N_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k _p:1c,2 -k lazy_pgettext:1c,2 \
	-k pgettext:1c,2 -k npgettext:1c,2,3 -k ngettext:1,2 -k gettext -k _
UI_LOCALES := it en fr es ar ur uk sq bn zh
i18n: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(I18N_KEYWORDS) --no-location --sort-output \
		--project Sportello --copyright-holder Sportello -o translations/messages.pot .
	@for loc in $(UI_LOCALES); do \
		test -f translations/$$loc/LC_MESSAGES/messages.po || \
			$(BIN)/pybabel init -i translations/messages.pot -d translations -l $$loc; \
	done
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching \
		--ignore-obsolete --no-wrap
	$(BIN)/pybabel -q compile -d translations
	$(BIN)/python scripts/print_catalogues.py
	$(BIN)/pybabel -q compile -d translations-print
	$(BIN)/python scripts/po_todo.py --summary

# Timings of the key requests and the full 60 s soak on 100,000 generated people, on SQLite and
# (if it answers) PostgreSQL; writes docs/benchmarks.md. Quick run: make bench BENCH_ARGS="--people 5000".
bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# PNG screenshots of the main screens from the real app (needs /usr/bin/chromium).
screenshots: install
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
