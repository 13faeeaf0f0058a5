"""A sentence's context view (its paragraph's opener and predecessors, then itself) is close to a question through
its neighbours' words as much as its own: the part of its similarity beyond the sentence's own counts less, so the
sentence that answers is not outranked by a neighbour carried by the paragraph they share."""

from __future__ import annotations

import dataclasses

from bot.qa import answer as answering
from bot.qa.query import analyse
from tests.bot.qa.factories import candidate, sentence_state


def test_context_similarity_beyond_the_sentences_own_counts_less() -> None:
    state, (own, borrowed) = sentence_state("The wick draws the melted fuel up to the flame.", "We coloured it.")
    answers = dataclasses.replace(candidate(state, own), dense_self=0.6, dense_context=0.5)
    neighbour = dataclasses.replace(candidate(state, borrowed), dense_self=0.1, dense_context=0.6)
    assert answering.dense_term(neighbour) < answering.dense_term(answers)
    # without the discount the neighbour's context view would win
    plain = dataclasses.replace(answering.WEIGHTS, context_excess=0.0)
    assert answering.dense_term(neighbour, plain) > answering.dense_term(answers, plain)


def test_a_context_view_close_to_the_sentences_own_keeps_its_weight() -> None:
    state, (p,) = sentence_state("It reports hourly.")
    c = dataclasses.replace(candidate(state, p), dense_self=0.55, dense_context=0.6)
    assert answering.dense_term(c) == answering.WEIGHTS.dense_context * 0.6


def test_the_answering_sentence_ranks_above_a_neighbour_close_only_through_its_paragraph() -> None:
    state, (own, borrowed) = sentence_state("The wick draws the melted fuel up to the flame.", "We coloured it.")
    answers = dataclasses.replace(candidate(state, own), dense_self=0.6, dense_context=0.5, coverage=0.5)
    neighbour = dataclasses.replace(
        candidate(state, borrowed), dense_self=0.1, dense_context=0.65, coverage=0.0, coverage_context=0.7
    )
    ranked = answering.rank([neighbour, answers], analyse("How does the melted fuel get to the flame?"))
    assert ranked[0][0].passage.id == own.id
