"""Spaces a PDF lost after punctuation are put back; numbers, addresses and initials keep theirs."""

from __future__ import annotations

import pytest

from corpus.formats.pdf_text import spaced


@pytest.mark.parametrize(
    ("glued", "text"),
    [
        ("On December 17,1903, the mill opened.", "On December 17, 1903, the mill opened."),
        ("By 1935,there were forty mills.", "By 1935, there were forty mills."),
        ("After Christmas,1933,four looms stopped.", "After Christmas, 1933, four looms stopped."),
        ("In 1936,Acme hired the mill's manager.", "In 1936, Acme hired the mill's manager."),
        ("In 1936,RCA hired the mill's manager.", "In 1936, RCA hired the mill's manager."),
        ("Mills across the United States,but few in towns.", "Mills across the United States, but few in towns."),
        (
            "The looms stopped (the weavers left),the owners sold.",
            "The looms stopped (the weavers left), the owners sold.",
        ),
        ("It was “the end of the trade.”But it went on.", "It was “the end of the trade.” But it went on."),
    ],
)
def test_a_lost_space_after_punctuation_is_put_back(glued: str, text: str) -> None:
    assert spaced(glued) == text


@pytest.mark.parametrize(
    "text",
    [
        "The fee was 1,903 dollars and 12,500,000 in all.",
        "See https://example.org/a,b and e.g.,the U.S.Code.",
        "Wages rose 3.5 percent in 1911.",
    ],
)
def test_numbers_addresses_and_initials_keep_their_form(text: str) -> None:
    assert spaced(text) == text


def test_a_capitalised_word_glued_after_a_stop_is_spaced_only_before_a_function_word() -> None:
    assert spaced("They came to America.But the ships were late.") == "They came to America. But the ships were late."
    assert spaced("See Example.Org for the list.") == "See Example.Org for the list."
