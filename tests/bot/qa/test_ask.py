"""Asking the bundled brief: verbatim quotes with the brief's own footnotes, or an honest abstention."""

from __future__ import annotations

import re

import pytest

from api.schemas import ChatResponse
from corpus.errors import BriefNotFound, InvalidRequest


def _first(answer):
    assert not answer.abstained, answer.text
    return answer.citations[0]


def test_hanoi_question_quotes_the_brief_with_footnote_11(engine, bundled_brief):
    answer = engine.ask("Why did the Hanoi summit fail?")
    quotes = [c.quote for c in answer.citations]
    assert any("Pyongyang wanted sanctions to be lifted completely" in q for q in quotes), quotes
    for c in answer.citations:
        assert c.verified
        assert bundled_brief.text[c.start : c.end] == c.quote
    cited = next(c for c in answer.citations if "sanctions to be lifted" in c.quote)
    assert cited.footnotes == (11,)
    assert [s.number for s in cited.sources] == [11]
    assert cited.sources[0].publisher == "Observer Research Foundation"


def test_answer_text_is_made_of_the_quotes(engine):
    answer = engine.ask("Which summits did Trump and Kim hold?")
    for c in answer.citations:
        assert f"“{c.quote}”" in answer.text


@pytest.mark.parametrize(
    ("question", "expected", "footnotes"),
    [
        ("How far did the Hwasong-17 fly?", "1,090 km", ()),
        ("How many tests did North Korea conduct in 2022?", "10 tests in 2022", (1,)),
        ("What is the range of the Hwasong-14?", "10,400 km", (13,)),
        ("How many underground nuclear tests has North Korea conducted?", "six underground nuclear tests", (12,)),
    ],
)
def test_held_out_questions_find_the_sentence(engine, question, expected, footnotes):
    c = _first(engine.ask(question))
    assert expected in c.quote
    assert c.footnotes == footnotes


@pytest.mark.parametrize(
    "question",
    [
        "What is the GDP of Japan?",
        "Who won the 2018 World Cup?",
        "What is the capital of France?",
        "How do I bake sourdough bread?",
    ],
)
def test_abstains_when_the_brief_does_not_answer(engine, question):
    answer = engine.ask(question)
    assert answer.abstained
    assert answer.citations == ()
    assert "does not address" in answer.text


def test_abstentions_are_counted(engine):
    before = engine.metrics["abstentions"]
    engine.ask("Who won the 2018 World Cup?")
    assert engine.metrics["abstentions"] == before + 1


def test_uncited_sentence_is_flagged(engine):
    answer = engine.ask("How far did the Hwasong-17 fly?")
    body = ChatResponse.of(answer).model_dump(mode="json")["citations"][0]
    assert body["footnotes"] == []
    assert body["uncited"] is True
    assert "uncited in the brief" in answer.text


def test_table_row_cites_the_tables_sources(engine):
    c = _first(engine.ask("What was tested on January 17, 2022?"))
    assert c.kind == "table_row"
    assert "KN-24" in c.quote
    assert c.footnotes == ()
    assert {s.publisher for s in c.sources} == {"IISS", "One Earth Future"}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who wrote the brief?", "Zainab Fatima"),
        ("Who edited the brief?", "Malik Qasim Mustafa"),
        ("When was it published?", "April 29, 2022"),
        ("What is the title of the brief?", "PROSPECTS OF RESUMPTION"),
    ],
)
def test_metadata_questions_answer_from_the_front_matter(engine, question, expected):
    c = _first(engine.ask(question))
    assert c.kind == "metadata"
    assert expected in c.quote


def test_footnote_by_number(engine):
    c = _first(engine.ask("What is footnote 11?"))
    assert c.kind == "footnote"
    assert c.footnotes == (11,)
    assert "Failure of the Hanoi Summit" in c.quote


def test_sources_by_publisher(engine):
    answer = engine.ask("Which sources come from 38 North?")
    footnote_cites = [c for c in answer.citations if c.kind == "footnote"]
    assert {n for c in footnote_cites for n in c.footnotes} >= {8, 15}
    assert all("38 North" in c.quote for c in footnote_cites[:2])


def test_what_the_brief_cited_for_a_topic(engine):
    c = _first(engine.ask("What did the brief cite for the Hanoi summit?"))
    assert c.footnotes == (11,)
    assert c.kind == "footnote"


