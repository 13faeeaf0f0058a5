"""Quiz grading: number formats, dates, named entities and paraphrase, right and wrong."""

from __future__ import annotations

import numpy as np
import pytest

from bot.quiz.generate import Question
from bot.quiz.grade import grade, grade_date, grade_name, grade_number, grade_paraphrase, numbers_in


@pytest.mark.parametrize(
    ("expected", "given", "correct"),
    [
        ("10,400", "10400", True),
        ("10,400", "10 400 km", True),
        ("10,400", "10.4k", True),
        ("10,400", "10.4 thousand km", True),
        ("10,400", "ten thousand four hundred", True),
        ("10,400", "10,000", False),
        ("10,400", "about 10,400 or 2,000", False),
        ("6,248.5", "6248.5 kms", True),
        ("6,248.5", "6248", False),
        ("six", "6", True),
        ("16", "sixteen times", True),
        ("five", "5", True),
        ("8,500-13,000", "8500 to 13000", True),
        ("8,500-13,000", "between 8,500 and 13,000 km", True),
        ("8,500-13,000", "13,000", False),
        ("250", "two hundred and fifty kilotons", True),
        ("250", "", False),
    ],
)
def test_numbers_in_any_format(expected, given, correct):
    assert grade_number(expected, given) is correct


def test_numbers_in_reads_digits_words_and_scales_in_order():
    assert numbers_in("fired two missiles 1,090 km and 2.5k m, ten thousand") == [2, 1090, 2500, 10000]


@pytest.mark.parametrize(
    ("expected", "given", "correct"),
    [
        ("March 4 2022", "4 March 2022", True),
        ("March 4 2022", "March 4th, 2022", True),
        ("March 4 2022", "2022-03-04", True),
        ("March 4 2022", "04/03/2022", True),
        ("March 4 2022", "03/04/2022", True),
        ("March 4 2022", "March 5 2022", False),
        ("March 4 2022", "March 4 2021", False),
        ("March 4 2022", "March 4", False),
        ("February 2019", "Feb 2019", True),
        ("February 2019", "January 2019", False),
        ("2017", "in 2017", True),
        ("2017", "2018", False),
        ("March 24", "24 March 2022", True),
    ],
)
def test_dates_in_any_format(expected, given, correct):
    assert grade_date(expected, given) is correct


@pytest.mark.parametrize(
    ("expected", "given", "correct"),
    [
        ("North Korea", "north korea", True),
        ("Russia", "Moscow", True),
        ("China", "the PRC", True),
        ("Moscow", "Russia", True),
        ("North Korea", "South Korea", False),
        ("Saudi Arabia", "Arabia", False),
        ("Kim Jong-un", "Kim Jong Un", True),
        ("Kim", "Kim Jong-un", True),
        ("Trump", "Donald Trump", True),
        ("Trump", "President Trump", True),
        ("Trump", "Biden", False),
        ("Joe Biden", "Biden", True),
        ("Jen Psaki", "Jen Psaky", True),
        ("the US", "Washington", True),
    ],
)
def test_named_entities(expected, given, correct):
    assert grade_name(expected, given) is correct


HANOI = "Pyongyang wanted sanctions to be lifted completely but the US could not accept the demand"
GLIDE = "it manoeuvres close to the surface of the earth and traverses laterally"
HOSTILE = "the economic and military pressure it has exerted on the denuclearisation of the Korean Peninsula"


@pytest.mark.parametrize(
    ("expected", "given"),
    [
        (HANOI.replace("Pyongyang", "Moscow"), "Russia wanted all sanctions removed and the US refused"),
        (HANOI, "the US would not lift every sanction as North Korea demanded"),
        (GLIDE, "it moves laterally close to the earth's surface"),
        (HOSTILE, "US economic and military pressure"),
    ],
)
def test_paraphrases_of_the_reason_are_correct_without_embeddings(expected, given):
    assert grade_paraphrase(expected, given) is True


@pytest.mark.parametrize(
    ("expected", "given"),
    [
        (HANOI, "because Trump was impeached"),
        (HANOI, "North Korea refused to give up nuclear weapons"),
        (GLIDE, "it is very fast"),
        (HOSTILE, "because the weather was bad"),
        (HANOI, "Kim Jong-un fell ill before the talks"),
        (GLIDE, "it is made of stealth material"),
    ],
)
def test_wrong_reasons_are_wrong_even_with_embeddings(expected, given, embedder):
    assert grade_paraphrase(expected, given, _cosine(embedder)) is False


def _cosine(embedder):
    def sim(a, b):
        x, y = np.array(embedder.embed_query(a)), np.array(embedder.embed_query(b))
        return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))

    return sim


def test_embeddings_accept_a_paraphrase_that_shares_few_words(embedder):
    given = "the Americans rejected the North Korean demand for an end to all sanctions"
    assert grade_paraphrase(HANOI, given) is False  # too few of the brief's own words
    assert grade_paraphrase(HANOI, given, _cosine(embedder)) is True


def _q(kind, answer):
    return Question("q-1", "b", "b:1", kind, "cloze", "…", answer, 0, len(answer))


def test_grade_dispatches_by_kind_and_quotes_the_brief():
    right = grade(_q("number", "10,400"), "10400")
    assert right.correct and right.expected == "10,400" and "10,400" in right.feedback
    wrong = grade(_q("actor", "Trump"), "Obama")
    assert not wrong.correct and "Trump" in wrong.feedback
    empty = grade(_q("date", "2017"), "   ")
    assert not empty.correct and "No answer" in empty.feedback


def test_every_generated_question_accepts_its_own_answer_and_rejects_nonsense(bundled_brief):
    from bot.quiz.generate import generate_questions

    for q in generate_questions(bundled_brief):
        assert grade(q, q.answer).correct, q
        assert not grade(q, "zebra").correct, q
