"""``POST /briefs`` under the work limits: 413 or 422 at once, naming the limit, and the library unchanged; a
client that disconnects mid-upload cancels the work (real uvicorn server on a loopback port)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.main import create_app
from corpus.limits import current_budget
from tests.corpus.brief_writers import SAMPLE, to_markdown
from tests.corpus.docx_writer import to_docx

WAIT = 120  # seconds: a bound on waiting for the server, never a timing being measured
INFLATING_DOCX = to_docx(SAMPLE, extra_body="<w:p/>" * 200_000)  # ~1.4 MB inflated from a few kilobytes


def many_sentences(n: int) -> bytes:
    return " ".join(f"Finding number {i} is one short plain statement." for i in range(n)).encode()


def library(engine: Any) -> tuple[list[str], int]:
    return [b.id for b in engine.repository.all()], engine.store.count()


@pytest.fixture
def low(make_engine: Callable[..., Any]) -> Iterator[tuple[TestClient, Any]]:
    engine = make_engine(max_inflated_bytes=500_000, max_passages=100, max_parse_seconds=30)
    with TestClient(create_app(engine.settings, engine)) as client:
        yield client, engine


def test_an_inflating_docx_is_413_naming_the_limit(low: tuple[TestClient, Any]) -> None:
    client, engine = low
    r = client.post("/briefs", files={"file": ("bomb.docx", INFLATING_DOCX)})
    assert r.status_code == 413, r.text
    assert "CITEBOT_MAX_INFLATED_BYTES" in r.json()["detail"]
    assert library(engine) == ([], 0)


def test_a_many_sentence_upload_is_413_naming_the_passage_limit(low: tuple[TestClient, Any]) -> None:
    client, engine = low
    r = client.post("/briefs", files={"file": ("sentences.txt", many_sentences(500))})
    assert r.status_code == 413, r.text
    assert "CITEBOT_MAX_PASSAGES" in r.json()["detail"]
    assert library(engine) == ([], 0)


def test_a_parse_over_its_deadline_is_422_naming_the_limit(make_engine: Callable[..., Any]) -> None:
    engine = make_engine(max_parse_seconds=1e-9)
    with TestClient(create_app(engine.settings, engine)) as client:
        r = client.post("/briefs", files={"file": ("sample.md", to_markdown(SAMPLE))})
    assert r.status_code == 422, r.text
    assert "CITEBOT_MAX_PARSE_SECONDS" in r.json()["detail"]
    assert library(engine) == ([], 0)


def test_an_upload_within_the_limits_is_added(low: tuple[TestClient, Any]) -> None:
    client, _ = low
    r = client.post("/briefs", files={"file": ("sample.md", to_markdown(SAMPLE))})
    assert r.status_code == 201, r.text


@pytest.mark.slow
def test_a_client_that_disconnects_mid_upload_cancels_it(
    make_engine: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine()
    started, stopped = threading.Event(), threading.Event()
    real_add = engine.store.add

    def add(docs: Any, progress: Any = None) -> None:
        def hold(done: int, total: int) -> None:
            if not started.is_set():
                # Mid-embedding: stay here until the upload is cancelled, so the test does not race the work.
                started.set()
                budget = current_budget()
                assert budget is not None
                budget.cancel.wait(WAIT)

        try:
            real_add(docs, hold)
        finally:
            stopped.set()

    monkeypatch.setattr(engine.store, "add", add)
    config = uvicorn.Config(create_app(engine.settings, engine), host="127.0.0.1", port=0, log_level="critical")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        bound = time.monotonic() + WAIT
        while not server.started:
            assert thread.is_alive() and time.monotonic() < bound, "the server did not start"
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        boundary = "citebot-test-boundary"
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        body += many_sentences(200) + f"\r\n--{boundary}--\r\n".encode()
        head = (
            f"POST /briefs HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as conn:
            conn.sendall(head + body)
            assert started.wait(WAIT), "the upload never started embedding"
        # The connection is closed mid-embedding: the server notices, cancels, and discards what was embedded.
        assert stopped.wait(WAIT), "the embedding did not stop after the client went away"
        bound = time.monotonic() + WAIT
        while library(engine) != ([], 0):
            assert time.monotonic() < bound, f"the library was changed: {library(engine)}"
            time.sleep(0.1)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
