"""Hybrid retrieval: dense (Chroma, MiniLM) and lexical (BM25) rankings fused by reciprocal rank fusion."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from bot.qa.phrases import OPTIONAL_IN_NAMES, LibraryPhrases, PhrasePostings
from bot.qa.query import Search
from bot.qa.related import table as related_words
from corpus.models import Brief, Passage
from index.aliases import Acronym, defined_acronyms
from index.bm25 import Vocabulary
from index.lexical import LexicalIndex, LexicalPart, phrase_key, tokenize
from index.store import PassageStore, Where
from index.views import VIEWS_VERSION, PassageViews, passage_views

RRF_K = 60  # the usual constant: damps the head so neither ranking dominates
# The weight of a related word's BM25 score (one the document uses for a question word it never uses,
# ``bot.qa.related``) against the question's own words.
RELATED_WEIGHT = 0.5
# The stored vectors a snapshot keeps in memory (float32, one copy): 768 MB is about 520,000 MiniLM vectors, some
# 6,000 briefs of the scale bench. Above it, passages the store's search did not return just score 0.
MAX_CACHED_BYTES = 768 * 2**20
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")
_FETCH_VERSIONS = 64  # versions per store read: the store hands vectors over as Python floats (24 bytes each)


@dataclass(frozen=True, eq=False)
class _BriefPart:
    """What one brief contributes to a snapshot, kept for the next snapshot while the brief is unchanged."""

    brief: Brief
    views: tuple[PassageViews, ...]
    lexical: LexicalPart
    context: LexicalPart
    phrases: list[PhrasePostings] = field(default_factory=list)  # built on first need (a question's name checks)
    lower: list[frozenset[str]] = field(default_factory=list)  # its lower-case words, built on first need
    acronyms: tuple[Acronym, ...] = ()  # those the brief defines ("wet-bulb globe temperature (WBGT)")
    own: list[tuple[LexicalIndex, LexicalIndex]] = field(default_factory=list)  # built on first scoped question


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
class _Vectors:
    """The stored vectors of one snapshot's views as read from the store: one matrix in view order, and each
    document id's row. ``matrix`` is None when a vector is missing (a store being filled)."""

    rows: dict[str, int]  # document id -> row of ``values``
    values: npt.NDArray[np.float32]
    matrix: DenseMatrix | None


