"""Claims about a brief itself (author, editor, date, publisher, title) decided from its front matter (pure)."""

from __future__ import annotations

import pytest

from bot.claims.meta import about_document, check_document_claim
from bot.claims.profile import brief_profile, front_matter_units
from corpus.loader import parse_bytes

BRIEF = parse_bytes(
    b"""WATER SECURITY IN THE NILE BASIN

By
Amara Okafor
Research Fellow

Centre for River Studies, CRS

Edited by
Lukas Brandt

June 12, 2021

(Views expressed in the brief are those of the author, and do not represent those of CRS)

Ethiopia began filling the dam on the Nile in July 2020. Egypt considers the dam a threat to its water supply.
""",
    "nile.txt",
)


@pytest.mark.parametrize(
    ("claim", "verdict", "named"),
    [
        ("Amara Okafor wrote the brief.", "supported", None),
        ("The brief was authored by Okafor.", "supported", None),
        ("Lukas Brandt is the author of the brief.", "contradicted", "Amara Okafor"),
        ("The report was written by Peter Smith.", "contradicted", "Amara Okafor"),
        ("Lukas Brandt edited the brief.", "supported", None),
        ("Amara Okafor edited the brief.", "contradicted", "Lukas Brandt"),
        ("The brief was published on 12 June 2021.", "supported", None),
        ("The brief was released in June 2021.", "supported", None),
        ("The brief was published in 2022.", "contradicted", "June 12, 2021"),
        ("The brief is dated July 12, 2021.", "contradicted", "June 12, 2021"),
        ("The brief was published by CRS.", "supported", None),
        ("The brief was published by the Centre for River Studies.", "supported", None),
        ("The brief was published by the Brookings Institution.", "contradicted", "Centre for River Studies"),
        ("The author of the brief is a research fellow.", "supported", None),
        ("The brief was written by an intern.", "contradicted", "Research Fellow"),
    ],
)
def test_front_matter_roles_dates_and_publishers(claim, verdict, named):
    found = check_document_claim(claim, [BRIEF])
    assert found is not None
    assert found.verdict == verdict
    assert found.passages, "a front-matter verdict quotes the front matter"
    for p in found.passages:
        assert BRIEF.text[p.start : p.end] == p.text
    if named:
        assert named in found.difference


@pytest.mark.parametrize(
    "claim",
    [
        "Ethiopia began filling the dam in July 2020.",  # about the body, not the document
        "The brief says Egypt considers the dam a threat.",  # more than the front matter
        "Trump wrote a letter to Kim Jong-un.",  # a writer, but not of the brief
        "The brief, written by Amara Okafor, says Egypt welcomes the dam.",
    ],
)
def test_claims_about_the_body_are_left_to_the_comparison(claim):
    assert check_document_claim(claim, [BRIEF]) is None


def test_a_named_author_makes_a_claim_about_the_document():
    assert about_document("Amara Okafor is a research fellow.", [BRIEF])
    assert not about_document("Egypt considers the dam a threat.", [BRIEF])


def test_the_title_and_disclaimer_are_compared_as_sentences_but_quoted_verbatim():
    units = {u.focal[0].label: u for u in front_matter_units(BRIEF)}
    assert units["title"].statement == "The brief is about the water security in the Nile basin."
    assert units["title"].text == "WATER SECURITY IN THE NILE BASIN"
    assert "do not represent those of CRS" in units["disclaimer"].statement


@pytest.mark.parametrize(
    ("source", "name", "inside"),
    [
        (
            b"# Rainfall Gauges Annual Report\n\n## Northern Rainfall Lab\n\nWe calibrated the gauges in May.[^1]\n\n"
            b"## Methods\n\nThe network grew to 40 stations.\n\n[^1]: Lab notes, 2021.\n",
            "northern rainfall lab",
            "methods",
        ),
        (
            b"# Court of Appeals\n\n## First Circuit\n\nWe affirm the judgment.[^1]\n\n## Discussion\n\n"
            b"The appeal was timely.\n\n[^1]: See the record.\n",
            "first circuit",
            "discussion",
        ),
    ],
)
def test_the_masthead_is_the_title_and_the_headings_above_the_first_sentence(source, name, inside):
    voice = brief_profile(parse_bytes(source, "doc.md")).voice
    assert name in voice
    assert inside not in voice  # a heading inside the body is not the document's name
