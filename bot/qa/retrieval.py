"""Hybrid retrieval: dense (Chroma, MiniLM) and lexical (BM25) rankings fused by reciprocal rank fusion."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.qa.index_state import IndexState
from bot.qa.query import Search
from corpus.models import Passage
from index.store import PassageStore, Where

RRF_K = 60  # the usual constant: damps the head so neither ranking dominates
# The weight of a related word's BM25 score (one the document uses for a question word it never uses,
# ``bot.qa.related``) against the question's own words.
RELATED_WEIGHT = 0.5


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
