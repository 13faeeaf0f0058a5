"""A title line that a layout left among the sentences (in capitals, or short and in title case without a stop)
ranks below the sentences that answer, on texts of several topics."""

from __future__ import annotations

import pytest

from bot.qa import answer as answering
from bot.qa.noun_phrase import shouted, title_line
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
    ("text", "expected"),
    [
        ("Open Data for Researchers", True),
        ("Ring Signatures", True),
        ("The Harbour in Winter", True),
        ("The harbour froze in winter.", False),  # a sentence
        ("Figure 2 shows the data", False),  # lower-case words: a fragment of prose, not a title
        ("The Problem: Social media rewards outrage.", False),  # it ends as a sentence
    ],
)
def test_a_short_line_in_title_case_without_a_stop_is_a_title(text, expected):
    assert title_line(text) is expected


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
        (
            "What data do the platforms open to researchers?",
            "Open Platform Data for Researchers",
            "The platforms open their posting data to researchers.",
        ),
    ],
)
def test_a_title_line_ranks_below_the_sentence_that_answers(question, title, answer):
    state, passages = sentence_state(title, answer)
    ranked = answering.rank([candidate(state, p) for p in passages], analyse(question))
    assert ranked[0][0].passage.text == answer
