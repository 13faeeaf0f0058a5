"""Question verbs: a paraphrased action is weaker off-topic evidence than an unknown noun."""

from __future__ import annotations

import pytest

from index.lexical import question_verbs


@pytest.mark.parametrize(
    ("question", "verbs"),
    [
        ("What limit did the people exploit in 494 B.C.?", {"exploit"}),
        ("Why could the city not absorb the refugees once the siege was lifted?", {"absorb", "lift"}),
        ("How long does a pair bond usually last?", {"last"}),
        ("What did the prime minister say about the tests?", set()),
        ("In which county was the guilty plea entered?", {"enter"}),
        ("What is the population of the valley?", set()),
        ("What was the name of the lawyer the court appointed to represent him?", set()),
    ],
)
def test_question_verbs(question, verbs):
    assert question_verbs(question) == verbs
