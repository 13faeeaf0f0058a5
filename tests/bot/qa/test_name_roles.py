"""The role of a name (bot/qa/roles.py, bot/qa/answer_types.py): the teller of a reported fact ("Mr. Hale tells us
that ...", "according to Ms. Ono") is not the name a question asks for, unless it asks who said it; "the name of
the N who ..." asks for a person. A heading or address line among the sentences reports no event (evidence)."""

from __future__ import annotations

import pytest

from bot.qa import answer_types as types
from bot.qa.cues import has_answer
from bot.qa.evidence import evidence
from bot.qa.query import analyse
from bot.qa.question_kind import asked
from bot.qa.roles import reports
from tests.bot.qa.factories import candidate, sentence_state


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mr. Hale tells us that the boy learnt the flute, but his teacher gave him up.", "Mr. Hale"),
        ("Ms. Ono, a neighbour of the family when they lived in Leeds, recalls that the garden was large.", "Ms. Ono"),
        ("According to Dr. Patel, the bridge was closed for a year.", "Dr. Patel"),
        ("Karl Berg wrote that the harvest failed.", "Karl Berg"),
    ],
)
def test_a_name_that_reports_is_a_source(text, name):
    start = text.index(name)
    assert reports(text, start, start + len(name))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mr. Hale taught the boy the flute for three years.", "Mr. Hale"),
        ("The bridge was closed by Dr. Patel in 1990.", "Dr. Patel"),
        ("Karl Berg, the miller, rebuilt the mill.", "Karl Berg"),
    ],
)
def test_a_name_that_acts_is_no_source(text, name):
    start = text.index(name)
    assert not reports(text, start, start + len(name))


def test_the_teller_of_a_fact_does_not_answer_who_did_it():
    a = asked("Who taught the boy the flute?")
    assert not has_answer(a, "Mr. Hale tells us that the boy learnt the flute, but his teacher gave him up.")
    assert has_answer(a, "Mr. Hale tells us that Anna Reyes taught the boy the flute.")


def test_the_teller_answers_a_question_about_who_said_it():
    a = asked("Who said that the bridge was closed for a year?")
    assert has_answer(a, "According to Dr. Patel, the bridge was closed for a year.")


@pytest.mark.parametrize(
    "question",
    [
        "What was the name of the gardener who planted the avenue?",
        "What is the name of the nurse who ran the ward?",
    ],
)
def test_the_name_of_someone_who_did_something_is_a_person(question):
    assert asked(question).slot == types.PERSON


def test_an_address_line_does_not_answer_how_someone_responded():
    state, ps = sentence_state("To: Councillor Jane Moss", "The plan would cost the parish little.")
    question = analyse("How did Councillor Moss respond to the plan?")
    ev = evidence([candidate(state, ps[0])], False, question, state, "b")
    assert ev.joint == 0.0 and ev.typed == 0.0


def test_an_address_line_still_answers_whom_a_letter_was_sent_to():
    state, ps = sentence_state("To: Councillor Jane Moss", "The plan would cost the parish little.")
    question = analyse("Who was the memo sent to?")
    ev = evidence([candidate(state, ps[0])], False, question, state, "b")
    assert ev.typed > 0.5


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The press secretary, Ann Lee, stated that the talks would resume.", "press secretary"),
        ("According to Karl Berg, the harvest failed.", "Karl Berg"),
    ],
)
def test_a_teller_the_question_asks_about_is_not_a_mere_source(text, name):
    start = text.index(name)
    assert reports(text, start, start + len(name))
    asked_words = frozenset({"who", "is", "ann", "lee", "karl", "berg"})
    assert not reports(text, start, start + len(name), asked_words)
