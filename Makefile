# The two commands a new user runs: `make serve` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
# mkdocs-redirects asks its users to move to ProperDocs in a banner on every build; tests/test_builds.py
# checks that ProperDocs builds the same site.
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build check record test lock screenshots bench publish mutation clean distclean

# Re-install only when a lock file changes. Every package, pip included, is pinned with its hash.
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-test.txt
	touch $@

# Recompile both lock files from the direct requirements (requirements*.in), resolving for Python 3.11.
lock: $(VENV)/.installed-test
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes requirements.in -o requirements.txt
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes -c requirements.txt \
	  requirements-test.in -o requirements-test.txt

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

# The editor's command, before pushing: the strict build and every check a publish runs, plus the link previews,
# the policy, the sitemap and the page budget, on the site as it stands; no browser (scripts/check.py).
check: $(VENV)/.installed
	$(BIN)/python scripts/check.py

# After deploying other than by `make publish` or the Pages workflow (which do it themselves): add what went out
# to data/published.yml, then commit it (scripts/record.py).
record: build
	$(BIN)/python scripts/record.py site

serve: build
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

# Lint and format first (fast), then the whole suite, on every core (pytest-xdist; a test module stays on one
# worker, so its fixtures, a browser among them, are set up once).
test: $(VENV)/.installed-test tests/vnu/node_modules/.installed tests/readability/node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n auto --dist loadfile

# The current W3C Nu checker (npm vnu-jar), pinned by tests/vnu/package-lock.json; needs Node and npm.
tests/vnu/node_modules/.installed: tests/vnu/package.json tests/vnu/package-lock.json
	cd tests/vnu && npm ci --no-audit --no-fund
	touch $@

# Mozilla's Readability (Firefox Reader View's library) on jsdom, pinned by tests/readability/package-lock.json.
tests/readability/node_modules/.installed: tests/readability/package.json tests/readability/package-lock.json
	cd tests/readability && npm ci --no-audit --no-fund
	touch $@

# PNGs of the page (light, dark, phone) into screenshots/ (git-ignored), the phone pages of the publisher's
# site, Russian and Arabic side by side (screenshots/375-light.png, 375-dark.png), and the README's pictures,
# assets/readme/column.png and passage.png, so that they stay current (tests/browser/screenshots.py).
screenshots: $(VENV)/.installed-test
	$(BIN)/python tests/browser/screenshots.py

# Build strictly into a folder beside DEST, check it, then swap it in with one rename (scripts/publish.py).
ifneq ($(filter publish,$(MAKECMDGOALS)),)
ifndef DEST
$(error make publish needs DEST, the web root to publish to, e.g.: make publish DEST=/var/www/column)
endif
endif
publish: $(VENV)/.installed
	$(BIN)/python scripts/publish.py "$(DEST)"

# Not part of `make test`: Lighthouse on this site, a default Material build and a bare floor, served by
# nginx; medians to bench/RESULTS.md (bench/run.py). BENCH_RUNS=5 for more runs per page.
bench: $(VENV)/.installed-test bench/node_modules/.installed
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || \
	  { [ "$$(id -u)" = 0 ] && apt-get update && apt-get install -y nginx-light; } || \
	  { echo "make bench needs nginx: sudo apt-get install -y nginx-light"; exit 1; }
	@test -x "$${CHROME_PATH:-/usr/bin/chromium}" || \
	  { [ "$$(id -u)" = 0 ] && apt-get update && apt-get install -y chromium; } || \
	  { echo "make bench needs Chromium: sudo apt-get install -y chromium (or set CHROME_PATH)"; exit 1; }
	PYTHONPATH=source $(BIN)/python bench/run.py

# Not part of `make test`: mutation testing of hooks/ and scripts/ with mutmut (settings in pyproject.toml,
# how it runs in tests/mutation.py), then the score and the mutants that survived. Results stay in mutants/
# (git-ignored), so a second run retries only what changed; `make clean` starts afresh.
# MUTANTS='scripts.*' (mutmut's names, globs allowed) for one part; SAMPLE=12 for up to 12 mutants of each
# module, the same ones every time (tests/mutation.py, sample; a full run takes more than a day on 2 cores).
mutation: $(VENV)/.installed-test
	names='$(MUTANTS)'; $(if $(SAMPLE),names=$$($(BIN)/python tests/mutation.py sample $(SAMPLE)) || exit 1;) \
	  $(BIN)/mutmut run --max-children 2 $$names
	$(BIN)/python tests/mutation.py $(BIN)/mutmut

# Lighthouse pinned by bench/package-lock.json; re-installed only when it changes.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund
	touch $@

# Everything the project generates: builds, pictures, benchmark output, mutants and caches.
clean:
	rm -rf site screenshots bench/out mutants .pytest_cache .ruff_cache .coverage
	find . -path ./.venv -prune -o -name node_modules -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

# clean, and what the project installed: .venv and the npm folders (the next make re-installs them).
distclean: clean
	rm -rf $(VENV) bench/node_modules tests/vnu/node_modules tests/readability/node_modules
