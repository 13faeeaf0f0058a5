"""The comparison rules added for blind-written claims, each both ways (pure: similarity is given, no model).

Evidence here is written for the tests, about made-up subjects, so no rule can lean on one brief's words."""

from __future__ import annotations

import pytest

from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.evidence import Evidence
from bot.claims.subjects import slots
from bot.claims.text.entities import entities
from bot.claims.text.negation import negated_stems
from bot.claims.text.tokens import tokens, word_stem

SIM = 0.7


def _judge(claim: str, evidence: Evidence, sim: float = SIM, known=lambda e: True):
    return compare(Claim.parse(claim), evidence, sim, known=known)


DRILLS = Evidence(
    "Ruritania regards the naval drills between Elbonia and Freedonia as a serious threat that are held annually "
    "to rehearse a Chilean blockade."
)
AID = Evidence("Elbonia should remove obstacles from the path of food aid to Ruritania.")
TALKS = Evidence("Both governments should resume talks as soon as possible.")
PLANT = Evidence("Ruritania has promised to dismantle a plant for enriching uranium.")
REACH = Evidence("The Falcon-9 has a range of 9,000 km which can reach most of the southern continent.")
ATTENTION = Evidence("Its rocket tests in 2021 drew wide attention and are a concern for Chile and Peru.")
RELIEF = Evidence("Ruritania is in urgent need of debt relief.")
SUMMIT = Evidence("Lopez and Okafor met twice, at the Geneva summit of 2015 and the Oslo summit of 2016.")
MARCH = Evidence("On May 19, it tested the Falcon-9.", context="On May 3 2021, the agency fired a rocket.")


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome", "reason"),
    [
        # stance: an antonym of the evidence's word, through its synonyms
        ("Ruritania regards the naval drills as harmless.", DRILLS, "contradicted", "negation"),
        ("Ruritania regards the naval drills as a serious threat.", DRILLS, "supported", "match"),
        ("Ruritania considers the naval drills a danger.", DRILLS, "supported", "match"),
        # facilitation against restriction
        ("Elbonia should tighten restrictions on food aid to Ruritania.", AID, "contradicted", "negation"),
        ("Elbonia should block food aid to Ruritania.", AID, "contradicted", "negation"),
        ("Elbonia should ease food aid to Ruritania.", AID, "supported", "match"),
        # timing: "as soon as possible" against "postpone"
        ("Both governments should postpone talks.", TALKS, "contradicted", "negation"),
        ("Both governments should resume talks promptly.", TALKS, "supported", "match"),
        # destroy against expand
        ("Ruritania promised to expand its uranium enrichment plant.", PLANT, "contradicted", "negation"),
        ("Ruritania promised to dismantle its uranium enrichment plant.", PLANT, "supported", "match"),
        # quantifiers of scarcity against "most" or a plain statement
        ("The Falcon-9 can reach only a small part of the southern continent.", REACH, "contradicted", "negation"),
        ("The Falcon-9 can reach most of the southern continent.", REACH, "supported", "match"),
        ("The 2021 rocket tests drew little attention.", ATTENTION, "contradicted", "negation"),
        ("The 2021 rocket tests drew wide attention.", ATTENTION, "supported", "match"),
        # "no longer" negates the verb after it
        ("Ruritania no longer needs debt relief.", RELIEF, "contradicted", "negation"),
        ("Ruritania needs debt relief.", RELIEF, "supported", "match"),
        # frequencies are quantities
        ("The naval drills between Elbonia and Freedonia are held every two years.", DRILLS, "contradicted", "number"),
        ("The naval drills between Elbonia and Freedonia are held every year.", DRILLS, "supported", "match"),
        # a date without a year takes the year of the sentence before
        ("The Falcon-9 was tested on May 19, 2021.", MARCH, "supported", "match"),
        ("The Falcon-9 was tested on May 19, 2020.", MARCH, "contradicted", "number"),
    ],
)
def test_rule_both_ways(claim, evidence, outcome, reason):
    j = _judge(claim, evidence)
    assert (j.outcome, j.reason) == (outcome, reason), j


