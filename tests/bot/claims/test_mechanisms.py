"""General reading rules of claim checking, each on more than one topic (pure: similarity is given, no model):
accents folded, numbers compared in their own slot, contrasts turned round, suppositions, habitual "would",
compounds with a part swapped, and the author's "I"."""

from __future__ import annotations

import pytest

from bot.claims.authorship import others_say
from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.evidence import Evidence
from bot.claims.modality import about_supposing, consequence, habitual, supposes
from bot.claims.numbers.extract import extract_quantities
from bot.claims.opposition import swapped_contrast, turned_contrast
from bot.claims.text.entities import entities
from bot.claims.text.tokens import fold_accents

SIM = 0.7


def _outcome(claim: str, evidence: Evidence, sim: float = SIM) -> str:
    return compare(Claim.parse(claim), evidence, sim).outcome


# ----- accents ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "folded"),
    [("Göttingen", "Gottingen"), ("Besançon", "Besancon"), ("Łódź", "Łodz"), ("25 ºC, 3 m²", "25 ºC, 3 m²")],
)
def test_accents_fold_letter_for_letter(text, folded):
    assert fold_accents(text) == folded
    assert len(fold_accents(text)) == len(text)


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The library at Gottingen holds the manuscript.", "The library at Göttingen holds the manuscript."),
        ("Besançon hosted the fair in 1926.", "Besancon hosted the fair in 1926."),
        ("Dvořák wrote the symphony in New York.", "Dvorak wrote the symphony in New York."),
    ],
)
def test_a_name_with_or_without_accents_is_the_same_name(claim, evidence):
    assert _outcome(claim, Evidence(evidence)) == "supported"


def test_an_accented_name_is_one_entity():
    assert [e.text for e in entities("The archive in Göttingen opened.")] == ["Gottingen"]


# ----- numbers in their own slot -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("a 4.2MB download", 4.2, "count:mb"), ("a 10km trail", 10.0, "km"), ("a 5GHz radio", 5.0, "count:ghz")],
)
def test_a_unit_glued_to_its_figure_is_one_quantity(text, value, unit):
    (q,) = extract_quantities(text)
    assert (q.low, q.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("See the cases at pages 12, 14, 19.", "number"), ("where x = 3 + 4 * 12", "number")],
)
def test_runs_of_bare_figures_are_no_counts(text, unit):
    assert {q.unit for q in extract_quantities(text)} == {unit}


def test_a_run_takes_the_noun_of_its_last_figure():
    assert {q.unit for q in extract_quantities("They had 3, 4 or 5 children.")} == {"count:children"}


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        ("The installer is 4 MB.", "The installer is a 4.2MB download.", "contradicted"),
        ("The installer is 4.2 MB.", "The installer is a 4.2MB download.", "supported"),
        ("The report cites 14 cases.", "See the cases at pages 12, 14, 19.", "unrelated"),
        ("The recipe needs 12 eggs.", "Mix as in step 3 + 4 * 12 of the recipe.", "unrelated"),
        ("The survey asked 14 questions.", "The survey, described on page 14, was sent in May.", "unrelated"),
    ],
)
def test_a_figure_meets_only_a_figure_of_its_own_kind(claim, evidence, outcome):
    assert _outcome(claim, Evidence(evidence)) == outcome


# ----- contrasts turned round ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "Asthma is more common among boys than girls.",
            "Asthma is more common among girls than boys.",
            "contradicted",
        ),
        ("Asthma is more common among boys than girls.", "Asthma is more common among boys than girls.", "supported"),
        ("Asthma is less common among girls than boys.", "Asthma is more common among boys than girls.", "supported"),
        (
            "Rents rose faster in cities than in villages.",
            "Rents rose faster in villages than in cities.",
            "contradicted",
        ),
        (
            "The court relied on statute rather than precedent.",
            "The court relied on precedent rather than statute.",
            "contradicted",
        ),
        ("Farmers planted wheat instead of barley.", "Farmers planted barley instead of wheat.", "contradicted"),
        ("Farmers planted wheat instead of barley.", "Farmers planted wheat instead of barley.", "supported"),
        (
            "The survey found twice as many beetles in hedgerows as in open fields.",
            "The survey found twice as many beetles in open fields as in hedgerows.",
            "contradicted",
        ),
        (
            "The survey found twice as many beetles in hedgerows as in open fields.",
            "The survey found twice as many beetles in hedgerows as in open fields.",
            "supported",
        ),
        (
            "The new line carried three times as many passengers on weekdays as on weekends.",
            "The new line carried three times as many passengers on weekends as on weekdays.",
            "contradicted",
        ),
    ],
)
def test_a_contrast_the_other_way_round_contradicts(claim, evidence, outcome):
    assert _outcome(claim, Evidence(evidence)) == outcome


