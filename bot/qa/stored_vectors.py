"""The stored vectors of a snapshot's views, read once from the vector store and kept in memory, and the dense
matrix over them that answers the dense ranking in process (``DenseMatrix.top``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from index.store import PassageStore, Where

# The stored vectors a snapshot keeps in memory (float32, one copy): 768 MB is about 520,000 MiniLM vectors, some
# 6,000 briefs of the scale bench. Above it, passages the store's search did not return just score 0.
MAX_CACHED_BYTES = 768 * 2**20
_FETCH_VERSIONS = 64  # versions per store read: the store hands vectors over as Python floats (24 bytes each)


@dataclass(frozen=True, slots=True)
class DenseMatrix:
    """Stored view vectors, one row each: which view (its index in ``IndexState.views``) and which of its two.
    Rows are in view order (``positions`` never decreases), so a view's rows are found by binary search."""

    vectors: npt.NDArray[np.float32]
    positions: npt.NDArray[np.intp]
    context: npt.NDArray[np.bool_]

    def top(
        self, embedding: Sequence[float], k: int, allowed: npt.NDArray[np.intp] | None
    ) -> list[tuple[int, bool, float]]:
        """The ``k`` rows closest to the query among the allowed views: (view index, is context view, cosine).
        Only the allowed views' rows are multiplied: a question scoped to one brief reads that brief's rows."""
        query = np.asarray(embedding, dtype=np.float32)
        if allowed is None:
            rows = np.arange(len(self.vectors))
            sims = self.vectors @ query
        else:
            rows = self._rows(np.asarray(allowed))
            sims = np.empty(len(self.vectors), dtype=np.float32)
            sims[rows] = self.vectors[rows] @ query
        if len(rows) > k:
            rows = rows[np.argpartition(-sims[rows], k - 1)[:k]]
        return [(int(self.positions[r]), bool(self.context[r]), float(sims[r])) for r in rows]

    def _rows(self, allowed: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        """Indices, ascending, of the rows of the allowed views."""
        views = np.unique(allowed)
        start = np.searchsorted(self.positions, views, side="left")
        count = np.searchsorted(self.positions, views, side="right") - start
        if not count.sum():
            return np.zeros(0, dtype=np.intp)
        # Each view's run of rows: its start repeated, plus 0, 1, ... within the run.
        offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        return np.asarray(np.repeat(start, count) + offsets, dtype=np.intp)


@dataclass(frozen=True, eq=False)
class StoredVectors:
    """The stored vectors of one snapshot's views as read from the store: one matrix in view order, and each
    document id's row. ``matrix`` is None when a vector is missing (a store being filled)."""

    rows: dict[str, int]  # document id -> row of ``values``
    values: npt.NDArray[np.float32]
    matrix: DenseMatrix | None


def read_vectors(store: PassageStore, docs: list[tuple[int, bool, str]], earlier: object) -> StoredVectors | None:
    """The stored vectors of ``docs`` ((view index, is context view, document id), in view order): those the
    ``earlier`` snapshot's ``StoredVectors`` hold are copied from it, the rest read from the store a few versions at
    a time (never the whole library as Python floats at once). None when they would take more than
    ``MAX_CACHED_BYTES``."""
    if not docs:
        return None
    old = earlier if isinstance(earlier, StoredVectors) else None
    have = old.rows if old is not None else {}
    wanted = sorted({doc.split("|", 1)[0] for _, _, doc in docs if doc not in have})
    width = old.values.shape[1] if old is not None and old.values.ndim == 2 else 0
    if width and len(docs) * width * 4 > MAX_CACHED_BYTES:
        return None
    fetched: dict[str, npt.NDArray[np.float32]] = {}
    for i in range(0, len(wanted), _FETCH_VERSIONS):
        chunk = wanted[i : i + _FETCH_VERSIONS]
        where: Where = {"version": chunk[0]} if len(chunk) == 1 else {"version": {"$in": chunk}}
        for key, vec in store.vectors(where).items():
            fetched[key] = np.asarray(vec, dtype=np.float32)
            width = width or len(vec)
        if width and len(docs) * width * 4 > MAX_CACHED_BYTES:
            return None
    found = [(pos, ctx, doc) for pos, ctx, doc in docs if doc in have or doc in fetched]
    values = np.empty((len(found), width), dtype=np.float32)
    copied = [(row, have[doc]) for row, (_, _, doc) in enumerate(found) if doc in have]
    if copied and old is not None:
        to_rows, from_rows = zip(*copied, strict=True)
        values[list(to_rows)] = old.values[list(from_rows)]
    for row, (_, _, doc) in enumerate(found):
        if doc not in have:
            values[row] = fetched[doc]
    matrix = None
    if len(found) == len(docs):
        positions = np.asarray([pos for pos, _, _ in found], dtype=np.intp)
        matrix = DenseMatrix(values, positions, np.asarray([ctx for _, ctx, _ in found], dtype=bool))
    return StoredVectors({doc: row for row, (_, _, doc) in enumerate(found)}, values, matrix)
