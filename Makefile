# The two commands: `make run` and `make test`. Each sets up .venv on its own if it is missing.
# Every recipe line fails the recipe on its first error, an unset variable, or a failure anywhere in a pipe.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install lock run test lint typecheck unit eval bench clean chromium postgresql

install: $(STAMP)

# Installs exactly the lock (every file checked against its hash; --no-deps because the lock is the whole closure:
# the pip a new venv brings, 23.2, otherwise re-resolves chromadb's `uvicorn[standard]` and takes a newer uvicorn
# than the lock's, which hash mode refuses), checks that the installed set is consistent, then citebot itself
# without dependencies. The
# lock pins torch to its CPU wheel by hash, so pip cannot take a multi-GB CUDA build in its place. The stamp is
# removed first and written last: an install that fails anywhere fails make and leaves no stamp behind.
# `citebot model export` writes the ONNX model and then the bundled briefs' vectors (vector-cache.npz), which the
# first `citebot serve` reuses instead of embedding the bundled brief again.
$(STAMP): requirements-dev.lock pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "python3.11 is required"; exit 2; }
	@rm -f $(STAMP)
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@echo "Installing into $(VENV) from requirements-dev.lock (first run takes a few minutes)..."
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-dev.lock
	$(BIN)/pip check
	$(BIN)/pip install -q --no-deps -e .
	$(BIN)/python -c "import torch, chromadb, sentence_transformers, fastapi, grimp, onnxruntime, corpus"
	$(BIN)/citebot model export
	@touch $(STAMP)

# Re-pins the locks from pyproject.toml after a dependency changes there. Pins that still fit are kept; add
# LOCK_ARGS=--upgrade to move everything to the newest allowed. The dev lock is constrained by the runtime one,
# so the two agree on every package they share.
PIP_COMPILE = $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url $(LOCK_ARGS)
LOCK_ARGS ?=
lock:
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@test -x $(BIN)/pip-compile || $(BIN)/pip install -q "pip-tools>=7.4"
	$(PIP_COMPILE) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra dev --extra export -c requirements.lock -o requirements-dev.lock pyproject.toml

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

# The database tests start a throwaway PostgreSQL cluster (tests/pg.py) from Debian's package: install it only when
# it is missing. If it cannot be installed, say so; those tests then skip with that reason.
POSTGRES_INITDB := $(firstword $(wildcard /usr/lib/postgresql/*/bin/initdb))
postgresql:
	@test -n "$(POSTGRES_INITDB)" || command -v initdb >/dev/null 2>&1 || { \
	  echo "Installing postgresql for the database tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  $$SUDO apt-get install -y postgresql || { $$SUDO apt-get update && $$SUDO apt-get install -y postgresql; } \
	    || echo "postgresql could not be installed: the PostgreSQL tests will be skipped"; }

unit: $(STAMP) chromium postgresql
	$(BIN)/pytest -q

test: lint typecheck unit

eval: $(STAMP)
	$(BIN)/citebot eval ../shared/eval/dev.jsonl

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
