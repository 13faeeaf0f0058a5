"""Plain-text layouts of real books: an e-book's frame (preamble and licence around the text), navigation blocks
(contents, lists of illustrations, an index), headings typed in capitals and list items typed one a line."""

from __future__ import annotations

from collections.abc import Callable

from corpus.ebook import preamble_fields
from corpus.models import Brief
from corpus.navigation import is_entry, is_navigation_heading, navigation_blocks

Parse = Callable[[str], Brief]

PREAMBLE = """The Project Gutenberg EBook of River Crossings, by Ann Reed

This eBook is for the use of anyone anywhere at no cost and with
almost no restrictions whatsoever.  You may copy it, give it away or
re-use it under the terms of the Project Gutenberg License included
with this eBook or online at www.gutenberg.org


Title: River Crossings
       A Survey of the Old Ferries

Author: Ann Reed and Ben Marsh

Release Date: May 1, 2009 [EBook #12345]

Language: English


*** START OF THIS PROJECT GUTENBERG EBOOK RIVER CROSSINGS ***




Produced by a team of volunteers at http://www.pgdp.net





"""

LICENCE = """

End of the Project Gutenberg EBook of River Crossings, by Ann Reed

*** END OF THIS PROJECT GUTENBERG EBOOK RIVER CROSSINGS ***

Updated editions will replace the previous one--the old editions
will be renamed.

Section 1. General Terms of Use and Redistributing Project Gutenberg-tm
electronic works. You may not charge a fee for copies of this eBook.
"""

BOOK = """RIVER CROSSINGS


CONTENTS

CHAP.                                   PAGE

     I. THE FERRIES                        1

    II. THE FORDS                         14

        INDEX                             30


LIST OF ILLUSTRATIONS

  The landing at the narrows ........ 3
  A wagon on the ford ............... 17


CHAPTER I

THE FERRIES

The ferry at the narrows carried wagons until the bridge opened. The old
landing is now a park.

The crossing had three rules:

1. Wagons paid before boarding.
2. Horses were led, not ridden,
   onto the deck.
3. No crossing after dark.

CHAPTER II

THE FORDS

Upstream, a ford served the rest of the year.


INDEX

  Bridge, opening of the, 2, 15-17
  Ferry, 1-13; see also Landing

  Landing, 3, 9
  Narrows, the, 1, 4, 12
"""


def _texts(brief: Brief, kind: str) -> list[str]:
    return [p.text for p in brief.passages if p.kind == kind]


def test_an_ebook_preamble_gives_title_and_authors(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(PREAMBLE + BOOK + LICENCE)
    assert brief.title == "River Crossings"
    assert [a.name for a in brief.authors] == ["Ann Reed", "Ben Marsh"]


def test_no_licence_or_preamble_text_is_a_passage(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(PREAMBLE + BOOK + LICENCE)
    body = [p.text for p in brief.passages if p.kind != "metadata"]
    assert not [t for t in body if "Gutenberg" in t or "Produced by" in t or "Release Date" in t]
    assert body[-1] == "Upstream, a ford served the rest of the year."


def test_contents_illustrations_and_index_are_not_passages(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(PREAMBLE + BOOK + LICENCE)
    body = " ".join(p.text for p in brief.passages if p.kind != "metadata")
    for navigation in ("CONTENTS", "PAGE", "ILLUSTRATIONS", "........", "INDEX", "Bridge, opening", "15-17"):
        assert navigation not in body


def test_capitals_paragraphs_are_headings(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(BOOK)
    assert {"CHAPTER I", "THE FERRIES", "CHAPTER II", "THE FORDS"} <= set(_texts(brief, "heading"))
    assert not [s for s in _texts(brief, "sentence") if s.isupper()]


def test_list_items_are_paragraphs_that_keep_their_numbers(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(BOOK)
    items = [p for p in brief.passages if p.kind == "sentence" and p.text[:2] in ("1.", "2.", "3.")]
    assert [p.text for p in items] == [
        "1. Wagons paid before boarding.",
        "2. Horses were led, not ridden, onto the deck.",
        "3. No crossing after dark.",
    ]
    assert len({p.paragraph for p in items}) == 3


def test_a_plain_text_without_a_frame_keeps_its_first_line_as_title(parse_text_brief: Parse) -> None:
    brief = parse_text_brief("A Survey of River Crossings\n\nThe ferry at the narrows carried wagons.\n")
    assert brief.title == "A Survey of River Crossings"


def test_navigation_entries_by_shape() -> None:
    assert is_entry("III. Church Music ....... 69")
    assert is_entry("Dickens, Charles, 12, 45-7")
    assert is_entry("Alberti Bass, 26, 30, 33 (note), 109.")
    assert is_entry("Fiddle, see Violin")
    assert is_entry("Methods", headings={"methods"})
    assert not is_entry("CHAPTER IV")
    assert not is_entry("The bridge opened in the spring of that year and stayed open for the next 40")


def test_navigation_headings_come_from_the_word_list() -> None:
    assert is_navigation_heading("CONTENTS.")
    assert is_navigation_heading("List of Illustrations")
    assert is_navigation_heading("INDEX OF NAMES")
    assert not is_navigation_heading("The index of prices rose")


def test_a_navigation_heading_over_prose_stays() -> None:
    blocks = [["Contents"], ["The box held letters, a ledger and two maps of the river."], ["More text here."]]
    assert navigation_blocks(blocks) == set()


def test_a_contents_list_ends_at_the_next_heading_of_the_document() -> None:
    blocks = [["Contents"], ["Introduction"], ["Methods"], ["Introduction"], ["The study began in spring."]]
    assert navigation_blocks(blocks, ["Contents", "Introduction", "Methods"], {0, 3}) == {0, 1, 2}


def test_a_preamble_title_wrapped_in_lower_case_goes_on_and_a_capitalised_line_under_it_does_not() -> None:
    wrapped = preamble_fields("Title: The Life and Strange Adventures of a Ferryman, Written\n       by Himself\n\n")
    assert wrapped.title == "The Life and Strange Adventures of a Ferryman, Written by Himself"
    subtitled = preamble_fields("Title: River Crossings\n       Annual Report of the Survey\n\nAuthor: Ann Reed\n")
    assert subtitled.title == "River Crossings"
    assert subtitled.authors == ("Ann Reed",)
