"""Run a snippet in a fresh Python process over this checkout and read back the JSON it prints: what a cold import
loads is only visible from a process that has imported nothing yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_json(script: str) -> Any:
    """The JSON the script prints on its last line; a failing script fails the test with its stderr."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def loaded_after(imports: str, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` are in ``sys.modules`` after ``import <imports>`` in a fresh process."""
    return list(
        run_json(f"import json, sys, {imports}; print(json.dumps([m for m in {modules!r} if m in sys.modules]))")
    )
