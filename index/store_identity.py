"""Which embedder made a collection's vectors: recorded in the collection's metadata when it is created, and
checked on every open, so vectors of another model or precision are never mixed with ours."""

from __future__ import annotations

from typing import Any

from corpus.errors import IndexMismatch
from corpus.settings import Settings
from index.embeddings import identity_of
from index.types import Embeddings

# Collection metadata keys recording which embedder made the vectors.
MODEL_KEY, VARIANT_KEY, PATH_KEY = "citebot_embedder_model", "citebot_embedder_variant", "citebot_embedder_path"


def check_identity(collection: Any, embedder: Embeddings, settings: Settings, location: str) -> None:
    """Refuse a collection whose vectors another model (or precision) made; stamp a new one with ours.

    The ONNX and torch paths of one model make the same vectors (fp32), so they share an index; the path that
    made it is recorded for the record only. A collection from before the stamp holds the torch path's fp32
    vectors of the configured model (the only embedder citebot had). Embedders that do not say what they are
    (test fakes) are neither checked nor recorded."""
    ours = identity_of(embedder)
    if ours is None:
        return
    metadata = dict(collection.metadata or {})
    if MODEL_KEY in metadata:
        theirs = {"model": str(metadata[MODEL_KEY]), "variant": str(metadata.get(VARIANT_KEY, "fp32"))}
    elif collection.count() > 0:
        theirs = {"model": ours["model"], "variant": "fp32"}
    else:
        theirs = None
    if theirs is not None and theirs != ours:
        raise IndexMismatch(
            f"the index in {location} holds vectors of {theirs['model']} ({theirs['variant']}), but citebot is set "
            f"to embed with {ours['model']} ({ours['variant']}): set CITEBOT_ONNX_INT8 / CITEBOT_MODEL_PATH back, or "
            "re-index with `citebot doctor --repair`, which moves the old index aside and re-embeds every brief"
        )
    if MODEL_KEY not in metadata:
        path = "torch" if settings.embedder == "torch" else "onnx"
        metadata.update({MODEL_KEY: ours["model"], VARIANT_KEY: ours["variant"], PATH_KEY: path})
        collection.modify(metadata=metadata)
