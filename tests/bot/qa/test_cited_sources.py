""" "Which report is cited for X": judged on the citing sentence and its notes together, so a question whose
statement is in the sentence and whose source's name is in the note is answered, not declined."""

from __future__ import annotations

from functools import cache

from bot.qa import answer as answering
from bot.qa.index_state import IndexState
from bot.qa.query import analyse
from bot.qa.retrieval import Candidate
from corpus.loader import parse_bytes
from corpus.models import Brief, Passage
from index.lexical import content_terms

DOC = b"""# Water and health

Household use of bottled water doubled between 2005 and 2015 in the coastal towns.[^1]
Most households still drink tap water at home.

Reading scores among pupils fell during the long school closures.[^2]

[^1]: Regional Consumer Survey, Annual Report on Drinking Habits (2016).
[^2]: Education Office, Assessment Bulletin (2021).
"""


@cache
def _state() -> tuple[Brief, IndexState]:
    brief = parse_bytes(DOC, "water.md")
    return brief, IndexState.build([brief])


def _sentence(brief: Brief, start: str) -> Passage:
    return next(p for p in brief.passages if p.kind == "sentence" and p.text.startswith(start))


def _candidate(state: IndexState, p: Passage, coverage: float = 0.3) -> Candidate:
    return Candidate(p, state.position[p.id], 0.016, 0.5, 0.5, 0.5, 1.0, 1.0, coverage, coverage, 0.0)


QUESTION = "What consumer survey is cited for the doubling of bottled water use between 2005 and 2015?"


def test_a_sentence_and_its_note_together_cover_a_source_question():
    brief, state = _state()
    c = _candidate(state, _sentence(brief, "Household use"))
    assert answering._cited_coverage(state, [c], analyse(QUESTION)) >= 0.5


def test_together_they_cover_more_than_the_sentence_alone():
    brief, state = _state()
    p = _sentence(brief, "Household use")
    c = _candidate(state, p)
    alone = state.lexical.coverage(content_terms(QUESTION), c.position)
    assert answering._cited_coverage(state, [c], analyse(QUESTION)) > alone


def test_a_sentence_without_notes_adds_nothing():
    brief, state = _state()
    c = _candidate(state, _sentence(brief, "Most households"))
    assert answering._cited_coverage(state, [c], analyse(QUESTION)) == 0.0


def test_a_source_question_about_an_unstated_fact_stays_uncovered():
    brief, state = _state()
    cands = [_candidate(state, _sentence(brief, s)) for s in ("Household use", "Reading scores")]
    question = "Which ministry report is cited for the rise in hospital admissions among pensioners?"
    assert answering._cited_coverage(state, cands, analyse(question)) < 0.5


def test_the_cited_sentence_keeps_a_source_question_from_abstaining():
    brief, state = _state()
    c = _candidate(state, _sentence(brief, "Household use"))
    ev = answering.evidence([c], False, analyse(QUESTION), state)
    assert ev.sources >= 0.5
    assert not answering.should_abstain(ev)


def test_a_question_not_about_sources_gets_no_source_evidence():
    brief, state = _state()
    c = _candidate(state, _sentence(brief, "Household use"))
    ev = answering.evidence([c], False, analyse("How much did bottled water use grow in the coastal towns?"), state)
    assert ev.sources == 0.0
