"""Embedding thread counts: questions on one thread, ingest on all cores, each restored afterwards."""

from __future__ import annotations

import threading

from langchain_core.embeddings import Embeddings

from index.embeddings import query_embed_many, torch_threads
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


def test_onnx_embedder_runs_each_thread_count_in_its_own_session(embedder):
    onnx = embedder.inner
    for count in (1, 2):
        with embed_threads(count):
            onnx.embed_documents([f"a sentence embedded on {count} threads"])
    for count in (1, 2):
        assert onnx._sessions[count].get_session_options().intra_op_num_threads == count


def test_torch_is_pinned_too_when_the_torch_path_has_loaded_it():
    import torch

    before = torch.get_num_threads()
    with embed_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before
