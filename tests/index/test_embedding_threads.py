"""Embedding thread counts: questions on one thread, ingest on all cores, each restored afterwards."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from index.embeddings import query_embed_many, torch_threads
from index.onnxmodel.embedder import token_batches
from index.onnxmodel.files import INT8_FILE
from index.threads import embed_threads, wanted_threads


class ThreadsSeen(Embeddings):
    """Records the thread count asked for at each call; vectors are irrelevant here."""

    def __init__(self) -> None:
        self.seen: list[int] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.seen.append(wanted_threads())
        return [[1.0, 0.0] for _ in texts]

    def embed_query(self, text: str) -> list[float]:
        self.seen.append(wanted_threads())
        return [1.0, 0.0]


def test_embed_threads_sets_the_count_inside_and_restores_it():
    before = wanted_threads()
    with embed_threads(1):
        assert wanted_threads() == 1
        with embed_threads(3):
            assert wanted_threads() == 3
        assert wanted_threads() == 1
    assert wanted_threads() == before


def test_the_bots_name_for_it_is_the_same_context_manager():
    assert torch_threads is embed_threads


def test_questions_are_embedded_on_the_configured_thread_count():
    seen = ThreadsSeen()
    query_embed_many(seen, threads=1)(["a", "b"])
    assert seen.seen == [1, 1]


def test_a_query_threads_pin_does_not_leak_into_other_threads():
    seen = ThreadsSeen()
    outside: list[int] = []
    before = wanted_threads()

    def query() -> None:
        query_embed_many(seen, threads=1)(["q"])

    t = threading.Thread(target=query)
    t.start()
    t.join()
    outside.append(wanted_threads())
    assert seen.seen == [1]
    assert outside == [before]


def test_engine_ingest_embeds_with_the_ingest_thread_count(make_engine, bundled_brief, embedder):
    class Recording(Embeddings):
        def __init__(self) -> None:
            self.seen: list[int] = []

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.seen.append(wanted_threads())
            return embedder.embed_documents(texts)

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text)

    recording = Recording()
    engine = make_engine(embedder_override=recording, ingest_threads=2)
    before = wanted_threads()
    engine.ingest(bundled_brief)
    assert recording.seen and set(recording.seen) == {2}
    assert wanted_threads() == before


def test_ingest_and_questions_share_the_one_thread_session(embedder):
    onnx = embedder.inner
    texts = [f"sentence {i} of a long list, {'padded ' * (i % 7)}to vary its length" for i in range(70)]
    for count in (0, 1, 2):
        with embed_threads(count):
            onnx.embed_documents(texts)
            onnx.embed_passages(texts)  # context views: maybe the int8 file, but also one single-thread session
    onnx.embed_query("a question")
    assert {threads for threads, _ in onnx._sessions} == {1}
    assert {model for _, model in onnx._sessions} <= {onnx.model_file, onnx.model_file.with_name(INT8_FILE)}
    assert (1, onnx.model_file) in onnx._sessions
    for session in onnx._sessions.values():
        assert session.get_session_options().intra_op_num_threads == 1


def test_batches_run_side_by_side_give_each_text_its_own_vector(embedder):
    onnx = embedder.inner
    texts = [f"text {i}: {'more words ' * (i % 11)}about a report" for i in range(75)]
    with embed_threads(2):
        together = onnx.embed_documents(texts)
    for text, vector in zip(texts, together, strict=True):
        assert float(np.dot(onnx.embed_query(text), vector)) > 0.99999


def test_a_failing_batch_raises_in_the_caller(embedder, monkeypatch):
    onnx = embedder.inner

    def broken(encodings, threads, model):
        raise RuntimeError("batch failed")

    monkeypatch.setattr(onnx, "_run", broken)
    with embed_threads(2), pytest.raises(RuntimeError, match="batch failed"):
        onnx.embed_documents([f"text {i}" for i in range(40)])


@pytest.mark.parametrize(
    ("lengths", "workers", "expected"),
    [
        ([5, 1, 3, 2], 2, [[1, 3], [2, 0]]),  # by token count, split so both workers get a batch
        ([4, 4, 4], 1, [[0, 1, 2]]),
        ([3], 4, [[0]]),
        ([], 2, []),
    ],
)
def test_token_batches_are_sorted_by_length_and_shared_between_workers(lengths, workers, expected):
    assert token_batches(lengths, workers) == expected


def test_token_batches_never_exceed_the_batch_size():
    batches = token_batches(list(range(100)), 2, size=32)
    assert max(len(b) for b in batches) == 32
    assert sorted(i for b in batches for i in b) == list(range(100))


def test_torch_is_pinned_too_when_the_torch_path_has_loaded_it():
    import torch

    before = torch.get_num_threads()
    with embed_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before
