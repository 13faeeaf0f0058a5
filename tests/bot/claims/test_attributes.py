"""Exclusive classes ("short-range" or "long-range", "bilateral" or "multilateral", "hourly" or "daily" data) tied
to the thing named in the same sentence (pure)."""

from __future__ import annotations

import pytest

from bot.claims.attributes import check_attributes, spell_out

ROW = "Date: May 2, 2021; Vehicle tested: Falcon-3; Vehicle type: Short range glider; Number tested: 1"
PAIR = "The agency tested the Falcon-9, a long-range glider. It also flew two short-range drones."
DATA = "The Global Rain Archive (GRA) provides daily totals for every country since 1950."


@pytest.mark.parametrize(
    ("claim", "names", "evidence", "status"),
    [
        ("The Falcon-3 is a short-range glider.", ["Falcon-3"], ROW, "confirmed"),
        ("The Falcon-3 is a long-range glider.", ["Falcon-3"], ROW, "opposed"),
        ("The Falcon-9 is a long-range glider.", ["Falcon-9"], PAIR, "confirmed"),
        ("The Falcon-9 is a short-range drone.", ["Falcon-9"], PAIR, "opposed"),
        ("The Falcon-9 is powered by solar cells.", ["Falcon-9"], PAIR, "silent"),
        ("The Global Rain Archive provides daily totals.", ["Global Rain Archive"], DATA, "confirmed"),
        ("The Global Rain Archive provides hourly totals.", ["Global Rain Archive"], DATA, "opposed"),
        ("The treaty was a bilateral one.", ["treaty"], "The treaty was multilateral.", "opposed"),
        ("The treaty was a bilateral one.", ["treaty"], "The treaty was bilateral.", "confirmed"),
    ],
)
def test_a_class_is_checked_against_the_same_things_sentence(claim, names, evidence, status):
    assert check_attributes(claim, names, evidence).status == status


def test_a_class_given_only_to_something_else_is_elsewhere():
    evidence = "The agency tested the Falcon-9 in May. It also flew two short-range drones."
    found = check_attributes("The Falcon-9 is a short-range drone.", ["Falcon-9"], evidence)
    assert found.status == "elsewhere"


def test_the_difference_names_both_classes():
    found = check_attributes("The Falcon-3 is a long-range glider.", ["Falcon-3"], ROW)
    assert found.difference == "short-range, not long-range"


def test_the_documents_own_acronyms_are_spelled_out_in_place():
    acronyms = {"gra": "Global Rain Archive"}
    assert spell_out("two GRAs and the GRA", acronyms) == "two Global Rain Archives and the Global Rain Archive"
    assert spell_out("the GRA", {}) == "the GRA"
    found = check_attributes("The GRA provides hourly totals.", ["GRA"], DATA, acronyms)
    assert found.status == "opposed"
