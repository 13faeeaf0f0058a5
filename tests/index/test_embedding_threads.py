"""torch thread counts: questions on one thread, ingest on all cores, each restored afterwards."""

from __future__ import annotations

import threading

import torch
from langchain_core.embeddings import Embeddings

from index.embeddings import query_embed_many, torch_threads


class ThreadsSeen(Embeddings):
    """Records torch's intra-op thread count at each call; vectors are irrelevant here."""

    def __init__(self) -> None:
        self.seen: list[int] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.seen.append(torch.get_num_threads())
        return [[1.0, 0.0] for _ in texts]

    def embed_query(self, text: str) -> list[float]:
        self.seen.append(torch.get_num_threads())
        return [1.0, 0.0]


def test_torch_threads_sets_the_count_inside_and_restores_it():
    before = torch.get_num_threads()
    with torch_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before


def test_torch_threads_zero_means_torchs_default_even_inside_a_pin(tmp_path):
    from corpus.settings import Settings
    from index.embeddings import _DEFAULT_THREADS, load_embedder

    load_embedder(Settings(data_dir=tmp_path))  # records torch's default before anything pins it
    with torch_threads(1), torch_threads(0):
        assert torch.get_num_threads() == _DEFAULT_THREADS[0]


def test_questions_are_embedded_on_the_configured_thread_count():
    seen = ThreadsSeen()
    query_embed_many(seen, threads=1)(["a", "b"])
    assert seen.seen == [1, 1]


def test_a_query_threads_pin_does_not_leak_into_other_threads():
    seen = ThreadsSeen()
    outside: list[int] = []
    before = torch.get_num_threads()

    def query() -> None:
        query_embed_many(seen, threads=1)(["q"])

    t = threading.Thread(target=query)
    t.start()
    t.join()
    outside.append(torch.get_num_threads())
    assert seen.seen == [1]
    assert outside == [before]


def test_engine_ingest_embeds_with_the_ingest_thread_count(make_engine, bundled_brief, embedder):
    class Recording(Embeddings):
        def __init__(self) -> None:
            self.seen: list[int] = []

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.seen.append(torch.get_num_threads())
            return embedder.embed_documents(texts)

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text)

    recording = Recording()
    engine = make_engine(embedder_override=recording, ingest_threads=1)
    before = torch.get_num_threads()
    engine.ingest(bundled_brief)
    assert recording.seen and set(recording.seen) == {1}
    assert torch.get_num_threads() == before
