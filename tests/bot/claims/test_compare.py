"""The structured comparison of one claim with one piece of evidence (pure: similarity is given, no model).

Each comparison type is tested both ways: the evidence that contradicts, and the evidence that supports."""

from __future__ import annotations

import pytest

from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.evidence import Evidence
from bot.claims.names import person_keys
from bot.claims.text.comparatives import comparisons
from bot.claims.text.entities import entities, leading_entity
from bot.claims.text.negation import negated_stems
from bot.claims.text.tokens import tokens

SIM = 0.7  # a plausible MiniLM similarity for related sentences

HWASONG_17 = Evidence(
    "It flew for 1,090 km to a maximum altitude of 6,248.5 kms.",
    context="On March 24, it tested its 'monster missile' Hwasong-17, which is an intercontinental ballistic missile.",
)
HWASONG_12 = Evidence(
    "North Korea has been testing its longest-range ballistic missile since 2017, the Hwasong-12, which reached an "
    "altitude of 2,000 km and travelled 800 km."
)
HANOI = Evidence(
    "Earlier, North Korea and the US failed to undergo negotiations after the failure of the Hanoi summit, which was "
    "held between Trump and Kim Jong-un in February 2019."
)
# The people the brief names, as ``bot.claims.names`` reads them from its text.
PEOPLE = person_keys(["Trump", "Kim Jong-un", "Joe Biden"])
SUMMITS = Evidence(
    "During the Trump era, Kim Jong-un and Trump met each other for two summits known as the Singapore summit of 2018 "
    "and the Hanoi summit of 2019.",
    persons=PEOPLE,
)
NUCLEAR = Evidence(
    "It detonated a nuclear device in 2017 equal to 250 kilotons of TNT creating an explosion 16 times the size of "
    "the bomb that exploded in Hiroshima.",
    context="North Korea has conducted six underground nuclear tests in 2006.",
)
HWASONG_16 = Evidence("The ICBM Hwasong-16 was unveiled in 2020, which is larger than the Hwasong-15.")
TALKS = Evidence("The US and North Korea have failed to restart nuclear negotiations.")
PLEDGE = Evidence("Trump pledged that he would cease all the military exercises with South Korea.")


def _judge(claim: str, evidence: Evidence, sim: float = SIM):
    return compare(Claim.parse(claim), evidence, sim)


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome", "reason"),
    [
        # numbers next to the wrong thing, both ways
        ("The Hwasong-17 flew 2,000 km.", HWASONG_17, "contradicted", "number"),
        ("The Hwasong-17 flew 1,090 km.", HWASONG_17, "supported", "match"),
        ("The Hwasong-17 flew to a maximum altitude of 550 km.", HWASONG_17, "contradicted", "number"),
        ("The Hwasong-17 reached a maximum altitude of 6,248.5 km.", HWASONG_17, "supported", "match"),
        ("The Hwasong-12 travelled 2,000 km.", HWASONG_12, "contradicted", "number"),
        ("The Hwasong-12 travelled 800 km.", HWASONG_12, "supported", "match"),
        # units and yields
        ("The 2017 nuclear device was equal to 100 kilotons of TNT.", NUCLEAR, "contradicted", "number"),
        ("The 2017 nuclear device was equal to 250 kt of TNT.", NUCLEAR, "supported", "match"),
        # dates
        ("The Hanoi summit was held in 2020.", HANOI, "contradicted", "number"),
        ("The Hanoi summit was held in February 2019.", HANOI, "supported", "match"),
        ("The Singapore summit was held in 2019.", SUMMITS, "contradicted", "number"),
        ("The Singapore summit was held in 2018.", SUMMITS, "supported", "match"),
        # a different person in the same role
        ("Biden met Kim Jong-un at the Singapore summit.", SUMMITS, "contradicted", "entity"),
        ("Trump met Kim Jong-un at the Singapore summit.", SUMMITS, "supported", "match"),
        # opposite comparatives, and the same comparison with the sides swapped
        ("The Hwasong-16 is smaller than the Hwasong-15.", HWASONG_16, "contradicted", "comparative"),
        ("The Hwasong-15 is larger than the Hwasong-16.", HWASONG_16, "contradicted", "comparative"),
        ("The Hwasong-16 is larger than the Hwasong-15.", HWASONG_16, "supported", "match"),
        ("The Hwasong-15 is smaller than the Hwasong-16.", HWASONG_16, "supported", "match"),
        # negation
        ("The US and North Korea have restarted nuclear negotiations.", TALKS, "contradicted", "negation"),
        ("The US and North Korea have not restarted nuclear negotiations.", TALKS, "supported", "match"),
        ("Trump did not pledge to cease military exercises with South Korea.", PLEDGE, "contradicted", "negation"),
        ("Trump pledged to cease all military exercises with South Korea.", PLEDGE, "supported", "match"),
    ],
)
def test_each_comparison_both_ways(claim, evidence, outcome, reason):
    j = _judge(claim, evidence)
    assert (j.outcome, j.reason) == (outcome, reason), j


