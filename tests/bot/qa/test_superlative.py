"""Superlative questions (bot/qa/superlative.py, bot/qa/evidence.py): "which X is the most ..." is answered only by
a passage that ranks something; "most" before a plural noun (a majority) asks no ranking. Several topics."""

from __future__ import annotations

import pytest

from bot.qa.evidence import evidence
from bot.qa.query import analyse
from bot.qa.superlative import asks_superlative, ranks, ranks_asked
from tests.bot.qa.factories import candidate, sentence_state


@pytest.mark.parametrize(
    "question",
    [
        "Which river carries the most sediment to the delta?",
        "Which pesticide does the report name as most harmful to bees?",
        "Which of her sonnets did the poet like best?",
        "What is the oldest bridge in the town?",
        "Who was the mayor's favourite architect?",
        "Which bakery sells the least bread on Sundays?",
    ],
)
def test_a_question_asking_for_the_first_of_a_ranking_is_superlative(question):
    assert asks_superlative(question)


@pytest.mark.parametrize(
    "question",
    [
        "Which grasses are most farm geese fed on?",  # "most" + plural noun: the majority
        "How many pupils attend the smallest village school?",  # an amount is asked, not a ranking
        "When did the largest ferry enter service?",  # a date is asked
        "What is the main purpose of the levy?",  # "main" is used loosely in questions
        "Which mill did the family buy first?",  # an order in time, not a ranking
        "What interest did the bank charge on the loan?",  # "-est" in a noun
        "What kinds of soil is the new plough best suited to?",  # "best" + participle grades, ranks nothing
        "What is the harbour town best known for?",
    ],
)
def test_other_questions_are_not_superlative(question):
    assert not asks_superlative(question)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Ouse carries the most silt of any river in the county.", True),
        ("Of all the chemicals tested, chlorpyrifos proved most toxic to bees.", True),
        ("Her favourite sonnet was the ninth.", True),
        ("The Tay ferry carried more passengers than any other crossing.", True),
        ("The council named the main sources of the pollution.", True),
        ("The river carries a great deal of silt every spring.", False),
        ("Most of the bread was sold before noon.", False),
        ("The bank raised its interest charges twice.", False),
    ],
)
def test_a_passage_ranks_something_only_with_a_superlative_or_a_ranking(text, expected):
    assert ranks(text) is expected


def test_a_superlative_question_without_a_ranking_passage_is_strict_and_untyped():
    state, ps = sentence_state(
        "Three rivers carry silt to the delta: the Ouse, the Aire and the Wharfe.",
        "The rivers carry much more silt after a wet spring.",
    )
    ev = evidence(
        [candidate(state, p) for p in ps], False, analyse("Which river carries the most silt to the delta?"), state, "b"
    )
    assert ev.strict and ev.typed == 0.0


def test_a_superlative_question_with_a_ranking_passage_has_typed_support():
    state, ps = sentence_state(
        "Three rivers carry silt to the delta: the Ouse, the Aire and the Wharfe.",
        "Of the three, the Ouse carries the most silt to the delta.",
    )
    ev = evidence(
        [candidate(state, p) for p in ps], False, analyse("Which river carries the most silt to the delta?"), state, "b"
    )
    assert ev.strict and ev.typed > 0.5


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        # The ranking word grades another noun: the composers, not the songs asked about.
        (
            "Which of Mendelssohn's songs did Dickens like best?",
            "His favourite composers were Mendelssohn, Chopin and Mozart.",
            False,
        ),
        ("Which of Mendelssohn's songs did Dickens like best?", "Of the songs he liked 'Spring Song' best.", True),
        ("Which of her sonnets did the poet like best?", "Her favourite sonnet was the ninth.", True),
        ("Which of her sonnets did the poet like best?", "Her favourite was the ninth.", True),  # stands alone
        ("Which river carries the most silt to the delta?", "The Ouse carries the most silt of any river.", True),
        (
            "Which river carries the most silt to the delta?",
            "The council named the main sources of the pollution.",
            False,
        ),
        (
            "Which pesticide is most harmful to bees?",
            "Of all those tested, chlorpyrifos proved most toxic to bees.",
            True,
        ),
        ("Which ferry was the busiest?", "The Tay ferry carried more passengers than any other crossing.", True),
    ],
)
def test_a_passage_ranks_what_is_asked_only_when_its_ranking_word_grades_a_word_of_the_question(
    question, text, expected
):
    assert ranks_asked(text, question) is expected


def test_a_ranking_of_another_noun_gives_a_superlative_question_no_typed_support():
    state, ps = sentence_state("His favourite composers were Mendelssohn, Chopin and Mozart.")
    query = analyse("Which of Mendelssohn's songs did Dickens like best?")
    ev = evidence([candidate(state, p) for p in ps], False, query, state, "b")
    assert ev.strict and ev.typed == 0.0


def test_most_closing_a_clause_ranks_the_subject():
    question = "What does the memo say hurts American democracy most?"
    assert ranks_asked("Social media hurts American democracy most by polarizing the electorate.", question)
    assert not ranks_asked("Most of the memo is about the electorate.", question)
