"""Query vectors by text, as the engine embeds them: a small LRU cache, so repeated questions and follow-up
anchors skip the model (the costliest step), over one batcher, so concurrent questions share one forward pass of
the model instead of queueing for the cores one by one."""

from __future__ import annotations

import threading
from collections import OrderedDict

from index.batching import QueryBatcher
from index.embeddings import query_embed_many
from index.types import Embeddings


class QueryVectors:
    """The query's vector, from the cache when the same text was embedded recently (``size`` texts at most; 0
    keeps none)."""

    def __init__(self, embedder: Embeddings, threads: int, size: int) -> None:
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()
        self._batcher = QueryBatcher(query_embed_many(embedder, threads=threads))

    def embed(self, query: str) -> list[float]:
        with self._lock:
            hit = self._cache.get(query)
            if hit is not None:
                self._cache.move_to_end(query)
                return hit
        vector = self._batcher.embed(query)
        if self._size > 0:
            with self._lock:
                self._cache[query] = vector
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        return vector
