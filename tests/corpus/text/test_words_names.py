"""A capitalised word inside a sentence is a name and keeps its own form; the same word as a verb is folded."""

from __future__ import annotations

import pytest

from corpus.text.words import is_name_form, stem


@pytest.mark.parametrize(
    ("word", "before", "after"),
    [
        ("Drew", "The portrait was painted by ", " in"),
        ("Rose", "The letter was sent to ", " in"),
        ("Drew", "", " Hale"),  # opening a sentence, but a surname follows
        ("Wade", "a claim against ", "."),
    ],
)
def test_a_capitalised_word_inside_a_sentence_is_a_name(word, before, after):
    assert is_name_form(word, before, after)


@pytest.mark.parametrize(
    ("word", "before", "after"),
    [
        ("Found", "", " in"),  # "Found in 1990, the ..." opens a sentence
        ("Built", "The old mill closed. ", " by"),
        ("Drew", 'He said: "', " the"),
        ("drew", "She ", " the"),
        ("DREW", "THE PAINTER ", " THE"),
        ("A", "as in ", " list"),
    ],
)
def test_a_sentence_opener_or_lower_case_word_is_no_name(word, before, after):
    assert not is_name_form(word, before, after)


def test_a_verb_form_is_folded_to_its_verb():
    assert stem("drew") == "draw"
    assert stem("rose") == stem("rise")


def test_a_name_keeps_its_own_form():
    assert stem("drew", name=True) != "draw"
    assert stem("rose", name=True) != stem("rise")


def test_a_name_is_still_stemmed_as_a_word():
    assert stem("reopening", name=True) == stem("reopening")
