"""Numbers a question names as details, and their place in ranking (bot.qa.details)."""

from __future__ import annotations

import pytest

from bot.qa import answer as answering
from bot.qa.details import asked_numbers, numbers_in, shares_numbers
from bot.qa.query import analyse
from tests.bot.qa.factories import candidate, sentence_state


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        ("What did the defendant plead guilty to when he was fifteen?", {15.0}),
        ("What limit on the draft did the people exploit in 494 B.C.?", {494.0}),
        ("What happened when the boy was 17 years old?", {17.0}),
        ("Which club scored 1,090 goals?", set()),  # "1,090 goals" counts the goals
        ("What happened to the two summits?", set()),
        ("Why did the Senate send three men to Greece?", set()),
        ("How many tests were held in 2022?", set()),  # a year is the answer types' business
    ],
)
def test_the_numbers_a_question_asks_about(question: str, numbers: set[float]) -> None:
    assert asked_numbers(question) == frozenset(numbers)


def test_numbers_are_read_in_digits_and_words_by_value() -> None:
    assert numbers_in("It flew 1,090 km to 6,248.5 km, forty times in fifteen days.") == {1090.0, 6248.5, 40.0, 15.0}
    assert shares_numbers(frozenset({15.0}), "then 15 years old")
    assert shares_numbers(frozenset({15.0}), "then fifteen years old")
    assert not shares_numbers(frozenset({15.0}), "then nineteen years old")
    assert not shares_numbers(frozenset(), "then fifteen years old")


@pytest.mark.parametrize(
    ("question", "other", "answer"),
    [
        (
            "What did the defendant plead guilty to when he was fifteen?",
            "At nineteen, the defendant pled guilty to the escape charge.",
            "At fifteen, the defendant pled guilty to robbery.",
        ),
        (
            "What did the plebeians do in 494 B.C.?",
            "In 462 B.C., the plebeians demanded written laws.",
            "In 494 B.C., the plebeians withdrew beyond the boundary.",
        ),
        (
            "Which boat sank at mile 42 of the river?",
            "A barge sank at mile 17 of the river.",
            "The ferry sank at mile 42 of the river.",
        ),
    ],
)
def test_a_passage_with_the_asked_number_outranks_an_equal_one(question: str, other: str, answer: str) -> None:
    state, (p_other, p_answer) = sentence_state(other, answer)
    ranked = answering.rank([candidate(state, p_other), candidate(state, p_answer)], analyse(question))
    assert ranked[0][0].passage == p_answer
