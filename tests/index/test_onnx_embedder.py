"""The ONNX embedder: the same vectors as sentence-transformers, and a clear refusal when its files are not right."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from unittest.mock import ANY

import numpy as np
import pytest

from corpus.errors import ModelUnavailable
from corpus.loader import load_brief
from corpus.settings import Settings
from index.embeddings import identity_of, load_embedder, query_embed_many
from index.onnxmodel.files import INT8_FILE, MANIFEST, MODEL_FILE, TOKENIZER_FILE, default_onnx_dir
from index.views import passage_views
from tests.conftest import BUNDLED_BRIEF_PATH

REAL_DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "real-dev"
# Quick to parse, and together with the bundled brief more than 1,000 distinct embedded texts.
REAL_DEV_DOCS = (
    "carbonplan-extreme-heat/carbonplan-modeling-extreme-heat-2023.md",
    "keynes-europe-after-the-treaty/keynes-economic-consequences-ch6-europe-after-the-treaty.docx",
    "wikipedia-duck/wikipedia-duck-2024.html",
)


def _views(path: Path) -> list[str]:
    texts = []
    for v in passage_views(load_brief(path)):
        texts.append(v.self_text)
        if v.context_text:
            texts.append(v.context_text)
    return texts


@pytest.fixture
def export_copy(tmp_path: Path) -> Path:
    """A folder that serves the installed export: links to its model files, a copy of its manifest."""
    folder = tmp_path / "onnx"
    folder.mkdir()
    for name in (MODEL_FILE, INT8_FILE, TOKENIZER_FILE):
        (folder / name).symlink_to(default_onnx_dir() / name)
    shutil.copyfile(default_onnx_dir() / MANIFEST, folder / MANIFEST)
    return folder


@pytest.mark.slow
def test_onnx_vectors_equal_sentence_transformers_vectors_over_real_passages(tmp_path):
    missing = [d for d in REAL_DEV_DOCS if not (REAL_DEV / d).is_file()]
    if missing:
        pytest.skip(f"../shared/eval/real-dev is not here ({missing[0]})")
    texts = list(dict.fromkeys(_views(BUNDLED_BRIEF_PATH) + [t for d in REAL_DEV_DOCS for t in _views(REAL_DEV / d)]))
    assert len(texts) >= 1000
    onnx_embedder = load_embedder(Settings(data_dir=tmp_path))
    torch_embedder = load_embedder(Settings(data_dir=tmp_path, embedder="torch"))
    assert identity_of(onnx_embedder) == identity_of(torch_embedder) == {"model": ANY, "variant": "fp32"}
    onnx = np.array(onnx_embedder.embed_documents(texts))
    torch = np.array(torch_embedder.embed_documents(texts))
    cosines = (onnx * torch).sum(axis=1) / (np.linalg.norm(onnx, axis=1) * np.linalg.norm(torch, axis=1))
    worst = int(cosines.argmin())
    assert cosines.min() >= 0.999, f"{cosines.min():.6f} for {texts[worst][:80]!r}"
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-4)


def test_int8_embedder_names_its_own_variant(tmp_path):
    int8 = load_embedder(Settings(data_dir=tmp_path, onnx_int8=True))
    assert identity_of(int8) == {"model": identity_of(int8)["model"], "variant": "int8"}
    vector = int8.embed_query("How far did the probe travel?")
    assert len(vector) == 384
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4


def test_batched_query_vectors_equal_single_query_vectors(embedder):
    onnx = embedder.inner
    texts = ["Why did the talks fail?", "a much longer question about what the report says of the second meeting"]
    batched = query_embed_many(onnx)(texts)
    for text, vector in zip(texts, batched, strict=True):
        assert float(np.dot(onnx.embed_query(text), vector)) > 0.9999


def test_token_counts_are_the_models_tokens_truncated_at_its_limit(embedder):
    onnx = embedder.inner
    short, longer, huge = onnx.token_counts(["Rain.", "Rain fell on the coastal station all week.", "rain " * 1000])
    assert 2 < short < longer < huge == onnx.manifest.max_seq_length  # [CLS] and [SEP] are counted too
    onnx.token_counts([])


def test_texts_counted_before_are_embedded_as_they_would_be_without(embedder):
    onnx = embedder.inner
    texts = ["The station reports hourly.", "Gaps in the record are filled from a neighbouring station."]
    plain = onnx.embed_documents(texts)
    onnx.token_counts([*texts, "A text that is counted but never embedded."])
    counted = onnx.embed_documents([texts[1], "A text that was never counted.", texts[0]])
    onnx.token_counts([])  # drops the kept encodings
    assert onnx._encoded == {}
    assert float(np.dot(counted[0], plain[1])) > 0.99999 and float(np.dot(counted[2], plain[0])) > 0.99999
    assert float(np.dot(counted[1], onnx.embed_query("A text that was never counted."))) > 0.99999


def test_a_missing_export_is_a_one_line_error_naming_the_export_command(tmp_path):
    settings = Settings(data_dir=tmp_path, onnx_dir=tmp_path / "nowhere")
    with pytest.raises(ModelUnavailable, match=r"citebot model export") as caught:
        load_embedder(settings)
    assert "\n" not in str(caught.value)
    assert "make install" in str(caught.value)


def test_a_model_file_not_matching_its_checksum_is_refused_as_stale(tmp_path, export_copy):
    manifest = json.loads((export_copy / MANIFEST).read_text())
    manifest["files"][MODEL_FILE] = "0" * 64
    (export_copy / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(ModelUnavailable, match=r"model\.onnx .* checksum .*citebot model export"):
        load_embedder(Settings(data_dir=tmp_path, onnx_dir=export_copy))


def test_a_missing_int8_file_is_refused_when_int8_is_asked_for(tmp_path, export_copy):
    (export_copy / INT8_FILE).unlink()
    with pytest.raises(ModelUnavailable, match=r"no model-int8\.onnx"):
        load_embedder(Settings(data_dir=tmp_path, onnx_dir=export_copy, onnx_int8=True))


def test_an_export_of_another_model_is_refused(tmp_path, export_copy):
    manifest = json.loads((export_copy / MANIFEST).read_text())
    manifest["source"] = "some-other-model"
    (export_copy / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(ModelUnavailable, match=r"exported from some-other-model"):
        load_embedder(Settings(data_dir=tmp_path, onnx_dir=export_copy))


def test_a_damaged_manifest_is_refused(tmp_path, export_copy):
    (export_copy / MANIFEST).write_text("{not json")
    with pytest.raises(ModelUnavailable, match=r"manifest .* damaged"):
        load_embedder(Settings(data_dir=tmp_path, onnx_dir=export_copy))


def test_a_good_copy_of_the_export_loads(tmp_path, export_copy):
    embedder = load_embedder(Settings(data_dir=tmp_path, onnx_dir=export_copy))
    assert len(embedder.embed_query("a question")) == 384


def test_a_checksum_taken_ahead_is_the_files_and_a_file_changed_since_is_hashed_again(tmp_path):
    import hashlib

    from index.onnxmodel.files import checksum_ahead, sha256_file

    folder = tmp_path / "onnx"
    folder.mkdir()
    model, tokenizer = folder / MODEL_FILE, folder / TOKENIZER_FILE
    model.write_bytes(b"model bytes")
    tokenizer.write_bytes(b"{}")
    settings = Settings(data_dir=tmp_path, onnx_dir=folder)
    checksum_ahead(settings)
    assert sha256_file(model) == hashlib.sha256(b"model bytes").hexdigest()
    checksum_ahead(settings)
    model.write_bytes(b"other model bytes")  # replaced after it was hashed ahead
    assert sha256_file(model) == hashlib.sha256(b"other model bytes").hexdigest()
    assert sha256_file(tokenizer) == hashlib.sha256(b"{}").hexdigest()


def test_a_stale_model_is_refused_when_its_checksum_was_taken_ahead(tmp_path, export_copy):
    from index.onnxmodel.files import checksum_ahead

    manifest = json.loads((export_copy / MANIFEST).read_text())
    manifest["files"][MODEL_FILE] = "0" * 64
    (export_copy / MANIFEST).write_text(json.dumps(manifest))
    settings = Settings(data_dir=tmp_path, onnx_dir=export_copy)
    checksum_ahead(settings)
    with pytest.raises(ModelUnavailable, match=r"model\.onnx .* checksum"):
        load_embedder(settings)
