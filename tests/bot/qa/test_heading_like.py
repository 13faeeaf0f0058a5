"""A line in capitals that a plain-text layout left among the sentences (a title, a running head) ranks below
the sentences that answer, on texts of several topics."""

from __future__ import annotations

import pytest

from bot.qa import answer as answering
from bot.qa.noun_phrase import shouted
from bot.qa.query import analyse
from tests.bot.qa.factories import candidate, sentence_state


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CHARLES DICKENS AND MUSIC", True),
        ("II. THE HARBOUR IN WINTER", True),
        ("SEE NOTE 4.", True),
        ("The US and the UK signed the treaty.", False),  # acronyms in a sentence
        ("NATO", False),  # one word: an acronym, not a title line
        ("He said: NO WAY", False),
    ],
)
def test_a_line_in_capitals_is_told_from_a_sentence(text, expected):
    assert shouted(text) is expected


@pytest.mark.parametrize(
    ("question", "title", "answer"),
    [
        (
            "Who were the composer's favourite singers?",
            "THE COMPOSER AND HIS SINGERS",
            "His favourite singers were Lind and Grisi.",
        ),
        (
            "What did the harbour board build in winter?",
            "THE HARBOUR BOARD IN WINTER",
            "In winter the harbour board built a new breakwater.",
        ),
    ],
)
def test_a_title_line_ranks_below_the_sentence_that_answers(question, title, answer):
    state, passages = sentence_state(title, answer)
    ranked = answering.rank([candidate(state, p) for p in passages], analyse(question))
    assert ranked[0][0].passage.text == answer
