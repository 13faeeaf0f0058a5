"""Two ``citebot serve`` processes, each with its own empty data dir, both on one PostgreSQL database and one
``chroma run`` server: what is uploaded, chatted or removed through one is what the other serves. Real
processes, real MiniLM, real PostgreSQL (tests/pg.py) and a real Chroma server."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from index.db import connect
from index.db.migrate import upgrade
from tests.conftest import BUNDLED_BRIEF_PATH
from tests.index.conftest import free_port
from tests.index.test_chroma_server import ChromaServer

pytestmark = pytest.mark.slow

CITEBOT = Path(sys.executable).with_name("citebot")
HANOI = "Why did the Hanoi summit fail?"
EARLIER = "When did North Korea test its monster missile?"


class Server:
    """A ``citebot serve --port 0`` subprocess with the given environment; ``url`` comes from its ready line."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [str(CITEBOT), "serve", "--port", "0", "--no-access-log"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: list[str] = []
        lines: queue.Queue[str | None] = queue.Queue()

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
                raise RuntimeError(f"citebot serve exited: {self.lines}")
            self.lines.append(line)
            found = re.search(r"ready on (http://127\.0\.0\.1:\d+)", line)
            if found:
                self.url = found.group(1)
                return

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def two_servers(pg_url, tmp_path):
    db = connect.create(pg_url)
    upgrade(db)
    db.engine.dispose()
    chroma = ChromaServer(tmp_path / "chroma-server", free_port())
    chroma.start()
    (tmp_path / "no-bundled").mkdir()
    servers: list[Server] = []
    try:
        for name in ("first", "second"):
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": str(tmp_path),
                "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
                "CITEBOT_DATA_DIR": str(tmp_path / name),  # each its own, empty
                "CITEBOT_BRIEFS_DIR": str(tmp_path / "no-bundled"),  # nothing indexed at start: the test uploads
                "CITEBOT_DATABASE_URL": pg_url,
                "CITEBOT_CHROMA_URL": chroma.url,
                "HF_HUB_OFFLINE": "1",
                "TRANSFORMERS_OFFLINE": "1",
                "ANONYMIZED_TELEMETRY": "False",
            }
            servers.append(Server(env))
        yield servers, chroma.url
    finally:
        for server in servers:
            server.stop()
        chroma.stop()


def test_upload_chat_and_removal_on_one_process_are_served_by_the_other(two_servers):
    (first, second), _ = two_servers
    with httpx.Client(base_url=first.url, timeout=120) as a, httpx.Client(base_url=second.url, timeout=120) as b:
        assert b.get("/briefs").json() == []

        uploaded = a.post("/briefs", files={"file": (BUNDLED_BRIEF_PATH.name, BUNDLED_BRIEF_PATH.read_bytes())})
        assert uploaded.status_code == 201, uploaded.text
        brief_id = uploaded.json()["brief"]["id"]

        asked = b.post("/chat", json={"message": HANOI})  # uploaded to the first, asked on the second
        assert asked.status_code == 200, asked.text
        assert any(c["footnotes"] == [11] and c["brief_id"] == brief_id for c in asked.json()["citations"])

        started = a.post("/chat", json={"message": EARLIER}).json()["session_id"]
        followed = b.post("/chat", json={"message": "How far did it fly?", "session_id": started})
        assert followed.status_code == 200, followed.text
        assert "1,090 km" in followed.json()["citations"][0]["quote"]  # "it" resolved through the first's turn
        turns = a.get(f"/chat/sessions/{started}").json()["turns"]
        assert [t["text"] for t in turns if t["role"] == "user"] == [EARLIER, "How far did it fly?"]

        assert b.delete(f"/briefs/{brief_id}").status_code == 204  # removed on the second
        assert a.get("/briefs").json() == []
        after = a.post("/chat", json={"message": HANOI}).json()
        assert after["citations"] == []  # the first stops quoting it


def test_concurrent_uploads_of_one_brief_to_both_processes_leave_exactly_one_active_version(two_servers):
    import chromadb

    servers, chroma_url = two_servers
    original = BUNDLED_BRIEF_PATH.read_bytes()
    variants = [original, original + b"\n\nA closing paragraph that only the second upload carries.\n"]
    results: list[httpx.Response] = []
    start = threading.Barrier(2)

    def upload(server: Server, data: bytes) -> None:
        with httpx.Client(base_url=server.url, timeout=300) as http:
            start.wait()
            form = {"brief_id": "shared", "replace": "true"}
            results.append(http.post("/briefs", data=form, files={"file": ("brief.txt", data)}))

    threads = [threading.Thread(target=upload, args=pair) for pair in zip(servers, variants, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.status_code for r in results) in ([200, 201], [201, 201]), [r.text for r in results]
    active = {httpx.get(f"{s.url}/briefs/shared", timeout=60).json()["content_hash"] for s in servers}
    assert len(active) == 1  # both processes serve the same one version
    (content_hash,) = active

    host, port = chroma_url.removeprefix("http://").split(":")
    client = chromadb.HttpClient(host=host, port=int(port))
    (collection,) = client.list_collections()
    stored = client.get_collection(collection.name).get(where={"brief_id": "shared"}, include=["metadatas"])
    versions = {m["version"] for m in stored["metadatas"]}
    assert len(versions) == 1  # no vectors of the version that lost
    assert content_hash[:16] in next(iter(versions))
