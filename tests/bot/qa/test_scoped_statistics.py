"""A question scoped to one brief is scored with that brief's own word statistics, so its candidates, their
scores and the abstention evidence do not depend on which other documents share the library."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bot.qa.answer import evidence
from bot.qa.index_state import IndexState
from bot.qa.query import analyse, search_for
from bot.qa.retrieval import Candidate, hybrid_search
from corpus.models import Brief
from index.store import StoreHit, Where
from tests.bot.qa.factories import sentence_brief


def _brief(brief_id: str, sentences: Sequence[str]) -> Brief:
    return sentence_brief(brief_id, *sentences)


class NoDenseStore:
    """No vectors at all: only the lexical side is compared here."""

    def search(self, embedding: Sequence[float], k: int, where: Where | None = None) -> list[StoreHit]:
        return []

    def vectors(self, where: Where | None = None) -> dict[str, list[float]]:
        return {}


SCOPED = _brief(
    "scoped",
    [
        "The harbour authority dredged the channel in spring.",
        "Dredging the channel cost the authority two million pounds.",
        "Ferries resumed once the channel was clear.",
    ],
)
# Another document that uses "channel" everywhere and "ferries" never: library-wide, "channel" looks common.
OTHER = _brief(
    "another",
    [
        "The television channel changed owners.",
        "Its news channel grew fast.",
        "A channel for sport followed.",
        "The channel ended its evening shows.",
    ],
)


def _scores(state: IndexState, question: str) -> dict[str, tuple[float, float, float]]:
    search = search_for(question, embed=lambda _: [1.0, 0.0])
    found = hybrid_search(state, NoDenseStore(), search, brief_id="scoped", depth=10)  # type: ignore[arg-type]
    return {c.passage.id: (c.bm25, c.coverage, c.coverage_context) for c in found}


@pytest.mark.parametrize(
    "question",
    ["When did the authority dredge the channel?", "How much did dredging the channel cost?", "Did ferries resume?"],
)
def test_a_scoped_question_scores_the_same_whatever_else_is_in_the_library(question: str) -> None:
    alone = _scores(IndexState.build([SCOPED]), question)
    shared = _scores(IndexState.build([SCOPED, OTHER]), question)
    assert alone.keys() == shared.keys()
    for pid, values in alone.items():
        assert shared[pid] == pytest.approx(values)


def test_an_unscoped_question_still_uses_the_whole_library() -> None:
    state = IndexState.build([SCOPED, OTHER])
    search = search_for("channel owners", embed=lambda _: [1.0, 0.0])
    found = hybrid_search(state, NoDenseStore(), search, depth=10)  # type: ignore[arg-type]
    assert {c.passage.brief_id for c in found} == {"scoped", "another"}


def _unknown(state: IndexState, question: str, brief_id: str | None) -> int:
    candidates: list[Candidate] = []
    return evidence(candidates, False, analyse(question), state, brief_id).unknown


def test_a_word_only_another_brief_uses_is_unknown_to_a_scoped_question() -> None:
    state = IndexState.build([SCOPED, OTHER])
    question = "Which television owners dredged it?"  # "television" and "owners" are only in the other brief
    assert _unknown(state, question, "scoped") == 2
    assert _unknown(state, question, None) == 0


def test_the_unknown_count_of_a_scoped_question_is_the_same_alone_or_shared() -> None:
    question = "Which television owners dredged it?"
    assert _unknown(IndexState.build([SCOPED]), question, "scoped") == _unknown(
        IndexState.build([SCOPED, OTHER]), question, "scoped"
    )


def test_own_lexical_positions_point_at_the_brief_views() -> None:
    state = IndexState.build([SCOPED, OTHER])
    own, _, start = state.own_lexical("scoped")
    assert own.size == len(SCOPED.passages)
    assert state.views[start].passage.id == "scoped:0"
    assert np.count_nonzero(own.scores(["ferri"])) == 1
