"""Background uploads: ``POST /briefs?background=true`` is 202 with a job; ``GET /jobs/{id}`` follows it to its
result; ``DELETE /jobs/{id}`` stops it mid-embedding and the library is unchanged."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from corpus.limits import current_budget
from tests.corpus.brief_writers import SAMPLE, to_markdown

WAIT = 120  # seconds: a bound on waiting for the job, never a timing being measured
FINISHED = frozenset({"done", "failed", "cancelled"})


@pytest.fixture
def app(make_engine: Callable[..., Any]) -> Iterator[tuple[TestClient, Any]]:
    engine = make_engine()
    with TestClient(create_app(engine.settings, engine)) as client:
        yield client, engine


def follow(client: TestClient, job_id: str) -> dict[str, Any]:
    """The job once it has finished (polled, within a bound)."""
    bound = time.monotonic() + WAIT
    while True:
        body: dict[str, Any] = client.get(f"/jobs/{job_id}").json()
        if body["status"] in FINISHED:
            return body
        assert time.monotonic() < bound, body
        time.sleep(0.05)


def test_a_background_upload_is_202_and_its_job_ends_with_the_upload_body(app: tuple[TestClient, Any]) -> None:
    client, engine = app
    r = client.post("/briefs", params={"background": "true"}, files={"file": ("sample.md", to_markdown(SAMPLE))})
    assert r.status_code == 202, r.text
    assert r.headers["location"] == f"/jobs/{r.json()['id']}"
    job = follow(client, r.json()["id"])
    assert job["status"] == "done", job
    assert job["result"]["status"] == "added"
    assert job["done"] == job["total"] > 0
    assert (job["kind"], job["subject"], job["label"]) == ("upload", "sample", "sample.md")
    assert [b.id for b in engine.repository.all()] == ["sample"]


def test_a_background_upload_that_fails_says_why_and_with_which_status(app: tuple[TestClient, Any]) -> None:
    client, _ = app
    r = client.post("/briefs", params={"background": "true"}, files={"file": ("empty.txt", b"   ")})
    job = follow(client, r.json()["id"])
    assert (job["status"], job["error_status"]) == ("failed", 422)
    assert job["error"] == "the file is empty"


def test_deleting_a_running_job_cancels_it_and_leaves_the_library_unchanged(
    app: tuple[TestClient, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, engine = app
    started = threading.Event()
    real_add = engine.store.add

    def add(docs: Any, progress: Any = None) -> None:
        def hold(done: int, total: int) -> None:
            progress(done, total)
            if not started.is_set():
                started.set()
                budget = current_budget()
                assert budget is not None
                budget.cancel.wait(WAIT)  # mid-embedding until cancelled, so the test does not race the job

        real_add(docs, hold)

    monkeypatch.setattr(engine.store, "add", add)
    text = " ".join(f"Finding number {i} is one short plain statement." for i in range(120)).encode()
    r = client.post("/briefs", params={"background": "true"}, files={"file": ("big.txt", text)})
    job_id = r.json()["id"]
    assert started.wait(WAIT)
    running = client.get(f"/jobs/{job_id}").json()
    assert running["status"] == "running" and 0 < running["done"] < running["total"]
    assert client.delete(f"/jobs/{job_id}").status_code == 202
    job = follow(client, job_id)
    assert job["status"] == "cancelled", job
    assert list(engine.repository.all()) == []
    assert engine.store.count() == 0


def test_an_unknown_job_is_404(app: tuple[TestClient, Any]) -> None:
    client, _ = app
    assert client.get("/jobs/nope").status_code == 404
    assert client.delete("/jobs/nope").status_code == 404
