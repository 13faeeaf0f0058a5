"""Concurrent uploads from two clients against a real uvicorn server on a loopback port leave a consistent index:
every brief in the library has exactly its active version's vectors, nothing else is stored, and /chat quotes
the version the library holds."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import uvicorn

from api.main import create_app
from bot.qa.index_state import version_key
from index.views import passage_views
from tests.corpus.brief_writers import OTHER, SAMPLE, to_markdown
from tests.corpus.docx_writer import to_docx
from tests.corpus.pdf_writer import to_pdf

pytestmark = pytest.mark.slow


@pytest.fixture
def server(make_engine: Callable[..., Any]) -> Iterator[tuple[str, Any]]:
    engine = make_engine()
    config = uvicorn.Config(create_app(engine.settings, engine), host="127.0.0.1", port=0, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", engine
    srv.should_exit = True
    thread.join(timeout=10)


def _together(*calls: Callable[[], httpx.Response]) -> list[httpx.Response]:
    """Run each call in its own thread (its own client connection), all released at the same moment."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = calls[i]()
        except Exception as exc:  # surfaced by the assertion below
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert all(isinstance(r, httpx.Response) for r in results), results
    return results


def _upload(base: str, name: str, data: bytes, **form: str) -> Callable[[], httpx.Response]:
    def call() -> httpx.Response:
        with httpx.Client(base_url=base, timeout=300) as client:
            return client.post("/briefs", files={"file": (name, data)}, data=form)

    return call


def assert_consistent(engine: Any) -> None:
    """The store holds exactly the active version of every brief in the repository."""
    total = 0
    for brief in engine.repository.all():
        expected = sum(1 + bool(v.context_text) for v in passage_views(brief))
        assert engine.store.count({"version": version_key(brief)}) == expected, brief.id
        assert engine.store.count({"brief_id": brief.id}) == expected, brief.id
        total += expected
    assert engine.store.count() == total


def test_two_clients_upload_different_briefs_at_once(server: tuple[str, Any]) -> None:
    base, engine = server
    first, second = _together(_upload(base, "sample.pdf", to_pdf(SAMPLE)), _upload(base, "other.docx", to_docx(OTHER)))
    assert (first.status_code, second.status_code) == (201, 201)
    listed = httpx.get(f"{base}/briefs").json()
    assert sorted(b["id"] for b in listed) == ["other", "sample"]
    assert_consistent(engine)


def test_two_clients_upload_the_same_file_at_once(server: tuple[str, Any]) -> None:
    base, engine = server
    data = to_markdown(SAMPLE)
    results = _together(_upload(base, "sample.md", data), _upload(base, "sample.md", data))
    assert sorted(r.json()["status"] for r in results) == ["added", "unchanged"]
    assert_consistent(engine)


def test_two_clients_upload_different_versions_of_one_brief_at_once(server: tuple[str, Any]) -> None:
    base, engine = server
    v1 = to_markdown(SAMPLE)
    v2 = v1.replace(b"a grant that ends in 2026", b"a grant that ends in 2031")
    for _ in range(2):  # twice: from empty, then over an existing version
        both = _together(_upload(base, "sample.md", v1, replace="true"), _upload(base, "sample.md", v2, replace="true"))
        assert all(r.status_code in (200, 201) for r in both), [r.text for r in both]
        assert_consistent(engine)
        kept = engine.repository.get("sample")
        year = "2031" if "ends in 2031" in kept.text else "2026"  # whichever write came last
        answer = httpx.post(
            f"{base}/chat", json={"message": "When does the grant for the research programme end?"}, timeout=60
        ).json()
        assert answer["citations"][0]["quote"].endswith(f"ends in {year}.")
        assert answer["citations"][0]["footnotes"] == [2]


def test_two_new_versions_at_once_without_replace_leave_exactly_one(server: tuple[str, Any]) -> None:
    base, engine = server
    v1 = to_markdown(OTHER)
    v2 = v1.replace(b"2", b"7", 1)
    results = _together(_upload(base, "race.md", v1), _upload(base, "race.md", v2))
    assert sorted(r.status_code for r in results) == [201, 409], [r.text for r in results]
    kept = engine.repository.get("race")
    winner = next(r for r in results if r.status_code == 201).json()
    assert winner["brief"]["id"] == "race" and kept.content_hash
    assert_consistent(engine)


def test_uploads_and_deletes_interleaved_from_two_clients(server: tuple[str, Any]) -> None:
    base, engine = server
    _together(_upload(base, "sample.docx", to_docx(SAMPLE)))

    def delete() -> httpx.Response:
        with httpx.Client(base_url=base, timeout=300) as client:
            return client.delete("/briefs/sample")

    results = _together(delete, _upload(base, "other.pdf", to_pdf(OTHER)))
    assert [r.status_code for r in results] == [204, 201]
    assert [b["id"] for b in httpx.get(f"{base}/briefs").json()] == ["other"]
    assert_consistent(engine)
