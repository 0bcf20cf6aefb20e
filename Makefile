# Every target sets up what it needs, so each works on a fresh clone.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages clean backup restore

$(PYTHON):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(PYTHON)
	$(PYTHON) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PYTHON)
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

run: $(VENV)/.runtime-installed
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py load_demo
	$(PYTHON) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev-installed
	$(PYTHON) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refreshes the az and ru catalogues from the code, then compiles them.
# One catalogue per language in settings.LANGUAGES, so a newly added language
# gets its django.po here without editing this file.
LOCALE_ARGS = from django.conf import settings; \
	from django.utils.translation import to_locale; \
	print(" ".join(f"--locale {to_locale(code)}" for code, _ in settings.LANGUAGES))

messages: $(VENV)/.dev-installed
	$(PYTHON) manage.py makemessages $$($(PYTHON) manage.py shell --no-imports -c '$(LOCALE_ARGS)') \
		--ignore '.venv/*' --ignore 'tests/*' --no-obsolete
	$(PYTHON) manage.py compilemessages --ignore '.venv/*'

# The database's content and the uploads in one archive under backups/
# (BACKUP=path to choose the name). See docs/operations.md.
backup: $(VENV)/.runtime-installed
	$(PYTHON) manage.py backup_site $(BACKUP)

# Replaces the database's content and the uploads with BACKUP's.
restore: $(VENV)/.runtime-installed
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/site-YYYYMMDD-HHMMSS.tar.gz"; exit 2; }
	$(PYTHON) manage.py restore_site $(BACKUP)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Throughput and latency of the public pages on PostgreSQL with generated data,
# uncached, with the page cache and behind nginx; see README "Benchmark".
# BENCH_ARGS="--scale 100000" for the large run.
.PHONY: bench
bench: $(VENV)/.dev-installed
	$(PYTHON) -m scripts.bench $(BENCH_ARGS)

# The screenshots in docs/screenshots/: the public site, then the key steps of
# the four journeys (tests/browser/test_journeys.py), which take about four
# minutes because one waits for a scheduled statement to appear.
.PHONY: screenshots
screenshots: $(VENV)/.dev-installed
	$(PYTHON) scripts/screenshots.py
	rm -f docs/screenshots/journey-*.png
	SAVE_SCREENSHOTS=docs/screenshots REQUIRE_BROWSER=1 \
		$(PYTHON) -m pytest tests/browser/test_journeys.py -q -p no:cacheprovider
