"""A sentence that only raises a topic (the document's own question, a lead-in ending on a colon) ranks below the
sentence that answers, on texts of several topics (a harbour, a choir, a bakery)."""

from __future__ import annotations

import pytest

from bot.qa import answer as answering
from bot.qa.echo import leads_in, poses_question, raises_only
from bot.qa.query import analyse
from tests.bot.qa.factories import candidate, sentence_state


@pytest.mark.parametrize(
    ("text", "question", "lead"),
    [
        ("Why has the harbour silted up so fast?", True, False),
        ("Who, then, paid for the new organ?”", True, False),  # a closing quote after the mark
        ("The choir gave three reasons for the change:", False, True),
        ("The harbour silted up because the river was dredged.", False, False),
        ("She asked: why now? The answer came later.", False, False),  # the sentence ends as a statement
    ],
)
def test_a_question_and_a_lead_in_are_told_by_their_closing_mark(text, question, lead):
    assert poses_question(text) is question
    assert leads_in(text) is lead


def test_a_reader_asking_about_the_documents_questions_is_answered_by_them():
    assert raises_only("Why did the harbour silt up?", "Why has the harbour silted up so fast?")
    assert not raises_only("What question does the author ask about the harbour?", "Why has the harbour silted up?")
    assert not raises_only("Why did the harbour silt up?", "The harbour silted up because of dredging.")


@pytest.mark.parametrize(
    ("question", "echo", "answer"),
    [
        (
            "Why has the harbour silted up so fast?",
            "Why has the harbour silted up so fast?",
            "Dredging upstream sent the river's sand down into the basin.",
        ),
        (
            "What does the bakery blame for the slow adoption of rye bread?",
            "Why has our adoption of rye bread been so slow?",
            "The relevant cause here is the price of rye flour.",
        ),
        (
            "What changes did the choir make to its concerts?",
            "The choir made the following changes to its concerts:",
            "It dropped the interval and sang the mass in Latin.",
        ),
    ],
)
def test_a_sentence_that_raises_the_topic_ranks_below_the_one_that_answers(question, echo, answer):
    state, passages = sentence_state(echo, answer)
    ranked = answering.rank([candidate(state, p) for p in passages], analyse(question))
    assert ranked[0][0].passage.text == answer
