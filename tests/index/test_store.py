"""The Chroma passage store: cosine space from the collection configuration, filters, counts, deletes."""

from __future__ import annotations

import pytest

from corpus.errors import IndexUnavailable
from corpus.settings import Settings
from index.store import ChromaPassageStore, StoredDoc, make_store


@pytest.fixture
def store(tmp_path, embedder):
    return make_store(Settings(data_dir=tmp_path), embedder)


def _doc(i: int, text: str, brief: str = "b1", version: str = "v1", kind: str = "sentence") -> StoredDoc:
    meta = {"brief_id": brief, "version": version, "kind": kind, "passage_id": f"{brief}:{i}", "view": "s"}
    return StoredDoc(f"{version}|{brief}:{i}", text, meta)


def test_collection_uses_cosine_space_from_its_configuration(store):
    assert store.space() == "cosine"
    assert store.vectorstore._collection.configuration["hnsw"]["space"] == "cosine"


def test_add_search_filter_count_delete(store, embedder):
    store.add(
        [
            _doc(0, "The Hanoi summit failed over sanctions."),
            _doc(1, "The missile flew 1,090 km."),
            _doc(2, "A footnote about a news article.", kind="footnote"),
            _doc(0, "Lighthouses guide ships at night.", brief="b2"),
        ]
    )
    assert store.count() == 4
    assert store.count({"brief_id": "b1"}) == 3

    hits = store.search(embedder.embed_query("Why did the summit in Hanoi fail?"), k=4)
    assert hits[0].id == "v1|b1:0"
    assert hits[0].metadata["passage_id"] == "b1:0"
    assert 0.0 < hits[-1].similarity < hits[0].similarity <= 1.0

    only_b2 = store.search(embedder.embed_query("summit"), k=4, where={"brief_id": "b2"})
    assert [h.id for h in only_b2] == ["v1|b2:0"]
    footnotes = store.search(embedder.embed_query("summit"), k=4, where={"kind": "footnote"})
    assert [h.metadata["kind"] for h in footnotes] == ["footnote"]

    store.delete({"kind": "footnote"})
    assert store.count() == 3
    store.delete_brief("b1")
    assert sorted(store.ids()) == ["v1|b2:0"]


def test_cosine_similarity_of_identical_text_is_one(store, embedder):
    store.add([_doc(0, "North Korea conducted 10 tests in 2022.")])
    (hit,) = store.search(embedder.embed_query("North Korea conducted 10 tests in 2022."), k=1)
    assert hit.similarity == pytest.approx(1.0, abs=1e-3)


def test_the_store_persists_on_disk(tmp_path, embedder):
    make_store(Settings(data_dir=tmp_path), embedder).add([_doc(0, "persisted text")])
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    assert make_store(Settings(data_dir=tmp_path), embedder).count() == 1
    assert (tmp_path / "chroma").is_dir()


def test_chroma_default_embedding_function_is_never_used(store):
    # The collection gets no embedding function, so nothing could ever download Chroma's ONNX model.
    assert store.vectorstore._embedding_function is not None
    assert store.vectorstore._collection._embedding_function is None


@pytest.mark.parametrize("url", ["ftp://127.0.0.1:1", "not a url"])
def test_bad_server_url_is_unavailable(tmp_path, embedder, url):
    with pytest.raises(IndexUnavailable, match="CITEBOT_CHROMA_URL"):
        ChromaPassageStore(Settings(data_dir=tmp_path, chroma_url=url), embedder).count()


def test_unreachable_server_is_unavailable_then_retried(tmp_path, embedder, unused_port):
    store = ChromaPassageStore(Settings(data_dir=tmp_path, chroma_url=f"http://127.0.0.1:{unused_port}"), embedder)
    for _ in range(2):  # not cached as broken: every call tries again
        with pytest.raises(IndexUnavailable, match="unavailable"):
            store.count()


def test_a_ping_answers_on_a_live_store_and_fails_clearly_on_an_unreachable_one(store, tmp_path, embedder, unused_port):
    store.ping()  # an empty collection answers too
    store.add([_doc(0, "The harbour board met in spring.")])
    store.ping()
    gone = ChromaPassageStore(Settings(data_dir=tmp_path, chroma_url=f"http://127.0.0.1:{unused_port}"), embedder)
    with pytest.raises(IndexUnavailable, match="unavailable"):
        gone.ping()


def test_add_embeds_batches_of_similar_length_and_keeps_each_vector_with_its_document(tmp_path, embedder):
    from langchain_core.embeddings import Embeddings

    class Recording(Embeddings):
        def __init__(self) -> None:
            self.batches: list[list[str]] = []

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.batches.append(list(texts))
            return embedder.embed_documents(texts)

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text)

    recording = Recording()
    store = ChromaPassageStore(Settings(data_dir=tmp_path), recording, batch_size=2)
    texts = ["A long sentence about the Hanoi summit and why it failed over sanctions relief.", "Short.", "Mid one."]
    texts += ["The missile flew 1,090 km into the sea.", "Tiny."]
    store.add([_doc(i, t) for i, t in enumerate(texts)])
    assert [len(t) for batch in recording.batches for t in batch] == sorted(len(t) for t in texts)
    vectors = store.vectors()
    for i, text in enumerate(texts):
        stored = vectors[f"v1|b1:{i}"]
        expected = embedder.embed_query(text)
        assert sum(a * b for a, b in zip(stored, expected, strict=True)) > 0.999


