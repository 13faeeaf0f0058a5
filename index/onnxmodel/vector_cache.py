"""Vectors made at install for the bundled briefs' passages, so a first start need not embed them again.

``citebot model export`` (run by ``make install``) embeds every view of the briefs in the briefs folder with the
export's models and writes ``vector-cache.npz`` beside them. The cache is content-addressed, as LangChain's
``CacheBackedEmbeddings`` is: a vector is found by the sha256 of the model file's recorded checksum and the exact
text, so a changed text, a re-exported or other model, or a view cut differently by newer code simply misses and is
embedded as before. A file that cannot be read, or whose contents do not check out (schema, dimension, shape,
finite unit vectors), is ignored with one warning: the cache can cost a first start nothing but the time to look.

Only ingest looks here (``OnnxEmbeddings.embed_passages`` / ``embed_stored``); questions never do.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from corpus.settings import Settings
from index.onnxmodel.files import onnx_dir

log = logging.getLogger("citebot.embed")

CACHE_FILE = "vector-cache.npz"
CACHE_SCHEMA = 1
OFF = "off"
# A stored vector must be unit length (the embedder normalises) to this tolerance, or the file is not trusted.
NORM_TOLERANCE = 1e-3


def cache_path(settings: Settings) -> Path | None:
    """Where the cache is read and written: ``CITEBOT_VECTOR_CACHE``, else beside the export; None when "off"."""
    if settings.vector_cache.strip().lower() == OFF:
        return None
    if settings.vector_cache:
        return Path(settings.vector_cache)
    return onnx_dir(settings) / CACHE_FILE


def cache_key(model_checksum: str, text: str) -> str:
    """The address of one vector: the model file's sha256 and the exact text."""
    return hashlib.sha256(f"{model_checksum}\n{text}".encode()).hexdigest()


@dataclass(frozen=True)
class VectorCache:
    """Vectors by ``cache_key``; empty when there is no usable file."""

    vectors: dict[str, list[float]] = field(default_factory=dict)

    def get(self, model_checksum: str, text: str) -> list[float] | None:
        found = self.vectors.get(cache_key(model_checksum, text))
        return list(found) if found is not None else None

    def __len__(self) -> int:
        return len(self.vectors)


def load_cache(path: Path | None, dimension: int) -> VectorCache:
    """The cache in ``path``, checked; an empty one (with a warning for a file that is there but unusable)."""
    if path is None or not path.is_file():
        return VectorCache()
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            keys = data["keys"]
            vectors = data["vectors"]
        problem = _problem(meta, keys, vectors, dimension)
    except (OSError, ValueError, KeyError, TypeError) as exc:  # not an npz, truncated, a member missing
        problem = f"unreadable ({exc})"
    if problem is not None:
        log.warning("ignoring the vector cache %s: %s; passages are embedded instead", path, problem)
        return VectorCache()
    return VectorCache({str(k): v for k, v in zip(keys.tolist(), vectors.tolist(), strict=True)})


def _problem(meta: object, keys: np.ndarray, vectors: np.ndarray, dimension: int) -> str | None:
    if not isinstance(meta, dict) or meta.get("schema") != CACHE_SCHEMA:
        return "written by another version"
    if vectors.ndim != 2 or vectors.shape[1] != dimension or meta.get("dimension") != dimension:
        return f"not {dimension}-dimensional vectors"
    if keys.ndim != 1 or len(keys) != len(vectors) or len(set(keys.tolist())) != len(keys):
        return "keys and vectors do not match one to one"
    if not np.all(np.isfinite(vectors)):
        return "non-finite values"
    if len(vectors) and np.max(np.abs(np.linalg.norm(vectors, axis=1) - 1.0)) > NORM_TOLERANCE:
        return "vectors that are not unit length"
    return None


def write_cache(path: Path, dimension: int, entries: Iterable[tuple[str, str, Sequence[float]]]) -> int:
    """Write (model checksum, text, vector) entries to ``path`` atomically; returns how many were written."""
    keys: list[str] = []
    rows: list[Sequence[float]] = []
    seen: set[str] = set()
    for checksum, text, vector in entries:
        key = cache_key(checksum, text)
        if key not in seen:
            seen.add(key)
            keys.append(key)
            rows.append(vector)
    matrix = np.asarray(rows, dtype=np.float32).reshape(len(rows), dimension)
    meta = json.dumps({"schema": CACHE_SCHEMA, "dimension": dimension})
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".vector-cache-", suffix=".npz", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as fh:
            np.savez(fh, meta=np.asarray(meta), keys=np.asarray(keys, dtype="U64"), vectors=matrix)
        os.chmod(temporary, 0o644)  # mkstemp's file is private; the export is read by whoever runs citebot
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(keys)
