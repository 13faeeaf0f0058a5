"""BM25 over a corpus kept in parts (one per brief), so adding or removing a part re-reads only that part.

A BM25 score depends on the whole corpus (document frequencies, the number of documents, the mean length), so an
index that stores precomputed scores, as bm25s does, must be rebuilt from every document whenever one brief
changes. Here each part keeps only what it alone determines: its documents' term counts and lengths, under term
ids from a vocabulary the parts share. The corpus-wide figures are integers updated by adding the new parts' counts
and subtracting the removed ones', and the scores are computed at query time from the term's postings, so an index
updated in place scores every document exactly as a fresh build over the same parts does.

The formula is the "lucene" variant bm25s used here before (k1 1.5, b 0.75):
idf = ln(1 + (N - df + 0.5) / (df + 0.5)), term weight = idf * tf / (tf + k1 * (1 - b + b * length / mean length)).
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

K1 = 1.5
B = 0.75


class Vocabulary:
    """Term -> column id, shared by the parts of one index and its updated successors. Append-only: an id is never
    reused, so a part built earlier stays valid; a term no document uses any more keeps an empty column."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._ids)

    def get(self, term: str) -> int | None:
        return self._ids.get(term)

    def ids(self, terms: Sequence[str]) -> list[int]:
        """The ids of ``terms``, assigning new ones to terms not seen before."""
        with self._lock:  # two briefs may be tokenized at once; each new term must get one id
            out = []
            for t in terms:
                i = self._ids.get(t)
                if i is None:
                    i = self._ids[t] = len(self._ids)
                out.append(i)
            return out


@dataclass(frozen=True, eq=False)
class Part:
    """The term counts of one part's documents (rows), by vocabulary id (columns), as compressed rows: row i's
    terms are ``indices[indptr[i]:indptr[i + 1]]`` with counts ``data[...]`` (plain numpy: scipy.sparse costs a
    starting server ~0.2 s to import, and the two layouts needed here are a few lines each)."""

    vocabulary: Vocabulary
    data: npt.NDArray[np.float64]  # term counts
    indices: npt.NDArray[np.int32]  # vocabulary id of each count
    indptr: npt.NDArray[np.int64]  # row -> its first count
    lengths: npt.NDArray[np.int64]  # tokens per document
    doc_freq: dict[str, int]  # documents of this part using each term

    @classmethod
    def build(cls, tokens: Sequence[Sequence[str]], vocabulary: Vocabulary) -> Part:
        per_row: list[int] = []
        terms: list[str] = []
        tfs: list[int] = []
        doc_freq: Counter[str] = Counter()
        for doc in tokens:
            tf = Counter(doc)  # each term once per row
            doc_freq.update(tf.keys())
            per_row.append(len(tf))
            terms.extend(tf.keys())
            tfs.extend(tf.values())
        indptr = np.zeros(len(tokens) + 1, dtype=np.int64)
        np.cumsum(per_row, out=indptr[1:])
        indices = np.asarray(vocabulary.ids(terms), dtype=np.int32)
        lengths = np.asarray([len(doc) for doc in tokens], dtype=np.int64)
        return cls(vocabulary, np.asarray(tfs, dtype=np.float64), indices, indptr, lengths, dict(doc_freq))

    @property
    def size(self) -> int:
        return len(self.lengths)


