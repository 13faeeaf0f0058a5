"""The dense ranking as an exact search in process over the snapshot's stored vectors: the same neighbours as the
store's own search, no store query per question, and the store's search whenever a vector is missing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bot.qa.index_state import version_key
from bot.qa.query import search_for
from bot.qa.retrieval import hybrid_search
from bot.qa.stored_vectors import DenseMatrix
from index.store import PassageStore, StoreHit, Where

QUESTIONS = ("Why did the Hanoi summit fail?", "How far did the Hwasong-17 fly?", "What did the report recommend?")


class CountingStore:
    """The engine's real store, counting the searches that reach it."""

    def __init__(self, store: PassageStore) -> None:
        self.inner = store
        self.searches = 0

    def search(self, embedding: Sequence[float], k: int, where: Where | None = None) -> list[StoreHit]:
        self.searches += 1
        return self.inner.search(embedding, k, where)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_top_returns_the_k_closest_rows_among_the_allowed_views():
    vectors = np.asarray([[1, 0], [0.6, 0.8], [0, 1], [0.8, 0.6]], dtype=np.float32)
    matrix = DenseMatrix(vectors, np.asarray([0, 0, 1, 2]), np.asarray([False, True, False, False]))
    best = matrix.top([1.0, 0.0], 2, None)
    assert sorted((p, c) for p, c, _ in best) == [(0, False), (2, False)]
    scoped = matrix.top([1.0, 0.0], 2, np.asarray([0, 1]))
    assert sorted((p, c) for p, c, _ in scoped) == [(0, False), (0, True)]
    assert {(p, c): s for p, c, s in scoped}[(0, True)] == np.float32(0.6)


def test_the_exact_search_finds_the_neighbours_the_store_finds(engine):
    state = engine._current()
    matrix = state.dense_matrix(engine.store)
    assert matrix is not None and len(matrix.vectors) == sum(2 if v.context_text else 1 for v in state.views)
    version = version_key(engine.brief(state.views[0].passage.brief_id))
    for question in QUESTIONS:
        embedding = engine.embed_query(question)
        by_store = {
            (str(h.metadata["passage_id"]), h.metadata["view"] == "c")
            for h in engine.store.search(embedding, k=10, where={"version": version})
        }
        exact = {(state.views[p].passage.id, c) for p, c, _ in matrix.top(embedding, 10, None)}
        assert exact == by_store, question


def test_questions_are_answered_without_a_store_search_once_the_vectors_are_cached(engine):
    counting = CountingStore(engine.store)
    state = engine._current()
    for question in QUESTIONS:
        hits = hybrid_search(state, counting, search_for(question, embed=engine.embed_query))  # type: ignore[arg-type]
        assert hits
    assert counting.searches == 0


def test_a_missing_vector_hands_the_search_back_to_the_store(engine):
    state = engine._current()
    view = state.views[0]
    engine.store.delete({"passage_id": view.passage.id})
    counting = CountingStore(engine.store)
    fresh = type(state).build(list(state.briefs.values()))
    assert fresh.dense_matrix(counting) is None  # type: ignore[arg-type]
    hybrid_search(fresh, counting, search_for(QUESTIONS[0], embed=engine.embed_query))  # type: ignore[arg-type]
    assert counting.searches == 1


def test_without_exact_search_every_question_asks_the_store(engine):
    counting = CountingStore(engine.store)
    state = engine._current()
    for question in QUESTIONS:
        hybrid_search(state, counting, search_for(question, embed=engine.embed_query), exact=False)  # type: ignore[arg-type]
    assert counting.searches == len(QUESTIONS)


class ReadCountingStore(CountingStore):
    """Also records the ``where`` of every read of stored vectors."""

    def __init__(self, store: PassageStore) -> None:
        super().__init__(store)
        self.reads: list[Where | None] = []

    def vectors(self, where: Where | None = None) -> dict[str, list[float]]:
        self.reads.append(where)
        return self.inner.vectors(where)


SMALL = (
    b"A Note on Harbour Dues\n\nThe port authority raised its dues by 12 percent in 2019.[1] "
    b"Shippers moved 40 berths to the northern terminal the year after.[2]\n\n"
    b"Notes\n\n1. Port Authority, Annual Tariff Review, 2019.\n2. Shipping Gazette, Berth Survey, 2020.\n"
)


def test_scoped_top_matches_a_search_over_every_row():
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(40, 8)).astype(np.float32)
    positions = np.repeat(np.arange(20), 2)
    matrix = DenseMatrix(vectors, positions, np.tile([False, True], 20))
    query = rng.normal(size=8).tolist()
    for allowed in ([3], [0, 5, 6, 19], [19, 2, 2], list(range(20))):
        sims = vectors @ np.asarray(query, dtype=np.float32)
        rows = np.flatnonzero(np.isin(positions, allowed))
        expected = {(int(positions[r]), r % 2 == 1) for r in rows[np.argsort(-sims[rows])[:3]]}
        assert {(p, c) for p, c, _ in matrix.top(query, 3, np.asarray(allowed))} == expected, allowed
    assert matrix.top(query, 3, np.asarray([], dtype=np.intp)) == []


def test_a_successor_snapshot_reads_only_the_new_briefs_vectors(engine):
    from corpus.loader import parse_bytes

    state = engine._current()
    before = state.dense_matrix(engine.store)
    assert before is not None
    engine.ingest(parse_bytes(SMALL, "harbour.txt", brief_id="harbour"))
    after = engine._current()
    counting = ReadCountingStore(engine.store)
    matrix = after.dense_matrix(counting)  # type: ignore[arg-type]
    assert counting.reads == [{"version": after.versions["harbour"]}]
    fresh = type(after).build(list(after.briefs.values())).dense_matrix(engine.store)
    assert matrix is not None and fresh is not None
    assert np.array_equal(matrix.vectors, fresh.vectors)
    assert np.array_equal(matrix.positions, fresh.positions) and np.array_equal(matrix.context, fresh.context)
    view = after.views[-1]
    doc = f"{after.versions[view.passage.brief_id]}|{view.passage.id}|s"
    assert np.array_equal(after.vector(engine.store, doc), engine.store.vectors({"passage_id": view.passage.id})[doc])


def test_a_library_over_the_memory_cap_keeps_the_stores_search(engine, monkeypatch):
    import bot.qa.stored_vectors as stored_vectors

    state = engine._current()
    monkeypatch.setattr(stored_vectors, "MAX_CACHED_BYTES", 1000)
    fresh = type(state).build(list(state.briefs.values()))
    assert fresh.dense_matrix(engine.store) is None
    assert fresh.vector(engine.store, f"{state.versions[state.views[0].passage.brief_id]}|x|s") is None
