"""``citebot serve`` as a real process on a free loopback port, driven over HTTP, then stopped."""

from __future__ import annotations

import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from cli.main import cli

CITEBOT = Path(sys.executable).with_name("citebot")
HANOI = "Why did the Hanoi summit fail?"


class Served:
    """A ``citebot serve --port 0`` subprocess; ``url`` comes from its ready line. ``args`` and ``env`` add
    options (``--workers 2``) and settings (``CITEBOT_CHROMA_URL``); PYTHONPATH is passed on, so a checkout's
    code is what runs."""

    def __init__(self, data_dir: Path, args: Sequence[str] = (), env: dict[str, str] | None = None) -> None:
        extra = {**({"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}), **(env or {})}
        environ = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", str(data_dir)),
            "CITEBOT_DATA_DIR": str(data_dir),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),  # the code under test, as the CLI beside it runs
            **extra,
        }
        self.proc = subprocess.Popen(
            [str(CITEBOT), "serve", "--host", "127.0.0.1", "--port", "0", "--no-access-log", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environ,
        )
        self.lines: list[str] = []
        self.errors: list[str] = []
        lines: queue.Queue[str | None] = queue.Queue()

        def drain() -> None:  # read stderr continuously so the server never blocks on a full pipe
            assert self.proc.stderr is not None
            self.errors.extend(self.proc.stderr)

        self._drain = threading.Thread(target=drain, daemon=True)
        self._drain.start()

        def pump() -> None:
            assert self.proc.stdout is not None
            for line in self.proc.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=180)  # a guard against a hung start, not a performance assertion
            except queue.Empty:
                self.stop()
                raise RuntimeError(f"citebot serve printed no ready line: {self.lines}") from None
            if line is None:
                self.proc.wait()
                raise RuntimeError(f"citebot serve exited: {self.lines} {self.errors}")
            self.lines.append(line)
            found = re.search(r"ready on (http://127\.0\.0\.1:\d+)", line)
            if found:
                self.url = found.group(1)
                return

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._drain.join(30)
        return self.proc.returncode


@pytest.mark.slow
def test_serve_indexes_on_first_start_answers_over_http_and_keeps_sessions_across_a_restart(tmp_path):
    data = tmp_path / "data"
    served = Served(data)
    try:
        assert any("indexed issi-2022-us-north-korea-talks" in line for line in served.lines)
        with httpx.Client(base_url=served.url, timeout=60) as http:
            health = http.get("/health")
            assert health.status_code == 200
            assert health.json()["status"] == "ready"
            assert health.json()["briefs"] == 1
            # bound to loopback: a page on another name that resolves here (DNS rebinding) is refused
            assert http.get("/health", headers={"Host": "rebound.example"}).status_code == 400
            assert http.get("/health", headers={"Host": "localhost"}).status_code == 200

            chat = http.post("/chat", json={"message": HANOI, "session_id": None, "brief_id": None, "top_k": 3})
            assert chat.status_code == 200
            assert any(c["footnotes"] == [11] and c["verified"] for c in chat.json()["citations"])

            session = http.post("/chat", json={"message": "When did North Korea test its monster missile?"}).json()

            stream = http.post("/chat/stream", json={"message": HANOI})
            assert stream.headers["content-type"].startswith("text/event-stream")
            names = re.findall(r"^event: (\w+)$", stream.text, flags=re.M)
            assert names[-1] == "answer" and set(names[:-1]) == {"citation"}

            def chunked():
                for _ in range(200):
                    yield b" " * 1024

            big = http.post("/chat", content=chunked(), headers={"content-type": "application/json"})
            assert big.status_code == 413
            assert http.post("/chat", json={"message": ""}).status_code == 422
    finally:
        served.stop()
    # SIGTERM: uvicorn shuts the app down gracefully (then re-raises the signal, so the exit code is -15)
    assert served.proc.returncode in (0, -15)
    assert any("Application shutdown complete" in line for line in served.errors), served.errors

    again = Served(data)  # second start over the same data: nothing to index, the session is still there
    try:
        assert not any("indexed" in line for line in again.lines)
        with httpx.Client(base_url=again.url, timeout=60) as http:
            follow = http.post("/chat", json={"message": "How far did it fly?", "session_id": session["session_id"]})
            assert follow.status_code == 200
            assert "1,090 km" in follow.json()["citations"][0]["quote"]
    finally:
        again.stop()


def test_a_busy_port_is_a_one_line_error_with_exit_2(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output


def test_a_port_out_of_range_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "70000" in result.output


def test_serve_is_registered_with_its_options():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--log-level"):
        assert option in result.output
    assert json.dumps("127.0.0.1").strip('"') in result.output


def test_serving_a_network_address_without_keys_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CITEBOT_WRITE_KEY", raising=False)
    monkeypatch.delenv("CITEBOT_READ_KEY", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 2
    assert "CITEBOT_WRITE_KEY" in result.output and "--no-auth" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False)]
)
def test_loopback_hosts_are_told_apart(host, loopback):
    from cli.serve_cmd import is_loopback

    assert is_loopback(host) is loopback


@pytest.mark.slow
def test_cli_ingest_and_remove_beside_a_running_server_never_break_its_answers(tmp_path):
    from tests.corpus.brief_writers import OTHER, to_markdown

    data = tmp_path / "data"
    served = Served(data)
    env = {**os.environ, "CITEBOT_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    question = {"message": "How much of their irrigation water do downstream farmers take from the river?"}
    try:
        with httpx.Client(base_url=served.url, timeout=60) as http:
            assert http.post("/chat", json={"message": HANOI}).status_code == 200  # the server's view is open
            brief = tmp_path / "river.md"
            brief.write_bytes(to_markdown(OTHER))
            added = subprocess.run([str(CITEBOT), "ingest", str(brief)], env=env, capture_output=True, text=True)
            assert added.returncode == 0, added.stderr

            answer = http.post("/chat", json=question)
            assert answer.status_code == 200, answer.text
            assert answer.json()["citations"][0]["brief_id"] == "river"
            assert http.post("/chat", json={"message": HANOI}).status_code == 200
            assert {b["id"] for b in http.get("/briefs").json()} == {"issi-2022-us-north-korea-talks", "river"}

            removed = subprocess.run([str(CITEBOT), "remove", "river"], env=env, capture_output=True, text=True)
            assert removed.returncode == 0, removed.stderr
            after = http.post("/chat", json=question)
            assert after.status_code == 200
            assert all(c["brief_id"] != "river" for c in after.json()["citations"])
            assert http.get("/health").json()["status"] == "ready"
    finally:
        served.stop()
