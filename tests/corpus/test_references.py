from __future__ import annotations

import pytest

from corpus.markers import resolve_marker
from corpus.references import parse_reference, parse_source_line
from corpus.text.dates import parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("April 29, 2022", "2022-04-29"),
        ("March 05, 2022", "2022-03-05"),
        ("June 8, 2020", "2020-06-08"),
        ("April 2022", "2022-04"),
        ("29 April 2022", "2022-04-29"),
        ("2021-12-21", "2021-12-21"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("2019", "2019"),
        ("Not a date", None),
        ("Smarch 5, 2020", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_reference_with_markdown_publisher_and_trailing_period() -> None:
    ref = parse_reference(
        '"North Korea Fires Ballistic Missile ahead of S Korea Election," *Al-Jazeera*, March 05, 2022, '
        "<https://www.aljazeera.com/news/2022/3/5/x>."
    )
    assert ref.title == "North Korea Fires Ballistic Missile ahead of S Korea Election"
    assert ref.publisher == "Al-Jazeera"
    assert ref.date == "2022-03-05"
    assert ref.url == "https://www.aljazeera.com/news/2022/3/5/x"


def test_reference_title_ending_in_question_mark_without_comma() -> None:
    ref = parse_reference('"Can Biden Avert a Crisis?" *The New York Times*, January 27, 2022, <https://nyt.example/x>')
    assert ref.title == "Can Biden Avert a Crisis?"
    assert ref.publisher == "The New York Times"


def test_reference_keeps_inner_single_quotes() -> None:
    ref = parse_reference(
        "“N Korea Confirms Test of ‘New Type’ Missile,” *Al-Jazeera*, October 20, 2021, <https://a.example>"
    )
    assert ref.title == "N Korea Confirms Test of ‘New Type’ Missile"


def test_reference_without_url_or_date_has_none_fields() -> None:
    ref = parse_reference('"Just a Title," Some Publisher')
    assert ref.title == "Just a Title"
    assert ref.publisher == "Some Publisher"
    assert ref.url is None and ref.date is None


def test_bare_url_is_found() -> None:
    ref = parse_reference('"T," P, May 2020, https://example.org/a.')
    assert ref.url == "https://example.org/a"


def test_sources_line_with_two_entries() -> None:
    refs = parse_source_line(
        "Sources: “A Title,” IISS, February 17, 2022, <https://iiss.example/a> and "
        "“B Title,” One Earth Future, February 01, 2022, <https://oef.example/b>"
    )
    assert [(r.title, r.publisher, r.date) for r in refs] == [
        ("A Title", "IISS", "2022-02-17"),
        ("B Title", "One Earth Future", "2022-02-01"),
    ]


@pytest.mark.parametrize(
    ("digits", "defined", "last", "expected"),
    [
        ("23", {1, 2, 3}, 1, (2, 3)),
        ("10", set(range(1, 19)), 9, (10,)),
        ("12", set(range(1, 19)), 11, (12,)),
        ("18", set(range(1, 19)), 17, (18,)),
        ("23", set(range(1, 30)), 22, (23,)),
        ("7", {7}, 0, (7,)),
    ],
)
def test_resolve_marker(digits: str, defined: set[int], last: int, expected: tuple[int, ...]) -> None:
    assert resolve_marker(digits, defined, last) == expected
