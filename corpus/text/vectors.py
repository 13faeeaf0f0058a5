"""Cosine similarity of embedding vectors: one implementation for claim evidence, source quotes, the citation
audit and quiz grading.

Vectors are scaled to unit length with a tiny epsilon in the denominator, so a zero vector gives similarity 0
instead of a division error.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

_EPSILON = 1e-12

Matrix = npt.NDArray[np.float64]


def unit(vector: Sequence[float]) -> Matrix:
    """One vector scaled to length 1."""
    v = np.asarray(vector, dtype=float)
    v /= np.linalg.norm(v) + _EPSILON
    return v


def unit_rows(vectors: Sequence[Sequence[float]]) -> Matrix:
    """Each row scaled to length 1."""
    m = np.asarray(vectors, dtype=float)
    m /= np.linalg.norm(m, axis=1, keepdims=True) + _EPSILON
    return m


def cosines(query: Sequence[float], vectors: Sequence[Sequence[float]]) -> list[float]:
    """The cosine similarity of the query with each vector."""
    q = unit(query)
    return [float(x) for x in unit_rows(vectors) @ q]


def cosine_matrix(rows: Sequence[Sequence[float]], cols: Sequence[Sequence[float]]) -> Matrix:
    """Cosine similarities, one row per vector of ``rows`` and one column per vector of ``cols``."""
    both = unit_rows([*rows, *cols])
    out: Matrix = both[: len(rows)] @ both[len(rows) :].T
    return out


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """The cosine similarity of two vectors, 0 when either is zero (plain Python: two short vectors)."""
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = sum(x * x for x in a) ** 0.5
    nb = sum(y * y for y in b) ** 0.5
    return dot / (na * nb) if na and nb else 0.0
