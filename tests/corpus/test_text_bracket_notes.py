"""Plain-text notes marked with bracketed numbers: "[Footnote n: …]" blocks where the typesetter put them (the
convention of transcribed books) and "[n] …" notes lists (the convention of essays)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from corpus.models import Brief
from corpus.text_notes import take_bracket_blocks
from tests.corpus.conftest import sentence_starting

Parse = Callable[[str], Brief]

BOOK = """A Survey of River Crossings

The ferry at the narrows carried wagons until the bridge opened.[1] The
old landing is now a park.

[Footnote 1: The bridge opened in the spring of that year [see the
county record], and the ferry stopped within a month.]

Upstream, a second ferry ran only in summer,[2] and a ford served the
rest of the year.

[Footnote 2: Local accounts differ on the dates.]
"""


def test_footnote_blocks_become_notes_with_their_numbers(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(BOOK)
    assert [f.number for f in brief.footnotes] == [1, 2]
    assert brief.footnotes[0].raw.startswith("The bridge opened in the spring")
    assert brief.footnotes[0].raw.endswith("the ferry stopped within a month.")
    assert not brief.warnings


def test_bracketed_markers_cite_their_notes_and_leave_the_text(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(BOOK)
    first = sentence_starting(brief, "The ferry at the narrows")
    assert first.text == "The ferry at the narrows carried wagons until the bridge opened."
    assert first.footnotes == (1,)
    assert "[1]" not in brief.text and "[Footnote" not in brief.text


def test_a_block_between_two_lines_of_a_paragraph_does_not_split_it(parse_text_brief: Parse) -> None:
    text = "The survey began in May,[1] and it\n[Footnote 1: A wet spring.]\nended in June.\n"
    brief = parse_text_brief("Title Line\n\n" + text)
    assert sentence_starting(brief, "The survey began").text == "The survey began in May, and it ended in June."


def test_nested_brackets_stay_inside_their_block() -> None:
    rest, notes = take_bracket_blocks("Text.[1]\n\n[Footnote 1: See [2] and [the map].]\n\nMore text.\n")
    assert notes == [(1, "See [2] and [the map].")]
    assert "More text." in rest and "Footnote" not in rest


def test_a_notes_list_of_bracketed_numbers_defines_the_notes(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(
        "Two Essays on Bridges\n\nMost bridges outlast their builders.[1] A few do not.[2]\n\n"
        "Notes\n\n[1] Smith, A History of Bridges, 1990, p. 4.\n[2] Ibid., p. 9, on the\ncollapse of the span.\n"
    )
    assert [(f.number, f.raw) for f in brief.footnotes] == [
        (1, "Smith, A History of Bridges, 1990, p. 4."),
        (2, "Ibid., p. 9, on the collapse of the span."),
    ]
    assert sentence_starting(brief, "A few do not").footnotes == (2,)


def test_a_bracketed_number_with_no_note_stays_text(parse_text_brief: Parse) -> None:
    brief = parse_text_brief("Old Records\n\nThe register [1990] lists the names [sic] of the owners.\n")
    assert not brief.footnotes
    assert "[1990]" in brief.text and "[sic]" in brief.text


@pytest.mark.parametrize("after", [":--The", ": the", ";", ",", ".", "--", ")", "!", "?"])
def test_a_bracketed_marker_before_punctuation_is_a_marker(parse_text_brief: Parse, after: str) -> None:
    opening = "(" if after == ")" else ""
    brief = parse_text_brief(
        "A Survey of River Crossings\n\n"
        f"The ferry {opening}ran until the bridge opened[1]{after} rest of the sentence.\n\n"
        "[Footnote 1: The county record of that year.]\n"
    )
    cited = [p for p in brief.passages if p.kind == "sentence" and p.footnotes == (1,)]
    assert cited and "[1]" not in cited[0].text
    assert not brief.warnings


def test_a_spaced_bracketed_number_before_a_colon_is_a_label_not_a_marker(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(
        "A Survey of River Crossings\n\nThe ferry ran until the bridge opened.[1] The landing is a park.\n"
        "See the list [1]: the county record.\n\n[Footnote 1: The county record of that year.]\n"
    )
    assert "[1]: the county record" in sentence_starting(brief, "See the list").text


NOTES_SECTION_BOOK = """A History of the Canal

The canal was cut in three seasons.  [1]  Its first barge carried coal,[2]
and the locks were rebuilt twice.[3]

Tolls paid for the upkeep of the towpath. [4]


Footnotes
---------

1.  County record, vol. 2.

2.  The barge was named for the engineer.

3.  A note whose marker the printer left out.

4.  Toll books survive for the years
after the rebuilding.


CHAPTER I

The first season began in March.
"""


def test_a_numbered_list_under_a_footnotes_heading_defines_the_notes(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(NOTES_SECTION_BOOK)
    assert [f.number for f in brief.footnotes] == [1, 2, 3, 4]
    assert brief.footnotes[3].raw == "Toll books survive for the years after the rebuilding."
    assert not any(p.text.startswith(("1. County", "2. The barge")) for p in brief.passages if p.kind != "footnote")


def test_markers_after_a_typists_two_spaces_cite_the_listed_notes(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(NOTES_SECTION_BOOK)
    assert sentence_starting(brief, "The canal was cut").footnotes == (1,)
    assert sentence_starting(brief, "Tolls paid").footnotes == (4,)
    assert "[4]" not in brief.text


def test_a_numbered_list_under_an_ordinary_heading_stays_text(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(NOTES_SECTION_BOOK.replace("Footnotes\n---------", "Some Steps\n----------"))
    assert brief.footnotes == ()
    assert any(p.text.startswith("1. County record") for p in brief.passages)


def test_a_heading_typed_over_a_rule_is_a_heading(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(NOTES_SECTION_BOOK)
    assert "Footnotes" in [p.text for p in brief.passages if p.kind == "heading"]
    assert not any("---" in p.text for p in brief.passages)


UNNUMBERED = """A Course of Lectures

The gas was named hydrogen, because it generates water.[1] [Footnote: From
the Greek for "water" and "I generate."] Mr. Anderson then filled two jars.

The jars were set on the table.

[Footnote 1: See the second lecture.]
"""


def test_an_unnumbered_footnote_block_is_a_note_numbered_after_the_highest(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(UNNUMBERED)
    assert [f.number for f in brief.footnotes] == [1, 2]
    assert brief.footnotes[1].raw == 'From the Greek for "water" and "I generate."'
    assert sentence_starting(brief, "The gas was named hydrogen").footnotes == (1, 2)
    assert sentence_starting(brief, "Mr. Anderson").text == "Mr. Anderson then filled two jars."
    assert "[Footnote" not in brief.text and "[2]" not in brief.text
    assert not brief.warnings
