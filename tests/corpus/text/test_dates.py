"""Month names and patterns, shared by the parser, answer types, claims, the quiz and the audit."""

import re

from corpus.text.dates import CALENDAR_WORDS, MONTH_NAMES, MONTH_PATTERN, MONTHS


def test_month_pattern_reads_full_and_abbreviated_months() -> None:
    pattern = re.compile(rf"{MONTH_PATTERN}\s+\d+")
    for text in ("March 4", "Sept. 12", "Sep 3", "Jan. 2", "May 5"):
        assert pattern.fullmatch(text), text


def test_month_names_are_the_twelve_full_names_only() -> None:
    assert re.fullmatch(MONTH_NAMES, "November")
    assert not re.fullmatch(MONTH_NAMES, "Nov")


def test_calendar_words_are_months_and_weekdays_in_lower_case() -> None:
    assert {"january", "may", "sunday"} <= CALENDAR_WORDS
    assert len(CALENDAR_WORDS) == 19


def test_months_map_names_and_abbreviations_to_numbers() -> None:
    assert MONTHS["sept"] == MONTHS["september"] == 9
