"""Exclusive classes ("short-range" or "intermediate-range", "ballistic" or "cruise") tied to the thing named in
the same sentence (pure)."""

from __future__ import annotations

import pytest

from bot.check_attributes import attributes, check_attributes, spell_out

ROW = "Date: May 2, 2021; Missile tested: Falcon-3; Missile type: Short range ballistic missile; Number tested: 1"
PAIR = "The agency tested the Falcon-9, a long-range cruise missile. It also fired two short-range rockets."


@pytest.mark.parametrize(
    ("claim", "names", "evidence", "status"),
    [
        ("The Falcon-3 is a short-range ballistic missile.", ["Falcon-3"], ROW, "confirmed"),
        ("The Falcon-3 is an SRBM.", ["Falcon-3"], ROW, "confirmed"),
        ("The Falcon-3 is an intermediate-range ballistic missile.", ["Falcon-3"], ROW, "opposed"),
        ("The Falcon-3 is a cruise missile.", ["Falcon-3"], ROW, "opposed"),
        ("The Falcon-9 is a long-range cruise missile.", ["Falcon-9"], PAIR, "confirmed"),
        # the next sentence's "short-range" is about something else: it neither supports nor contradicts
        ("The Falcon-9 is a short-range rocket.", ["Falcon-9"], PAIR, "opposed"),
        ("The Falcon-9 is powered by solid fuel.", ["Falcon-9"], PAIR, "silent"),
        ("The Falcon-9 is a missile.", ["Falcon-9"], PAIR, "silent"),
    ],
)
def test_a_class_is_checked_against_the_same_things_sentence(claim, names, evidence, status):
    assert check_attributes(claim, names, evidence).status == status


def test_a_class_given_only_to_something_else_is_elsewhere():
    evidence = "The agency tested the Falcon-9 in May. It also fired two short-range rockets."
    found = check_attributes("The Falcon-9 is a short-range rocket.", ["Falcon-9"], evidence)
    assert found.status == "elsewhere"


def test_the_difference_names_both_classes():
    found = check_attributes("The Falcon-3 is an intermediate-range ballistic missile.", ["Falcon-3"], ROW)
    assert found.difference == "short-range, not intermediate-range"


def test_acronyms_are_spelled_out_in_place():
    assert spell_out("two ICBMs and an SLBM") == (
        "two intercontinental ballistic missiles and an submarine-launched ballistic missile"
    )
    assert [(a.scale, a.value) for a in attributes(spell_out("an ICBM"))] == [
        ("range", "intercontinental"),
        ("flight", "ballistic"),
    ]
