"""Evidence that names its subject by looking back: a definite noun taking up a name said just before ("The
museum …" after "Northfield Museum …"), a paragraph opening on "She" after one that named her, and the author's
"I" (from the front matter or a "by NAME" byline). Parsed briefs, no model."""

from __future__ import annotations

import pytest

from bot.claims.context import takes_up, units_for
from bot.claims.profile import document_authors
from corpus.loader import parse_bytes

PLACES = """# Old places

Northfield Museum opened in 1839 in the north of the city. The museum was closed to visitors in 1975.

The Acme Company was founded by two brothers in Ohio. Its first plant made bicycles. The company hired 40
engineers in 1919.

The Grand Canal Bridge was built in stone. A ferry still crosses the river near it.

Ada Lovelace met Charles Babbage at a party in London.

She later wrote the first published program for his engine.

Guglielmo Marconi sent a signal across the Atlantic.

On December 12, 1901, he heard the letter S at a station in Newfoundland.

Harbours grew quickly in the last century.

In the same year, it was the busiest port of the coast.

It was formerly the custom for millers to row their flour to market. The boats were long and narrow. A full crew
would number eight men.

Suppose every street had a garden of its own. Crime would fall by half.
"""

ESSAY = """# Notes on housing

by Jane Marlow

I argue that rent control reduces the supply of housing over time.
"""

FRONT = """---
title: Field notes
author: Tomás Ruiz
---

# Field notes

In my view the harbour was rebuilt too quickly.
"""


@pytest.fixture(scope="module")
def places():
    return parse_bytes(PLACES.encode(), "places.md")


def _passage(brief, start):
    return next(p for p in brief.passages if p.text.startswith(start))


def _context(brief, start) -> str:
    units = units_for(brief, _passage(brief, start))
    return " ".join(p.text for p in units[0].context)


@pytest.mark.parametrize(
    ("sentence", "before", "taken_up"),
    [
        ("The museum was closed in 1975.", "Northfield Museum opened in 1839.", True),
        ("This bridge was rebuilt in 1900.", "The Grand Canal Bridge was built in stone.", True),
        ("The company hired 40 engineers.", "The Acme Company was founded in Ohio.", True),
        ("The river flooded in spring.", "The Acme Company was founded in Ohio.", False),
        ("The museum at Kensal Green closed.", "Northfield Museum opened in 1839.", False),
    ],
)
def test_a_definite_noun_takes_up_a_name_said_before(sentence, before, taken_up):
    assert takes_up(sentence, before) is taken_up


@pytest.mark.parametrize(
    ("start", "named"),
    [
        ("The museum was closed", "Northfield Museum"),
        ("The company hired", "Acme Company"),
        ("She later wrote", "Ada Lovelace"),
        ("On December 12, 1901, he heard", "Guglielmo Marconi"),
    ],
)
def test_a_sentence_that_looks_back_is_read_with_the_name(places, start, named):
    assert named in _context(places, start)


def test_a_sentence_whose_noun_names_nothing_before_stands_alone(places):
    assert _context(places, "A ferry still crosses") == ""


def test_a_paragraph_opening_on_it_after_a_phrase_does_not_lean_on_the_paragraph_before(places):
    assert _context(places, "In the same year, it was") == ""


def test_the_author_comes_from_a_byline_or_the_front_matter():
    assert document_authors(parse_bytes(ESSAY.encode(), "essay.md")) == ["Jane Marlow"]
    assert document_authors(parse_bytes(FRONT.encode(), "front.md")) == ["Tomás Ruiz"]
    assert document_authors(parse_bytes(PLACES.encode(), "places.md")) == []


@pytest.mark.parametrize(
    ("start", "frame"),
    [("A full crew", "formerly the custom"), ("Crime would fall", "Suppose every street")],
)
def test_a_would_sentence_is_read_with_the_custom_or_supposition_before_it(places, start, frame):
    assert frame in _context(places, start)
