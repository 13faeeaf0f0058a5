"""Whole checks on two small essays of different topics: the author's "I", definite back-references, a paragraph
opening on "She", accents, suppositions and contrasts, through retrieval, comparison and citation."""

from __future__ import annotations

import pytest

from bot.claims.check import check_claim
from corpus.loader import parse_bytes

GARDENS = """---
title: Notes on town gardens
author: Maria Kowalski
---

# Notes on town gardens

I argue that allotments make neighbourhoods safer.

The Riverside Allotment Society was founded in 1921. The society rented plots to 40 families in its first year.

Suppose every street had a garden of its own. Crime would fall by half.

Vegetables were more common among older gardeners than younger ones.
"""

ARCHIVE = """---
title: An archive and its keeper
author: Tomás Berg
---

# An archive and its keeper

Elena Vasquez catalogued the archive at Göttingen for thirty years.

She would walk to the reading room every morning before dawn.

My own visits began in 2004, when I first read her catalogue.
"""


def _engine(make_engine, text: str, name: str):
    engine = make_engine()
    engine.ingest(parse_bytes(text.encode(), name))
    return engine


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("Maria Kowalski argues that allotments make neighbourhoods safer.", "supported"),
        ("The Riverside Allotment Society rented plots to 40 families in its first year.", "supported"),
        ("The Riverside Allotment Society rented plots to 60 families in its first year.", "contradicted"),
        ("Crime fell by half.", "not_found"),
        ("Vegetables were more common among younger gardeners than older ones.", "contradicted"),
    ],
)
def test_checks_on_an_essay_about_gardens(make_engine, claim, verdict):
    result = check_claim(_engine(make_engine, GARDENS, "gardens.md"), claim)
    assert result.verdict == verdict, result.explanation


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("Elena Vasquez catalogued the archive at Gottingen.", "supported"),
        ("Elena Vasquez walked to the reading room every morning.", "supported"),
        ("Tomas Berg first read the catalogue in 2004.", "supported"),
        ("Tomás Berg first read the catalogue in 2009.", "contradicted"),
    ],
)
def test_checks_on_an_essay_about_an_archive(make_engine, claim, verdict):
    result = check_claim(_engine(make_engine, ARCHIVE, "archive.md"), claim)
    assert result.verdict == verdict, result.explanation
    for c in result.citations:
        assert c.verified
