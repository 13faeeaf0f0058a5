"""Answer-type forms a reader's question takes that a passage answers in other words (bot/qa/cues.py): "how much
money" is answered by any sum ("donated $1,000"), "how many people" by a count of informants or voters, a
four-digit count before the asked noun is a count and not a year ("features 1147 sentences"), and "what is the
name for X" by a passage that says what X is called, in lower case too. Invented sentences on several topics."""

from __future__ import annotations

import pytest

from bot.qa import answer_types as types
from bot.qa.cues import has_answer
from bot.qa.question_kind import asked


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("How much money had the mayor given to the hospital?", "The mayor donated US$1,000 to the hospital in 1998."),
        ("How much cash did the thieves take?", "The thieves took £40,000 from the safe."),
    ],
)
def test_how_much_money_is_answered_by_any_sum(question, text):
    a = asked(question)
    assert a.slot == types.MONEY
    assert has_answer(a, text)


def test_how_much_money_is_not_answered_by_a_count():
    assert not has_answer(asked("How much money did the club raise?"), "The club had 40 members in 1998.")


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("How many people finished the survey?", "A total of 64 informants completed the survey."),
        ("How many people voted in the referendum?", "Some 2,300 voters cast a ballot in the referendum."),
        ("How many people attended the festival?", "About 900 visitors came to the festival."),
    ],
)
def test_how_many_people_is_answered_by_a_count_of_any_kind_of_person(question, text):
    assert has_answer(asked(question), text)


def test_how_many_people_is_not_answered_by_a_count_of_things():
    assert not has_answer(asked("How many people finished the survey?"), "The survey had 64 questions.")


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("How many sentences does the atlas contain?", "The atlas features 1147 sentences from 225 localities.", True),
        ("How many letters does the archive hold?", "The archive holds 1850 letters by the poet.", True),
        ("How many members voted?", "In 1990 members voted to dissolve the club.", False),
        ("How many letters does the archive hold?", "Since 1850 letters have been kept in the archive.", False),
    ],
)
def test_a_four_digit_figure_before_the_asked_noun_counts_it(question, text, expected):
    assert has_answer(asked(question), text) is expected


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("What is the name for losing context across callbacks?", 'This loss is called "stack ripping".', True),
        ("What is the name for the dry wind of the valley?", "Locally the wind is known as the foehn.", True),
        ("What is the name for the dry wind of the valley?", "The dry wind blows down the valley in spring.", False),
    ],
)
def test_what_is_the_name_for_is_answered_by_the_term_given(question, text, expected):
    assert has_answer(asked(question), text) is expected
