"""Which figure goes with which (``bot.claims.pairing``), where a count's noun is written
(``bot.claims.count_nouns``) and who says a claim (``bot.claims.attribution``): pure, no model."""

from __future__ import annotations

import pytest

from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.evidence import Evidence
from bot.claims.numbers.extract import extract_quantities
from bot.claims.quantities import check_quantities

SALES = Evidence(
    "The bakery's sales for 2019 were $40 million, which was up 25% from $32 million in 2018.",
    lead="The bakery publishes its accounts every spring.",
)
HARVEST = Evidence("The farm's harvest in 2021 was 900 tonnes, down from 1,200 tonnes in 2020.")
# Both years and figures, but "in 2018 … and in 2019" leaves each figure nearer the other year: no pairing.
LOOSE = Evidence("In 2018 the bakery's sales were $32 million and in 2019 they were $40 million.")


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        ("The bakery's sales were $32 million for 2019.", SALES, "contradicted"),
        ("The bakery's sales were $40 million for 2019.", SALES, "supported"),
        ("The bakery's sales were $32 million in 2018.", SALES, "supported"),
        ("The farm's harvest was 1,200 tonnes in 2021.", HARVEST, "contradicted"),
        ("The farm's harvest was 900 tonnes in 2021.", HARVEST, "supported"),
    ],
)
def test_a_figure_belongs_to_the_year_it_is_written_with(claim: str, evidence: Evidence, outcome: str) -> None:
    assert compare(Claim.parse(claim), evidence, 0.85).outcome == outcome


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The bakery's sales were $32 million in 2018.", LOOSE.text),
        ("The farm's harvest was 1,200 tonnes in 2020.", "In 2020 the harvest was 1,200 tonnes, in 2021 900 tonnes."),
    ],
)
def test_figures_not_mutually_nearest_to_a_year_are_not_paired(claim: str, evidence: str) -> None:
    checks = check_quantities(Claim.parse(claim), evidence)
    assert all(q.status == "match" for q in checks)


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "A bicycle needs far less parking space than a car, about 2 square metres compared with 12 square metres.",
            "Compared to the 12 square metres a car takes, a bicycle needs barely 2 square metres of parking space.",
        ),
        (
            "A sparrow weighs far less than a pigeon, about 30 grams compared with 300 grams.",
            "Compared to the 300 grams of a pigeon, a sparrow weighs barely 30 grams.",
        ),
    ],
)
def test_each_evidence_figure_answers_for_one_claim_figure(claim: str, evidence: str) -> None:
    checks = check_quantities(Claim.parse(claim), evidence)
    assert [q.status for q in checks] == ["match", "match"]


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("A sparrow weighs about 30 grams compared with 300 grams for a pigeon.", "A pigeon weighs 300 grams."),
        ("A bicycle takes 2 square metres compared with 12 square metres for a car.", "A car takes 12 square metres."),
    ],
)
def test_a_figure_the_other_claim_figure_matched_does_not_contradict(claim: str, evidence: str) -> None:
    checks = check_quantities(Claim.parse(claim), evidence)
    assert [q.status for q in checks] == ["absent", "match"]
    assert compare(Claim.parse(claim), Evidence(evidence), 0.9).outcome != "contradicted"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Over 2,000 people representing 90 towns gathered.", "count:peopl"),
        ("About 40 children playing outside were counted.", "count:children"),
        ("Only 33 of these villages are coastal.", "count:villag"),
        ("Seven of those ships sank.", "count:ship"),
        ("Of the villages that sent delegates to the fair, only 12 were coastal.", "count:villag"),
        ("Among the ships built that year, 7 are still afloat.", "count:ship"),
    ],
)
def test_a_count_takes_its_noun_where_it_is_written(text: str, unit: str) -> None:
    assert extract_quantities(text)[0].unit == unit


def test_a_bare_count_with_no_partitive_counts_nothing_named() -> None:
    assert extract_quantities("In the end, 12 were enough.")[0].unit == "count:"


@pytest.mark.parametrize(
    ("claim", "evidence", "author", "outcome"),
    [
        (
            "According to Pell, a whale eats four tonnes of krill a day.",
            "That is, the whale eats four tonnes of krill a day in summer.",
            "maria pell",
            "supported",
        ),
        (
            "According to Okafor, the bridge carries 9,000 cars a day.",
            "The bridge carries 9,000 cars a day across the river.",
            "ben okafor",
            "supported",
        ),
        (  # the sentence reports someone else's words: not the author's own saying
            "According to Pell, a whale eats four tonnes of krill a day.",
            "Sailors said that the whale eats four tonnes of krill a day.",
            "maria pell",
            "unrelated",
        ),
        (  # the name is not the author's
            "According to Okafor, the bridge carries 9,000 cars a day.",
            "The bridge carries 9,000 cars a day across the river.",
            "ana ruiz",
            "unrelated",
        ),
    ],
)
def test_according_to_the_author_is_the_documents_own_voice(
    claim: str, evidence: str, author: str, outcome: str
) -> None:
    assert compare(Claim.parse(claim), Evidence(evidence, author=author), 0.9).outcome == outcome