def test_add_orders_batches_by_the_embedders_token_counts_and_then_lets_them_go(tmp_path, embedder):
    from langchain_core.embeddings import Embeddings

    class Counting(Embeddings):
        """Counts a text's tokens as its words: "Unaccountably." is one token though longer than "It is so."."""

        def __init__(self) -> None:
            self.batches: list[list[str]] = []
            self.counted: list[list[str]] = []

        def token_counts(self, texts: list[str]) -> list[int]:
            self.counted.append(list(texts))
            return [len(t.split()) for t in texts]

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.batches.append(list(texts))
            return embedder.embed_documents(texts)

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text)

    counting = Counting()
    store = ChromaPassageStore(Settings(data_dir=tmp_path), counting, batch_size=2)
    texts = ["It is so, and it is.", "Unaccountably.", "It is so.", "Notwithstanding everything."]
    store.add([_doc(i, t) for i, t in enumerate(texts)])
    assert counting.batches == [
        ["Unaccountably.", "Notwithstanding everything."],
        ["It is so.", "It is so, and it is."],
    ]
    assert counting.counted[0] == texts and counting.counted[-1] == []  # asked once, then told to forget them
    assert store.count() == 4

    # Context views keep the character order: their int8 vectors depend on the texts batched with them.
    counting.batches.clear()
    context = [StoredDoc(f"c{i}", t, {"brief_id": "b2", "view": "c"}) for i, t in enumerate(texts)]
    store.add(context)
    assert [t for batch in counting.batches for t in batch] == sorted(texts, key=len)
    assert counting.counted[-2] == []  # no context view was counted


def test_add_reports_progress_after_each_batch(tmp_path, embedder):
    store = ChromaPassageStore(Settings(data_dir=tmp_path), embedder, batch_size=2)
    heard: list[tuple[int, int]] = []
    store.add(
        [_doc(i, f"Sentence number {i} about a summit.") for i in range(5)],
        lambda done, total: heard.append((done, total)),
    )
    assert heard == [(2, 5), (4, 5), (5, 5)]
    assert store.count() == 5


def test_embedded_batches_are_written_together_up_to_the_write_size(tmp_path, embedder, monkeypatch):
    store = ChromaPassageStore(Settings(data_dir=tmp_path), embedder, batch_size=2, write_size=5)
    writes: list[int] = []
    write = store._write
    monkeypatch.setattr(store, "_write", lambda docs, vectors: (writes.append(len(docs)), write(docs, vectors)))
    heard: list[tuple[int, int]] = []
    store.add([_doc(i, f"Sentence {i} about a harbour.") for i in range(7)], lambda d, t: heard.append((d, t)))
    assert writes == [6, 1]  # three batches of two make the first write, the last batch the second
    assert heard == [(2, 7), (4, 7), (6, 7), (7, 7)]  # progress follows the embedding, batch by batch
    assert store.count() == 7 and set(store.vectors()) == {f"v1|b1:{i}" for i in range(7)}


def test_each_text_is_embedded_once_though_langchain_writes_it(tmp_path, embedder):
    from langchain_core.embeddings import Embeddings

    class Counting(Embeddings):
        def __init__(self) -> None:
            self.texts: list[str] = []

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.texts += texts
            return embedder.embed_documents(texts)

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text)

    counting = Counting()
    store = ChromaPassageStore(Settings(data_dir=tmp_path), counting, batch_size=2)
    texts = [f"Sentence {i} about a harbour." for i in range(5)]
    store.add([_doc(i, t) for i, t in enumerate(texts)])
    assert sorted(counting.texts) == sorted(texts)
    assert type(store.vectorstore).__name__ == "Chroma"  # the write went through langchain-chroma


def test_langchain_chroma_that_cannot_be_imported_is_a_one_line_store_error(tmp_path, embedder, monkeypatch):
    import sys

    store = ChromaPassageStore(Settings(data_dir=tmp_path), embedder)
    assert store.count() == 0  # reads never need it
    monkeypatch.setitem(sys.modules, "langchain_chroma", None)  # "import langchain_chroma" now raises ImportError
    with pytest.raises(IndexUnavailable, match="langchain-chroma cannot be imported"):
        store.add([_doc(0, "A sentence.")])


READ_ONLY_SCRIPT = """
import sys
from corpus.settings import Settings
from index.embeddings import load_embedder
from index.store import make_store
settings = Settings(data_dir=sys.argv[1])
store = make_store(settings, load_embedder(settings))
if sys.argv[2] == "write":
    from index.store import StoredDoc
    store.add([StoredDoc("v|b:0|s", "A sentence about a harbour.", {"brief_id": "b", "version": "v"})])
hits = store.search(load_embedder(settings).embed_query("harbour"), k=1)
print(store.count(), len(hits), "langchain_chroma" in sys.modules)
"""


def test_reading_the_store_never_imports_langchain_chroma_and_writing_does(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}

    def run(mode: str) -> list[str]:
        out = subprocess.run(
            [sys.executable, "-c", READ_ONLY_SCRIPT, str(tmp_path), mode], env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr[-2000:]
        return out.stdout.split()

    assert run("write") == ["1", "1", "True"]
    assert run("read") == ["1", "1", "False"]  # a restart: the collection is opened by chromadb alone
