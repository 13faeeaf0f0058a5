"""Two neighbouring sentences of a paragraph that both rank near the top are quoted together, and the citation
carries the footnotes of the one that answers (bot/qa/adjacent.py), on texts of several topics (a survey, a
harbour, a choir)."""

from __future__ import annotations

import dataclasses

from bot.qa import answer as answering
from bot.qa.adjacent import NEAR_SCORE, close_neighbour, pair_answerer
from bot.qa.index_state import IndexState
from bot.qa.query import analyse
from bot.qa.retrieval import Candidate
from corpus.models import Passage
from tests.bot.qa.factories import candidate, sentence_brief


def _paragraph(*sentences: str) -> tuple[IndexState, list[Passage]]:
    brief = sentence_brief("b", *sentences, one_paragraph=True)
    return IndexState.build([brief]), list(brief.passages)


def test_the_neighbour_within_the_margin_is_found_and_no_other():
    state, (a, b, c) = _paragraph(
        "We compared our survey with the census.", "Our counts were ten percent higher.", "The harbour froze."
    )
    scores = {a.id: 1.0, b.id: 1.0 - NEAR_SCORE / 2, c.id: 1.0 - 2 * NEAR_SCORE}
    assert close_neighbour(state, a, 1.0, scores, set()) == b
    assert close_neighbour(state, a, 1.0, scores, {b.id}) is None  # already quoted
    assert close_neighbour(state, c, scores[c.id], {c.id: scores[c.id]}, set()) is None  # not retrieved


def test_a_sentence_of_another_paragraph_is_no_neighbour():
    brief = sentence_brief("b", "The choir sang the mass.", "It was sung in Latin.")  # two paragraphs
    state = IndexState.build([brief])
    a, b = brief.passages
    assert close_neighbour(state, a, 1.0, {a.id: 1.0, b.id: 1.0}, set()) is None


def _scored(state: IndexState, p: Passage, rrf: float, dense: float) -> Candidate:
    return dataclasses.replace(candidate(state, p), rrf=rrf, dense_self=dense, dense_context=dense, dense=dense)


def test_a_subject_sentence_and_the_fact_after_it_are_quoted_as_one():
    state, (subject, fact, other) = _paragraph(
        "We compared our harbour survey with the port authority's figures.",
        "Ours were on average ten percent higher.",
        "The port authority counts ships once a year.",
    )
    question = analyse("How did the harbour survey compare with the port authority's figures?")
    cands = [_scored(state, subject, 0.016, 0.5), _scored(state, fact, 0.0155, 0.62), _scored(state, other, 0.01, 0.1)]
    picks = answering.select(state, cands, question, 3)
    assert [p.text for p in picks[0].passages] == [subject.text, fact.text]
    assert all(subject.text not in "".join(p.text for p in s.passages) for s in picks[1:])


def test_the_citation_goes_to_the_sentence_with_the_asked_type():
    state, (subject, dated) = _paragraph(
        "The choir first sang the new mass in the cathedral.", "That was on 4 May 1921, before the bishop."
    )
    question = analyse("When did the choir first sing the new mass?")
    pair = [candidate(state, subject), candidate(state, dated)]
    assert pair_answerer(question, pair, lambda c: 0.5) == (dated,)


def test_neither_clearly_closer_cites_both_unless_one_is_about_another_year():
    state, (a, b) = _paragraph(
        "In 2021 the harbour also dredged the north basin.", "In addition, in 2019 it built a new breakwater."
    )
    pair = [candidate(state, a), candidate(state, b)]
    assert pair_answerer(analyse("What did the harbour build?"), pair, lambda c: 0.5) == (a, b)
    # Asked about 2021, a choice made by closeness never falls on the sentence about 2019.
    closer_b = {b.id: 0.9, a.id: 0.3}
    assert pair_answerer(analyse("What else did the harbour do in 2021?"), pair, lambda c: closer_b[c.passage.id]) == (
        a,
    )