def test_number_mismatch_names_both_numbers():
    j = _judge("The Hwasong-17 flew 2,000 km.", HWASONG_17)
    q = j.mismatch
    assert q is not None and q.evidence is not None
    assert (q.claim.text, q.evidence.text) == ("2,000 km", "1,090 km")


def test_the_subject_comes_from_the_sentence_before():
    # Without the sentence naming the Hwasong-17, "It flew …" says nothing about it.
    alone = Evidence(HWASONG_17.text)
    assert _judge("The Hwasong-17 flew 1,090 km.", alone).outcome == "unrelated"


def test_missing_subject_is_unrelated_not_supported():
    j = _judge("The Hwasong-14 flew 1,090 km.", HWASONG_17)
    assert j.outcome == "unrelated"
    assert [e.text for e in j.missing] == ["Hwasong-14"]


def test_substitution_needs_a_name_of_the_same_kind():
    # "Japan" is a country; the evidence names only people besides the claim's own names: no substitution.
    j = _judge("Japan met Kim Jong-un at the Singapore summit.", SUMMITS)
    assert j.outcome == "unrelated"


@pytest.mark.parametrize(
    "claim",
    [
        "North Korea has conducted six underground nuclear tests.",
        "North Korea carried out six underground nuclear tests in 2006.",
    ],
)
def test_paraphrase_and_subset_claims_are_supported(claim):
    j = _judge(claim, Evidence(NUCLEAR.context))
    assert j.outcome == "supported", j


def test_low_overlap_is_unrelated():
    j = _judge("North Korea exported coal to India.", TALKS, sim=0.3)
    assert j.outcome == "unrelated"


def test_entities_and_aliases():
    names = {e.key for e in entities("Beijing and the U.S. met; Anna Berg and Tom Lee spoke.")}
    assert {"china", "usa", "anna berg", "tom lee"} <= names
    assert [e.key for e in entities("The Hwasong 17 flew.")] == ["hwasong-17"]
    assert [e.text for e in entities("joint US-South Korea exercises")] == ["US", "South Korea"]


def test_negation_scope():
    assert negated_stems(tokens("The US could not accept the demand.")) == {"accept"}
    assert negated_stems(tokens("They failed to restart talks.")) == {"restart"}
    assert negated_stems(tokens("After the failure of the summit, talks ended.")) == set()


def test_comparisons_and_leading_names():
    (c,) = comparisons("The ICBM Hwasong-16 was unveiled in 2020, which is larger than the Hwasong-15.")
    assert (c.dimension, c.direction, c.subject, c.other) == ("size", 1, "hwasong-16", "hwasong-15")
    assert comparisons("Earlier, North Korea and the US failed.") == []
    assert leading_entity("On March 4 2022, it fired a missile.") == "<pronoun>"
    assert leading_entity("During the Trump era, Kim Jong-un and Trump met.") == "kim jong-un"


# ----- the rules and their thresholds ------------------------------------------------------------------------------
def test_rules_are_named_once_and_support_comes_last():
    from bot.claims.compare import RULES

    names = [r.__name__ for r in RULES]
    assert len(names) == len(set(names))
    assert names[0] == "missing_name"
    assert names[-1] == "same_fact"


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "The bakery on Elm Street sells fresh rye bread.",
            "The bakery on Elm Street sells fresh rye bread every morning.",
        ),
        ("The museum opens its garden in spring.", "In spring the museum opens the garden to visitors."),
    ],
)
def test_support_follows_the_thresholds_both_ways(claim, evidence):
    from bot.claims.judgement import Thresholds

    parsed, ev = Claim.parse(claim), Evidence(evidence)
    judged = compare(parsed, ev, 0.8)
    assert judged.outcome == "supported"
    # The same evidence, asked for more coverage and similarity than it has, no longer supports the claim.
    strict = Thresholds(
        support_coverage=1.01, support_similarity=0.9, support_coverage_with_similarity=judged.coverage + 0.01
    )
    assert compare(parsed, ev, 0.8, thresholds=strict).outcome == "unrelated"


def test_a_rule_list_without_support_never_supports():
    from bot.claims.compare import RULES

    parsed = Claim.parse("The museum opens its garden in spring.")
    ev = Evidence("In spring the museum opens the garden to visitors.")
    assert compare(parsed, ev, 0.8, rules=RULES[:-1]).outcome == "unrelated"
