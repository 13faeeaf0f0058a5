"""GET /health: 503 "starting" until the index is loaded, then 200 "ready" with counts and metrics."""

from __future__ import annotations

import os
import threading

import pytest
from fastapi.testclient import TestClient

import api.lifecycle
from api.main import create_app
from corpus.errors import IndexUnavailable
from corpus.settings import BUNDLED_BRIEFS, Settings


def test_ready_with_counts_and_metrics(client, bundled_brief):
    r = client.get("/health")
    assert r.status_code == 200
    h = r.json()
    assert h["status"] == "ready"
    assert h["briefs"] == 1
    assert h["passages"] == len(bundled_brief.passages)
    assert h["footnotes"] == 18
    assert h["vectors"] > 0
    assert h["store"] == "embedded"
    assert {"questions", "abstentions", "citations_dropped"} <= set(h["metrics"])


def test_metrics_count_questions_and_abstentions(client):
    before = client.get("/health").json()["metrics"]
    client.post("/chat", json={"message": "Why did the Hanoi summit fail?"})
    client.post("/chat", json={"message": "What is the capital of France?"})
    after = client.get("/health").json()["metrics"]
    assert after["questions"] == before["questions"] + 2
    assert after["abstentions"] == before["abstentions"] + 1
    assert after["citations_dropped"] == 0


def test_sessions_are_counted(client):
    client.post("/chat", json={"message": "Why did the Hanoi summit fail?"})
    assert client.get("/health").json()["sessions"] == 1


def test_store_outage_makes_health_503_until_it_returns(client, flaky):
    flaky.down = True
    r = client.get("/health")
    assert r.status_code == 503
    assert r.json()["status"] == "unavailable"
    flaky.down = False
    assert client.get("/health").json()["status"] == "ready"


def test_each_store_is_checked_with_its_latency(client):
    h = client.get("/health").json()
    assert h["worker"] == os.getpid()
    assert set(h["checks"]) == {"vector_store", "database"}
    store, database = h["checks"]["vector_store"], h["checks"]["database"]
    assert store == {"status": "ok", "latency_ms": store["latency_ms"], "kind": "embedded"}
    assert database == {"status": "ok", "latency_ms": database["latency_ms"], "kind": "sqlite"}
    assert 0 <= store["latency_ms"] < 10_000 and 0 <= database["latency_ms"] < 10_000


def test_a_store_outage_names_the_vector_store_and_not_the_database(client, flaky):
    flaky.down = True
    r = client.get("/health")
    assert r.status_code == 503
    assert r.headers["retry-after"]
    checks = r.json()["checks"]
    assert checks["vector_store"]["status"] == "unavailable"
    assert checks["vector_store"]["detail"] == r.json()["detail"]
    assert checks["database"]["status"] == "ok"


class DownSessions:
    """A session store whose database cannot be reached: every round trip raises, as a lost server's would."""

    def count(self) -> int:
        raise IndexUnavailable("the session store is unavailable: connection refused")

    def prune(self, max_idle_seconds: float) -> int:
        return 0

    def close(self) -> None:
        pass


def test_a_database_outage_is_503_naming_the_database(engine):
    with TestClient(create_app(engine.settings, engine, sessions=DownSessions())) as c:  # type: ignore[arg-type]
        r = c.get("/health")
    assert r.status_code == 503
    assert r.headers["retry-after"]
    body = r.json()
    assert body["status"] == "unavailable"
    assert "session store is unavailable" in body["detail"]
    assert body["checks"]["database"]["status"] == "unavailable"
    assert body["checks"]["vector_store"]["status"] == "ok"


@pytest.fixture
def gate():
    return threading.Event()


def test_starting_until_the_engine_is_built(fake_engine, gate):
    def slow_build(settings):
        gate.wait(60)
        return fake_engine

    app = create_app(fake_engine.settings, build=slow_build)
    with TestClient(app) as c:
        r = c.get("/health")
        assert r.status_code == 503
        assert r.json() == {"status": "starting", "worker": os.getpid()}
        assert r.headers["retry-after"]
        chat = c.post("/chat", json={"message": "hello"})
        assert chat.status_code == 503
        assert "starting" in chat.json()["detail"]
        assert c.get("/briefs").status_code == 503
        gate.set()
        assert app.state.citebot.ready.wait(60)
        assert c.get("/health").json()["status"] == "ready"
        assert c.post("/chat", json={"message": "hello"}).status_code == 200


def test_a_failed_load_is_reported_and_retried_until_it_succeeds(fake_engine, monkeypatch, gate):
    monkeypatch.setattr(api.lifecycle, "RETRY_FIRST_SECONDS", 0.01)
    attempts = []

    def flaky_build(settings):
        attempts.append(1)
        if len(attempts) < 3:
            raise IndexUnavailable("the vector store at http://127.0.0.1:9 is unavailable")
        gate.wait(60)
        return fake_engine

    app = create_app(fake_engine.settings, build=flaky_build)
    with TestClient(app) as c:
        for _ in range(6000):  # the loader retries in the background; wait for its third attempt
            if len(attempts) >= 3:
                break
            threading.Event().wait(0.01)
        h = c.get("/health").json()
        assert h["status"] == "starting"
        assert "unavailable" in h["detail"]
        gate.set()
        assert app.state.citebot.ready.wait(60)
        assert c.get("/health").json()["status"] == "ready"
    assert len(attempts) == 3


@pytest.mark.slow
def test_without_an_engine_the_lifespan_builds_one_and_indexes_the_bundled_brief(tmp_path, embedder):
    settings = Settings(data_dir=tmp_path / "fresh", briefs_dir=BUNDLED_BRIEFS)
    app = create_app(settings)
    with TestClient(app) as c:
        assert app.state.citebot.ready.wait(120), app.state.citebot.last_error
        h = c.get("/health").json()
        assert h["status"] == "ready"
        assert h["briefs"] == 1
        assert h["load_seconds"] > 0
        body = c.post("/chat", json={"message": "Why did the Hanoi summit fail?"}).json()
        assert any(cit["footnotes"] == [11] for cit in body["citations"])
    assert (tmp_path / "fresh" / "citebot.sqlite3").exists()  # the embedded database, made on first start


def test_orphan_vectors_of_a_killed_ingest_are_not_counted(client, engine, bundled_brief):
    from dataclasses import replace

    from bot.ingest_records import stored_docs
    from bot.qa.index_state import version_key
    from index.views import passage_views

    before = client.get("/health").json()["vectors"]
    ghost = replace(
        bundled_brief, id="ghost", passages=tuple(replace(p, brief_id="ghost") for p in bundled_brief.passages)
    )
    engine.store.add(stored_docs(passage_views(ghost), version_key(ghost)))  # stored, but the brief was never saved
    assert engine.store.count() > before
    assert client.get("/health").json()["vectors"] == before


def test_the_database_kind_is_sqlite_or_the_servers_scheme(tmp_path):
    from api.routes.health import database_kind

    settings = Settings(data_dir=tmp_path)
    assert database_kind(settings) == "sqlite"
    object.__setattr__(settings, "database_url", "postgresql+psycopg://citebot@db-host/citebot")
    assert database_kind(settings) == "postgresql"
