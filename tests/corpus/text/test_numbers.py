"""The one table of number words."""

from corpus.text.numbers import COUNTING_WORDS, ONES, SCALES, TENS, WORD_NUMBERS


def test_ones_run_from_zero_to_nineteen_in_order() -> None:
    assert list(ONES.values()) == list(range(20))
    assert ONES["seventeen"] == 17


def test_tens_and_scales_have_their_values() -> None:
    assert TENS["forty"] == 40
    assert SCALES["million"] == 1_000_000


def test_word_numbers_hold_every_word_that_is_one_number() -> None:
    assert WORD_NUMBERS["ninety"] == 90
    assert WORD_NUMBERS["hundred"] == 100
    assert WORD_NUMBERS["dozen"] == 12
    assert "thousand" not in WORD_NUMBERS  # a scale multiplies; it is not a count by itself
    assert set(COUNTING_WORDS) <= set(WORD_NUMBERS)
