"""Who did what to whom (``bot.claims.roles``) and the rule that reads it (``compare.swapped_roles``): the same
words with the parties swapped are not the evidence's fact, while a passive that keeps the roles is.

Each case is its own test, on several topics (business, law, sport, ecology, history, public health), so no
case leans on one document's words."""

from __future__ import annotations

import re

import pytest

from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.evidence import Evidence
from bot.claims.roles import role_reversal, roles_kept

SIM = 0.75


def _judge(claim: str, evidence: str, context: str = ""):
    """Compare as a brief would: the words the evidence writes in lower case are common words, not names."""
    common = frozenset(re.findall(r"\b[a-z][a-z'-]+", f"{context} {evidence}"))
    return compare(Claim.parse(claim, common=common), Evidence(evidence, context, common=common), SIM)


# (claim, evidence): the evidence swaps the claim's parties around a verb they share.
SWAPPED = [
    # business: subject and object traded
    ("Orion Labs acquired Vega Systems in 2019.", "In 2019 Vega Systems acquired Orion Labs for $40 million."),
    # law: the court and the agency
    ("The court reversed the agency.", "On appeal, the agency reversed the court."),
    # a passive claim against an active sentence, the roles the other way round
    ("The agency was reversed by the court.", "On appeal, the agency reversed the court."),
    # an active claim against a passive sentence whose "by" phrase names the other party
    ("Hungary pillaged the Romanians after the harvest.", "Hungary has been pillaged by the Romanians after harvest."),
    # the subject set off from its verb by an aside
    (
        "The dam breached the river in spring.",
        "The dam, already weakened by frost, was breached by the river in spring.",
    ),
    # sport
    ("The Hawks defeated the Lions in the final.", "The Lions defeated the Hawks in the final at home."),
    # ecology: a relative clause whose antecedent is the doer
    (
        "Ducks use their speed to catch the falcon.",
        "Ducks are safe from most predators except the falcon, which uses its speed to catch ducks.",
    ),
    # ecology: a possessor moved across a passive
    ("Foxes' dens are raided by badgers.", "Badgers' dens are raided by foxes, and cubs may be taken by owls."),
    # history: a subordinate clause, names on both sides
    (
        "Rome captured Brennus and the Gauls in 390 B.C.",
        "The tablets were destroyed by fire when Brennus and the Gauls captured Rome in 390 B.C.",
    ),
    # the objects of two verbs traded
    (
        "The best way to destroy the currency was to debauch the system.",
        "The best way to destroy the system was to debauch the currency.",
    ),
    # the evidence's other party is a pronoun
    ("Smith charged the State with fraud.", "Two weeks later, the State charged him with fraud."),
    # a possessive object: the recommendation of the other party
    (
        "The magistrate adopted the district court's recommendation.",
        "Over his objection, the district court adopted the magistrate's recommendation.",
    ),
]

# (claim, evidence): the same parties in the same roles, whatever the word order.
KEPT = [
    ("Orion Labs acquired Vega Systems in 2019.", "In 2019 Orion Labs acquired Vega Systems for $40 million."),
    ("Vega Systems was acquired by Orion Labs in 2019.", "In 2019 Orion Labs acquired Vega Systems."),
    ("Orion Labs acquired Vega Systems in 2019.", "In 2019 Vega Systems was acquired by Orion Labs."),
    (
        "The Romanians pillaged Hungary after the harvest.",
        "Hungary, apart from her troubles, has been pillaged by the Romanians after harvest.",
    ),
    ("The court reversed the agency.", "On appeal, the court reversed the agency."),
    ("The falcon uses its speed to catch ducks.", "Ducks fear the falcon, which uses its speed to catch ducks."),
    ("Badgers raid foxes' dens.", "Foxes' dens are raided by badgers."),
    ("Rome was captured by Brennus in 390 B.C.", "The tablets burned when Brennus captured Rome in 390 B.C."),
    # symmetric verbs: the parties may trade places
    ("Lopez met Okafor in Geneva.", "In Geneva, Okafor met Lopez for the first time."),
    ("The Elbe merged with the Havel.", "The Havel merged with the Elbe near the town."),
    # a linking verb is no deed
    ("The smallest breed is the call duck.", "The call duck is the smallest breed."),
    # a verb that is done to its subject ("the museum reopened") may have had any doer
    ("The Parks Board reopened the museum in May.", "The museum reopened in May under the Parks Board."),
    # a name after a plain noun opens its own phrase: "the rockets Chile launched"
    (
        "The rockets Chile launched in 2020 could fly less than 500 km.",
        "Chile launched rockets in 2020, which could fly for less than 500 km.",
    ),
]


@pytest.mark.parametrize(("claim", "evidence"), SWAPPED, ids=[c for c, _ in SWAPPED])
def test_swapped_parties_are_a_reversal(claim, evidence):
    assert role_reversal(claim, evidence) is not None


@pytest.mark.parametrize(("claim", "evidence"), KEPT, ids=[c for c, _ in KEPT])
def test_kept_roles_are_no_reversal(claim, evidence):
    assert role_reversal(claim, evidence) is None


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Vega Systems was acquired by Orion Labs.", "Orion Labs acquired Vega Systems in 2019."),
        ("The Romanians pillaged Hungary.", "Hungary has been pillaged by the Romanians."),
        ("Badgers raided the foxes' dens.", "Foxes' dens were raided by badgers."),
    ],
)
def test_a_passive_keeps_the_roles(claim, evidence):
    assert roles_kept(claim, evidence)


