"""The sentence embedder on ONNX Runtime and ``tokenizers``: the serving path's, with no torch anywhere.

It reproduces sentence-transformers' pipeline for a mean-pooled, normalised model: tokenise with the model's
fast tokenizer (truncated at the same ``max_seq_length``, padded to the batch's longest text), run the
transformer, average the token vectors under the attention mask, and scale each vector to unit length.

Threads. ``embed_threads`` says how many cores the calling thread may use. A list of texts is cut into batches
by *token* count, and the batches run side by side, one per worker thread, each on a one-thread session: ONNX
Runtime releases the GIL while it runs, and independent batches never wait for each other, whereas one session
with two intra-op threads meets at a barrier after each of its ~300 small operators and stalls whenever another
process holds a core (20-page PDF, 1,498 views, beside other work: 18 s against 35 s, and less CPU). A lone
batch (a question, a claim) runs in the calling thread with ``CITEBOT_QUERY_THREADS`` intra-op threads. With the
default of one, questions and ingest share one session and one copy of the weights (about 90 MB less).

Passages to store (``embed_passages``, what ingest calls) may run on another file: the export's per-channel int8
model. On a CPU with VNNI it takes less than half the fp32 model's CPU time (20-page brief: 5.7 s against 12.8 s
on one thread), and its vectors keep cosine >= 0.98 to fp32 (mean 0.993); the retrieval figures of dev and
real-dev did not move. Questions, claims and audits stay on the fp32 model, so the query space (the index's
recorded identity) is unchanged and an index of fp32 passages stays valid. Identical texts are embedded once.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from corpus.errors import CitebotError
from index.onnxmodel.files import Manifest
from index.onnxmodel.vector_cache import VectorCache
from index.threads import wanted_threads
from index.types import Embeddings

log = logging.getLogger("citebot.embed")

# Long lists are cut into batches of at most this many texts, sorted by token count so each batch pads little.
BATCH_SIZE = 32


def token_batches(lengths: Sequence[int], workers: int, size: int = BATCH_SIZE) -> list[list[int]]:
    """Indices of ``lengths`` in batches of similar length: sorted by token count (padding to a batch's longest
    text is wasted work: 53% of the bundled brief's tokens when sorted by characters, 24% by tokens), at most
    ``size`` each, and small enough that every worker gets one."""
    if not lengths:
        return []
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    per_batch = max(1, min(size, -(-len(order) // max(1, workers))))
    return [order[i : i + per_batch] for i in range(0, len(order), per_batch)]


class OnnxEmbeddings(Embeddings):
    """A langchain ``Embeddings`` over an exported model; ``identity`` names the vector space it makes."""

    def __init__(
        self,
        model_file: Path,
        tokenizer_file: Path,
        manifest: Manifest,
        *,
        variant: str,
        preload_threads: int = 1,
        passage_model: Callable[[], Path] | None = None,
        vector_cache: Callable[[], VectorCache] | None = None,
    ) -> None:
        from tokenizers import Tokenizer

        self.model_file = Path(model_file)
        self.manifest = manifest
        self.identity = {"model": manifest.source, "variant": variant}
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        tokenizer.enable_truncation(max_length=manifest.max_seq_length)
        tokenizer.enable_padding()  # only to learn the tokenizer's own pad token and type
        padding = tokenizer.padding or {}
        self._pad_id = int(padding.get("pad_id", 0))
        self._pad_type = int(padding.get("pad_type_id", 0))
        tokenizer.no_padding()  # batches are padded here, after they are sorted by token count
        self._tokenizer = tokenizer
        self._encoded: dict[str, Any] = {}  # the texts of the last ``token_counts`` call, encoded
        self._sessions: dict[tuple[int, Path], Any] = {}
        self._lock = threading.Lock()
        # Found (and checked) at the first ingest, not at start-up: a restart that never ingests does not pay it.
        self._passage_model = passage_model
        self._passage_file: Path | None = None
        self._passage_lock = threading.Lock()
        # Read at the first ingest too: a restart never looks at it.
        self._cache_loader = vector_cache
        self._cache: VectorCache | None = None
        # A lone batch (a question, a claim) runs on this many intra-op threads: the question setting.
        self._lone_threads = preload_threads
        self._session(preload_threads)  # load now: a missing runtime or a bad file fails at start, not mid-request

    def _session(self, threads: int, model: Path | None = None) -> Any:
        """The session of ``model`` (default: the query model) with ``threads`` intra-op threads (1: the shared
        one; 0: one per core)."""
        model = model or self.model_file
        with self._lock:
            session = self._sessions.get((threads, model))
            if session is None:
                import onnxruntime as ort

                options = ort.SessionOptions()
                options.intra_op_num_threads = threads
                options.inter_op_num_threads = 1
                # Idle pool threads would spin waiting for work, taking the core a question thread needs.
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                options.log_severity_level = 3
                session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
                self._sessions[(threads, model)] = session
            return session

    def _run(self, encodings: Sequence[Any], threads: int, model: Path) -> Any:
        """Unit vectors of one batch of encodings, padded to its longest."""
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), width), self._pad_id, dtype=np.int64)
        types = np.full((len(encodings), width), self._pad_type, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, e in enumerate(encodings):
            n = len(e.ids)
            ids[row, :n] = e.ids
            types[row, :n] = e.type_ids
            mask[row, :n] = 1
        session = self._session(threads, model)
        (hidden,) = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)

    def passage_model_file(self) -> Path:
        """The model stored passages are embedded with: the int8 one when it was given and checks out, else the
        query model (a damaged int8 file costs speed, never an ingest)."""
        with self._passage_lock:
            if self._passage_file is None:
                self._passage_file = self.model_file
                if self._passage_model is not None:
                    try:
                        self._passage_file = self._passage_model()
                    except CitebotError as exc:
                        log.warning("passages are embedded with the fp32 model: %s", exc)
            return self._passage_file

    def vector_cache(self) -> VectorCache:
        """The install-time vectors (``index/onnxmodel/vector_cache.py``), read once; empty when there are none."""
        with self._passage_lock:
            if self._cache is None:
                self._cache = self._cache_loader() if self._cache_loader is not None else VectorCache()
            return self._cache

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        """Vectors of passages to store, from ``passage_model_file``; a text that occurs twice is embedded once."""
        unique = list(dict.fromkeys(texts))
        vectors = self._embed_cached(unique, self.passage_model_file())
        if len(unique) == len(texts):
            return vectors
        by_text = dict(zip(unique, vectors, strict=True))
        return [list(by_text[t]) for t in texts]

    def embed_stored(self, texts: list[str]) -> list[list[float]]:
        """Vectors of passages to store with the query model (a sentence's own words), as ``embed_documents``
        makes them; those the install-time cache holds for this model and text are taken from it."""
        return self._embed_cached(texts, self.model_file)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embed(texts, self.model_file)

    def token_counts(self, texts: list[str]) -> list[int]:
        """How many tokens the model reads of each text (after truncation): what a forward pass costs, for
        callers that order texts before handing them over in batches (``ChromaPassageStore.add``). The
        encodings are kept until the next call, so embedding these texts does not tokenise them again."""
        encodings = self._tokenizer.encode_batch(texts) if texts else []
        self._encoded = dict(zip(texts, encodings, strict=True))
        return [len(e.ids) for e in encodings]

    def _encode(self, texts: list[str]) -> list[Any]:
        """Encodings of ``texts``, those ``token_counts`` made last reused (a text's encoding depends on it alone)."""
        known = self._encoded
        missing = [t for t in texts if t not in known]
        fresh = dict(zip(missing, self._tokenizer.encode_batch(missing), strict=True)) if missing else {}
        return [known[t] if t in known else fresh[t] for t in texts]

    def vectors_to_cache(self, texts: Sequence[str]) -> list[tuple[str, str, list[float]]]:
        """(model checksum, text, vector) of every text under each model ingest embeds with, for the cache.

        Each text is embedded alone. The int8 model quantises its activations with one scale per batch, so its
        vector of a text moves with the batch it shares and that batch's padding (max 0.02 per coordinate
        between a one-core and a two-core ingest of the same brief); alone, it is one fixed vector, and no
        farther from the fp32 one (bundled brief's context views: cosine to fp32 mean 0.9953, batched 0.9948)."""
        unique = list(dict.fromkeys(texts))
        out: list[tuple[str, str, list[float]]] = []
        for model in dict.fromkeys((self.model_file, self.passage_model_file())):
            checksum = self.manifest.files[model.name]
            out += [(checksum, t, self._embed([t], model)[0]) for t in unique]
        return out

    def _embed_cached(self, texts: list[str], model: Path) -> list[list[float]]:
        """``_embed``, but texts whose vector under this very model file is in the cache are not run again."""
        checksum = self.manifest.files.get(model.name)  # the file was checked against it when it was loaded
        cache = self.vector_cache()
        if checksum is None or not len(cache):
            return self._embed(texts, model)
        found = [cache.get(checksum, t) for t in texts]
        fresh = iter(self._embed([t for t, v in zip(texts, found, strict=True) if v is None], model))
        return [v if v is not None else next(fresh) for v in found]

    def _embed(self, texts: list[str], model: Path) -> list[list[float]]:
        if not texts:
            return []
        encodings = self._encode(texts)
        cores = wanted_threads() or os.cpu_count() or 1
        batches = token_batches([len(e.ids) for e in encodings], cores)
        out: list[list[float]] = [[] for _ in texts]

        def run(batch: list[int], threads: int) -> None:
            vectors = self._run([encodings[i] for i in batch], threads, model)
            for i, vector in zip(batch, vectors, strict=True):
                out[i] = vector.tolist()

        if len(batches) == 1:
            run(batches[0], self._lone_threads)  # in this thread: a question never waits for a pool
        else:
            with ThreadPoolExecutor(min(cores, len(batches)), thread_name_prefix="citebot-embed") as pool:
                list(pool.map(run, batches, [1] * len(batches)))  # list(): re-raises a batch's error here
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]
