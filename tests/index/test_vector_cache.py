"""The install-time vector cache: vectors found only for the very model file and text, an unusable file ignored
with a warning, ingest taking what it holds and embedding the rest, and questions never reading it."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from corpus.settings import Settings
from index.embeddings import _load_onnx
from index.onnxmodel.embedder import OnnxEmbeddings
from index.onnxmodel.files import MODEL_FILE, default_onnx_dir, read_manifest
from index.onnxmodel.vector_cache import CACHE_FILE, cache_path, load_cache, write_cache

DIM = 4
UNIT = [1.0, 0.0, 0.0, 0.0]
OTHER = [0.0, 0.6, 0.8, 0.0]


def test_a_vector_is_found_only_under_its_model_checksum_and_exact_text(tmp_path):
    path = tmp_path / CACHE_FILE
    assert write_cache(path, DIM, [("model-a", "The dam was built.", UNIT), ("model-b", "The dam was built.", OTHER)])
    cache = load_cache(path, DIM)
    assert cache.get("model-a", "The dam was built.") == UNIT
    assert cache.get("model-b", "The dam was built.") == pytest.approx(OTHER)
    assert cache.get("model-c", "The dam was built.") is None
    assert cache.get("model-a", "The dam was built") is None  # one character off: another text
    assert cache.get("model-a", "the dam was built.") is None


def test_the_same_model_and_text_twice_is_written_once(tmp_path):
    assert write_cache(tmp_path / CACHE_FILE, DIM, [("m", "a", UNIT), ("m", "a", UNIT), ("m", "b", OTHER)]) == 2


def test_no_file_is_an_empty_cache_without_a_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        assert len(load_cache(tmp_path / CACHE_FILE, DIM)) == 0
        assert len(load_cache(None, DIM)) == 0
    assert caplog.records == []


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {}
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"not an npz file at all")
    files["unreadable"] = garbage
    other_dim = tmp_path / "dim.npz"
    write_cache(other_dim, 3, [("m", "a", [1.0, 0.0, 0.0])])
    files["dimensional"] = other_dim
    long = tmp_path / "long.npz"
    write_cache(long, DIM, [("m", "a", [2.0, 0.0, 0.0, 0.0])])
    files["unit length"] = long
    nan = tmp_path / "nan.npz"
    write_cache(nan, DIM, [("m", "a", [float("nan"), 0.0, 0.0, 0.0])])
    files["non-finite"] = nan
    old = tmp_path / "old.npz"
    np.savez(old, meta=np.asarray('{"schema": 0, "dimension": 4}'), keys=np.asarray(["k"]), vectors=np.eye(1, DIM))
    files["another version"] = old
    return files


@pytest.mark.parametrize("problem", ["unreadable", "dimensional", "unit length", "non-finite", "another version"])
def test_an_unusable_file_is_ignored_with_one_warning_naming_why(tmp_path, caplog, problem):
    path = _bad_files(tmp_path)[problem]
    with caplog.at_level(logging.WARNING, logger="citebot.embed"):
        assert len(load_cache(path, DIM)) == 0
    assert len(caplog.records) == 1
    assert problem in caplog.text and "embedded instead" in caplog.text


def test_the_cache_is_beside_the_export_unless_set_or_off(tmp_path):
    assert cache_path(Settings(vector_cache="")) == default_onnx_dir() / CACHE_FILE
    assert cache_path(Settings(vector_cache=str(tmp_path / "v.npz"))) == tmp_path / "v.npz"
    assert cache_path(Settings(vector_cache="off")) is None
    assert cache_path(Settings(vector_cache="OFF")) is None


@pytest.fixture(scope="module")
def fp32_checksum() -> str:
    return read_manifest(default_onnx_dir()).files[MODEL_FILE]


def _embedder(path: Path) -> OnnxEmbeddings:
    # Not load_embedder: its per-process cache would keep every one of these sessions for the whole test run.
    embedder = _load_onnx(Settings(vector_cache=str(path)))
    assert isinstance(embedder, OnnxEmbeddings)
    return embedder


def test_ingest_takes_the_cached_vectors_and_embeds_only_the_rest(tmp_path, fp32_checksum):
    marker = [0.0] * 383 + [1.0]  # no sentence embeds to this: it can only come from the cache
    path = tmp_path / CACHE_FILE
    write_cache(path, 384, [(fp32_checksum, "The dam was finished in 1996.", marker)])
    embedder = _embedder(path)
    got = embedder.embed_stored(["The dam was finished in 1996.", "Farmers downstream lost water."])
    assert got[0] == marker
    assert got[1] == embedder.embed_documents(["Farmers downstream lost water."])[0]


def test_a_vector_cached_for_another_model_file_is_not_used(tmp_path):
    path = tmp_path / CACHE_FILE
    write_cache(path, 384, [("0" * 64, "The dam was finished in 1996.", [0.0] * 383 + [1.0])])
    embedder = _embedder(path)
    assert embedder.embed_stored(["The dam was finished in 1996."]) == embedder.embed_documents(
        ["The dam was finished in 1996."]
    )


def test_questions_never_read_the_cache(tmp_path, fp32_checksum):
    path = tmp_path / CACHE_FILE
    write_cache(path, 384, [(fp32_checksum, "When was the dam finished?", [0.0] * 383 + [1.0])])
    embedder = _embedder(path)
    assert embedder.embed_query("When was the dam finished?")[-1] != 1.0
    assert embedder.embed_documents(["When was the dam finished?"])[0][-1] != 1.0


def test_cached_vectors_are_the_models_own_for_each_text_alone(tmp_path):
    texts = ["The dam was finished in 1996.", "Farmers downstream lost water in dry years."]
    path = tmp_path / CACHE_FILE
    embedder = _embedder(path)
    write_cache(path, 384, embedder.vectors_to_cache(texts))
    fresh = _embedder(tmp_path / "missing.npz")
    cached = _embedder(path)
    assert len(cached.vector_cache()) == 2 * len(texts)  # under the fp32 model and the int8 passage model
    for text in texts:
        assert cached.embed_stored([text]) == fresh.embed_stored([text])
        assert cached.embed_passages([text]) == fresh.embed_passages([text])
