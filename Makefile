# The two commands: `make run` and `make test`. Each sets up .venv on its own if it is missing.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run test lint typecheck unit eval bench clean chromium

install: $(STAMP)

# torch is pinned and installed first: left to a dependency it would pull a multi-GB CUDA build.
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "python3.11 is required"; exit 2; }
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@echo "Installing into $(VENV) (first run takes a few minutes)..."
	@$(BIN)/pip install -q torch==2.13.0
	@$(BIN)/pip install -q -r requirements.txt -r requirements-dev.txt
	@$(BIN)/pip install -q --no-deps -e .
	@$(BIN)/python -c "import torch, chromadb, sentence_transformers, fastapi, corpus" 
	@$(BIN)/citebot model export
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/citebot serve --host 127.0.0.1 --port 8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# The e2e tests drive Debian's chromium, never a downloaded browser: install it only when it is missing. If it
# cannot be installed (no root, no apt), say so; those tests then skip with that reason.
CHROMIUM := /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || { \
	  echo "Installing chromium for the end-to-end tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  $$SUDO apt-get install -y chromium || { $$SUDO apt-get update && $$SUDO apt-get install -y chromium; } \
	    || echo "chromium could not be installed: the e2e tests will be skipped"; }

unit: $(STAMP) chromium
	$(BIN)/pytest -q

test: lint typecheck unit

eval: $(STAMP)
	$(BIN)/citebot eval ../shared/eval/dev.jsonl

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