@dataclass(frozen=True)
class IndexState:
    """An immutable snapshot of what is searchable; swapped whole on ingest so readers never see half."""

    briefs: Mapping[str, Brief]
    versions: Mapping[str, str]  # brief id -> version key stored in Chroma metadata
    views: Sequence[PassageViews]
    lexical: LexicalIndex  # over each passage's own (labelled) text
    lexical_context: LexicalIndex  # over each sentence with its paragraph's lead and its predecessor
    stamp: int = 0
    position: Mapping[str, int] = field(default_factory=dict)  # passage id -> index in views
    parts: Mapping[str, _BriefPart] = field(default_factory=dict, compare=False, repr=False)  # reused by successors
    # Stored vectors of the active versions, read once per snapshot on first need: [None] when over the cap.
    _vectors: list[_Vectors | None] = field(default_factory=list, compare=False, repr=False)
    _vectors_lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)
    _lower_words: list[frozenset[str]] = field(default_factory=list, compare=False, repr=False)
    _library_phrases: list[LibraryPhrases] = field(default_factory=list, compare=False, repr=False)
    # Library-wide tables a question would otherwise rebuild from every brief (authors' terms, acronyms).
    _library_memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    # What an earlier snapshot had built (its vectors, its phrase tables): this one starts from them, so one more
    # brief reads one brief's vectors and words. Dropped once this snapshot has built its own.
    _earlier: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def carried(self) -> dict[str, object]:
        """What a successor may start from: the caches this snapshot built, else those it was handed."""
        out = dict(self._earlier)
        if self._vectors and self._vectors[0] is not None:
            out["vectors"] = self._vectors[0]
        if self._library_phrases:
            out["phrases"] = self._library_phrases[0]
        return out

    def lower_words(self, brief_id: str | None = None) -> frozenset[str]:
        """Words the library (or one brief) writes in lower case somewhere: "state" in "a state court" (so "the
        State" is not taken for a name)."""
        if brief_id is not None:
            with self._vectors_lock:
                return self._brief_lower(self.parts[brief_id])
        if not self._lower_words:
            with self._vectors_lock:
                if not self._lower_words:
                    words: set[str] = set()
                    for part in self.parts.values():
                        words |= self._brief_lower(part)
                    self._lower_words.append(frozenset(words))
        return self._lower_words[0]

    @staticmethod
    def _brief_lower(part: _BriefPart) -> frozenset[str]:
        if not part.lower:
            text = (v.passage.text for v in part.views)
            part.lower.append(frozenset(w for t in text for w in _LOWER_WORD.findall(t)))
        return part.lower[0]

    def _phrases(self) -> LibraryPhrases:
        """The library's phrase tables over each brief's phrase postings, built on first need (the postings are
        kept with the brief's part, the tables patched from an earlier snapshot's for the briefs that changed)."""
        if not self._library_phrases:
            with self._vectors_lock:
                if not self._library_phrases:
                    parts = [self.parts[b] for b in self.briefs]
                    for p in parts:
                        if not p.phrases:
                            p.phrases.append(PhrasePostings.build([phrase_key(v.self_text) for v in p.views]))
                    earlier = self._earlier.pop("phrases", None)
                    tables = LibraryPhrases.build(
                        {p.brief.id: p.phrases[0] for p in parts},
                        earlier if isinstance(earlier, LibraryPhrases) else None,
                    )
                    self._library_phrases.append(tables)
        return self._library_phrases[0]

    def warm(self) -> None:
        """Build now what the first question would otherwise build: the phrase postings (0.9 s at 413 briefs),
        the lower-case word set and the related-word table (``bot.qa.related``)."""
        self._phrases()
        self.lower_words()
        related_words()

    def mentions_each(self, phrase: str, brief_id: str | None = None) -> bool:
        """Whether every word of the phrase key occurs somewhere in the library or the brief (not necessarily
        together)."""
        postings = self._phrases_for(brief_id)
        words = [w for w in phrase.split() if w not in OPTIONAL_IN_NAMES]
        return all(postings.has_word(w) for w in words)

    def mentions(self, phrase: str, brief_id: str | None = None) -> bool:
        """Whether a passage has the phrase's words (a ``phrase_key``; "of", "the", "for" optional) in order,
        at most two other words apart: "Professor Weiss" is in "Professor Clara Weiss", but "Secretary of State"
        is not in "Press Secretary, Ann Lee, stated"."""
        words = [w for w in phrase.split() if w not in OPTIONAL_IN_NAMES]
        return bool(words) and self._phrases_for(brief_id).mentions(words)

    def spells_out(self, acronym: str, brief_id: str | None = None) -> bool:
        """Whether some passage writes the acronym's words out: "NHL" in "National Hockey League" (small words
        such as "of" and "and" may come between)."""
        letters = [c for c in acronym.lower() if c.isalpha()]
        if len(letters) < 2:
            return False
        return self._phrases_for(brief_id).spells_out(letters)

    def _phrases_for(self, brief_id: str | None) -> LibraryPhrases | PhrasePostings:
        """The phrase postings a question is checked against: one brief's own when it is scoped to one."""
        if brief_id is None:
            return self._phrases()
        part = self.parts[brief_id]
        if not part.phrases:
            with self._vectors_lock:
                if not part.phrases:
                    part.phrases.append(PhrasePostings.build([phrase_key(v.self_text) for v in part.views]))
        return part.phrases[0]

    def lexicon(self, brief_id: str | None) -> LexicalIndex:
        """The lexical index whose words a question is judged by: one brief's own when it is scoped to one."""
        return self.own_lexical(brief_id)[0] if brief_id is not None else self.lexical

    def own_lexical(self, brief_id: str) -> tuple[LexicalIndex, LexicalIndex, int]:
        """One brief's lexical indexes over its own passages alone, and the position of its first view.

        A question scoped to one brief is scored with that brief's own statistics: how rare a word is, and how
        long a passage is, are judged within the document asked about, so its answer does not depend on which
        other documents happen to share the library."""
        part = self.parts[brief_id]
        if not part.own:
            with self._vectors_lock:
                if not part.own:
                    part.own.append((LexicalIndex.from_parts([part.lexical]), LexicalIndex.from_parts([part.context])))
        own, own_context = part.own[0]
        return own, own_context, self.position[part.views[0].passage.id] if part.views else 0

    def vector(self, store: PassageStore, doc_id: str) -> npt.NDArray[np.float32] | None:
        """The stored embedding of one document of an active version (None for very large libraries)."""
        cached = self._stored(store)
        row = cached.rows.get(doc_id) if cached is not None else None
        return cached.values[row] if cached is not None and row is not None else None

    def dense_matrix(self, store: PassageStore) -> DenseMatrix | None:
        """Every stored vector of the snapshot's views as one matrix, so the dense ranking is an exact search in
        process instead of a store query per question (no round trip to a Chroma server, no HNSW walk). None when
        the library is too large to cache, or when a view's vector is missing (a store being filled): then the
        store's own search serves this snapshot."""
        cached = self._stored(store)
        return cached.matrix if cached is not None else None

    def _doc_ids(self) -> list[tuple[int, bool, str]]:
        """(view index, is context view, document id) of every stored document of the snapshot, in view order."""
        out = []
        for pos, view in enumerate(self.views):
            version = self.versions[view.passage.brief_id]
            out.append((pos, False, f"{version}|{view.passage.id}|s"))
            if view.context_text:
                out.append((pos, True, f"{version}|{view.passage.id}|c"))
        return out

    def _stored(self, store: PassageStore) -> _Vectors | None:
        """The snapshot's stored vectors, read on first need: those of briefs an earlier snapshot had read are
        copied from it, the rest read from the store a few versions at a time (never the whole library as Python
        floats at once). None when they would take more than ``MAX_CACHED_BYTES``."""
        if self._vectors:
            return self._vectors[0]
        with self._vectors_lock:
            if not self._vectors:
                self._vectors.append(self._read_vectors(store))
                self._earlier.pop("vectors", None)
        return self._vectors[0]

    def _read_vectors(self, store: PassageStore) -> _Vectors | None:
        docs = self._doc_ids()
        if not docs:
            return None
        earlier = self._earlier.get("vectors")
        old = earlier if isinstance(earlier, _Vectors) else None
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
        return _Vectors({doc: row for row, (_, _, doc) in enumerate(found)}, values, matrix)

    @classmethod
    def build(cls, briefs: Sequence[Brief], stamp: int = 0, previous: IndexState | None = None) -> IndexState:
        """The snapshot of ``briefs``; given the ``previous`` one, briefs it already held unchanged keep their views
        and lexical parts, so adding one brief reads only that brief."""
        ordered = sorted(briefs, key=lambda b: b.id)
        vocabulary = previous.lexical.vocabulary if previous is not None else Vocabulary()
        context_vocabulary = previous.lexical_context.vocabulary if previous is not None else Vocabulary()
        parts: dict[str, _BriefPart] = {}
        for b in ordered:
            old = previous.parts.get(b.id) if previous is not None else None
            if old is not None and (old.brief is b or old.brief == b):
                parts[b.id] = old
                continue
            views = tuple(passage_views(b))
            parts[b.id] = _BriefPart(
                b,
                views,
                LexicalPart.build([v.lexical_text for v in views], vocabulary),
                LexicalPart.build([v.lexical_context for v in views], context_vocabulary),
                acronyms=defined_acronyms(b.text),
            )
        chosen = [parts[b.id] for b in ordered]
        all_views = [v for part in chosen for v in part.views]
        return cls(
            briefs={b.id: b for b in ordered},
            versions={b.id: version_key(b) for b in ordered},
            views=all_views,
            lexical=LexicalIndex.from_parts([p.lexical for p in chosen], previous.lexical if previous else None),
            lexical_context=LexicalIndex.from_parts(
                [p.context for p in chosen], previous.lexical_context if previous else None
            ),
            stamp=stamp,
            position={v.passage.id: i for i, v in enumerate(all_views)},
            parts=parts,
            _earlier=previous.carried() if previous is not None else {},
        )

    def author_terms(self, brief_id: str | None) -> frozenset[str]:
        """Terms of the personal names of the authors of one brief (or of any): a reader asks "what does <the
        author> argue" of a text that says "I", so these words are no evidence of where the answer is."""
        one = self.briefs.get(brief_id) if brief_id is not None else None
        if one is not None:
            return frozenset(t for a in one.authors if _personal(a.name) for t in tokenize(a.name))
        found = self._library_memo.get("authors")
        if found is None:
            briefs = self.briefs.values()
            found = frozenset(t for b in briefs for a in b.authors if _personal(a.name) for t in tokenize(a.name))
            self._library_memo["authors"] = found
        return found  # type: ignore[return-value]

    def acronyms(self, brief_id: str | None) -> tuple[Acronym, ...]:
        """The acronyms one brief (or any brief) defines."""
        one = self.parts.get(brief_id) if brief_id is not None else None
        if one is not None:
            return tuple(one.acronyms)
        found = self._library_memo.get("acronyms")
        if found is None:
            found = tuple(a for p in self.parts.values() for a in p.acronyms)
            self._library_memo["acronyms"] = found
        return found  # type: ignore[return-value]

    def neighbour(self, p: Passage, step: int) -> Passage | None:
        """The passage ``step`` places away in reading order within the same brief, if any."""
        i = self.position.get(p.id)
        if i is None or not (0 <= i + step < len(self.views)):
            return None
        q = self.views[i + step].passage
        return q if q.brief_id == p.brief_id else None


