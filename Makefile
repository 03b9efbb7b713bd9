# PoP Atlas — every entry point. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material prints an end-of-life notice on every build otherwise.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build validate test test-fast clean bench offline

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# The Nu HTML Checker that the tests run on every page (vnu.jar from npm; Java runs it).
VNU := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

serve: $(STAMP) ## Serve the site at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) ## Build the site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict

validate: $(STAMP) ## Validate every directory entry (file:line: errors)
	$(BIN)/popatlas validate directory

test: $(STAMP) $(VNU) ## Run every test (unit, build, browser, HTML validity)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## Run the unit tests only (no site build, no browser): seconds
	$(BIN)/python -m pytest -m unit -q

clean: ## Remove build output (keeps .venv)
	rm -rf site dist build

bench: $(STAMP) ## Benchmark validation and build with 1,000 and 10,000 fictional entries
	$(BIN)/popatlas bench --entries $(or $(ENTRIES),1000 10000)

# Where `make offline` builds and what it writes (the tests point both at a temporary folder).
OFFLINE_DIR ?= build/offline
OFFLINE_ZIP ?= dist/popatlas-offline.zip

offline: $(STAMP) ## Build the offline copy: dist/popatlas-offline.zip (open index.html from disk)
	rm -rf $(OFFLINE_DIR) $(OFFLINE_ZIP)
	OFFLINE=true DIRECTORY_URLS=false $(BIN)/mkdocs build --strict -d $(abspath $(OFFLINE_DIR))/popatlas
	rm $(OFFLINE_DIR)/popatlas/404.html  # only a web server shows it; from disk its links cannot work
	mkdir -p $(dir $(abspath $(OFFLINE_ZIP)))
	cd $(OFFLINE_DIR) && $(CURDIR)/$(BIN)/python -m zipfile -c $(abspath $(OFFLINE_ZIP)) popatlas
	@echo "$(OFFLINE_ZIP): unzip it and open popatlas/index.html"
