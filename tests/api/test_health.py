"""GET /health: 503 "starting" until the index is loaded, then 200 "ready" with counts and metrics."""

from __future__ import annotations

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
        assert r.json() == {"status": "starting"}
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

    from bot.engine import _docs
    from bot.qa.retrieval import version_key
    from index.views import passage_views

    before = client.get("/health").json()["vectors"]
    ghost = replace(
        bundled_brief, id="ghost", passages=tuple(replace(p, brief_id="ghost") for p in bundled_brief.passages)
    )
    engine.store.add(_docs(passage_views(ghost), version_key(ghost)))  # stored, but the brief was never saved
    assert engine.store.count() > before
    assert client.get("/health").json()["vectors"] == before
