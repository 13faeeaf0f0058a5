"""``citebot serve --workers N``: refusals as one line (exit 2), then two real worker processes over a real
``chroma run`` server, on a free loopback port with their own data dir.

Every request below opens its own connection (``Connection: close``), so the kernel hands it to whichever worker
accepts first; ``X-Citebot-Worker`` names the process that answered. Requests and waits are bounded.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from cli.main import cli
from cli.serve_cmd import check_workers
from corpus.errors import InvalidRequest
from corpus.settings import Settings
from tests.cli.test_serve_cmd import HANOI, Served
from tests.index.conftest import free_port
from tests.index.test_chroma_server import ChromaServer

WORKER = "x-citebot-worker"
RIVER_QUESTION = "How much of their irrigation water do downstream farmers take from the river?"


# ------------------------------------------------------------------------------------------------- refusals
@pytest.mark.parametrize("workers", ["0", "-3"])
def test_fewer_than_one_worker_is_refused_in_one_line(tmp_path, monkeypatch, workers):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(cli, ["serve", "--port", "0", "--workers", workers])
    assert result.exit_code == 2
    assert result.output.strip() == f"citebot: error: --workers must be at least 1, got {workers}"


def test_an_absurd_number_of_workers_is_refused_before_anything_loads(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CITEBOT_CHROMA_URL", "http://127.0.0.1:9")
    result = CliRunner().invoke(cli, ["serve", "--port", "0", "--workers", "5000"])
    assert result.exit_code == 2
    assert "--workers 5000 is more than 4 per core" in result.output
    assert "loading the index" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_several_workers_need_a_chroma_server(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(cli, ["serve", "--port", "0", "--workers", "2"])
    assert result.exit_code == 2
    assert "needs a Chroma server" in result.output and "CITEBOT_CHROMA_URL" in result.output
    assert "loading the index" not in result.output  # refused before the model loads
    assert not (tmp_path / "data" / "chroma").exists()


@pytest.mark.slow
def test_an_unreachable_chroma_server_is_one_line_and_exit_2_before_any_worker_starts(tmp_path):
    import os
    import subprocess

    from tests.cli.test_serve_cmd import CITEBOT

    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    env = {**os.environ, "CITEBOT_DATA_DIR": str(tmp_path / "data"), "CITEBOT_CHROMA_URL": url}
    done = subprocess.run(
        [str(CITEBOT), "serve", "--port", "0", "--workers", "2"], env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 2
    assert f"the vector store at {url} is unavailable" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    assert "Started server process" not in done.stderr  # no worker was started


def test_the_limit_scales_with_the_cores(tmp_path):
    server = Settings(data_dir=tmp_path, chroma_url="http://127.0.0.1:8001")
    check_workers(8, server, cores=2)
    with pytest.raises(InvalidRequest, match="at most 8"):
        check_workers(9, server, cores=2)
    check_workers(1, Settings(data_dir=tmp_path))  # one worker needs no server


# ------------------------------------------------------------------------------------- two real workers
@pytest.fixture(scope="module")
def chroma(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path_factory.mktemp("chroma-server"), free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory, chroma: ChromaServer) -> Iterator[Served]:
    served = Served(tmp_path_factory.mktemp("workers") / "data", ["--workers", "2"], {"CITEBOT_CHROMA_URL": chroma.url})
    try:
        yield served
    finally:
        served.stop()


def fresh(served: Served, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One request on a connection of its own (so any worker may get it)."""
    return httpx.request(method, served.url + path, headers={"Connection": "close"}, timeout=60, **kwargs)


@pytest.mark.slow
def test_both_workers_answer_and_the_brief_was_indexed_once(two_workers):
    assert sum("indexed issi-2022-us-north-korea-talks" in line for line in two_workers.lines) == 1
    assert "2 workers" in two_workers.lines[-1]
    seen: dict[str, dict[str, Any]] = {}
    for _ in range(60):
        r = fresh(two_workers, "GET", "/health")
        assert r.status_code == 200
        body = r.json()
        assert str(body["worker"]) == r.headers[WORKER]
        seen[r.headers[WORKER]] = body
        if len(seen) == 2:
            break
    assert len(seen) == 2, "only one worker answered 60 fresh connections"
    for body in seen.values():
        assert body["status"] == "ready"
        assert body["briefs"] == 1
        assert body["checks"]["vector_store"] == {**body["checks"]["vector_store"], "status": "ok", "kind": "server"}
        assert body["checks"]["database"]["status"] == "ok"


