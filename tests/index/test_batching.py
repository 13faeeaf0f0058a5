"""QueryBatcher: concurrent query embeddings share batches, each caller gets its own vector."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from index.batching import QueryBatcher


class SlowEmbedder:
    """Vectors that name their text, and a gate that holds the first batch until the test lets it go."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.gate = threading.Event()
        self.entered = threading.Event()

    def __call__(self, texts: list[str]) -> Sequence[Sequence[float]]:
        self.calls.append(list(texts))
        self.entered.set()
        self.gate.wait(timeout=30)
        return [[float(len(t)), float(sum(map(ord, t)))] for t in texts]


def expected(text: str) -> list[float]:
    return [float(len(text)), float(sum(map(ord, text)))]


def _run(batcher: QueryBatcher, texts: list[str], results: dict[str, list[float]]) -> list[threading.Thread]:
    threads = [threading.Thread(target=lambda t=t: results.__setitem__(t, batcher.embed(t))) for t in texts]
    for th in threads:
        th.start()
    return threads


def test_a_lone_caller_gets_its_vector_in_one_call():
    fake = SlowEmbedder()
    fake.gate.set()
    batcher = QueryBatcher(fake)
    assert batcher.embed("hanoi") == expected("hanoi")
    assert fake.calls == [["hanoi"]]


def test_callers_arriving_during_a_batch_share_the_next_one():
    fake = SlowEmbedder()
    batcher = QueryBatcher(fake)
    results: dict[str, list[float]] = {}
    first = _run(batcher, ["first question"], results)
    assert fake.entered.wait(timeout=30)
    waiting = [f"question number {i}" for i in range(6)]
    others = _run(batcher, waiting, results)
    while len(batcher._pending) < len(waiting):  # all six queued behind the running batch
        threading.Event().wait(0.01)
    fake.gate.set()
    for th in first + others:
        th.join(timeout=30)
    assert fake.calls[0] == ["first question"]
    assert sorted(fake.calls[1]) == sorted(waiting)  # one batch, not six calls
    assert len(fake.calls) == 2
    assert all(results[t] == expected(t) for t in ["first question", *waiting])


def test_max_batch_splits_a_long_queue():
    fake = SlowEmbedder()
    batcher = QueryBatcher(fake, max_batch=2)
    results: dict[str, list[float]] = {}
    first = _run(batcher, ["a"], results)
    assert fake.entered.wait(timeout=30)
    others = _run(batcher, ["bb", "ccc", "dddd", "eeeee"], results)
    while len(batcher._pending) < 4:
        threading.Event().wait(0.01)
    fake.gate.set()
    for th in first + others:
        th.join(timeout=30)
    assert [len(c) for c in fake.calls] == [1, 2, 2]
    assert all(results[t] == expected(t) for t in ["a", "bb", "ccc", "dddd", "eeeee"])


def test_an_embedder_error_reaches_every_caller_of_that_batch_and_the_next_batch_works():
    calls = 0

    def flaky(texts: list[str]) -> Sequence[Sequence[float]]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("model crashed")
        return [expected(t) for t in texts]

    batcher = QueryBatcher(flaky)
    with pytest.raises(RuntimeError, match="model crashed"):
        batcher.embed("x")
    assert batcher.embed("y") == expected("y")


def test_a_wrong_number_of_vectors_is_an_error_not_a_mixup():
    batcher = QueryBatcher(lambda texts: [[1.0]])
    assert batcher.embed("one") == [1.0]
    batcher = QueryBatcher(lambda texts: [])
    with pytest.raises(RuntimeError, match="0 vectors for 1 texts"):
        batcher.embed("one")


def test_many_threads_each_get_their_own_vector():
    batcher = QueryBatcher(lambda texts: [expected(t) for t in texts], max_batch=4)
    results: dict[str, list[float]] = {}
    texts = [f"q{i}" * (i % 7 + 1) for i in range(64)]
    for th in _run(batcher, texts, results):
        th.join(timeout=30)
    assert results == {t: expected(t) for t in texts}


def test_batched_minilm_vectors_match_single_query_vectors(tmp_path):
    from corpus.settings import Settings
    from index.embeddings import load_embedder, query_embed_many

    model = load_embedder(Settings(data_dir=tmp_path))
    texts = ["Why did the Hanoi summit fail?", "How far did the Hwasong-17 fly?", "Who wrote it?"]
    batched = query_embed_many(model)(texts)
    for text, vector in zip(texts, batched, strict=True):
        single = model.embed_query(text)
        assert sum(a * b for a, b in zip(single, vector, strict=True)) > 0.9999


def test_embedders_with_query_specific_behaviour_are_not_batched_through_documents():
    from langchain_core.embeddings import Embeddings

    from index.embeddings import query_embed_many

    class Asymmetric(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return [[0.0] for _ in texts]

        def embed_query(self, text: str) -> list[float]:
            return [1.0]

    assert query_embed_many(Asymmetric())(["a", "b"]) == [[1.0], [1.0]]
