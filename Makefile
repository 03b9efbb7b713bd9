# PoP Atlas — every entry point. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material prints an end-of-life notice on every build otherwise.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build build-properdocs generate harden validate test test-fast clean bench offline lock map

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# requirements.txt is the lock file: every package, direct or not, pinned with its hashes
# (compiled from requirements.in by `make lock`); pip refuses anything that does not match.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

lock: ## Re-pin every dependency with hashes: requirements.in -> requirements.txt
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements.txt requirements.in

# The Nu HTML Checker that the tests run (vnu.jar from npm; Java runs it), and the world map's data.
VNU := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The three stages: generate (build/source/), the site generator (site/), harden (site/).
# `mkdocs build` runs all three itself (its hooks call generate and harden); the targets
# below run each on its own too.
SOURCE ?= build/source

serve: generate ## Serve the site at http://127.0.0.1:8000; an edit re-renders only what it changes
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000  # a dirty build warns; the warning is expected

generate: $(STAMP) ## Stage 1: validate entries and pages, write the source tree into build/source/
	$(BIN)/popatlas generate

build: generate ## Build the site into site/ (all three stages; strict: any warning fails)
	$(BIN)/mkdocs build --strict

build-properdocs: $(STAMP) ## The same build with ProperDocs instead of MkDocs, into build/properdocs-site/
	mkdir -p build/properdocs/docs
	POPATLAS_SOURCE=$(abspath build/properdocs/docs) $(BIN)/properdocs build --strict -d $(abspath build/properdocs-site)

map: $(VNU) ## Redraw the world map from npm's world-atlas (Natural Earth): src/popatlas/data/world-map.json
	node tools/world-map.mjs > src/popatlas/data/world-map.json

harden: $(STAMP) ## Stage 3 again over site/: CSP, link rel, theme repairs, search per language
	$(BIN)/popatlas harden site

validate: $(STAMP) ## Validate every directory entry (file:line: errors)
	$(BIN)/popatlas validate directory

# Two workers (pytest-xdist) that take tests as they free up; the site, the offline copy, the
# ProperDocs build and the hostile build are made once per run and shared (tests/conftest.py).
TEST_WORKERS ?= 2

test: $(STAMP) $(VNU) ## Run every test (unit, build, browser, HTML validity) on two workers
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

test-fast: $(STAMP) ## Run the unit tests only (no site build, no browser): seconds
	$(BIN)/python -m pytest -m unit -q

clean: ## Remove build output (keeps .venv)
	rm -rf site dist build

# Lighthouse is for the benchmark only: its own folder, so `make test` does not install it.
LIGHTHOUSE := tools/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
	@touch $@

bench: $(STAMP) $(LIGHTHOUSE) ## Benchmark with 1,000 and 10,000 fictional entries (build, serve, Lighthouse, offline zip)
	$(BIN)/popatlas bench --entries $(or $(ENTRIES),1000 10000) $(if $(LIGHTHOUSE_RUNS),--lighthouse-runs $(LIGHTHOUSE_RUNS))

# Where `make offline` builds and what it writes (the tests point both at a temporary folder).
OFFLINE_DIR ?= build/offline
OFFLINE_ZIP ?= dist/popatlas-offline.zip

offline: $(STAMP) ## Build the offline copy: dist/popatlas-offline.zip (open index.html from disk)
	rm -rf $(OFFLINE_DIR) $(OFFLINE_ZIP)
	POPATLAS_SOURCE=$(abspath $(OFFLINE_DIR))/source/docs DIRECTORY_URLS=false $(BIN)/popatlas generate
	POPATLAS_SOURCE=$(abspath $(OFFLINE_DIR))/source/docs OFFLINE=true DIRECTORY_URLS=false \
	  $(BIN)/mkdocs build --strict -d $(abspath $(OFFLINE_DIR))/popatlas
	rm $(OFFLINE_DIR)/popatlas/404.html  # only a web server shows it; from disk its links cannot work
	mkdir -p $(dir $(abspath $(OFFLINE_ZIP)))
	cd $(OFFLINE_DIR) && $(CURDIR)/$(BIN)/python -m zipfile -c $(abspath $(OFFLINE_ZIP)) popatlas
	@echo "$(OFFLINE_ZIP): unzip it and open popatlas/index.html"