def pinned(served: Served, wanted: Callable[[str], bool], tries: int = 60) -> httpx.Client:
    """A keep-alive client whose connection a worker that ``wanted`` accepts holds (found with /health)."""
    for _ in range(tries):
        client = httpx.Client(base_url=served.url, timeout=60)
        if wanted(client.get("/health").headers[WORKER]):
            return client
        client.close()
    raise AssertionError(f"no wanted worker took any of {tries} connections")


@pytest.mark.slow
def test_a_chat_started_on_one_worker_continues_on_the_other(two_workers):
    first = fresh(two_workers, "POST", "/chat", json={"message": "When did North Korea test its monster missile?"})
    assert first.status_code == 200
    session, started_on = first.json()["session_id"], first.headers[WORKER]
    with contextlib.closing(pinned(two_workers, lambda worker: worker != started_on)) as other:
        follow = other.post("/chat", json={"message": "How far did it fly?", "session_id": session})
    assert follow.headers[WORKER] != started_on
    assert follow.status_code == 200
    assert follow.json()["session_id"] == session
    assert "1,090 km" in follow.json()["citations"][0]["quote"]  # resolved with the first worker's question
    with contextlib.closing(pinned(two_workers, lambda worker: worker == started_on)) as back:
        history = back.get(f"/chat/sessions/{session}")
    assert history.status_code == 200
    assert [t["text"] for t in history.json()["turns"] if t["role"] == "user"] == [
        "When did North Korea test its monster missile?",
        "How far did it fly?",
    ]


@pytest.mark.slow
def test_an_upload_is_answerable_by_every_worker_without_a_restart(two_workers):
    # The one-second propagation is a speed figure (the store watch polls); a timed assertion would fail on a loaded
    # machine, so this test checks that both workers pick the upload up at all, within a generous bound.
    from tests.corpus.brief_writers import OTHER, to_markdown

    question = {"message": RIVER_QUESTION}
    uploaded = fresh(two_workers, "POST", "/briefs", files={"file": ("river.md", to_markdown(OTHER), "text/markdown")})
    assert uploaded.status_code == 201, uploaded.text
    done = time.monotonic()
    answered: dict[str, float] = {}  # worker -> seconds after the upload when it first quoted the new brief
    for _ in range(2000):
        r = fresh(two_workers, "POST", "/chat", json=question)
        assert r.status_code == 200
        citations = r.json()["citations"]
        if citations and citations[0]["brief_id"] == "river":
            answered.setdefault(r.headers[WORKER], time.monotonic() - done)
        if len(answered) == 2 or time.monotonic() - done > 60:
            break
    assert len(answered) == 2, answered

    removed = fresh(two_workers, "DELETE", "/briefs/river")
    assert removed.status_code == 204
    for _ in range(10):  # whichever worker answers, the removed brief is no longer quoted
        after = fresh(two_workers, "POST", "/chat", json=question)
        assert all(c["brief_id"] != "river" for c in after.json()["citations"])
    assert fresh(two_workers, "POST", "/chat", json={"message": HANOI}).status_code == 200


@pytest.mark.slow
def test_both_workers_answer_503_while_chroma_is_down_and_recover_without_a_restart(two_workers, chroma):
    chroma.stop()
    try:
        down: dict[str, httpx.Response] = {}
        # Each worker's store watch notices within about a second; the deadline guards a hang, it times nothing.
        deadline = time.monotonic() + 60
        while len(down) < 2 and time.monotonic() < deadline:
            r = fresh(two_workers, "POST", "/chat", json={"message": HANOI})
            if r.status_code == 503:
                down.setdefault(r.headers[WORKER], r)
            else:
                time.sleep(0.1)
        assert len(down) == 2
        for r in down.values():
            assert r.status_code == 503
            assert r.json()["detail"].startswith(f"the vector store at {chroma.url} is unavailable")
            assert int(r.headers["retry-after"]) > 0
        health = fresh(two_workers, "GET", "/health")
        assert health.status_code == 503
        assert health.json()["checks"]["vector_store"]["status"] == "unavailable"
    finally:
        chroma.start()  # same port and data path
    back: set[str] = set()
    for _ in range(60):
        r = fresh(two_workers, "POST", "/chat", json={"message": HANOI})
        assert r.status_code == 200, r.text
        assert any(c["footnotes"] == [11] for c in r.json()["citations"])
        back.add(r.headers[WORKER])
        if len(back) == 2:
            break
    assert back == set(down)  # the same worker processes recovered: none was restarted
