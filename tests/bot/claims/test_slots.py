"""Slot words of a closed class (weekday, month, season, time of day, compass point): another member in the
claim's place contradicts it, another member elsewhere leaves it unsaid, a member inside a name is no slot word."""

from __future__ import annotations

import pytest

from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.evidence import Evidence
from bot.claims.slots import slot_swaps

SIM = 0.7


def _judge(claim: str, evidence: str, context: str = "") -> tuple[str, str]:
    j = compare(Claim.parse(claim), Evidence(evidence, context), SIM)
    return j.outcome, j.reason


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # an eighteenth-century club's meetings
        (
            "The members of the Junto met on Monday evenings.",
            "I had formed most of my ingenious acquaintance into a club of mutual improvement, which was called the "
            "Junto; we met on Friday evenings.",
        ),
        # a museum's opening hours
        ("The Northfield Museum opens on Sunday mornings.", "The Northfield Museum opens on Saturday mornings."),
        # a river town's position
        ("The mill stood north of the river Avon.", "The mill stood south of the river Avon."),
        # a harvest in a farming report
        ("The farmers of Kent harvest the hops in the summer.", "The farmers of Kent harvest the hops in the autumn."),
    ],
)
def test_another_member_in_the_claims_place_contradicts(claim, evidence):
    assert _judge(claim, evidence) == ("contradicted", "slot")


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The members of the Junto met on Friday evenings.", "The Junto; we met on Friday evenings."),
        ("The Northfield Museum opens on Saturday mornings.", "The Northfield Museum opens on Saturday mornings."),
    ],
)
def test_the_same_member_is_no_swap(claim, evidence):
    assert slot_swaps(claim, evidence) == []
    assert _judge(claim, evidence)[0] == "supported"


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("North Korea objected to the exercises.", "South Korea objected to the exercises."),  # names, not slots
        ("They march in the winter.", "In March they rested."),  # "march" the verb is no month
    ],
)
def test_names_and_other_senses_are_no_slot_words(claim, evidence):
    assert not any(s.aligned for s in slot_swaps(claim, evidence))


def test_a_member_elsewhere_in_the_evidence_never_supports():
    claim = "The committee of the Guild met on Monday evenings in the town hall."
    evidence = "On Friday the committee of the Guild met in the town hall, as it did every evening."
    assert _judge(claim, evidence)[0] != "supported"


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # an agency's verdict on an election, quoted
        (
            "The agency called the 2020 election the most vulnerable in American history.",
            "A statement by the agency characterized the 2020 election as the most secure in American history.",
        ),
        # a regional study
        ("Lyon was the least affected region in the study.", "Lyon was the least populated region in the study."),
    ],
)
def test_another_word_graded_in_the_claims_place_contradicts(claim, evidence):
    assert _judge(claim, evidence) == ("contradicted", "slot")


def test_the_other_end_of_the_same_scale_contradicts():
    claim = "The survey found cost was the least important factor for buyers."
    evidence = "The survey found cost was the most important factor for buyers."
    assert _judge(claim, evidence) == ("contradicted", "comparative")


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "When it opened, the Tay Bridge was the longest bridge in the world.",
            "When it opened, the Tay Bridge was the longest bridge in the world.",
        ),
        (
            "It is the most expensive bridge in the region.",
            "It is the most famous bridge in the region, and the most expensive to maintain.",
        ),
    ],
)
def test_the_same_graded_word_is_no_swap(claim, evidence):
    assert not [s for s in slot_swaps(claim, evidence) if s.aligned and s.claimed != s.found and "most" in claim]