@pytest.mark.parametrize(
    ("claim", "evidence", "substitute"),
    [
        # a country in the same place: "a concern for X" against "a concern for Y"
        ("Its 2021 rocket tests were mainly a concern for Brazil and Argentina.", ATTENTION, "Chile"),
        # a demonym modifying the same noun
        ("The naval drills rehearse a Peruvian blockade.", DRILLS, "Chilean"),
        # where an event was held: "held in X" against "the Y summit"
        ("The 2015 Lopez-Okafor summit was held in Stockholm.", SUMMIT, "Geneva"),
    ],
)
def test_a_name_in_the_same_place_is_contradicted(claim, evidence, substitute):
    j = _judge(claim, evidence, known=lambda e: e.key not in {"brazil", "argentina", "peru", "stockholm"})
    assert j.outcome == "contradicted", j
    assert j.substitute is not None and j.substitute.text.startswith(substitute)


def test_a_name_in_another_place_is_not_a_substitute():
    # "Brazil conducted …" (a subject) against "… a concern for Chile and Peru" (an object)
    j = _judge("Brazil conducted its own rocket tests in 2021.", ATTENTION, known=lambda e: e.key != "brazil")
    assert j.outcome == "unrelated"


def test_a_place_already_given_is_not_replaced():
    j = _judge("The Oslo summit was held in Norway.", SUMMIT, known=lambda e: e.key != "norway")
    assert j.outcome == "unrelated"


def test_slots_name_where_a_name_stands():
    text = "Lopez and Okafor met at the Geneva summit, a concern for Chile, before a Peruvian blockade."
    by_name = {e.text: slots(text, e) for e in entities(text)}
    assert {"subject", "participant"} <= by_name["Lopez"]
    assert {"mod:summit", "place"} <= by_name["Geneva"]
    assert "prep:for" in by_name["Chile"]
    assert "mod:blockad" in by_name["Peruvian"]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("drew little attention", {"attent"}),
        ("drew a little attention", set()),
        ("a few tests", set()),
        ("only a small part of the continent", {word_stem("continent")}),
        ("no longer needs relief", {"need"}),
        ("increase pressure rather than negotiate", {word_stem("negotiate")}),
        ("sanctions instead of talks", {word_stem("talks")}),
    ],
)
def test_scarcity_quantifiers_negate_their_noun(text, negated):
    assert negated_stems(tokens(text)) == negated


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("To prevent the gap between the towns from widening, the council made four proposals.", {"widen"}),
        ("The levee kept the river from flooding the farms.", {"flood"}),
        ("The strike stopped the mill in 1921.", set()),  # no "from": the stop itself is no denial
    ],
)
def test_a_verb_of_prevention_denies_the_action_after_from(text, negated):
    assert negated_stems(tokens(text)) == negated


def test_preventing_a_rise_is_not_contradicted_by_a_claim_of_reducing():
    judgement = _judge(
        "The council proposed to reduce the gap between the towns.",
        Evidence("To prevent the gap between the towns from increasing, the council made four proposals."),
    )
    assert judgement.outcome != "contradicted", judgement


DEMAND = Evidence("According to Lopez, the talks stopped because Chile wanted the tariffs lifted but Peru refused.")
SINCE = Evidence("Ruritania has been testing its Falcon-9 rocket since 2017, which reached an altitude of 900 km.")
SERIES = Evidence("Ruritania launched a series of rockets in 2020, which could fly less than 500 km.")
SOUND = Evidence("It can reach more than five times the speed of sound, which is about 6,200 km/h.")
SOLUTION = Evidence("In addition, there must be a diplomatic solution to this dispute.")
UNVEILED = Evidence(
    "Similarly, it tested short-range rockets in 2019.",
    context="The Falcon-9 was unveiled in 2020, which is larger than the Falcon-8.",
)


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome", "reason"),
    [
        # who did it: another name of the same kind doing the same thing
        (
            "According to Lopez, the talks stopped because Peru wanted the tariffs lifted.",
            DEMAND,
            "contradicted",
            "entity",
        ),
        (
            "According to Lopez, the talks stopped because Chile wanted the tariffs lifted.",
            DEMAND,
            "supported",
            "match",
        ),
        # "since 2017" neither confirms nor denies another year
        ("The Falcon-9 reached an altitude of 900 km in 2021.", SINCE, "unrelated", "missing_number"),
        ("The Falcon-9 reached an altitude of 900 km.", SINCE, "supported", "match"),
        # a count the evidence lacks: its other year is another event
        ("Ruritania launched 70 rockets in 2022.", SERIES, "unrelated", "weak"),
        ("Ruritania launched a series of rockets in 2022.", SERIES, "contradicted", "number"),
        # the speed of sound as Mach 1
        ("It flies slower than the speed of sound.", SOUND, "contradicted", "number"),
        ("It flies faster than the speed of sound.", SOUND, "supported", "match"),
        # necessity: "there must be" is "is needed"
        ("A diplomatic solution to the dispute is needed.", SOLUTION, "supported", "match"),
        ("No diplomatic solution to the dispute is needed.", SOLUTION, "contradicted", "negation"),
        # a year in the sentence before that fits the claim's verb dates the claim's event
        ("The Falcon-9 was unveiled in 2019.", UNVEILED, "contradicted", "number"),
        ("The Falcon-9 was unveiled in 2020.", UNVEILED, "supported", "match"),
    ],
)
def test_more_rules_both_ways(claim, evidence, outcome, reason):
    j = _judge(claim, evidence)
    assert (j.outcome, j.reason) == (outcome, reason), j


