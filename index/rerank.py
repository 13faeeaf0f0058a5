"""A larger sentence model that could look again at the few best candidates (measured, not served).

Retrieval embeds every passage with the small model at ingest. A larger model (all-mpnet-base-v2, 110 M parameters,
~5x the small one's cost per token) is too slow to embed a library, but could afford a question and its top few
candidates at answer time. ``bench/rerank_experiment.py`` measured it as a reranker and found no clear gain
(bench/RESULTS.md, section bench_rerank), so nothing in the answer path calls this module: it is kept so the
measurement can be repeated. It only computes cosines.

The folder is written by ``index.rerank_export.export_rerank_model``: ``model.onnx`` and
``model-int8.onnx`` (the transformer, returning the last hidden state), ``tokenizer.json`` and a
``manifest.json`` with their checksums, as the main model's export. Serving runs ONNX Runtime and ``tokenizers``
only: no torch, nothing downloaded. Mean pooling and normalisation are done here, as sentence-transformers does.
The model's own inputs are read from the session, since MPNet takes no ``token_type_ids``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from corpus.errors import ModelUnavailable
from index.onnxmodel.files import INT8_FILE, MANIFEST, MODEL_FILE, TOKENIZER_FILE, read_manifest, sha256_file

HOW_TO_EXPORT = "export one with index.rerank_export.export_rerank_model(source, target)"


class Reranker(Protocol):
    """Cosine similarity of a question with each of some texts (higher: closer in meaning)."""

    def similarities(self, question: str, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


class OnnxReranker:
    """The exported larger model on ONNX Runtime: one session, a question and its candidates in one batch."""

    def __init__(self, model_file: Path, tokenizer_file: Path, max_seq_length: int, *, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        tokenizer.enable_truncation(max_length=max_seq_length)
        tokenizer.enable_padding()  # padded to the batch's longest text, with the model's own pad token
        self._tokenizer = tokenizer
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle pool threads would spin waiting for work, taking the core another question needs.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(model_file), sess_options=options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._lock = threading.Lock()  # the tokenizer's padding state is shared

    @classmethod
    def load(cls, folder: Path, *, threads: int = 1, int8: bool = True) -> OnnxReranker:
        """The export in ``folder``, its files checked against the manifest's checksums (ModelUnavailable if not)."""
        folder = Path(folder)
        if not (folder / MANIFEST).is_file():
            raise ModelUnavailable(f"no reranking model export in {folder}: {HOW_TO_EXPORT}")
        manifest = read_manifest(folder)
        paths = []
        for name in (INT8_FILE if int8 else MODEL_FILE, TOKENIZER_FILE):
            path = folder / name
            recorded = manifest.files.get(name)
            if recorded is None or not path.is_file() or sha256_file(path) != recorded:
                raise ModelUnavailable(f"{name} in {folder} is missing or does not match its checksum: {HOW_TO_EXPORT}")
            paths.append(path)
        return cls(paths[0], paths[1], manifest.max_seq_length, threads=threads)

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Unit vectors of the texts, mean-pooled under the attention mask."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        with self._lock:
            encodings = self._tokenizer.encode_batch(list(texts))
        feeds: dict[str, Any] = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        (hidden,) = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})
        mask = feeds["attention_mask"][:, :, None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.clip(norms, 1e-12, None), dtype=np.float32)

    def similarities(self, question: str, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if not texts:
            return np.zeros(0, dtype=np.float32)
        vectors = self.embed([question, *texts])
        return np.asarray(vectors[1:] @ vectors[0], dtype=np.float32)


_CACHE: dict[tuple[str, int, bool], OnnxReranker] = {}
_CACHE_LOCK = threading.Lock()


def load_reranker(folder: str | Path | None, *, threads: int = 1, int8: bool = True) -> OnnxReranker | None:
    """The reranker exported to ``folder``, loaded once per process; None when no folder is given."""
    if not folder:
        return None
    key = (str(folder), threads, int8)
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = OnnxReranker.load(Path(folder), threads=threads, int8=int8)
        return _CACHE[key]
