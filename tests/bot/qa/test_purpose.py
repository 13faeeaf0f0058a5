"""Purpose questions and sentences that state an aim, and their place in ranking (bot.qa.purpose)."""

from __future__ import annotations

import pytest

from bot.qa import answer as answering
from bot.qa.purpose import asks_purpose, states_purpose
from bot.qa.query import analyse
from tests.bot.qa.factories import candidate, sentence_state


@pytest.mark.parametrize(
    "question",
    [
        "Why did the Senate send three men to Greece?",
        "What was the wet-bulb globe temperature originally developed for?",
        "What was the senator trying to argue with his lectures?",
        "For what purpose was the dam built?",
        "What was the aim of the reform?",
    ],
)
def test_questions_about_an_aim_ask_purpose(question: str) -> None:
    assert asks_purpose(question)


@pytest.mark.parametrize(
    "question",
    ["What did the defendant plead guilty to?", "When was the dam built?", "Who was the club founded by?"],
)
def test_other_questions_do_not_ask_purpose(question: str) -> None:
    assert not asks_purpose(question)


@pytest.mark.parametrize(
    "sentence",
    [
        "Finally the Senate gave way, but to buy more time, they sent three men to Greece.",
        "To perform the bias-correction, we used the quantile delta method.",
        "The club moved north, mainly to attract larger crowds.",
        "The levee was raised in order to protect the harbour.",
        "Rates were cut so that banks would lend again.",
        "The survey was designed to measure loneliness among teenagers.",
        "The senator gave these lectures to make a point about the budget.",
        "She wrote the pamphlet to warn farmers about the drought.",
        "The museum staged the show to demonstrate how early cameras worked.",
    ],
)
def test_sentences_that_state_an_aim(sentence: str) -> None:
    assert states_purpose(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "He was sentenced to two years imprisonment.",
        "According to the court, the plea was voluntary.",
        "Sales fell, to the surprise of all.",
        "In 1993, the senator gave a series of 14 lectures.",
        "Subject to the rules, the bill passed.",
    ],
)
def test_sentences_without_an_aim(sentence: str) -> None:
    assert not states_purpose(sentence)


@pytest.mark.parametrize(
    ("question", "aim", "plain"),
    [
        (
            "Why did the council close the bridge?",
            "The council closed the bridge, partly to repair the deck before winter.",
            "The council closed the bridge for eleven weeks in the spring.",
        ),
        (
            "What was the survey developed for?",
            "To track loneliness among teenagers, the survey was developed in 2009.",
            "The survey was developed in 2009 by a team of nurses.",
        ),
    ],
)
def test_a_sentence_stating_an_aim_outranks_an_equal_one_for_a_purpose_question(
    question: str, aim: str, plain: str
) -> None:
    state, (p_plain, p_aim) = sentence_state(plain, aim)
    ranked = answering.rank([candidate(state, p_plain), candidate(state, p_aim)], analyse(question))
    assert ranked[0][0].passage == p_aim


def test_an_aim_is_no_bonus_for_a_question_that_asks_no_purpose() -> None:
    state, (p_plain, p_aim) = sentence_state(
        "The bridge closed in May.", "The bridge closed in May, to repair the deck."
    )
    scores = {
        c.passage.id: s
        for c, s in answering.rank(
            [candidate(state, p_plain), candidate(state, p_aim)], analyse("When did the bridge close?")
        )
    }
    assert scores[p_aim.id] == pytest.approx(scores[p_plain.id])