YEAR_COUNT = Evidence("Ruritania conducted 10 rocket tests in 2022.")
# Ruritania is the brief's topic here, as North Korea is the bundled brief's: it singles nothing out.
NUCLEAR = Evidence("Ruritania has conducted six nuclear tests in 2006.", implied=frozenset({"ruritania"}))
POWERFUL = Evidence("One of the most powerful rockets Ruritania owns is the Falcon-9, which flies 900 km.")
DISCLAIMER = Evidence("Views expressed in the brief are those of the author, and do not represent those of CRS.")
RESTART = Evidence("The two states have failed to restart their negotiations.")


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome", "reason"),
    [
        # a count for the year says nothing about one month of it
        ("Ruritania conducted 7 rocket tests in January 2022.", YEAR_COUNT, "unrelated", "missing_number"),
        ("Ruritania conducted 12 rocket tests in 2022.", YEAR_COUNT, "contradicted", "number"),
        # another year denies only an event the claim singles out
        ("Ruritania conducted a nuclear test in 2021.", NUCLEAR, "unrelated", "weak"),
        ("Ruritania conducted six nuclear tests in 2016.", NUCLEAR, "contradicted", "number"),
        # superlatives of opposite degree
        ("The Falcon-9 is one of the least powerful rockets Ruritania owns.", POWERFUL, "contradicted", "comparative"),
        ("The Falcon-9 is one of the most powerful rockets Ruritania owns.", POWERFUL, "supported", "match"),
        # a name stated in the claim but denied in the evidence
        ("The views in the brief are those of CRS.", DISCLAIMER, "contradicted", "negation"),
        ("The views in the brief do not represent those of CRS.", DISCLAIMER, "supported", "match"),
        # "have not managed to" is "have failed to"
        ("The two states have not managed to restart their negotiations.", RESTART, "supported", "match"),
        ("The two states have managed to restart their negotiations.", RESTART, "contradicted", "negation"),
    ],
)
def test_periods_events_degrees_and_denials(claim, evidence, outcome, reason):
    j = _judge(claim, evidence)
    assert (j.outcome, j.reason) == (outcome, reason), j


CONSEQUENCES = Evidence("If the two states fail to restart talks, there would be serious consequences for the region.")
BUILDING = Evidence("Ruritania is building up its naval capabilities.")
FALCON = Evidence("In 2021 Ruritania tested a new long-range Falcon-9 rocket.")


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome", "reason"),
    [
        # "failure to restart" denies "restart" as "fail to restart" does
        (
            "A failure to restart talks could have serious consequences for the region.",
            CONSEQUENCES,
            "supported",
            "match",
        ),
        (
            "The two states restarting talks would have serious consequences for the region.",
            CONSEQUENCES,
            "contradicted",
            "negation",
        ),
        # "building up" is expanding; "shrinking" is its opposite
        ("Ruritania's naval capabilities are expanding.", BUILDING, "supported", "match"),
        ("Ruritania's naval capabilities are shrinking.", BUILDING, "contradicted", "negation"),
        # a compound with a word the brief never uses is a fact the brief does not state
        ("In 2021 Ruritania tested a new solid-fuel Falcon-9 rocket.", FALCON, "unrelated", "partial"),
        ("In 2021 Ruritania tested a new long-range Falcon-9 rocket.", FALCON, "supported", "match"),
    ],
)
def test_failure_growth_preference_and_unknown_compounds(claim, evidence, outcome, reason):
    weights = dict.fromkeys(("tested", "test", "new", "long", "rang", "long-rang", "rocket", "2021"), 1.0)
    weights["__unknown__"] = 2.0
    if evidence is FALCON:
        evidence = Evidence(evidence.text, weights=weights)
    j = _judge(claim, evidence)
    assert (j.outcome, j.reason) == (outcome, reason), j


