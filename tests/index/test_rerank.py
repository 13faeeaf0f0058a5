"""The reranking model on ONNX Runtime (index.rerank), when an export is at hand; else only its refusals.

The real model is large (~440 MB, not bundled): set CITEBOT_TEST_RERANK_MODEL to an ``export_rerank_model``
folder to run the tests that load it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus.errors import ModelUnavailable
from index.rerank import OnnxReranker, load_reranker

EXPORT = os.environ.get("CITEBOT_TEST_RERANK_MODEL")
needs_model = pytest.mark.skipif(not EXPORT, reason="set CITEBOT_TEST_RERANK_MODEL to an export folder")


def test_no_folder_configured_means_no_reranker() -> None:
    assert load_reranker(None) is None


def test_folder_without_export_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="export_rerank_model"):
        OnnxReranker.load(tmp_path)


@needs_model
def test_paraphrase_is_closer_than_a_sentence_on_the_topic() -> None:
    reranker = load_reranker(EXPORT)
    assert reranker is not None
    sims = reranker.similarities(
        "Which statistical technique corrected the bias in the data?",
        [
            "To correct for biases, we used the quantile delta method.",
            "The data came from weather stations across the region.",
        ],
    )
    assert sims[0] > sims[1]


@needs_model
def test_unit_vectors() -> None:
    reranker = load_reranker(EXPORT)
    assert reranker is not None
    vectors = reranker.embed(["one sentence", "a second, longer sentence than the first"])
    assert vectors.shape[1] == 768
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-4


@needs_model
def test_damaged_file_is_refused(tmp_path: Path) -> None:
    assert EXPORT is not None
    for f in Path(EXPORT).iterdir():
        (tmp_path / f.name).symlink_to(f)
    (tmp_path / "tokenizer.json").unlink()
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(ModelUnavailable, match="checksum"):
        OnnxReranker.load(tmp_path)
