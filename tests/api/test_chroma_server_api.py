"""/chat against a real Chroma server (`chroma run`): 503 while the server is down, 200 again once it is back."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from tests.index.conftest import free_port
from tests.index.test_chroma_server import ChromaServer

pytestmark = pytest.mark.slow

HANOI = "Why did the Hanoi summit fail?"


@pytest.fixture
def chroma(tmp_path):
    server = ChromaServer(tmp_path / "chroma-server", free_port())
    server.start()
    yield server
    server.stop()


def test_chat_is_503_while_the_chroma_server_is_down_and_recovers(make_engine, bundled_brief, chroma, tmp_path):
    engine = make_engine(data_dir=tmp_path / "api", chroma_url=chroma.url)
    engine.ingest(bundled_brief)
    with TestClient(create_app(engine.settings, engine)) as c:
        health = c.get("/health").json()
        assert health["store"] == "server"
        assert health["checks"]["vector_store"]["kind"] == "server"
        assert health["checks"]["vector_store"]["status"] == "ok"
        assert c.post("/chat", json={"message": HANOI}).status_code == 200

        chroma.stop()
        # Questions are ranked over cached vectors; the store watch notices the outage within about a second
        # (the deadline guards a hang, it times nothing).
        deadline = time.monotonic() + 30
        down = c.post("/chat", json={"message": HANOI})
        while down.status_code == 200 and time.monotonic() < deadline:
            time.sleep(0.1)
            down = c.post("/chat", json={"message": HANOI})
        assert down.status_code == 503
        assert down.json()["code"] == "index_unavailable"
        assert down.json()["detail"].startswith(f"the vector store at {chroma.url} is unavailable")
        assert int(down.headers["retry-after"]) > 0
        unhealthy = c.get("/health")
        assert unhealthy.status_code == 503
        assert int(unhealthy.headers["retry-after"]) > 0
        checks = unhealthy.json()["checks"]
        assert checks["vector_store"]["status"] == "unavailable"
        assert chroma.url in checks["vector_store"]["detail"]
        assert checks["database"]["status"] == "ok"  # the outage is named: sessions still answer

        chroma.start()  # same data path and port: the store reconnects on the next request, no restart needed
        up = c.post("/chat", json={"message": HANOI})
        assert up.status_code == 200
        assert any(cit["footnotes"] == [11] for cit in up.json()["citations"])
        assert c.get("/health").json()["status"] == "ready"