def _personal(name: str) -> bool:
    """Whether an author name looks like a person's ("Ann B. Lee"), not a body's ("Office of the Director")."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def version_key(brief: Brief) -> str:
    """Identifies one parsed version of a brief in the vector store."""
    return f"{brief.id}@{brief.content_hash[:16]}.v{VIEWS_VERSION}"


@dataclass(frozen=True, slots=True)
class Candidate:
    passage: Passage
    position: int
    rrf: float
    dense: float  # best cosine similarity over the passage's views
    dense_self: float  # cosine similarity of the passage's own text
    dense_context: float  # cosine similarity of the passage with its context
    bm25: float  # own text
    bm25_context: float
    coverage: float  # IDF-weighted share of the query's content terms in the passage's own text
    coverage_context: float  # the same with its context
    phrase: float  # share of the query's adjacent term pairs found adjacent in the passage
    role: str = "body"  # the passage's role in its document (index.views.PassageViews.role)


def where_filter(state: IndexState, brief_id: str | None, kinds: frozenset[str] | None) -> Where | None:
    """Restrict the store to the active versions (and optionally one brief and some passage kinds)."""
    versions = [state.versions[brief_id]] if brief_id is not None else sorted(state.versions.values())
    clauses: list[Where] = [{"version": versions[0]} if len(versions) == 1 else {"version": {"$in": versions}}]
    if kinds:
        kind_list = sorted(kinds)
        clauses.append({"kind": kind_list[0]} if len(kind_list) == 1 else {"kind": {"$in": kind_list}})
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _fill_dense(
    state: IndexState,
    store: PassageStore,
    embedding: Sequence[float],
    positions: Iterable[int],
    dense_self: dict[int, float],
    dense_context: dict[int, float],
) -> None:
    """Give lexical-only candidates their cosine similarity from the stored vectors, so both rankings' picks
    are judged on the same evidence."""
    query = np.asarray(embedding, dtype=np.float32)
    for pos in positions:
        view = state.views[pos]
        version = state.versions[view.passage.brief_id]
        for suffix, table in (("s", dense_self), ("c", dense_context)):
            if pos in table or (suffix == "c" and not view.context_text):
                continue
            vec = state.vector(store, f"{version}|{view.passage.id}|{suffix}")
            if vec is not None:
                table[pos] = float(vec @ query)


def _spread(scores: npt.NDArray[np.float64], start: int, size: int) -> npt.NDArray[np.float64]:
    """Scores of one brief's passages laid out at their positions among all the snapshot's views."""
    if start == 0 and len(scores) == size:
        return scores
    out = np.zeros(size)
    out[start : start + len(scores)] = scores
    return out


def _allowed(state: IndexState, brief_id: str | None, kinds: frozenset[str] | None) -> tuple[Sequence[int], int]:
    """The view positions a question may draw on, and how many stored documents (own and context views) they are.
    A brief's views are one run of positions, so no question walks every view of a large library to find them."""
    part = state.parts.get(brief_id) if brief_id is not None else None
    if not kinds and (brief_id is None or (part is not None and part.views)):
        key = f"docs:{brief_id}"
        if brief_id is None:
            allowed: Sequence[int] = range(len(state.views))
        else:
            assert part is not None
            start = state.position[part.views[0].passage.id]
            allowed = range(start, start + len(part.views))
        n_docs = state._library_memo.get(key)
        if n_docs is None:
            n_docs = sum(2 if state.views[i].context_text else 1 for i in allowed)
            state._library_memo[key] = n_docs
        return allowed, int(n_docs)  # type: ignore[call-overload]
    listed = [
        i
        for i, v in enumerate(state.views)
        if (brief_id is None or v.passage.brief_id == brief_id) and (not kinds or v.passage.kind in kinds)
    ]
    return listed, sum(2 if state.views[i].context_text else 1 for i in listed)


