"""The CLI loads its heavy libraries only when a command needs them: ``import cli.main`` (every command's
``--help``) imports no vector store, model runtime or LangChain vector-store stack."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("chromadb", "langchain_chroma", "langchain_core.vectorstores", "onnxruntime", "torch")


def test_importing_the_cli_loads_no_store_model_runtime_or_langchain_vector_store():
    script = f"import json, sys, cli.main; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == []
