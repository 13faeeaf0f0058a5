"""Plain-text notes marked with numbers in braces ("…of London, {3} “On the…”" in the body, "{3}  Transactions…"
opening a line of the notes), a transcribers' convention for books whose notes are labelled by page."""

from __future__ import annotations

from collections.abc import Callable

from corpus.models import Brief
from corpus.text_notes import braces_as_brackets
from tests.corpus.conftest import sentence_starting

Parse = Callable[[str], Brief]

ORCHARD = """The Keeping of Old Orchards

A short account of the grafting was read before the county society, {3}
and it was later printed with plates.

The trees planted after the frost of that winter {7} bore within six years,
while the older stock failed.

FOOTNOTES:

{3}  Proceedings of the County Society, vol. ii. p. 41.

{7}  The frost is described in the parish register.
"""


def test_brace_marked_notes_keep_their_numbers_and_cite_their_sentences(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(ORCHARD)
    assert [f.number for f in brief.footnotes] == [3, 7]
    assert brief.footnotes[0].raw.startswith("Proceedings of the County Society")
    grafting = sentence_starting(brief, "A short account of the grafting")
    assert grafting.footnotes == (3,)
    assert "{3}" not in grafting.text
    assert sentence_starting(brief, "The trees planted after the frost").footnotes == (7,)


def test_braces_that_open_no_note_line_stay_text() -> None:
    text = "Set the value to {3} and the next to {4}.\n\nThe template reads {name} here.\n"
    assert braces_as_brackets(text) == text


def test_a_single_brace_note_is_not_enough_to_read_braces_as_marks() -> None:
    text = "The cellar flooded once {2} in spring.\n\n{2}  The parish register.\n"
    assert braces_as_brackets(text) == text


def test_braces_are_left_alone_when_bracketed_numbers_already_mark_notes() -> None:
    text = "One {1} and two {2}, then [1] again.\n\n{1}  First.\n\n{2}  Second.\n"
    assert braces_as_brackets(text) == text
