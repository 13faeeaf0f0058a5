"""What an answering passage must state besides an answer of the asked type (bot/qa/stated.py, bot/qa/evidence.py):
the things the question names, unless the document is about them as a whole. Several topics: a labour-market
study, a school census, a memoir."""

from __future__ import annotations

from dataclasses import replace

from bot.qa.evidence import evidence
from bot.qa.query import analyse
from bot.qa.stated import asked_names, met, names_stated, topics
from tests.bot.qa.factories import candidate, sentence_brief, sentence_state

# Enough other sentences that a name given once is no topic of the document (under 2% of its passages).
FILLER = tuple(f"Paragraph {i} discusses the method of the study in general terms." for i in range(60))


def _typed(question: str, *sentences: str) -> float:
    state, ps = sentence_state(*sentences, *FILLER)
    cands = [candidate(state, p) for p in ps[: len(sentences)]]
    return evidence(cands, False, analyse(question), state, "b").typed


def test_a_name_is_met_by_half_its_identifying_words():
    assert met(frozenset({"long", "beach"}), {"long", "beach", "california"})
    assert met(frozenset({"u", "s", "supreme", "court"}), {"supreme", "court"})  # single letters do not count
    assert not met(frozenset({"enid"}), {"the", "sample", "population"})
    assert met(frozenset({"1990"}), set())  # a bare year is a detail, checked elsewhere


def test_a_figure_for_the_whole_sample_does_not_answer_about_a_city_it_never_names():
    question = "What was the working-age population of Enid in 1990?"
    sample = "The study keeps areas with a working-age population of more than 15,000 in 1990."
    enid = "Enid is one of the small metro areas of the sample, with a working-age population of 24,000 in 1990."
    assert _typed(question, sample, "Enid appears in the appendix list.") == 0.0
    assert _typed(question, enid) > 0.4


def test_a_count_for_another_school_does_not_answer_about_the_named_one():
    question = "How many pupils attended Brora school in 1901?"
    other = "In 1901 the parish school at Golspie had 120 pupils on its roll."
    assert _typed(question, other, "Brora had a school of its own.") == 0.0
    assert _typed(question, "In 1901 Brora school had 85 pupils on its roll.") > 0.4


def test_a_name_the_document_is_about_need_not_be_repeated():
    # A memoir in the first person: its title names the man, its sentences say "I".
    names = [frozenset({"franklin"})]
    memoir = sentence_brief("m", "The Life of Benjamin Franklin", "I was born in Boston in 1706.", *FILLER)
    title = replace(memoir.passages[0], kind="metadata", label="title")
    memoir = replace(memoir, passages=(title, *memoir.passages[1:]))
    assert topics(names, memoir) == frozenset(names)
    many = sentence_brief("n", *(f"Franklin wrote letter {i}." for i in range(5)), *FILLER)
    assert topics(names, many) == frozenset(names)  # named in 5 of 65 passages: what it is about
    once = sentence_brief("o", "Franklin visited once.", *FILLER)
    assert topics(names, once) == frozenset()
    assert not names_stated(names, topics(names, once), "I was born in Boston in 1706.")


def test_a_name_the_document_never_gives_is_left_to_the_unknown_word_rule():
    brief = sentence_brief("p", *FILLER)
    assert topics([frozenset({"gravesend"})], brief) == frozenset({frozenset({"gravesend"})})


def test_a_country_is_named_in_any_of_its_forms():
    assert met(frozenset({"american"}), {"nine", "u", "s", "metros"})
    assert not met(frozenset({"canadian"}), {"nine", "u", "s", "metros"})


def test_a_count_of_the_countrys_cities_answers_in_another_form_of_its_name():
    question = "How many American metros are larger than Toronto?"
    text = "However, nine U.S. metros are bigger than the largest Canadian metro (Toronto)."
    assert _typed(question, text) > 0.4


def test_the_names_asked_are_the_capitalised_words_of_the_questions_runs():
    assert asked_names("How many children had lost a parent to COVID-19 by mid-2021?") == [frozenset({"covid"})]
    assert asked_names("What was the working-age population of Enid in 1990?") == [frozenset({"enid"})]
