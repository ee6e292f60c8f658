# Two entry points for a fresh machine: `make serve` and `make test`.
# Both create a virtual environment inside the checkout and install everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test lint bench load system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

system-deps:
	bash scripts/install-system-deps.sh

serve: system-deps $(STAMP)
	$(BIN)/vraagbaak serve

test: system-deps $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/vraagbaak bench

clean:
	rm -rf $(VENV) var build *.egg-info