def test_plural_designations_name_the_designation():
    from bot.claims.text.entities import canonical

    assert canonical("KN-23s") == "kn-23"
    assert canonical("Hwasong-17") == "hwasong-17"


POLICY = Evidence("Back in 2021, Lopez described his Ruritania policy as a mix of diplomacy and deterrence.")
PERCEIVES = Evidence("Ruritania perceives Chile and Peru as major threats to its sovereignty.")
TRAIN = Evidence("It also launched a train-based long-range rocket.")
RANGE = Evidence("The Falcon-9 ranges between 8,500-13,000 km.")
SPEED = Evidence("It can achieve more than five times the speed of sound.")


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome", "reason"),
    [
        # the claim's own words must be there, not only its year
        ("Lopez met with Ruritania in 2021.", POLICY, "unrelated", "partial"),
        ("In 2021 Lopez described his Ruritania policy as diplomacy and deterrence.", POLICY, "supported", "match"),
        # the same names the other way round are not the claim
        ("Chile perceives Ruritania as a major threat.", PERCEIVES, "unrelated", "partial"),
        ("Ruritania perceives Chile as a major threat.", PERCEIVES, "supported", "match"),
        # a compound is there when its parts are
        ("It launched a train-launched rocket.", TRAIN, "supported", "match"),
        # a bound word belongs to its quantity, not to the claim's words
        ("The Falcon-9 has a maximum range of 13,000 km.", RANGE, "supported", "match"),
        # a figure inside the evidence's bound is neither confirmed nor denied; one outside it is denied
        ("It can reach Mach 10.", SPEED, "unrelated", "missing_number"),
        ("It can reach Mach 2.", SPEED, "contradicted", "number"),
    ],
)
def test_words_roles_compounds_and_bounds(claim, evidence, outcome, reason):
    j = _judge(claim, evidence)
    assert (j.outcome, j.reason) == (outcome, reason), j


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "Byrd's lectures on the Roman Republic were delivered in 1993.",
            "In 1993, Byrd gave a series of 14 lectures on the Senate floor—delivered without notes—tracing the rise "
            "and the fall of the Roman Republic.",
            "supported",
        ),
        (
            "The Parks Board reopened the museum in May.",
            "The museum reopened in May (without the East Wing) under the Parks Board.",
            "supported",
        ),
    ],
)
def test_a_name_after_an_aside_with_without_is_not_denied(claim, evidence, outcome):
    assert _judge(claim, Evidence(evidence), 0.8).outcome == outcome


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        # a ruling's disposition: "reversed" against "affirmed"
        (
            "The appeals court reversed the district court's judgment in the Berg case.",
            "In the Berg case, the appeals court affirmed the district court's judgment.",
            "contradicted",
        ),
        (
            "The appeals court upheld the district court's judgment in the Berg case.",
            "In the Berg case, the appeals court affirmed the district court's judgment.",
            "supported",
        ),
        # a request's disposition: "granted" against "denied"
        (
            "The planning board granted the permit for the Elm Street tower.",
            "The planning board denied the permit for the Elm Street tower in March.",
            "contradicted",
        ),
        (
            "The planning board denied the permit for the Elm Street tower.",
            "The planning board denied the permit for the Elm Street tower in March.",
            "supported",
        ),
    ],
)
def test_dispositions_oppose_each_other(claim, evidence, outcome):
    assert _judge(claim, Evidence(evidence), 0.8).outcome == outcome


