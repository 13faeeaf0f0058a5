"""What a starting server does not import: the API's modules, the engine factory and the store load no LangChain
core, no Alembic and no PostgreSQL dialect (each only for the work that needs it: a first write, a schema change,
a PostgreSQL database), so a restart does not wait for them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_AT_START = ("langchain_core", "alembic", "sqlalchemy.dialects.postgresql", "torch")


def test_the_api_and_the_engine_factory_import_no_langchain_core_alembic_or_postgresql_dialect():
    script = (
        "import json, sys, api.main, api.server, bot.factory, bot.doctor, index.store, index.onnxmodel.embedder; "
        f"print(json.dumps([m for m in {NOT_AT_START!r} if m in sys.modules]))"
    )
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
