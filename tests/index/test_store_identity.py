"""The index records which embedder made it, shares it between the two paths of one model, and refuses others."""

from __future__ import annotations

import pytest
from langchain_core.embeddings import Embeddings

from corpus.errors import IndexMismatch
from corpus.settings import Settings
from index.embeddings import identity_of, load_embedder
from index.store import StoredDoc, make_store, recorded_identity
from index.store_identity import MODEL_KEY


class Named(Embeddings):
    """The real vectors under another name: what a different model or precision would claim to be."""

    def __init__(self, inner: Embeddings, **identity: str) -> None:
        self.inner = inner
        self.identity = {**(identity_of(inner) or {}), **identity}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


class Anonymous(Embeddings):
    """The real vectors from an embedder that does not say what it is (a test fake, another library's)."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def _fill(settings: Settings, embedder: Embeddings) -> None:
    store = make_store(settings, embedder)
    store.add([StoredDoc("v1|b:0", "The bridge opened in 1932.", {"brief_id": "b", "version": "v1"})])


def test_a_new_index_records_the_model_variant_and_path_that_made_it(tmp_path, embedder):
    settings = Settings(data_dir=tmp_path)
    _fill(settings, embedder)
    recorded = recorded_identity(make_store(settings, embedder))
    assert recorded == {**identity_of(embedder), "path": "onnx"}


def test_the_torch_path_of_the_same_model_uses_an_index_the_onnx_path_made(tmp_path, embedder):
    settings = Settings(data_dir=tmp_path)
    _fill(settings, embedder)
    torch_named = Named(embedder)  # the torch path's identity is the same model and fp32 variant
    store = make_store(Settings(data_dir=tmp_path, embedder="torch"), torch_named)
    assert store.count() == 1
    assert recorded_identity(store)["path"] == "onnx"  # who made it stays on record


def test_an_index_of_another_model_is_refused_with_how_to_reindex(tmp_path, embedder):
    settings = Settings(data_dir=tmp_path)
    _fill(settings, embedder)
    other = make_store(settings, Named(embedder, model="another-model"))
    with pytest.raises(IndexMismatch, match=r"another-model.*citebot doctor --repair") as caught:
        other.count()
    assert "\n" not in str(caught.value)


def test_an_fp32_index_is_refused_by_the_int8_model(tmp_path, embedder):
    settings = Settings(data_dir=tmp_path)
    _fill(settings, embedder)
    int8 = load_embedder(Settings(data_dir=tmp_path, onnx_int8=True))
    with pytest.raises(IndexMismatch, match=r"\(fp32\).*\(int8\)"):
        make_store(Settings(data_dir=tmp_path, onnx_int8=True), int8).count()


def test_an_index_from_before_the_record_counts_as_the_fp32_model(tmp_path, embedder):
    settings = Settings(data_dir=tmp_path)
    _fill(settings, embedder)
    collection = make_store(settings, embedder).vectorstore._collection
    collection.modify(metadata={"note": "made before citebot recorded its embedder"})
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    assert MODEL_KEY not in (make_store(settings, Anonymous(embedder)).vectorstore._collection.metadata or {})
    SharedSystemClient.clear_system_cache()
    assert make_store(settings, embedder).count() == 1
    with pytest.raises(IndexMismatch, match=r"\(fp32\)"):
        make_store(settings, Named(embedder, variant="int8")).count()


def test_an_embedder_that_does_not_say_what_it_is_is_not_checked(tmp_path, embedder):
    settings = Settings(data_dir=tmp_path)
    _fill(settings, Named(embedder, model="another-model"))
    assert make_store(settings, Anonymous(embedder)).count() == 1