class BM25:
    """BM25 over parts laid end to end (document i of the index is row i of the concatenated parts)."""

    vocabulary: Vocabulary
    parts: tuple[Part, ...]
    size: int
    doc_freq: dict[str, int]
    total_length: int
    _tiers: tuple[_Tier, ...]
    _positions: list[npt.NDArray[np.int64]]  # per tier: index position of each of its rows (-1: removed)

    def __init__(self, parts: Sequence[Part], previous: BM25 | None = None) -> None:
        vocabulary = parts[0].vocabulary if parts else (previous.vocabulary if previous else Vocabulary())
        if any(p.vocabulary is not vocabulary for p in parts):
            raise ValueError("the parts of one BM25 index must share one vocabulary")
        self.vocabulary = vocabulary
        self.parts = tuple(parts)
        self.size = sum(p.size for p in parts)
        if previous is not None and previous.vocabulary is vocabulary:
            # Only the parts that came or went change the counts: the rest are not read again.
            kept = {id(p) for p in parts}
            was = {id(p) for p in previous.parts}
            df = dict(previous.doc_freq)
            for p in previous.parts:
                if id(p) not in kept:
                    _merge(df, p.doc_freq, -1)
            for p in parts:
                if id(p) not in was:
                    _merge(df, p.doc_freq, 1)
            total = previous.total_length
            total -= sum(int(p.lengths.sum()) for p in previous.parts if id(p) not in kept)
            total += sum(int(p.lengths.sum()) for p in parts if id(p) not in was)
        else:
            df = {}
            for p in parts:
                _merge(df, p.doc_freq, 1)
            total = sum(int(p.lengths.sum()) for p in parts)
        self.doc_freq = df
        self.total_length = total
        self._tiers = _tiers(
            parts, previous._tiers if previous is not None and previous.vocabulary is vocabulary else ()
        )
        # Where each part's rows now sit in the index (parts come and go, and a new brief may sort in the middle).
        start: dict[int, int] = {}
        at = 0
        for p in parts:
            start[id(p)] = at
            at += p.size
        self._positions = [
            np.concatenate(
                [
                    np.arange(start[id(p)], start[id(p)] + p.size) if id(p) in start else np.full(p.size, -1)
                    for p in t.parts
                ]
            )
            for t in self._tiers
        ]
        lengths = np.concatenate([p.lengths for p in parts]) if parts else np.zeros(0, dtype=np.int64)
        mean = total / self.size if self.size else 1.0
        self._norm = K1 * (1 - B + B * lengths / mean)

    def idf(self, term: str) -> float:
        df = self.doc_freq.get(term, 0)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def scores(self, query: Sequence[str]) -> npt.NDArray[np.float64]:
        """The BM25 score of every document; a term repeated in the query counts again, an unknown term not at all."""
        out = np.zeros(self.size)
        for term in query:
            col = self.vocabulary.get(term)
            if col is None or term not in self.doc_freq:
                continue  # never seen, or only by documents since removed
            idf = self.idf(term)
            for tier, positions in zip(self._tiers, self._positions, strict=True):
                if col + 1 >= len(tier.starts):
                    continue  # a term newer than the tier
                begin, end = tier.starts[col], tier.starts[col + 1]
                if begin == end:
                    continue
                at = positions[tier.rows[begin:end]]
                tf = tier.data[begin:end]
                if tier.dead:
                    live = at >= 0
                    at, tf = at[live], tf[live]
                # Each document sits in one tier: it gets one addition per query term, in query order, whatever the
                # tiers are, so the sums equal a fresh build's to the last bit.
                out[at] += idf * tf / (tf + self._norm[at])
        return out


@dataclass(frozen=True, eq=False)
class _Tier:
    """Some parts' rows laid out by column (term): the postings of a term are one slice. An index keeps a few tiers,
    as a log-structured store does, so adding a brief lays out only a small tier, not every posting again."""

    parts: tuple[Part, ...]
    data: npt.NDArray[np.float64]  # term counts
    rows: npt.NDArray[np.int32]  # row within the tier
    starts: npt.NDArray[np.int64]  # column -> first posting
    docs: int
    dead: int = 0  # rows of parts no longer in the index (skipped at query time until the tier is re-laid)

    @classmethod
    def build(cls, parts: Sequence[Part]) -> _Tier:
        width = len(parts[0].vocabulary)
        docs = sum(p.size for p in parts)
        terms = np.concatenate([p.indices for p in parts])
        row_of = np.repeat(np.arange(docs, dtype=np.int32), np.concatenate([np.diff(p.indptr) for p in parts]))
        # By term, and within a term by row (a stable sort keeps the rows' order): compressed columns.
        order = np.argsort(terms, kind="stable")
        starts = np.zeros(width + 1, dtype=np.int64)
        np.cumsum(np.bincount(terms, minlength=width), out=starts[1:])
        return cls(tuple(parts), np.concatenate([p.data for p in parts])[order], row_of[order], starts, docs)


def _tiers(parts: Sequence[Part], previous: Sequence[_Tier]) -> tuple[_Tier, ...]:
    """The tiers for ``parts``: the previous ones kept while three quarters of their rows are still in the index,
    the new parts (and those of dissolved tiers) in a new tier, and a tier merged into the one before it while it is
    at least half that one's size (each posting is then re-laid O(log n) times over the index's life)."""
    present = {id(p) for p in parts}
    kept: list[_Tier] = []
    loose: list[Part] = []
    placed: set[int] = set()
    for tier in previous:
        dead = sum(p.size for p in tier.parts if id(p) not in present)
        if dead * 4 > tier.docs:
            loose += [p for p in tier.parts if id(p) in present]
        else:
            kept.append(_Tier(tier.parts, tier.data, tier.rows, tier.starts, tier.docs, dead) if dead else tier)
        placed.update(id(p) for p in tier.parts)
    loose += [p for p in parts if id(p) not in placed]
    if loose:
        kept.append(_Tier.build(loose))
    while len(kept) > 1 and 2 * (kept[-1].docs - kept[-1].dead) >= kept[-2].docs - kept[-2].dead:
        newer, older = kept.pop(), kept.pop()
        kept.append(_Tier.build([p for p in (*older.parts, *newer.parts) if id(p) in present]))
    return tuple(t for t in kept if t.docs > t.dead)


def _rows_at(start: int | None, size: int) -> npt.NDArray[np.int64]:
    """Index positions of a part's rows, or -1 for a part no longer in the index."""
    if start is None:
        return np.full(size, -1, dtype=np.int64)
    return np.arange(start, start + size, dtype=np.int64)


def _merge(into: dict[str, int], counts: dict[str, int], sign: int) -> None:
    for term, n in counts.items():
        left = into.get(term, 0) + sign * n
        if left:
            into[term] = left
        else:
            del into[term]