def test_brief_filter_and_unknown_brief(engine, bundled_brief):
    assert not engine.ask("Why did the Hanoi summit fail?", brief_id=bundled_brief.id).abstained
    with pytest.raises(BriefNotFound):
        engine.ask("Why did the Hanoi summit fail?", brief_id="no-such-brief")


@pytest.mark.parametrize(("message", "top_k"), [("   ", 3), ("Why?", 0), ("Why?", 11)])
def test_bad_requests(engine, message, top_k):
    with pytest.raises(InvalidRequest):
        engine.ask(message, top_k=top_k)


def test_top_k_bounds_the_citations(engine):
    assert len(engine.ask("What missiles did North Korea test?", top_k=1).citations) == 1
    assert len(engine.ask("What missiles did North Korea test?", top_k=5).citations) == 5


def test_empty_library_abstains(make_engine):
    eng = make_engine()
    assert eng.is_empty()
    assert eng.ask("Why did the Hanoi summit fail?").abstained


@pytest.mark.parametrize("question", ["What is the brief about?", "What is this paper about?"])
def test_what_the_brief_is_about_quotes_its_title(engine, question):
    c = _first(engine.ask(question))
    assert c.kind == "metadata"
    assert "PROSPECTS OF RESUMPTION" in c.quote


def test_who_published_prefers_the_organisation(engine):
    c = _first(engine.ask("Who published the brief?"))
    assert "ISSI" in c.quote


def test_word_family_question_is_answered(engine):
    c = _first(engine.ask("What is happening to North Korea's economy?"))
    assert "economic crisis" in c.quote


def test_several_footnotes_by_number(engine):
    answer = engine.ask("What are footnotes 3 and 4?")
    assert [c.footnotes for c in answer.citations[:2]] == [(3,), (4,)]
    assert all(c.kind == "footnote" for c in answer.citations[:2])


@pytest.mark.parametrize(
    "question",
    ["What does the brief recommend?", "What are the brief's recommendations?", "What does the author suggest?"],
)
def test_recommendation_questions_quote_the_briefs_prescriptive_sentences(engine, bundled_brief, question):
    answer = engine.ask(question)
    assert not answer.abstained
    assert answer.citations
    for c in answer.citations:
        assert re.search(r"\b(?:should|must)\b", c.quote)
        assert bundled_brief.text[c.start : c.end] == c.quote


def test_conclusion_question_quotes_the_final_paragraph_first(engine, bundled_brief):
    last = max(p.paragraph or 0 for p in bundled_brief.passages if p.kind == "sentence")
    answer = engine.ask("What is the conclusion of the brief?")
    assert not answer.abstained
    first = next(p for p in bundled_brief.passages if p.text == answer.citations[0].quote)
    assert first.paragraph == last


def test_a_topic_question_mentioning_the_brief_is_not_taken_for_a_recommendation_question(engine):
    answer = engine.ask("What does the brief say about sanctions?")
    assert any("sanction" in c.quote.lower() for c in answer.citations)


def test_a_brief_without_prescriptive_sentences_gives_no_named_recommendations():
    from bot.qa.named import _advice_and_conclusion
    from corpus.models import Passage

    def sentence(seq: int, paragraph: int, text: str) -> Passage:
        return Passage(
            id=f"b:{seq}",
            brief_id="b",
            kind="sentence",
            text=text,
            start=0,
            end=len(text),
            paragraph=paragraph,
            footnotes=(),
            direct=False,
            seq=seq,
        )

    body = [sentence(1, 1, "The test took place in 2022."), sentence(2, 2, "It flew 1,090 km.")]
    assert _advice_and_conclusion(body, advice=True, conclusion=False) == []
    assert [p.seq for p in _advice_and_conclusion(body, advice=False, conclusion=True)] == [2]


def test_a_name_whose_words_occur_only_apart_is_not_answered(engine):
    # "Secretary" and "State(d)" both occur in the brief, but never as "Secretary of State".
    assert engine._current().mentions_each("secretary of state")
    assert not engine._current().mentions("secretary of state")
    assert engine.ask("Who is the US Secretary of State?").abstained


def test_names_the_brief_spells_with_words_between_are_still_found(engine):
    state = engine._current()
    assert state.mentions("kim jong un")  # the brief writes "Kim Jong-un"
    assert state.mentions("biden administration")
    assert not engine.ask("Who is Jen Psaki?").abstained
    assert not engine.ask("What did the Biden Administration do?").abstained
