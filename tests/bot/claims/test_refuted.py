"""Statements a text reports only to deny (``bot.claims.refuted`` and ``compare.refuted_statement``), on several
topics: folklore about animals, engineering, medicine, history."""

from __future__ import annotations

import re

import pytest

from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.evidence import Evidence
from bot.claims.refuted import refuted_report

SIM = 0.8

OWLS = "A common legend claims that owls can turn their heads all the way round; this has been proven false."
WALL = "It was long a popular belief that the wall is visible from orbit, but the idea was debunked by astronauts."
FEVER = "An old notion held that fevers should be starved; physicians have shown this to be wrong."
SHIP = "Sailors spread the rumour that the ship had sunk with all hands, which later proved untrue."


def _judge(claim: str, evidence: str):
    common = frozenset(re.findall(r"\b[a-z][a-z'-]+", evidence))
    return compare(Claim.parse(claim, common=common), Evidence(evidence, common=common), SIM)


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Owls can turn their heads all the way round.", OWLS),
        ("The wall is visible from orbit.", WALL),
        ("Fevers should be starved.", FEVER),
        ("The ship had sunk with all hands.", SHIP),
    ],
)
def test_a_reported_and_denied_statement_contradicts_the_claim(claim, evidence):
    found = refuted_report(claim, evidence)
    assert found is not None and found.same_polarity
    j = _judge(claim, evidence)
    assert (j.outcome, j.reason) == ("contradicted", "negation"), j


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Owls cannot turn their heads all the way round.", OWLS),
        ("The wall is not visible from orbit.", WALL),
    ],
)
def test_a_claim_that_denies_the_reported_statement_is_not_contradicted(claim, evidence):
    found = refuted_report(claim, evidence)
    assert found is not None and not found.same_polarity
    assert _judge(claim, evidence).outcome != "contradicted"


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # the claim itself calls the statement false: that is what the evidence says
        ("The legend that owls can turn their heads all the way round is false.", OWLS),
        # a report that is not denied
        ("Owls can turn their heads far round.", "Biologists report that owls can turn their heads far round."),
        # a denial word with no reported statement before it
        ("The bridge design was debunked.", "Critics said the bridge design was sound; none of it proved false."),
    ],
)
def test_no_refuted_report(claim, evidence):
    assert refuted_report(claim, evidence) is None
