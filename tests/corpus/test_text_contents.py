"""A plain-text contents list without page numbers: its entries are the book's own headings, set again later."""

from __future__ import annotations

from collections.abc import Callable

from corpus.models import Brief
from corpus.text_contents import heading_contents

Parse = Callable[[str], Brief]

BOOK = """A Course of Lectures

CONTENTS.

LECTURE I.

THE FLAME--ITS SOURCES--STRUCTURE

LECTURE II.

AIR AND WATER--THE PRODUCTS OF THE FLAME--HEAT--LIGHT--ITS PARTS AND ITS MOBILITY

NOTES.

THE COURSE OF LECTURES

LECTURE I.

THE FLAME--ITS SOURCES--STRUCTURE.

A flame needs air to burn, and it burns brightest where the air reaches it.

LECTURE II.

AIR AND WATER--THE PRODUCTS OF THE FLAME--HEAT--LIGHT--ITS PARTS
AND ITS MOBILITY.

Water is one of the products of the flame.

NOTES.

The lectures were given to a young audience.
"""


def test_contents_entries_that_are_later_headings_are_not_passages(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(BOOK)
    headings = [p.text for p in brief.passages if p.kind == "heading"]
    assert "CONTENTS." not in headings
    assert headings.count("LECTURE I.") == 1 and headings.count("LECTURE II.") == 1
    assert headings.count("NOTES.") == 1
    # the book's own first heading, set once after the list, stays
    assert "THE COURSE OF LECTURES" in headings
    assert any(p.text.startswith("A flame needs air") for p in brief.passages)


def test_capitals_blocks_that_never_come_back_are_no_contents() -> None:
    blocks = [["CONTENTS"], ["PART ONE"], ["PART TWO"], ["Some prose follows here."]]
    assert heading_contents(blocks) == set()


def test_a_heading_named_contents_over_prose_stays() -> None:
    blocks = [["CONTENTS"], ["The contents of the box were sorted."], ["PART ONE"], ["PART ONE"]]
    assert heading_contents(blocks) == set()
