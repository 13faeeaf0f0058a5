"""MiniLM similarity of a claim with evidence texts, their vectors remembered per embedder (bounded)."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any

from corpus.text.vectors import cosines as vector_cosines

_VECTORS: weakref.WeakKeyDictionary[Any, dict[str, list[float]]] = weakref.WeakKeyDictionary()
_VECTORS_MAX = 4096


def _embed_documents(embedder: Any, texts: Sequence[str]) -> list[list[float]]:
    """Evidence texts recur from claim to claim: remember their vectors per embedder (bounded)."""
    try:
        memo = _VECTORS.setdefault(embedder, {})
    except TypeError:  # an embedder that cannot be weakly referenced: no memo
        return list(embedder.embed_documents(list(texts)))
    todo = [t for t in dict.fromkeys(texts) if t not in memo]
    if todo:
        if len(memo) + len(todo) > _VECTORS_MAX:
            memo.clear()
        memo.update(zip(todo, embedder.embed_documents(todo), strict=True))
    return [memo[t] for t in texts]


def cosines(embedder: Any, claim: str, texts: Sequence[str]) -> list[float]:
    """The cosine similarity of the claim with each text."""
    if not texts:
        return []
    query = embedder.embed_query(claim)
    return vector_cosines(query, _embed_documents(embedder, texts))
