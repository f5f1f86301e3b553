# The two commands of the README: `make demo` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test fuzz install bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/wbportal demo --sources sources.yaml --data-dir var/demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The long property-based run (10,000 examples per parser); not part of `make test`.
fuzz: $(STAMP)
	WBP_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q tests/test_normalize_properties.py

clean:
	rm -rf $(VENV) var .pytest_cache
