"""Reading what a sentence refers to and which slot a figure fills, each on more than one topic (pure: similarity is
given, no model): "7 of the 12 Houses" counts Houses, "banned X from doing" denies the doing as "barred" does, a
claim about an assumption meets the supposed figure, "this mill" takes up the name its paragraph said earlier, "It"
looks past a sentence naming only a person, and a biography's subject is its topic."""

from __future__ import annotations

import pytest

from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.context import units_for
from bot.claims.evidence import Evidence
from bot.claims.numbers.extract import extract_quantities
from bot.claims.profile import brief_profile
from corpus.loader import parse_bytes

SIM = 0.7


def _outcome(claim: str, evidence: Evidence, sim: float = SIM) -> str:
    return compare(Claim.parse(claim), evidence, sim).outcome


# ----- partitive counts -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "unit"),
    [("data from 7 of the 12 Houses", "count:hous"), ("seven out of ten voters agreed", "count:voter")],
)
def test_a_partitive_figure_counts_the_noun_of_the_whole(text, unit):
    assert extract_quantities(text)[0].unit == unit


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "The survey obtained usable answers from seven of the twelve villages.",
            "The survey received usable answers from 7 of the 12 villages.",
            "supported",
        ),
        (
            "Five of the eight wells were dry by June.",
            "By June, 3 of the 8 wells were dry.",
            "contradicted",
        ),
    ],
)
def test_partitive_figures_are_compared_in_their_slot(claim, evidence, outcome):
    assert _outcome(claim, Evidence(evidence)) == outcome


# ----- verbs that deny the action after "from" -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "In 2015, ten states barred cities from raising the minimum wage.",
            "In 2015, ten states banned cities from raising the minimum wage.",
        ),
        ("The council barred shops from opening on Sundays.", "The council forbade shops from opening on Sundays."),
    ],
)
def test_ban_and_bar_deny_the_same_action(claim, evidence):
    assert _outcome(claim, Evidence(evidence)) == "supported"


# ----- a claim about an assumption --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "The timetable estimate assumes that a ferry sails every 12 hours.",
            "If we suppose a ferry sails every 12 hours, the port handles 730 sailings a year.",
            "supported",
        ),
        (
            "The cost model assumes that each pump runs for 8 hours a day.",
            "Assume each pump runs for 8 hours a day; the cost model then gives 40 dollars.",
            "supported",
        ),
        (
            "The timetable estimate assumes that a ferry sails every 6 hours.",
            "If we suppose a ferry sails every 12 hours, the port handles 730 sailings a year.",
            "contradicted",
        ),
    ],
)
def test_a_claim_about_an_assumption_meets_the_supposed_figure(claim, evidence, outcome):
    assert _outcome(claim, Evidence(evidence)) == outcome


def test_a_claim_stated_as_fact_still_ignores_a_supposed_figure():
    evidence = Evidence("If we suppose a ferry sails every 12 hours, the port handles 730 sailings a year.")
    assert _outcome("A ferry sails every 12 hours.", evidence) != "supported"


# ----- "this mill" after the name said earlier in the paragraph ----------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "text", "earlier", "outcome"),
    [
        (
            "The Ashby mill covered an area of ten acres.",
            "Its owners sold flour across the county from this mill, which covered an area of ten acres.",
            "A mill was built in the village of Ashby. It ground wheat for a century.",
            "supported",
        ),
        (
            "The Harwell observatory had a dome of 12 metres.",
            "Visitors came from far away to this observatory, whose dome measured 12 metres.",
            "The town of Harwell gave land for a telescope in 1890.",
            "supported",
        ),
        (
            "The Ashby mill covered an area of ten acres.",
            "Its owners sold flour across the county from this mill, which covered an area of ten acres.",
            "A mill was built by the river. It ground wheat for a century.",
            "unrelated",
        ),
        (
            "The Ashby mill covered an area of ten acres.",
            "Its owners sold flour across the county from the farm, which covered an area of ten acres.",
            "A mill was built in the village of Ashby. It ground wheat for a century.",
            "unrelated",
        ),
    ],
)
def test_a_demonstrative_takes_up_the_name_said_earlier_in_its_paragraph(claim, text, earlier, outcome):
    assert _outcome(claim, Evidence(text, earlier=earlier)) == outcome


# ----- "It" after a sentence that names only a person ---------------------------------------------------------------
CUSTOMS = """# Village customs

There was an old custom among the fishermen of the coast. To this custom is given the name of the "Lantern Walk."
The account of the custom was given by John Carter, who saw it as a boy. It is said to be older than the harvest
fair.

The Mill Street bridge was rebuilt in 1901. The cost of the bridge was paid by Anne Hale, who lived nearby.
It is said to be the oldest bridge in the county.
"""


@pytest.mark.parametrize(
    ("start", "named"),
    [("It is said to be older", "Lantern Walk"), ("It is said to be the oldest", "Mill Street")],
)
def test_it_looks_past_a_sentence_that_names_only_a_person(start, named):
    brief = parse_bytes(CUSTOMS.encode(), "customs.md")
    passage = next(p for p in brief.passages if p.text.startswith(start))
    context = " ".join(p.text for p in units_for(brief, passage)[0].context)
    assert named in context


# ----- the topic of a biography -----------------------------------------------------------------------------------
def _biography(subject: str, others: list[str]) -> bytes:
    paragraphs = [f"{subject} was born in a small town by the sea."]
    paragraphs += [f"{subject} wrote letters every week." for _ in range(3)]
    paragraphs += [f"He met {name} at a dinner in the spring." for name in others]
    paragraphs += ["The house had a garden with tall trees." for _ in range(30)]
    return (f"# {subject} and the Sea\n\n" + "\n\n".join(paragraphs) + "\n").encode()


@pytest.mark.parametrize(
    ("subject", "others"),
    [("Ellen Marsh", ["Tom Reed", "Paul Finch"]), ("Victor Lane", ["Ruth Cole", "Amos Pike", "Ida West"])],
)
def test_the_name_the_body_returns_to_most_is_the_topic(subject, others):
    profile = brief_profile(parse_bytes(_biography(subject, others), "life.md"))
    assert subject.split()[-1].lower() in profile.topic
    assert not any(o.split()[-1].lower() in profile.topic for o in others)
