"""Example lists (``bot.claims.lists``): a member the evidence's list does not name is not supported by it, even a
one-member list, and a list whose members carry asides ("fraud (forgery), theft …"). Several topics."""

from __future__ import annotations

import pytest

from bot.claims.lists import unlisted_member

CRIMES = (
    "He went on to commit new crimes in March and May 2003, including possession of a controlled substance "
    "(cocaine), conspiracy to commit a felony (armed robbery) and concealing stolen property."
)
FACTORS = "Health can be shaped by biological factors, including genes, and environmental factors, including diet."
TOOLS = "The kit ships with tools such as a saw, a drill (cordless) and a level."


@pytest.mark.parametrize(
    ("claim", "lacking", "evidence", "member"),
    [
        ("His 2003 crimes included burglary.", ["burglari"], CRIMES, "burglari"),
        ("Environmental factors include air pollution.", ["air", "pollut"], FACTORS, "air"),
        ("The kit's tools include a hammer.", ["hammer"], TOOLS, "hammer"),
    ],
)
def test_a_member_the_list_does_not_name(claim, lacking, evidence, member):
    assert unlisted_member(claim, lacking, evidence) == member


@pytest.mark.parametrize(
    ("claim", "lacking", "evidence"),
    [
        ("His 2003 crimes included concealing stolen property.", [], CRIMES),
        ("Environmental factors include diet.", [], FACTORS),
        ("The kit's tools include a drill.", [], TOOLS),
        # the claim's kind is not the one the evidence lists
        ("His appeals included a habeas petition.", ["habea"], CRIMES),
    ],
)
def test_a_member_the_list_names_or_another_kind(claim, lacking, evidence):
    assert unlisted_member(claim, lacking, evidence) is None


def test_a_past_tense_introducer_is_read():
    """ "included" opens a list as "includes" does (the introducers come from the data file)."""
    assert unlisted_member("The menu included soup.", ["soup"], "The menu includes bread, cheese and fruit.") == "soup"