# ----- comparisons: the two sides traded ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "turned"),
    [
        (
            "Girls are more likely than boys to die in accidents.",
            "Girls are more likely to be injured, while boys are more likely to die in accidents.",
            True,
        ),
        (
            "Rural children are nearly twice as likely to lack insurance as urban children.",
            "In recent years, with urban children nearly twice as likely to lack insurance than rural children.",
            True,
        ),
        (
            "Diesel engines are more likely than petrol engines to fail in the cold.",
            "In tests, petrol engines were more likely to fail in the cold.",
            True,
        ),
    ],
)
def test_a_comparison_turned_round(claim, evidence, turned):
    found = role_reversal(claim, evidence)
    assert found is not None and found.comparison is turned


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "Boys are more likely than girls to die in accidents.",
            "Girls are more likely to be injured, while boys are more likely to die in accidents.",
        ),
        (
            "Urban children are nearly twice as likely to lack insurance as rural children.",
            "In recent years, with urban children nearly twice as likely to lack insurance than rural children.",
        ),
    ],
)
def test_a_comparison_the_right_way_round(claim, evidence):
    assert role_reversal(claim, evidence) is None


# ----- the rule in the comparison ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        ("Vega Systems acquired Orion Labs.", "Orion Labs acquired Vega Systems.", "unrelated"),
        ("Orion Labs acquired Vega Systems.", "Orion Labs acquired Vega Systems.", "supported"),
        ("Vega Systems was acquired by Orion Labs.", "Orion Labs acquired Vega Systems.", "supported"),
        ("The agency reversed the court.", "The court reversed the agency.", "unrelated"),
        ("The court reversed the agency.", "The agency was reversed by the court.", "supported"),
        (
            "The plebeians drafted the patricians into the army.",
            "The patricians drafted the plebeians into the army.",
            "unrelated",
        ),
        ("Wolves hunt the caribou in winter.", "In winter the caribou is hunted by wolves.", "supported"),
        ("The caribou hunts the wolves in winter.", "In winter the caribou is hunted by wolves.", "unrelated"),
    ],
)
def test_swapped_roles_rule(claim, evidence, outcome):
    j = _judge(claim, evidence)
    assert j.outcome == outcome, j


def test_a_swapped_comparison_is_contradicted():
    evidence = "Girls are more likely to be injured, while boys are more likely to die in accidents."
    j = _judge("Girls are more likely than boys to die in accidents.", evidence)
    assert (j.outcome, j.reason) == ("contradicted", "comparative"), j
    j = _judge("Boys are more likely than girls to die in accidents.", evidence)
    assert j.outcome == "supported", j


def test_a_swap_in_the_sentence_before_counts():
    """The sentence the evidence leans on carries the swapped fact: the claim is not supported by the pair."""
    j = _judge(
        "The plebeians drafted the patricians into the army.",
        "But they could only draft people near the city, and the patricians were left alone.",
        context="The patricians had a trump card, they would draft all the plebeians into the army.",
    )
    assert j.outcome != "supported", j


# ----- "we" is the document's masthead --------------------------------------------------------------------------
def test_we_is_the_documents_own_names():
    from bot.claims.roles import first_person_keys

    weights = {"model": 0.5, "extrem": 0.5, "heat": 0.4, "northwind": 3.0, "__unknown__": 3.0}
    we = first_person_keys(
        "modeling extreme heat northwind ana ruiz", frozenset({"modeling", "extreme", "heat"}), weights
    )
    assert {"northwind", "ana", "ruiz"} <= we
    assert not {"model", "extrem", "heat"} & we


@pytest.mark.parametrize(
    ("claim", "reversed_"),
    [
        ("Lee and Park used Northwind's results to build a model.", True),
        ("Northwind used Lee and Park's results to build a model.", False),
    ],
)
def test_we_in_the_evidence_is_a_party(claim, reversed_):
    evidence = "Lee and Park compared the two methods. We used their results to build a model."
    found = role_reversal(claim, evidence, frozenset({"northwind"}))
    assert (found is not None) is reversed_


# ----- a deed the evidence does not have ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "lacking", "verb"),
    [
        ("Its goal is to build closer ties with Lima and Quito.", {"build", "closer", "tie"}, "build"),
        ("The council wants to repair old bridges.", {"repair", "old", "bridg"}, "repair"),
    ],
)
def test_a_missing_deed(claim, lacking, verb):
    from bot.claims.roles import missing_predicate

    assert missing_predicate(claim, lacking) == verb


@pytest.mark.parametrize(
    ("claim", "lacking"),
    [
        # the object is there: another verb for it may be a paraphrase ("dismissed the appeal")
        ("The court rejected the appeal.", {"reject"}),
        # the verb is there
        ("Its goal is to build closer ties with Lima.", {"closer", "tie"}),
    ],
)
def test_no_missing_deed(claim, lacking):
    from bot.claims.roles import missing_predicate

    assert missing_predicate(claim, lacking) is None


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # a table row's label is no clause
        ("Chile tested two Falcon rockets.", "Date: May 4, 2022; Rocket tested: Falcon; Number of rockets tested: 2"),
        # an intransitive verb with its preposition is the clause's verb, not a participle
        ("Rates on farm loans reached 4 percent in 2022.", "Rates on farm loans ranged from 2 to 5 percent in 2022."),
        # a participle before a preposition, with the clause's verb after it, is done to its noun
        ("The rockets launched in 2020 could fly 500 km.", "In 2020 Chile launched rockets, which could fly 500 km."),
    ],
)
def test_no_reversal_in_rows_and_intransitives(claim, evidence):
    assert role_reversal(claim, evidence) is None