@pytest.mark.parametrize(
    ("claim", "evidence", "voice", "outcome"),
    [
        # a ruling speaks as "we": the court its masthead names
        (
            "The First Circuit affirmed the judgment against Berg.",
            "We affirm the judgment against Berg.",
            "court of appeals first circuit",
            "supported",
        ),
        (
            "The Second Circuit affirmed the judgment against Berg.",
            "We affirm the judgment against Berg.",
            "court of appeals first circuit",
            "unrelated",
        ),
        # a research group's report speaks as "we" too
        (
            "The Rainfall Lab calibrated the gauges against radar data.",
            "We calibrated the gauges against radar data.",
            "the rainfall lab annual report",
            "supported",
        ),
        (
            "The Rainfall Lab calibrated the gauges against radar data.",
            "We calibrated the gauges against radar data.",
            "",
            "unrelated",
        ),
    ],
)
def test_we_is_the_document_its_masthead_names(claim, evidence, voice, outcome):
    assert _judge(claim, Evidence(evidence, voice=voice), 0.8).outcome == outcome


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        # a level word before a noun states a comparative with no "than": "elevated risk" is "higher risk"
        (
            "Farms with low fields are at higher risk of flooding.",
            "Farms with low fields are at elevated risk of flooding.",
            "supported",
        ),
        (
            "Farms with low fields are at lower risk of flooding.",
            "Farms with low fields are at elevated risk of flooding.",
            "contradicted",
        ),
        (
            "Older bridges carry greater costs of repair.",
            "Older bridges carry reduced costs of repair.",
            "contradicted",
        ),
        # a comparison with another side still needs that side
        (
            "Farms with low fields are at higher risk of flooding than towns.",
            "Farms with low fields are at elevated risk of flooding.",
            "unrelated",
        ),
    ],
)
def test_a_level_word_states_a_comparative_with_no_other_side(claim, evidence, outcome):
    assert _judge(claim, Evidence(evidence), 0.8).outcome == outcome


@pytest.mark.parametrize(
    ("claim", "outcome"),
    [
        # the claim's one example is among the evidence's: the kind is the evidence's kind
        ("Fruit farms such as orchards are at higher risk of flooding.", "supported"),
        # an example the list does not name
        ("Fruit farms such as berry farms are at higher risk of flooding.", "unrelated"),
    ],
)
def test_a_claims_own_single_example_is_checked_against_the_list(claim, outcome):
    evidence = Evidence("Fruit farms, such as orchards and vineyards, are at elevated risk of flooding.")
    assert _judge(claim, evidence, 0.8).outcome == outcome


@pytest.mark.parametrize(
    ("claim", "opposite"),
    [
        ("The appeals court reversed the judgment.", "affirm"),
        ("The board granted the permit.", "deni"),
    ],
)
def test_the_opposite_words_of_a_claim_are_searched_for(claim, opposite):
    from bot.claims.opposition import opposite_words

    assert opposite in opposite_words(Claim.parse(claim))


def test_a_claim_with_no_opposable_word_has_no_opposite_search():
    from bot.claims.opposition import opposite_words

    assert opposite_words(Claim.parse("The bridge crosses the river at Elm Street.")) == ()


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        # a universal claim against evidence that allows exceptions
        ("Rain always raises the river in spring.", "Rain generally raises the river in spring.", "unrelated"),
        ("All farms in the valley flood in spring.", "Almost all farms in the valley flood in spring.", "unrelated"),
        # the same universal, or no universal at all
        ("All farms in the valley flood in spring.", "All farms in the valley flood in spring.", "supported"),
        ("Rain raises the river in spring.", "Rain generally raises the river in spring.", "supported"),
    ],
)
def test_a_universal_claim_is_not_supported_by_hedged_evidence(claim, evidence, outcome):
    assert _judge(claim, Evidence(evidence), 0.8).outcome == outcome


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # the denial reaches past "the usual applications of" to the manures
        (
            "Output fell through the exhaustion of the soil from lack of artificial manures.",
            "Output fell through the exhaustion of the soil from lack of the usual applications of artificial manures.",
        ),
        (
            "The plan failed for want of funds from donors.",
            "The plan failed for want of the promised funds from donors.",
        ),
        (
            "Crops failed without irrigation water.",
            "Crops failed without the regular supply of irrigation water in spring.",
        ),
    ],
)
def test_a_negation_reaches_a_few_words(claim, evidence):
    j = _judge(claim, Evidence(evidence))
    assert j.outcome != "contradicted", j
