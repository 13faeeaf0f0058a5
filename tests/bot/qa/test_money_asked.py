"""A "how much" with a verb of paying, costing or selling asks a sum of money (bot/qa/cues.py, wordlists/
money_verbs.txt): a passage that only gives a year, a count or a rank about the subject does not answer it, so a
document that names what was paid for but not the price abstains. Invented sentences of several topics (a church
organist, a farm sale, a football club, a river)."""

from __future__ import annotations

import pytest

from bot.qa import answer_types as types
from bot.qa.cues import has_answer
from bot.qa.question_kind import asked


@pytest.mark.parametrize(
    "question",
    [
        "How much was the organist paid for his first set of voluntaries?",
        "How much did the farm sell for in 1931?",
        "How much did the club spend on new floodlights?",
        "How much had the widow borrowed from the bank?",
        "How much did the painting fetch at auction?",
    ],
)
def test_how_much_with_a_verb_of_paying_asks_money(question):
    assert asked(question).slot == types.MONEY


@pytest.mark.parametrize(
    "question",
    [
        "How much did the river rise after the storm?",
        "How much does the folding bicycle weigh?",
        "How many tickets did the club sell?",  # a count, not a sum
    ],
)
def test_other_how_much_questions_ask_no_money(question):
    assert asked(question).slot != types.MONEY


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (
            "How much was the organist paid for his first set of voluntaries?",
            "His first set of voluntaries was printed in 1701, and No. 2 of the set has only one movement.",
            False,
        ),
        ("How much was the organist paid for his first set of voluntaries?", "He was paid $40 for the set.", True),
        ("How much did the farm sell for in 1931?", "The farm had 120 acres and 3 barns when it was sold.", False),
        ("How much did the farm sell for in 1931?", "In 1931 the farm sold for 2,000 dollars.", True),
    ],
)
def test_only_a_sum_of_money_answers_a_price(question, text, expected):
    assert has_answer(asked(question), text) is expected


# Sums written in words, from two real documents (Franklin's autobiography, an FAA rule), and the rent asked about.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We took lodgings together in Little Britain at three shillings and sixpence a week.", True),
        ("To lessen the rent, which was then but twenty-four pounds a year, we took in Thomas Godfrey.", True),
        ("A farthing a day was all he had.", True),
        ("Josiah, my father, married young, and carried his wife with three children into New England.", False),
        ("The FAA estimates the average total cost per operator to be $7,650.", True),
    ],
)
def test_sums_in_words_are_money(text, expected):
    assert types.has_money(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We took lodgings together in Little Britain at three shillings and sixpence a week.", True),
        ("We took lodgings together in Little Britain for three weeks.", False),
    ],
)
def test_any_sum_answers_how_much_rent(text, expected):
    assert has_answer(asked("How much rent did Franklin and Ralph pay for their London lodgings?"), text) is expected


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (
            "How many people were killed in the Ethiopian Airlines Flight 302 accident?",
            "The airplane crashed near Addis Ababa, Ethiopia, resulting in 157 fatalities.",
            True,
        ),
        (
            "How many people were killed in the Ethiopian Airlines Flight 302 accident?",
            "The airplane crashed six minutes after takeoff from Addis Ababa.",
            False,
        ),
    ],
)
def test_a_count_of_fatalities_counts_people(question, text, expected):
    assert has_answer(asked(question), text) is expected
