"""Section roles and note kinds in ranking, per-sentence footnotes in merged quotes, and the author's name in a
question, on real documents of several formats (``../shared/eval/real-dev``, skipped when absent)."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest

from bot.citations import make_citation, verify_citation
from bot.qa import answer as answering
from bot.qa.index_state import IndexState
from bot.qa.query import analyse
from bot.qa.retrieval import Candidate
from corpus.loader import load_brief
from corpus.models import Brief, Passage
from index.views import is_back_matter, is_prose_note, passage_views

REAL_DEV = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "real-dev"
DUCK = "wikipedia-duck/wikipedia-duck-2024.html"
KEYNES = "keynes-europe-after-the-treaty/keynes-economic-consequences-ch6-europe-after-the-treaty.docx"
HEAT = "carbonplan-extreme-heat/carbonplan-modeling-extreme-heat-2023.md"


@cache
def _brief(relative: str) -> Brief:
    path = REAL_DEV / relative
    if not path.is_file():
        pytest.skip(f"{relative} is not here (the real-dev set lives beside the repository)")
    return load_brief(path)


def _sentence(brief: Brief, start: str) -> Passage:
    return next(p for p in brief.passages if p.kind == "sentence" and p.text.startswith(start))


def _candidate(state: IndexState, p: Passage, dense: float, coverage: float, role: str = "body") -> Candidate:
    return Candidate(
        passage=p,
        position=state.position[p.id],
        rrf=0.016,
        dense=dense,
        dense_self=dense,
        dense_context=dense,
        bm25=1.0,
        bm25_context=1.0,
        coverage=coverage,
        coverage_context=coverage,
        phrase=0.0,
        role=role,
    )


# ----- section roles -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "heading",
    ["Acknowledgements", "Acknowledgments", "Credits", "About the authors", "Funding", "References", "3. Notes"],
)
def test_back_matter_headings_are_recognised(heading):
    assert is_back_matter(("Report", heading))


@pytest.mark.parametrize("heading", ["Methods", "Looking forward", "Extended methods", "Breeding", "V. DISCUSSION"])
def test_body_headings_are_not_back_matter(heading):
    assert not is_back_matter((heading,))


@pytest.mark.parametrize(("relative", "start"), [(HEAT, "Thanks to Joshua Batson"), (DUCK, "External links")])
def test_passages_under_back_matter_headings_have_the_back_role(relative, start):
    views = passage_views(_brief(relative))
    assert any(v.role == "back" and v.passage.text.startswith(start) for v in views)
    assert sum(v.role == "body" for v in views) > 5 * sum(v.role == "back" for v in views)


def test_back_matter_ranks_below_an_equal_body_sentence():
    brief = _brief(HEAT)
    state = IndexState.build([brief])
    thanks = _sentence(brief, "Thanks to Joshua Batson")
    body = _sentence(brief, "Originally developed under the US military")
    ranked = answering.rank(
        [_candidate(state, thanks, 0.7, 0.6, "back"), _candidate(state, body, 0.7, 0.6)],
        analyse("What was it developed for?"),
    )
    assert ranked[0][0].passage == body


# ----- note kinds ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("relative", "number"), [(HEAT, 1), (KEYNES, 3), (KEYNES, 10)])
def test_an_authors_prose_note_is_prose(relative, number):
    note = next(p for p in _brief(relative).passages if p.kind == "footnote" and p.footnotes == (number,))
    assert is_prose_note(note.text)


@pytest.mark.parametrize(("relative", "number"), [(HEAT, 7), (DUCK, 31), (DUCK, 1), (HEAT, 19)])
def test_a_bibliographic_note_is_not_prose(relative, number):
    note = next(p for p in _brief(relative).passages if p.kind == "footnote" and p.footnotes == (number,))
    assert not is_prose_note(note.text)


def test_a_prose_note_is_not_ranked_down_like_a_reference_entry():
    brief = _brief(HEAT)
    state = IndexState.build([brief])
    notes = {p.footnotes[0]: p for p in brief.passages if p.kind == "footnote"}
    ranked = answering.rank(
        [_candidate(state, notes[7], 0.6, 0.5, "reference"), _candidate(state, notes[1], 0.6, 0.5, "note")],
        analyse("Can wind make heat stress worse?"),
    )
    assert ranked[0][0].passage == notes[1]


# ----- footnotes of merged quotes ------------------------------------------------------------------------------
def _merged_citation(relative: str, first: str, second: str, question: str, supports: tuple[float, float]):
    brief = _brief(relative)
    state = IndexState.build([brief])
    a, b = _sentence(brief, first), _sentence(brief, second)
    assert b.seq == a.seq + 1 and a.footnotes != b.footnotes
    candidates = [_candidate(state, b, supports[1], supports[1]), _candidate(state, a, supports[0], supports[0])]
    # The second sentence leans on the first ("This ...", "It ..."), is ranked first, and the two are quoted.
    candidates[0] = dataclasses.replace(candidates[0], rrf=0.5)
    top = answering.select(state, candidates, analyse(question), 1)[0]
    assert [p.id for p in top.passages] == [a.id, b.id]
    return a, b, verify_citation(brief, make_citation(brief, top.passages, top.score, top.cited or None))


def test_a_merged_quote_cites_the_sentence_holding_the_asked_reason():
    _, b, citation = _merged_citation(
        KEYNES,
        "The exchange value of the franc",
        "This apparently superior situation",
        "Why had the franc not fallen as much as the currency expansion would suggest?",
        (0.6, 0.4),
    )
    assert citation.footnotes == b.footnotes


def test_a_merged_quote_cites_the_clearly_closer_sentence_not_its_successor():
    a, _, citation = _merged_citation(
        DUCK, "This myth was first debunked", "It was also debunked", "Who first disproved the myth?", (0.6, 0.3)
    )
    assert citation.footnotes == a.footnotes


def test_a_merged_quote_cites_both_sentences_when_neither_clearly_answers():
    a, b, citation = _merged_citation(
        DUCK, "This myth was first debunked", "It was also debunked", "Who first disproved the myth?", (0.5, 0.45)
    )
    assert set(citation.footnotes) == set(a.footnotes) | set(b.footnotes)


def test_a_citation_may_not_carry_a_footnote_of_no_quoted_sentence():
    brief = _brief(KEYNES)
    a = _sentence(brief, "The exchange value of the franc")
    good = make_citation(brief, [a], 0.5)
    with pytest.raises(Exception, match="footnotes"):
        verify_citation(brief, dataclasses.replace(good, footnotes=(a.footnotes[0] + 1,)))


# ----- the author's name ---------------------------------------------------------------------------------------
def test_a_personal_authors_name_words_are_author_terms():
    state = IndexState.build([_brief(HEAT)])
    assert {"chegwidden", "freeman"} <= state.author_terms(_brief(HEAT).id)
    assert {"chegwidden", "freeman"} <= state.author_terms(None)


def test_an_organisation_as_author_gives_no_author_terms():
    state = IndexState.build([_brief(DUCK)])
    assert state.author_terms(_brief(DUCK).id) == frozenset()


# ----- a sentence that takes up the one before it with a demonstrative -------------------------------------------
def _one_paragraph(brief_id: str, *sentences: str):
    from tests.bot.qa.factories import candidate, sentence_brief

    brief = sentence_brief(brief_id, *sentences, one_paragraph=True)
    state = IndexState.build([brief])
    return state, brief.passages, [candidate(state, p) for p in brief.passages]


def _taken_up_state():
    return _one_paragraph(
        "t",
        "In 1911 the two river ports agreed to share one customs office.",
        "This agreement created the harbour board that still runs the docks.",
    )


def test_a_date_in_the_sentence_a_demonstrative_takes_up_counts_as_the_answers():
    state, _, cands = _taken_up_state()
    query = analyse("When was the harbour board created?")
    with_prev = answering.evidence([cands[1]], False, query, state, "t")
    assert with_prev.typed > 0  # "This agreement" takes up the sentence dated 1911


def test_a_pronoun_does_not_borrow_the_previous_sentences_date():
    state, _, cands = _one_paragraph(
        "p", "In 1911 the ports chose a harbour master.", "He thought the harbour board was pertinent to the town."
    )
    query = analyse("When was the harbour board pertinent to the town?")
    assert answering.evidence([cands[1]], False, query, state, "p").typed == 0


def test_the_quote_holds_the_taken_up_sentence_and_cites_both():
    state, passages, cands = _taken_up_state()
    top = answering.select(state, [cands[1]], analyse("When was the harbour board created?"), 1)[0]
    assert [p.id for p in top.passages] == [passages[0].id, passages[1].id]
