"""Quantities written in everyday ways: someone's age ("at the age of twenty-eight", "died at 89"), years of an
era ("from 514 to 496 B.C."), a number whose noun is left unsaid ("instead of just one"); two figures of one
claim each checked in the claim's order, and a year inside the claim's period that decides nothing."""

from __future__ import annotations

import pytest

from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.evidence import Evidence
from bot.claims.numbers.extract import extract_quantities

SIM = 0.7


def _outcome(claim: str, evidence: str, context: str = "", **kw: object) -> str:
    return compare(Claim.parse(claim), Evidence(evidence, context, **kw), SIM).outcome  # type: ignore[arg-type]


# ----- ages ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Audubon came to the United States at the age of twenty-eight.", [28.0]),
        ("At the age of eighteen, the son of a French sea captain came to the United States.", [18.0]),
        ("The composer, aged 35, left Vienna.", [35.0]),
        ("A 40-year-old engineer designed the bridge.", [40.0]),
        ("they died, he at 89, and she at 85 years of age.", [89.0, 85.0]),
        ("Her father died at 89 and her mother at 85.", [89.0, 85.0]),  # the verb said once for both
    ],
)
def test_ages_are_read_in_their_usual_forms(text, ages):
    assert [q.low for q in extract_quantities(text) if q.unit == "age"] == ages


@pytest.mark.parametrize("text", ["The meeting at 10 and the other at 12.", "They met at 9, and left.", "a 5 km run"])
def test_other_numbers_are_no_ages(text):
    assert not any(q.unit == "age" for q in extract_quantities(text))


EIGHTEEN = (
    "At the age of eighteen, the son of a French sea captain, John James Audubon came to United States because of "
    "the war that broke out between France and England."
)
PARENTS = (
    "I never knew either my father or mother to have any sickness but that of which they died, he at 89, and she at "
    "85 years of age."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        ("Audubon came to the United States at the age of twenty-eight.", EIGHTEEN, "contradicted"),
        ("Audubon came to the United States at the age of eighteen.", EIGHTEEN, "supported"),
        ("The author's father died at 89 and his mother at 85.", PARENTS, "supported"),
        ("The author's father died at 85 and his mother at 89.", PARENTS, "contradicted"),  # the other way round
        ("The author's father died at 90 and his mother at 85.", PARENTS, "contradicted"),
        ("The engineer Ada Park retired at 61.", "The engineer Ada Park retired at 65.", "contradicted"),
    ],
)
def test_an_age_is_compared_with_the_age_the_brief_gives(claim, evidence, outcome):
    assert _outcome(claim, evidence) == outcome


# ----- years of an era and periods -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Ho Lu ruled from 514 to 496 B.C.", [-514, -496]),
        ("The temple was finished in 432 BC.", [-432]),
        ("The abbey was founded in A.D. 1066.", [1066]),
        ("Augustus died in 14 A.D. at Nola.", [14]),
    ],
)
def test_years_of_an_era_are_dates(text, years):
    assert [q.date[0] for q in extract_quantities(text) if q.is_date and q.date] == years


def test_an_acronym_ad_is_no_era():
    assert not any(q.is_date for q in extract_quantities("This proposed AD would require new software."))


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        ("Ho Lu ruled from 514 to 496 B.C.", "Ho Lu reigned from 514 to 496 B.C.", "supported"),
        ("Ho Lu ruled from 514 to 490 B.C.", "Ho Lu reigned from 514 to 496 B.C.", "contradicted"),
        ("The Berg government ruled from 1990 to 1998.", "The Berg government ruled from 1990 to 1998.", "supported"),
    ],
)
def test_both_ends_of_a_period_are_checked(claim, evidence, outcome):
    assert _outcome(claim, evidence) == outcome


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "Ho Lu ruled from 514 to 496 B.C.",
            "In the third year of his reign [512 B.C.] Ho Lu, king of Wu, took the field and attacked Ch`u.",
        ),
        (
            "The Berg government ruled Ostland from 1990 to 1998.",
            "In 1994, in the middle of its rule, the Berg government of Ostland raised taxes.",
        ),
    ],
)
def test_a_year_inside_the_claims_period_is_no_contradiction(claim, evidence):
    assert _outcome(claim, evidence) != "contradicted"


# ----- a noun left unsaid -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("MCAS would use inputs from both angle of attack sensors instead of just one.", "count:sensor"),
        ("The team scored three goals rather than two.", "count:goal"),
        ("He wrote 12 letters, not 10.", "count:letter"),
    ],
)
def test_a_bare_number_after_a_contrast_counts_the_noun_before_it(text, unit):
    assert extract_quantities(text)[-1].unit == unit


SENSORS = (
    "These revised flight control laws would use inputs from both AOA sensors to activate MCAS. This is in contrast "
    "to the original MCAS design, which relied on data from only one sensor at a time."
)


@pytest.mark.parametrize(
    ("claim", "outcome"),
    [
        ("MCAS would be activated using inputs from both angle of attack sensors instead of just one.", "supported"),
        ("MCAS would be activated using inputs from both angle of attack sensors instead of just two.", "contradicted"),
    ],
)
def test_the_unsaid_noun_is_compared(claim, outcome):
    assert _outcome(claim, SENSORS, acronyms={"aoa": "angle of attack"}) == outcome
