"""Two ``citebot serve`` processes, each with its own empty data dir, both on one PostgreSQL database and one
``chroma run`` server: what is uploaded, chatted or removed through one is what the other serves. Real
processes, real MiniLM, real PostgreSQL (tests/pg.py) and a real Chroma server."""

from __future__ import annotations

import threading

import httpx
import pytest

from index.db import connect
from index.db.migrate import upgrade
from tests.cli.test_serve_cmd import HANOI, Served
from tests.conftest import BUNDLED_BRIEF_PATH
from tests.index.conftest import free_port
from tests.index.test_chroma_server import ChromaServer

pytestmark = pytest.mark.slow

EARLIER = "When did North Korea test its monster missile?"


@pytest.fixture
def two_servers(pg_url, tmp_path):
    db = connect.create(pg_url)
    upgrade(db)
    db.engine.dispose()
    chroma = ChromaServer(tmp_path / "chroma-server", free_port())
    chroma.start()
    (tmp_path / "no-bundled").mkdir()
    servers: list[Served] = []
    try:
        for name in ("first", "second"):
            env = {
                "CITEBOT_BRIEFS_DIR": str(tmp_path / "no-bundled"),  # nothing indexed at start: the test uploads
                "CITEBOT_DATABASE_URL": pg_url,
                "CITEBOT_CHROMA_URL": chroma.url,
            }
            servers.append(Served(tmp_path / name, env=env))  # each its own, empty data dir
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

    def upload(server: Served, data: bytes) -> None:
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
