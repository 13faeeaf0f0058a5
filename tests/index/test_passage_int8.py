"""Ingest embeds stored passages with the export's per-channel int8 model; questions stay on the fp32 model."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from corpus.settings import Settings
from index.embeddings import identity_of, load_embedder
from index.onnxmodel.export import _quantise
from index.onnxmodel.files import (
    INT8_FILE,
    INT8_PER_CHANNEL,
    INT8_PER_TENSOR,
    MANIFEST,
    MODEL_FILE,
    TOKENIZER_FILE,
    default_onnx_dir,
    read_manifest,
    sha256_file,
)
from index.store import ChromaPassageStore, StoredDoc
from index.views import passage_views


@pytest.fixture(scope="module")
def per_channel_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The installed export's fp32 model and tokenizer, with an int8 file made by the export's own recipe."""
    folder = tmp_path_factory.mktemp("onnx-per-channel")
    for name in (MODEL_FILE, TOKENIZER_FILE):
        (folder / name).symlink_to(default_onnx_dir() / name)
    _quantise(default_onnx_dir() / MODEL_FILE, folder / INT8_FILE)
    manifest = json.loads((default_onnx_dir() / MANIFEST).read_text())
    manifest["files"][INT8_FILE] = sha256_file(folder / INT8_FILE)
    manifest["int8"] = INT8_PER_CHANNEL
    (folder / MANIFEST).write_text(json.dumps(manifest))
    return folder


def _copy(source: Path, target: Path, **changes: object) -> Path:
    """A folder serving ``source``'s files (links) with its manifest changed by ``changes`` (None: key removed)."""
    target.mkdir()
    for name in (MODEL_FILE, INT8_FILE, TOKENIZER_FILE):
        (target / name).symlink_to((source / name).resolve())
    manifest = json.loads((source / MANIFEST).read_text())
    for key, value in changes.items():
        if value is None:
            manifest.pop(key, None)
        else:
            manifest[key] = value
    (target / MANIFEST).write_text(json.dumps(manifest))
    return target


def test_the_manifest_says_how_int8_was_quantised_and_an_old_one_reads_as_per_tensor(tmp_path, per_channel_export):
    assert read_manifest(per_channel_export).int8 == INT8_PER_CHANNEL
    assert read_manifest(per_channel_export).to_json()["int8"] == INT8_PER_CHANNEL
    old = _copy(per_channel_export, tmp_path / "old", int8=None)
    assert read_manifest(old).int8 == INT8_PER_TENSOR


def test_passages_use_the_int8_model_and_questions_the_fp32_model(tmp_path, per_channel_export):
    embedder = load_embedder(Settings(data_dir=tmp_path, onnx_dir=per_channel_export))
    assert embedder.passage_model_file().name == INT8_FILE
    assert embedder.model_file.name == MODEL_FILE
    # The query space, which the index records, is still fp32: an index of fp32 passages stays valid.
    assert identity_of(embedder) == {"model": identity_of(embedder)["model"], "variant": "fp32"}
    text = "The station reports hourly readings."
    fp32 = np.array(embedder.embed_documents([text])[0])
    assert float(np.dot(embedder.embed_query(text), fp32)) > 0.9999
    passage = np.array(embedder.embed_passages([text])[0])
    assert 0.98 <= float(np.dot(passage, fp32)) < 0.99999  # another model's vector, close to fp32's


def test_int8_passage_vectors_stay_close_to_fp32_over_a_whole_brief(tmp_path, per_channel_export, bundled_brief):
    embedder = load_embedder(Settings(data_dir=tmp_path, onnx_dir=per_channel_export))
    texts = [t for v in passage_views(bundled_brief) for t in (v.self_text, v.context_text) if t]
    int8 = np.array(embedder.embed_passages(texts))
    fp32 = np.array(embedder.embed_documents(texts))
    cosines = (int8 * fp32).sum(axis=1)
    assert cosines.min() >= 0.98, texts[int(cosines.argmin())][:80]
    assert cosines.mean() >= 0.99
    assert np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-4)


def test_an_export_with_per_tensor_int8_embeds_passages_in_fp32(tmp_path, per_channel_export):
    old = _copy(per_channel_export, tmp_path / "old", int8=None)
    embedder = load_embedder(Settings(data_dir=tmp_path, onnx_dir=old))
    assert embedder.passage_model_file() == embedder.model_file


def test_ingest_int8_off_embeds_passages_in_fp32(tmp_path, per_channel_export):
    embedder = load_embedder(Settings(data_dir=tmp_path, onnx_dir=per_channel_export, ingest_int8=False))
    assert embedder.passage_model_file() == embedder.model_file


def test_a_damaged_int8_file_costs_speed_not_the_ingest(tmp_path, per_channel_export, caplog):
    damaged = _copy(per_channel_export, tmp_path / "damaged")
    manifest = json.loads((damaged / MANIFEST).read_text())
    manifest["files"][INT8_FILE] = "0" * 64
    (damaged / MANIFEST).write_text(json.dumps(manifest))
    embedder = load_embedder(Settings(data_dir=tmp_path, onnx_dir=damaged))
    with caplog.at_level(logging.WARNING, logger="citebot.embed"):
        assert embedder.passage_model_file() == embedder.model_file
    assert "model-int8.onnx" in caplog.text and "checksum" in caplog.text
    assert len(embedder.embed_passages(["A sentence to store."])[0]) == 384


def test_identical_passage_texts_are_embedded_once(tmp_path, per_channel_export, monkeypatch):
    embedder = load_embedder(Settings(data_dir=tmp_path, onnx_dir=per_channel_export))
    seen: list[list[str]] = []
    inner = type(embedder)._embed

    def counting(self: object, texts: list[str], model: Path) -> list[list[float]]:
        seen.append(list(texts))
        return inner(self, texts, model)  # type: ignore[arg-type]

    monkeypatch.setattr(type(embedder), "_embed", counting)
    vectors = embedder.embed_passages(["First view.", "Second view.", "First view."])
    assert seen == [["First view.", "Second view."]]
    assert vectors[0] == vectors[2] and vectors[0] != vectors[1]


def test_the_store_embeds_context_views_as_passages_and_own_text_with_the_query_model(tmp_path, embedder):
    class Passages(Embeddings):
        def __init__(self) -> None:
            self.calls: list[tuple[str, list[str]]] = []

        def embed_passages(self, texts: list[str]) -> list[list[float]]:
            self.calls.append(("passages", texts))
            return embedder.embed_documents(texts)

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.calls.append(("documents", texts))
            return embedder.embed_documents(texts)

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text)

    fake = Passages()
    store = ChromaPassageStore(Settings(data_dir=tmp_path), fake)
    docs = [StoredDoc(f"v|p{i}|s", f"Sentence {i} about a harbour.", {"brief_id": "b", "view": "s"}) for i in range(3)]
    docs += [
        StoredDoc(f"v|p{i}|c", f"Before it. Sentence {i} about a harbour.", {"brief_id": "b", "view": "c"})
        for i in range(2)
    ]
    store.add(docs)
    by_model = {
        kind: sorted(t for k, texts in fake.calls if k == kind for t in texts) for kind in ("passages", "documents")
    }
    assert by_model["passages"] == sorted(d.text for d in docs if d.metadata["view"] == "c")
    assert by_model["documents"] == sorted(d.text for d in docs if d.metadata["view"] == "s")
    assert store.count() == 5
    # Each stored vector is its own text's, whichever model embedded it.
    for d in docs:
        stored = np.array(store.vectors({"brief_id": "b"})[d.id])
        assert float(stored @ np.array(embedder.embed_documents([d.text])[0])) > 0.999
