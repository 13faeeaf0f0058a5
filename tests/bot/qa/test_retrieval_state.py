"""A snapshot built from the previous one re-reads only the briefs that changed, and searches as a fresh one does."""

from __future__ import annotations

import numpy as np

from bot.qa.index_state import IndexState
from corpus.models import Brief
from index.lexical import content_terms
from tests.bot.qa.factories import sentence_brief


def _brief(brief_id: str, *sentences: str) -> Brief:
    return sentence_brief(brief_id, *sentences, one_paragraph=True)


A = _brief("a", "The river treaty was signed in 1996.", "It shares the spring flood between two states.")
B = _brief("b", "Exports fell by a third in 2020.", "The central bank raised rates twice.")
C = _brief("c", "A survey of 900 households backed new clinics.", "Clinics treat twice as many patients.")
QUESTIONS = ("When was the treaty signed?", "How much did exports fall?", "Who backed the clinics?")


def _same_search(updated: IndexState, fresh: IndexState) -> None:
    assert [v.passage.id for v in updated.views] == [v.passage.id for v in fresh.views]
    assert updated.position == fresh.position
    for q in QUESTIONS:
        terms = content_terms(q)
        assert np.array_equal(updated.lexical.scores(terms), fresh.lexical.scores(terms))
        assert np.array_equal(updated.lexical_context.scores(terms), fresh.lexical_context.scores(terms))


def test_adding_a_brief_keeps_the_others_parts_and_matches_a_fresh_build():
    before = IndexState.build([A, C])
    after = IndexState.build([A, B, C], previous=before)
    assert after.parts["a"] is before.parts["a"] and after.parts["c"] is before.parts["c"]
    _same_search(after, IndexState.build([A, B, C]))


def test_removing_and_changing_briefs_matches_a_fresh_build():
    state = IndexState.build([A, B, C])
    changed = _brief("b", "Exports rose by a fifth in 2021.")
    state = IndexState.build([A, changed], previous=state)
    assert state.parts["b"].brief is changed
    _same_search(state, IndexState.build([A, changed]))


def test_a_briefs_views_are_one_run_of_positions_found_without_a_walk() -> None:
    from bot.qa.retrieval import _allowed

    briefs = [sentence_brief(b, f"{b} one.", f"{b} two.", f"{b} three.") for b in ("a", "b", "c")]
    state = IndexState.build(briefs)
    for b in ("a", "b", "c"):
        allowed, n_docs = _allowed(state, b, None)
        walked = [i for i, v in enumerate(state.views) if v.passage.brief_id == b]
        assert list(allowed) == walked
        assert n_docs == sum(2 if state.views[i].context_text else 1 for i in walked)
    everything, _ = _allowed(state, None, None)
    assert list(everything) == list(range(len(state.views)))