def test_an_equative_without_a_multiplier_is_the_same_both_ways_round():
    assert not turned_contrast("There were as many women as men.", "There were as many men as women.")


def test_a_comparative_against_a_name_is_no_word_contrast():
    assert not turned_contrast("The Nile is longer than the Amazon.", "The Amazon is longer than the Nile.")
    assert swapped_contrast("wheat rather than barley", "barley rather than wheat")


# ----- suppositions and habitual "would" ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "supposed"),
    [
        ("Suppose the tax rate is 30 percent.", True),
        ("Let us assume that wages rose by 5 percent.", True),
        ("If the river were to flood the town, crops would be lost.", True),
        ("Had the court ruled otherwise, the firm would have closed.", True),
        ("The dam failed in 1990, as engineers had assumed it would.", False),
        ("The tax rate is 30 percent.", False),
    ],
)
def test_a_supposition_is_told_from_a_statement(text, supposed):
    assert supposes(text) is supposed


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The tax rate is 30 percent.", "Suppose the tax rate is 30 percent."),
        ("The river flooded the town.", "If the river were to flood the town, crops would be lost."),
        ("The tax rate is 40 percent.", "Suppose the tax rate is 30 percent."),
        ("The colony had 500 settlers.", "Imagine the colony had 500 settlers."),
    ],
)
def test_a_supposition_neither_supports_nor_contradicts_a_fact(claim, evidence):
    assert _outcome(claim, Evidence(evidence)) == "unrelated"


@pytest.mark.parametrize(
    ("clause", "habit"),
    [
        ("He would play the violin every evening", True),
        ("They would often meet at the harbour", True),
        ("Prices would rise if rates fell", False),
        ("The plan would cost more", False),
    ],
)
def test_habitual_would_is_told_from_a_conditional(clause, habit):
    assert habitual(clause) is habit


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        ("He played 3 concerts every week.", "He would play 3 concerts every week.", "supported"),
        ("She walked 5 miles every morning.", "Every morning she would walk 5 miles.", "supported"),
        ("Prices rose by 5 percent.", "Prices would rise by 5 percent.", "unrelated"),
    ],
)
def test_a_habit_told_with_would_is_a_fact(claim, evidence, outcome):
    assert _outcome(claim, Evidence(evidence)) == outcome


# ----- compounds with a part swapped --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "The union follows a one-member-one-vote rule.",
            "The union follows a one-share-one-vote rule.",
            "unrelated",
        ),
        ("The union follows a one-share-one-vote rule.", "The union follows a one-share-one-vote rule.", "supported"),
        ("Most nurses at the clinic work part-time.", "Most nurses at the clinic work full-time.", "unrelated"),
        ("The council adopted a five-year plan.", "The council adopted a 5-year plan.", "supported"),
    ],
)
def test_a_compound_with_another_part_is_another_term(claim, evidence, outcome):
    assert _outcome(claim, Evidence(evidence)) == outcome


# ----- the author's "I" ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "Jane Marlow argues that rent control reduces housing supply.",
            "I argue that rent control reduces housing supply.",
            "supported",
        ),
        ("Marlow says her grandfather was a coal miner.", "My grandfather was a coal miner.", "supported"),
        (
            "Tom Berg argues that rent control reduces housing supply.",
            "I argue that rent control reduces housing supply.",
            "unrelated",
        ),
        (
            "Jane Marlow argues that rent control reduces housing supply.",
            "Critics argue that rent control reduces housing supply.",
            "unrelated",
        ),
    ],
)
def test_the_authors_i_is_the_author(claim, evidence, outcome):
    assert _outcome(claim, Evidence(evidence, author="jane marlow")) == outcome


# ----- number words and digits ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        ("The committee has eleven members.", "The committee has 11 members.", "supported"),
        ("The village had 21 houses.", "The village had twenty-one houses.", "supported"),
        ("The village had 22 houses.", "The village had twenty-one houses.", "contradicted"),
        ("She finished in 3rd place.", "She finished in third place.", "supported"),
        (
            "The abbey was rebuilt in the twenty-first century.",
            "The abbey was rebuilt in the 21st century.",
            "supported",
        ),
        (
            "The abbey was rebuilt in the 20th century.",
            "The abbey was rebuilt in the twenty-first century.",
            "contradicted",
        ),
        ("The farm sold 12 eggs.", "The farm sold a dozen eggs.", "supported"),
        ("The farm sold 12 eggs.", "The farm sold dozens of eggs.", "unrelated"),
    ],
)
def test_number_words_and_digits_are_the_same_figure(claim, evidence, outcome):
    assert _outcome(claim, Evidence(evidence)) == outcome


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        ("The author argues that tariffs raise prices.", "I argue that tariffs raise prices.", "supported"),
        ("The author says his father kept bees.", "My father kept bees.", "supported"),
        ("The author argues that tariffs raise prices.", "Jane Marlow argues that tariffs raise prices.", "supported"),
        ("The author argues that tariffs raise prices.", "Economists argue that tariffs raise prices.", "unrelated"),
    ],
)
def test_the_author_is_the_documents_i_and_its_named_author(claim, evidence, outcome):
    assert _outcome(claim, Evidence(evidence, author="jane marlow")) == outcome


