"""Answer types: what a question asks for, and whether a sentence holds it, on sentences of several topics."""

from __future__ import annotations

import pytest

from bot.qa.cues import cue_bonus, has_answer
from bot.qa.question_kind import asked
from corpus.models import Passage


def _sentence(text: str) -> Passage:
    return Passage(id="b:1", brief_id="b", kind="sentence", text=text, start=0, end=len(text), paragraph=1)


@pytest.mark.parametrize(
    ("question", "kind", "head"),
    [
        ("When did the museum reopen?", "date", None),
        ("In what year was the bridge completed?", "date", None),
        ("How many lectures did the professor give?", "quantity", "lecture"),
        ("How many people died of cholera in the city?", "quantity", "person"),
        ("How much revenue did the firm earn?", "quantity", "revenue"),
        ("How long does the drought usually last?", "quantity", None),
        ("What is the population of the valley?", "quantity", None),
        ("What was the company's exchange rate against the dollar?", "quantity", None),
        ("Who founded the orchestra?", "name", None),
        ("In which county was the trial held?", "name", "county"),
        ("What was the name of the ship's captain?", "name", None),
        ("Why did the bank close its branches?", "reason", None),
        ("Where does the word come from?", "origin", None),  # not a place: "derived from ..."
        ("Which statistical technique did the authors use?", "", "technique"),  # the last noun of the phrase
        ("What did the committee recommend?", "", None),
        # "why" first is a reason whatever a later clause holds; "by how" alone asks no measure
        ("Why is judging a poem by how it sounds a mistake?", "reason", None),
        ("Why did the mill close after how many years of losses?", "reason", None),
        ("By how much did the river rise?", "quantity", None),
        # a degree that is measured ("how accurate": a rate; "how common": a share)
        ("How accurate were the forecasts of the model?", "quantity", None),
        ("How common is the disease among adults?", "quantity", None),
    ],
)
def test_asked_type_of_questions(question, kind, head):
    a = asked(question)
    assert a.kind == kind
    assert a.head == head


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        # dates: a year, a month and day, an era; not a number alone, and not the question's own year
        ("When did the museum reopen?", "The museum reopened on May 7, 2005, after repairs.", True),
        ("When did the museum reopen?", "The museum reopened in 1998 after repairs.", True),
        ("When was the wall built?", "The wall was built in 122 A.D. by the legion.", True),
        ("When did the museum reopen?", "The museum reopened after a long and costly repair.", False),
        ("When in 2004 did the museum reopen?", "The museum was closed for most of 2004.", False),
        # quantities: of the counted thing, not of something else, and a year is not an amount
        ("How many lectures did the professor give?", "In 1993 the professor gave 14 lectures on Rome.", True),
        ("How many senators voted for the bill?", "The Senate passed the bill in 1993 after 3 weeks.", False),
        ("How many eggs does the bird lay?", "The bird nests in 1998 and 2004 near rivers.", False),
        ("How long does the drought usually last?", "Such a drought usually lasts one year.", True),
        ("How much did prices rise?", "Prices rose by 40 percent over the decade.", True),
        ("How much did prices rise?", "Prices rose sharply after the war of 1870.", False),
        ("How much did the repairs cost?", "The hall reopened on May 7, 1952, after repairs.", False),
        # names: a capitalised word the question does not already use, not at the start of a sentence
        ("Who founded the orchestra?", "The orchestra was founded by Clara Weiss in Vienna.", True),
        ("Who founded the orchestra?", "The orchestra was founded by a retired teacher.", False),
        ("In which county was the trial held?", "The trial was held on May 19, 2004.", False),
        ("In which county was the trial held?", "The trial was held in Tulsa County.", True),
        # reasons: a causal connective
        ("Why did the bank close its branches?", "The bank closed its branches because deposits fell.", True),
        ("Why did the bank close its branches?", "The bank closed its branches in the spring.", False),
        # ... or a stated cause, consequence or explanation in other words
        (
            "Why is judging a poem by its sound a problem?",
            "The trouble with judging by sound is that ears differ.",
            True,
        ),
        ("Why do the mills hire children?", "Cheap labour leads the owners to hire children.", True),
        ("Why did the river flood?", "The flood resulted from a week of heavy rain.", True),
        ("Why did the river flood?", "Rain fell for a week; hence the flood.", True),
        ("Why did the river flood?", "The river rose to the bridge in a week.", False),
    ],
)
def test_sentence_holds_the_asked_type(question, text, expected):
    assert has_answer(asked(question), text) is expected


def test_typed_sentence_outranks_one_that_only_names_the_subject():
    question = "How many lectures did the professor give?"
    typed = _sentence("The professor gave a series of 14 lectures on the city's history.")
    untyped = _sentence("The professor's lectures on the city's history were famous.")
    assert cue_bonus(asked(question), typed) > cue_bonus(asked(question), untyped)


def test_date_outranks_a_sentence_without_one():
    question = "When did the river flood the town?"
    dated = _sentence("The river flooded the town in March 1913.")
    undated = _sentence("The river flooded the town and destroyed the mill.")
    assert cue_bonus(asked(question), dated) > cue_bonus(asked(question), undated)


def test_same_details_wants_the_asked_year_and_numbers():
    a = asked("What was the death rate per 100,000 people aged 10 to 24 in 2020?")
    assert a.same_details("In 2020 the rate was 9 per 100,000 among those aged 10-24.")
    assert not a.same_details("Between 2007 and 2018 the rate among those aged 10-24 rose by 57%.")
    assert not a.same_details("In 2020 the rate among those aged 10-24 rose by 6%.")


def test_a_hyphenated_number_in_a_name_is_not_an_asked_number():
    a = asked("How many people had COVID-19 by June?")
    assert "19" not in a.question_numbers
