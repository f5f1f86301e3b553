# The two commands of the README: `make demo` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo demo-scheduler test fuzz install bench clean

AXE    := .cache/axe/node_modules/axe-core/axe.min.js

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

# axe-core (npm) for the accessibility check in the browser tests; skipped without npm.
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4 >/dev/null; \
	else echo "npm not found: the accessibility check will be skipped"; fi

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/wbportal demo --sources sources.yaml --data-dir var/demo

# The demo with the scheduler re-crawling the demo sites every ten minutes (demo/schedules.yaml).
demo-scheduler: $(STAMP)
	$(BIN)/wbportal demo --sources sources.yaml --data-dir var/demo --scheduler demo/schedules.yaml

# Three worker processes on the CI machine's two cores: much of the suite waits on crawl
# subprocesses, servers and the browser, so a third worker fills the idle CPU (full suite with
# PostgreSQL: 680 s with two workers, 568 s with three, measured in one session). A test file
# stays on one worker, so its module fixtures (demo index, live server) are built once.
# TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 3

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile

# The long property-based run (10,000 examples per parser); not part of `make test`.
fuzz: $(STAMP)
	WBP_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q tests/test_normalize_properties.py tests/test_api_properties.py

clean:
	rm -rf $(VENV) var .pytest_cache .cache test-artifacts
