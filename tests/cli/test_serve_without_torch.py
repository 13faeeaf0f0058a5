"""The serving path never loads torch: ``citebot serve`` as a real process, and ``ingest``/``ask``/``check``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from tests.conftest import BUNDLED_BRIEF_PATH

ROOT = Path(__file__).resolve().parents[2]
TORCH_MODULES = ("torch", "sentence_transformers", "langchain_huggingface", "transformers")


def _env(data_dir: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(data_dir),
        "PYTHONPATH": str(ROOT),  # this checkout's code, whatever the venv's editable install points at
        "CITEBOT_DATA_DIR": str(data_dir),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }


def _torch_libraries(pid: int) -> list[str]:
    """Shared libraries of torch mapped into the process (libtorch, libc10), from /proc/<pid>/maps."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return sorted({line.split()[-1] for line in maps.splitlines() if re.search(r"/(libtorch|libc10)[^/]*\.so", line)})


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc to list a process's libraries")
def test_citebot_serve_answers_without_loading_torch(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-c", "from cli.main import main; main()", "serve", "--port", "0", "--no-access-log"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
        cwd=ROOT,
    )
    errors: list[str] = []
    threading.Thread(target=lambda: errors.extend(proc.stderr or []), daemon=True).start()
    try:
        url = None
        assert proc.stdout is not None
        for line in proc.stdout:  # the bundled brief is indexed before the ready line
            found = re.search(r"ready on (http://127\.0\.0\.1:\d+)", line)
            if found:
                url = found.group(1)
                break
        assert url, errors
        response = httpx.post(f"{url}/chat", json={"message": "Why did the Hanoi summit fail?"}, timeout=120)
        assert response.status_code == 200
        assert response.json()["citations"]
        assert _torch_libraries(proc.pid) == []
    finally:
        proc.terminate()
        proc.wait(timeout=60)


SCRIPT = """
import json, sys
from click.testing import CliRunner
from cli.main import cli
runner = CliRunner()
codes = [runner.invoke(cli, args).exit_code for args in (
    ["ingest", sys.argv[1]],
    ["ask", "Why did the Hanoi summit fail?"],
    ["check", "The Hwasong-17 flew 2,000 km."],
)]
print(json.dumps({"codes": codes, "loaded": [m for m in sys.argv[2:] if m in sys.modules]}))
"""


@pytest.mark.slow
def test_ingest_ask_and_check_never_import_torch(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(BUNDLED_BRIEF_PATH), *TORCH_MODULES],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=ROOT,
        timeout=600,  # a guard against a hang, not a performance assertion
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"codes": [0, 0, 0], "loaded": []}
