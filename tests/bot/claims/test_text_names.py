"""Claim tokens: a capitalised name spelled like a verb form keeps its own stem, on more than one topic."""

from __future__ import annotations

from bot.claims.text.tokens import tokens


def _stem_of(text: str, word: str) -> str:
    return next(t.stem for t in tokens(text) if t.text == word)


def test_a_name_in_mid_sentence_keeps_its_form():
    assert _stem_of("The mural was painted by Drew Hale.", "Drew") != "draw"


def test_a_name_opening_a_claim_matches_the_same_name_in_the_text():
    assert _stem_of("Drew Hale painted the mural.", "Drew") == _stem_of("It was painted by Drew Hale.", "Drew")


def test_the_past_tense_is_still_folded():
    assert _stem_of("The architect drew the plans.", "drew") == "draw"


def test_a_botanist_named_rose_is_not_rising():
    assert _stem_of("The survey was led by Rose Alder.", "Rose") != _stem_of("Sea levels rose again.", "rose")
