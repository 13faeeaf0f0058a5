"""Retrieval tokens: a name spelled like a verb form ("Drew", "Rose") is not folded into the verb."""

from __future__ import annotations

from index.lexical import tokenize


def test_a_name_inside_a_sentence_is_not_a_verb():
    assert "draw" not in tokenize("The portrait was painted by Drew Hale in 1921.")


def test_a_name_opening_a_sentence_before_a_surname_is_not_a_verb():
    assert "draw" not in tokenize("Drew Hale painted the portrait in 1921.")


def test_the_verb_form_is_still_folded():
    assert "draw" in tokenize("The architect drew the plans in 1921.")


def test_a_capitalised_verb_opening_a_sentence_is_still_folded():
    assert "draw" in tokenize("Drew the line at the river.")


def test_a_name_in_the_question_meets_the_name_in_the_text():
    question = set(tokenize("Who painted the portrait of Rose Alder?"))
    text = set(tokenize("The portrait of Rose Alder hangs in the town hall."))
    assert "rose" in question & text
    assert "rise" not in question


def test_prices_rose_still_meets_rise():
    assert set(tokenize("Prices rose sharply in May.")) & set(tokenize("Why did prices rise?")) >= {"rise"}


def test_hyphenated_and_numeric_tokens_are_unchanged():
    assert tokenize("The long-range plan cost 1,200 dollars.") == [
        "long-range",
        "long",
        "rang",
        "plan",
        "cost",
        "1200",
        "dollar",
    ]
