"""A claim naming every member of an evidence list is not about a missing member; a "since" date is compared with
the evidence's "since" date; a place's adjective ("North Korean") names the place. Each claim is its own case, on
more than one topic."""

from __future__ import annotations

import pytest

from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.evidence import Evidence
from bot.claims.lists import unlisted_member
from bot.claims.text.entities import Entity, canonical, mentions

SIM = 0.7


def _outcome(claim: str, evidence: str, context: str = "") -> str:
    return compare(Claim.parse(claim), Evidence(evidence, context), SIM).outcome


# ----- example lists ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "missing", "evidence"),
    [
        (
            "The new engine featured direct injection and variable valve timing.",
            ["featur"],
            "The maker said the new engine has advanced technology including direct injection and variable valve "
            "timing.",
        ),
        (
            "The updated library offered caching and retries.",
            ["offer", "updat"],
            "The release notes say the library has features such as caching and retries.",
        ),
    ],
)
def test_a_claim_naming_every_listed_member_adds_none(claim, missing, evidence):
    assert unlisted_member(claim, missing, evidence) is None


@pytest.mark.parametrize(
    ("claim", "missing", "evidence", "member"),
    [
        (
            "Mean, median, variance and mode are functions.",
            ["mode"],
            "functions such as mean, median and variance",
            "mode",
        ),
        (
            "Oak, ash, elm and birch trees grow in the park.",
            ["birch"],
            "The park has trees such as oak, ash and elm.",
            "birch",
        ),
    ],
)
def test_a_member_joined_to_the_listed_ones_is_still_missing(claim, missing, evidence, member):
    assert unlisted_member(claim, missing, evidence) == member


# ----- "since" dates -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "In 2021 the navy launched a new frigate, its first since 2019.",
            "In 2021, the navy launched a new frigate, which was the first launch since 2019.",
            "supported",
        ),
        (
            "In 2015 the band released an album, its first since 2009.",
            "In 2015, the band released an album, which was the first release since 2009.",
            "supported",
        ),
        (
            "In 2015 the band released an album, its first since 2011.",
            "In 2015, the band released an album, which was the first release since 2009.",
            "contradicted",
        ),
    ],
)
def test_a_since_date_is_compared_with_the_since_date(claim, evidence, outcome):
    assert _outcome(claim, evidence) == outcome


# ----- place adjectives --------------------------------------------------------------------------------------------
def _entity(text: str) -> Entity:
    return Entity(text, 0, len(text), canonical(text))


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("North Korean", {"north korea"}),
        ("West Virginian", {"west virginia"}),
        ("New Mexican", {"new mexico"}),
        ("North Korea", {"north korean"}),
    ],
)
def test_a_place_and_its_adjective_name_each_other(name, keys):
    assert mentions(_entity(name), keys, " ".join(keys))


@pytest.mark.parametrize(
    ("name", "keys"), [("Julian", {"julia"}), ("North Korean", {"south korea"}), ("Ada Park", {"ada parker"})]
)
def test_other_names_are_not_place_adjectives(name, keys):
    assert not mentions(_entity(name), keys, " ".join(keys))


@pytest.mark.parametrize(
    ("claim", "context", "evidence"),
    [
        (
            "One North Korean missile test flew about 270 km.",
            "North Korea has been testing missiles since 2017.",
            "Another test was a missile test that had flown around 270 km.",
        ),
        (
            "A West Virginian research team walked about 400 km.",
            "West Virginia sent its research team south in 2019.",
            "The research team walked around 400 km to the coast.",
        ),
    ],
)
def test_a_claim_naming_the_place_by_its_adjective_is_supported(claim, context, evidence):
    assert _outcome(claim, evidence, context) == "supported"
