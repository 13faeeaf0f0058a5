"""Two engines (as two processes would hold), each with its own data dir, over one PostgreSQL database and one
`chroma run` server, ingest two
versions of the same brief at once: exactly one version stays active, with all its vectors and no others; and a
brief ingested or removed through one engine is seen by the other on its next request. Real MiniLM, real PG."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from bot.ingest_records import stored_docs
from bot.qa.index_state import version_key
from index.db import connect
from index.db.migrate import upgrade
from index.views import passage_views
from tests.index.conftest import free_port
from tests.index.test_chroma_server import ChromaServer

pytestmark = pytest.mark.slow


@pytest.fixture
def chroma_url(tmp_path):
    server = ChromaServer(tmp_path / "chroma-server", free_port())
    server.start()
    yield server.url
    server.stop()


@pytest.fixture
def two_engines(make_engine, pg_url, chroma_url, tmp_path):
    db = connect.create(pg_url)
    upgrade(db)
    db.engine.dispose()
    return tuple(
        make_engine(data_dir=tmp_path / name, database_url=pg_url, chroma_url=chroma_url) for name in ("a", "b")
    )


def _variant(brief, n):
    return replace(brief, content_hash=f"{n:064x}", title=f"{brief.title} ({n})")


def test_concurrent_ingests_of_one_brief_leave_exactly_one_active_version(two_engines, bundled_brief):
    first, second = two_engines
    versions = [_variant(bundled_brief, 1), _variant(bundled_brief, 2)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def ingest(engine, brief):
        start.wait()
        try:
            engine.ingest(brief)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=pair) for pair in zip(two_engines, versions, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    active = first.repository.get(bundled_brief.id)
    assert active.content_hash in {v.content_hash for v in versions}
    assert second.repository.get(bundled_brief.id).content_hash == active.content_hash
    expected = stored_docs(passage_views(active), version_key(active))
    store = first.store
    assert store.count({"brief_id": bundled_brief.id}) == len(expected)
    assert store.count({"version": version_key(active)}) == len(expected)
    assert first.brief(bundled_brief.id).content_hash == second.brief(bundled_brief.id).content_hash


def test_a_brief_ingested_on_one_engine_is_answered_and_removed_on_the_other(two_engines, bundled_brief):
    first, second = two_engines
    assert second.briefs() == []
    first.ingest(bundled_brief)
    assert [b.id for b in second.briefs()] == [bundled_brief.id]
    assert second.ask("What did the summits emphasise?").citations
    second.remove(bundled_brief.id)
    assert first.briefs() == []
    assert not first.ask("What did the summits emphasise?").citations
