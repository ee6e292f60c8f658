# Two entry points for a fresh machine: `make serve` and `make test`.
# Both create a virtual environment inside the checkout and install everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test lint bench load audit mutation system-deps clean

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

# 16 clients for 60 s against `vraagbaak serve` on 127.0.0.1 (docs/reliability.md).
load: $(STAMP)
	$(BIN)/python -m bench.load

# pip-audit that fails (exit 3) when it could not check every dependency (docs/security.md).
audit: $(STAMP)
	$(BIN)/python scripts/audit_deps.py

# Mutation testing, module by module (slow: not part of `make test` or CI; docs/testing.md).
# `make mutation MODULES="index/documents/dates.py search/query.py"` runs only those.
mutation: $(STAMP)
	nice -n 10 $(BIN)/python scripts/mutation.py $(MODULES)

clean:
	rm -rf $(VENV) var build *.egg-info