@pytest.mark.parametrize(
    ("sentence", "is_consequence"),
    [
        ("Crime would fall by half.", True),
        ("Exports could double within a decade.", True),
        ("She would swim in the lake every summer.", False),
        ("Exports doubled within a decade.", False),
    ],
)
def test_a_consequence_is_told_from_a_habit_and_a_fact(sentence, is_consequence):
    assert consequence(sentence) is is_consequence


def test_the_consequence_of_a_supposition_is_supposed_too():
    evidence = Evidence("Exports would double within a decade.", context="Assume the port is deepened.")
    assert _outcome("Exports doubled within a decade.", evidence) == "unrelated"
    assert _outcome("Exports doubled within a decade.", Evidence("Exports doubled within a decade.")) == "supported"


@pytest.mark.parametrize(
    "evidence",
    ["Both states should opt for a phased approach to trade.", "All claims must be filed to lower costs by May."],
)
def test_a_noun_spelled_like_a_verb_of_saying_gives_the_words_to_no_one(evidence):
    claim = Claim.parse("The author recommends " + evidence[0].lower() + evidence[1:])
    assert not others_say(claim, Evidence(evidence, author="jane marlow"))


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "The storage estimate assumes a new record every 10 minutes.",
            "Suppose a new record is made every 10 minutes; the storage needed is small.",
        ),
        ("The model rests on the assumption that rents rise by 2 percent.", "Assume that rents rise by 2 percent."),
    ],
)
def test_a_claim_about_the_supposition_is_not_blocked_by_it(claim, evidence):
    assert about_supposing(claim)
    assert _outcome(claim, Evidence(evidence)) == "supported"


@pytest.mark.parametrize(
    ("claim", "context", "evidence", "outcome"),
    [
        (
            "A full crew consisted of twelve men.",
            "It was formerly the custom for millers to row to market.",
            "A full crew would consist of eight men.",
            "contradicted",
        ),
        (
            "A full crew consisted of eight men.",
            "It was formerly the custom for millers to row to market.",
            "A full crew would consist of eight men.",
            "supported",
        ),
        (
            "Each family kept 3 goats.",
            "In those days the villagers used to keep animals.",
            "Each family would keep 3 goats.",
            "supported",
        ),
        ("Each family kept 3 goats.", "The council has a new plan.", "Each family would keep 3 goats.", "unrelated"),
    ],
)
def test_would_after_a_past_custom_tells_the_custom(claim, context, evidence, outcome):
    assert _outcome(claim, Evidence(evidence, context=context)) == outcome


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The treatise was published in 1619, in Latin.", "date"),
        ("Since 1750 the town grew.", "date"),
        ("In 1500 cases the court agreed.", "count"),
        ("An army of 1200 soldiers marched.", "count"),
    ],
)
def test_an_early_year_is_told_from_a_count(text, unit):
    (q,) = extract_quantities(text)
    assert q.unit.split(":")[0] == unit


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "The treatise was printed at Göttingen in 1619.",
            "The treatise, printed at Gottingen in 1619, is rare.",
            "supported",
        ),
        ("The abbey was founded in 1120.", "The abbey was founded in 1132.", "contradicted"),
    ],
)
def test_an_early_year_is_compared_as_a_date(claim, evidence, outcome):
    assert _outcome(claim, Evidence(evidence)) == outcome


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "The laser dazzling is only mildly harmful, while kinetic weapons are highly harmful.",
            "The kinetic weapons are only mildly harmful, while laser dazzling is highly harmful.",
            "contradicted",
        ),
        (
            "The laser dazzling is only mildly harmful, while kinetic weapons are highly harmful.",
            "The laser dazzling is only mildly harmful, while kinetic weapons are highly harmful.",
            "supported",
        ),
        ("The oak is hard, whereas the pine is soft.", "The pine is hard, whereas the oak is soft.", "contradicted"),
        ("The oak is hard, whereas the pine is soft.", "The oak is hard, whereas the pine is soft.", "supported"),
    ],
)
def test_two_subjects_given_each_others_predicates_contradict(claim, evidence, outcome):
    assert _outcome(claim, Evidence(evidence)) == outcome
