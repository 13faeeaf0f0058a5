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
        ("What was the name of the lawyer the court appointed to represent him?", {"repres"}),
        # An irregular past form is a verb wherever it stands; so is the word after "trying to" / "used to".
        ("Who does the author say taught him Latin?", {"teach"}),
        ("What was the mayor trying to prove with the survey?", {"prove"}),
        ("Which method was used to estimate the yield?", {"estim"}),
        # A past form right after "which <noun>" / "who" is the question's verb.
        ("Which dataset served as the reference?", {"serv"}),
        ("Who first described the species?", {"describ"}),
        ("What is the reason for the delay?", set()),
        # After a named subject the verb comes first, its object after it; an adverb between them is skipped.
        ("Where did Lovelace first show steam engines to engineers?", {"show"}),
        ("Why did Parliament pass tariff laws so quickly?", {"pass"}),
    ],
)
def test_question_verbs(question, verbs):
    assert question_verbs(question) == verbs
