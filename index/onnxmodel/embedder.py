"""The sentence embedder on ONNX Runtime and ``tokenizers``: the serving path's, with no torch anywhere.

It reproduces sentence-transformers' pipeline for a mean-pooled, normalised model: tokenise with the model's
fast tokenizer (truncated at the same ``max_seq_length``, padded to the batch's longest text), run the
transformer, average the token vectors under the attention mask, and scale each vector to unit length.

Threads. ONNX Runtime fixes a session's intra-op thread count when the session is made, so the embedder keeps one
session per count it is asked for (``embed_threads``): questions run on one thread (a short question is many tiny
parallel regions, which stall whenever another process holds a core), and ingest batches on every core.
The sessions share the file but not the weights, so the second one is only made when it is first needed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from index.onnxmodel.files import Manifest
from index.threads import wanted_threads

# Long lists are cut into batches of this many texts, sorted by length so each batch pads little.
BATCH_SIZE = 32


class OnnxEmbeddings(Embeddings):
    """A langchain ``Embeddings`` over an exported model; ``identity`` names the vector space it makes."""

    def __init__(
        self, model_file: Path, tokenizer_file: Path, manifest: Manifest, *, variant: str, preload_threads: int = 0
    ) -> None:
        from tokenizers import Tokenizer

        self.model_file = Path(model_file)
        self.manifest = manifest
        self.identity = {"model": manifest.source, "variant": variant}
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        tokenizer.enable_truncation(max_length=manifest.max_seq_length)
        tokenizer.enable_padding()  # to the longest text of each batch, with the tokenizer's own pad token
        self._tokenizer = tokenizer
        self._sessions: dict[int, Any] = {}
        self._lock = threading.Lock()
        self._session(preload_threads)  # load now: a missing runtime or a bad file fails at start, not mid-request

    def _session(self, threads: int) -> Any:
        with self._lock:
            session = self._sessions.get(threads)
            if session is None:
                import onnxruntime as ort

                options = ort.SessionOptions()
                options.intra_op_num_threads = threads  # 0: ONNX Runtime's default, one per core
                options.inter_op_num_threads = 1
                # Idle pool threads would spin waiting for work, taking the core a question thread needs.
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                options.log_severity_level = 3
                session = ort.InferenceSession(
                    str(self.model_file), sess_options=options, providers=["CPUExecutionProvider"]
                )
                self._sessions[threads] = session
            return session

    def _embed_batch(self, texts: list[str]) -> Any:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        session = self._session(wanted_threads())
        (hidden,) = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[list[float]] = [[] for _ in texts]
        for start in range(0, len(order), BATCH_SIZE):
            chunk = order[start : start + BATCH_SIZE]
            vectors = self._embed_batch([texts[i] for i in chunk])
            for i, vector in zip(chunk, vectors, strict=True):
                out[i] = vector.tolist()
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]