def hybrid_search(
    state: IndexState,
    store: PassageStore,
    search: Search,
    *,
    brief_id: str | None = None,
    kinds: frozenset[str] | None = None,
    depth: int = 24,
    exact: bool = True,
) -> list[Candidate]:
    """Candidates from both rankings, best first by RRF, with the raw evidence kept for later decisions.
    ``search`` is the question's, with its embedding (``bot.qa.query.search_for``).

    With ``exact`` the dense ranking is searched in process over the snapshot's cached vectors (a server's
    outage still reaches questions through ``bot.store_watch``); without it the store is asked."""
    if not state.views:
        return []
    embedding = search.embedding
    allowed, n_docs = _allowed(state, brief_id, kinds)
    if not allowed:
        return []
    # The version filter is applied here, after the query: Chroma filters by metadata far slower than it
    # searches, and a vector of a version not active in this snapshot is dropped below either way.
    dense_self: dict[int, float] = {}
    dense_context: dict[int, float] = {}
    matrix = state.dense_matrix(store) if exact else None
    if matrix is not None:
        scoped = brief_id is not None or bool(kinds)
        for pos, is_context, sim in matrix.top(embedding, min(n_docs, depth), np.asarray(allowed) if scoped else None):
            (dense_context if is_context else dense_self)[pos] = sim
    else:
        where = where_filter(state, brief_id, kinds) if brief_id is not None or kinds else None
        for h in store.search(embedding, k=min(n_docs, depth), where=where):
            found = state.position.get(str(h.metadata.get("passage_id", "")))
            if found is None or h.metadata.get("version") != state.versions.get(state.views[found].passage.brief_id):
                continue  # a passage of a version that is being replaced: never served
            (dense_self if h.metadata.get("view") == "s" else dense_context)[found] = h.similarity
    dense = {p: max(dense_self.get(p, -1.0), dense_context.get(p, -1.0)) for p in {*dense_self, *dense_context}}
    terms = search.terms
    # The author's name is matched by the front matter (BM25), but a passage is not closer to the question for
    # lacking it: coverage counts the other terms, unless the name is all the question has.
    authors = state.author_terms(brief_id)
    covered = [t for t in terms if t not in authors] or list(terms)
    pairs, same = search.pairs, search.same
    lexical_index, context_index, start = state.lexical, state.lexical_context, 0
    if brief_id is not None:
        lexical_index, context_index, start = state.own_lexical(brief_id)
    bm25 = _spread(lexical_index.scores(terms), start, len(state.views))
    bm25_context = _spread(context_index.scores(terms), start, len(state.views))
    related = dict(search.related)
    if related:
        extra = [r for words in related.values() for r in words]
        bm25 = bm25 + RELATED_WEIGHT * _spread(lexical_index.scores(extra), start, len(state.views))
        bm25_context = bm25_context + RELATED_WEIGHT * _spread(context_index.scores(extra), start, len(state.views))
    lexical = bm25 + 0.5 * bm25_context
    allowed_arr = np.asarray(allowed)
    top = allowed_arr[np.argsort(-lexical[allowed_arr], kind="stable")][:depth]
    lex_order = [int(i) for i in top if lexical[i] > 0]
    dense_order = sorted(dense, key=lambda i: -dense[i])[:depth]
    pool = list(dict.fromkeys([*dense_order, *lex_order]))
    _fill_dense(state, store, embedding, pool, dense_self, dense_context)
    dense = {p: max(dense_self.get(p, -1.0), dense_context.get(p, -1.0)) for p in {*dense_self, *dense_context}}
    # Fused over the whole pool, each candidate ranked by both signals: a passage the lexical side found but the
    # dense search cut off at its depth still gets its dense rank (from the stored vectors), so it is not
    # fused as if it had none. In a long document the two top lists overlap little.
    rrf = dict.fromkeys(pool, 0.0)
    by_dense = sorted((p for p in pool if p in dense), key=lambda i: -dense[i])
    by_lexical = sorted((p for p in pool if lexical[p] > 0), key=lambda i: -lexical[i])
    for ranking in (by_dense, by_lexical):
        for rank, pos in enumerate(ranking):
            rrf[pos] += 1.0 / (RRF_K + rank + 1)
    out = [
        Candidate(
            passage=state.views[pos].passage,
            position=pos,
            rrf=score,
            dense=dense.get(pos, 0.0),
            dense_self=dense_self.get(pos, 0.0),
            dense_context=dense_context.get(pos, dense_self.get(pos, 0.0)),
            bm25=float(bm25[pos]),
            bm25_context=float(bm25_context[pos]),
            coverage=lexical_index.coverage(covered, pos - start, same, related),
            coverage_context=context_index.coverage(covered, pos - start, same, related),
            phrase=state.lexical.phrase_overlap(pairs, pos),
            role=state.views[pos].role,
        )
        for pos, score in rrf.items()
    ]
    out.sort(key=lambda c: -c.rrf)
    return out
