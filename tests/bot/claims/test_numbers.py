"""Quantities: units, formats, ranges, bounds, dates, counts and ordinals (pure functions, no model)."""

from __future__ import annotations

import pytest

from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.evidence import Evidence
from bot.claims.numbers.agreement import agrees, units_comparable
from bot.claims.numbers.extract import extract_quantities
from bot.claims.numbers.quantity import parse_number


def _one(text: str):
    qs = extract_quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


@pytest.mark.parametrize(
    ("raw", "value"),
    [("10,400", 10400), ("10400", 10400), ("6,248.5", 6248.5), ("ten", 10), ("a dozen", 12), ("twenty-five", 25)],
)
def test_parse_number(raw: str, value: float) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("a range of 10400 km", "a range of 10,400 km"),
        ("a range of 10,400 kilometres", "a range of 10,400 km"),
        ("an altitude of 6,248.5 km", "an altitude of 6,248.5 kms"),
        ("a yield of 250 kt", "equal to 250 kilotons of TNT"),
        ("ten tests", "10 tests"),
        ("up to 13,000 km", "between 8,500-13,000 km"),
        ("between 8,500 and 13,000 kilometres", "ranges between 8,500-13,000 km"),
        ("about 3,850 mph", "about 6,200 km/h"),
        ("on January 5, 2022", "Date: January 05, 2022"),
        ("in 2019", "in February 2019"),
        ("less than 500 km", "could fly for less than 500 km"),
        ("a maximum altitude of 550 km", "flew at a maximum altitude of 550 km"),
        ("its third test", "its third hypersonic missile test"),
        ("twice the size", "2 times the size"),
    ],
)
def test_same_quantity_written_differently_agrees(claim: str, evidence: str) -> None:
    c, e = _one(claim), _one(evidence)
    assert units_comparable(c, e) or c.is_date
    assert agrees(c, e), (c, e)


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("flew 2,000 km", "flew for 1,090 km"),
        ("equal to 100 kilotons", "equal to 250 kilotons of TNT"),
        ("held in 2020", "held in February 2019"),
        ("up to 15,000 km", "between 8,500-13,000 km"),
        ("a maximum range of 12,000 km", "ranges between 8,500-13,000 km"),
        ("more than 1,000 km", "less than 500 km"),
        ("12 tests", "10 tests"),
        ("on January 20, 2022", "Date: January 17, 2022"),
        ("10,400 miles", "10,400 km"),
        ("its fifth test", "its third hypersonic missile test"),
    ],
)
def test_different_quantities_disagree(claim: str, evidence: str) -> None:
    c, e = _one(claim), _one(evidence)
    assert not agrees(c, e), (c, e)


def test_designations_are_not_numbers() -> None:
    assert extract_quantities("The Hwasong-17 and the KN-23 were tested.") == []


def test_sentence_quantities_in_order() -> None:
    qs = extract_quantities("It flew for 1,090 km to a maximum altitude of 6,248.5 kms.")
    assert [(q.text, q.unit, q.bound) for q in qs] == [
        ("1,090 km", "km", "exact"),
        ("6,248.5 kms", "km", "at_most"),
    ]


def test_counts_carry_their_noun() -> None:
    (q,) = [q for q in extract_quantities("North Korea has conducted six underground nuclear tests.") if q.is_count]
    assert q.unit == "count:test"
    assert q.low == 6


def test_a_count_is_not_compared_with_a_different_noun() -> None:
    tests = _one("10 tests")
    million = _one("25 million")
    assert not units_comparable(million, tests)
    assert not units_comparable(_one("10 missiles"), tests)
    # A table cell with no noun ("Number of missiles tested: 2") can meet any count.
    cell = next(q for q in extract_quantities("Number of missiles tested: 2") if q.is_count)
    assert units_comparable(_one("two missiles"), cell)


def test_a_date_without_a_year_says_nothing_about_a_year() -> None:
    assert not agrees(_one("in 2015"), _one("On March 24"))
    assert agrees(_one("on March 24"), _one("On March 24, 2022"))


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("a yield of 250,000 tons", "equal to 250 kilotons of TNT"),  # kilotons <-> tons
        ("a yield of 1.5 megatons", "a yield of 1,500 kilotons"),
        ("flew about 677 miles", "flew for 1,090 km"),  # km <-> miles, rounded after conversion
        ("flew 680 miles", "flew for 1,090 km"),
        ("a range of 6,460 miles", "a range of 10,400 km"),
        ("held every year", "performed annually"),  # frequencies as times per year
        ("twice a year", "semi-annually"),
        ("every other year", "held biennially"),
        ("Mach 5", "five times the speed of sound"),  # the speed of sound as a unit
        ("a single missile", "1 missile"),
    ],
)
def test_conversions_and_frequencies_agree(claim: str, evidence: str) -> None:
    c, e = _one(claim), _one(evidence)
    assert units_comparable(c, e), (c, e)
    assert agrees(c, e), (c, e)


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("a yield of 25,000 tons", "equal to 250 kilotons of TNT"),
        ("flew about 2,000 miles", "flew for 1,090 km"),
        ("flew 1,090 miles", "flew for 1,090 km"),
        ("held every two years", "performed annually"),
        ("held monthly", "performed annually"),
        ("Mach 10", "five times the speed of sound"),
        ("two missiles", "a single missile"),
    ],
)
def test_conversions_and_frequencies_disagree(claim: str, evidence: str) -> None:
    c, e = _one(claim), _one(evidence)
    assert units_comparable(c, e), (c, e)
    assert not agrees(c, e), (c, e)


def test_a_converted_figure_is_only_as_exact_as_its_rounding() -> None:
    km = _one("flew for 1,090 km")
    assert agrees(_one("700 miles"), km)  # 700 is rounded to the hundred: 650..750 miles holds 677
    assert not agrees(_one("720 miles"), km)  # 720 is rounded to the ten: 715..725 miles does not
    assert not agrees(_one("1,100 km"), _one("1,000 km"))  # same unit: no rounding allowance


def test_a_count_before_a_designation_counts_the_noun_after_it() -> None:
    assert _one("a single KN-24 short-range ballistic missile").unit == "count:missil"
    assert _one("one Hwasong-12").unit == "count:hwasong-12"


@pytest.mark.parametrize(
    ("text", "year", "months"),
    [("in early 2019", 2019, (1, 4)), ("by mid-2020", 2020, (5, 8)), ("at the end of 2021", 2021, (9, 12))],
)
def test_a_part_of_a_year_is_a_date_with_its_months(text, year, months):
    from bot.claims.numbers.extract import extract_quantities

    (q,) = [q for q in extract_quantities(text) if q.is_date]
    assert q.date == (year, None, None)
    assert q.months == months


def test_a_part_of_a_year_agrees_only_with_a_month_inside_it():
    from bot.claims.numbers.agreement import agrees
    from bot.claims.numbers.extract import extract_quantities

    early, late = (extract_quantities(t)[0] for t in ("early 2019", "late 2019"))
    february = extract_quantities("February 2019")[0]
    assert agrees(early, february)
    assert not agrees(late, february)


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("One test flew 270 km.", 0),
        ("In one test, the missile flew 270 km.", 0),
        ("North Korea conducted one nuclear test in 2017.", 1),
        ("It fired one missile.", 1),
    ],
)
def test_an_opening_one_is_an_article_not_a_count(text, counts):
    from bot.claims.numbers.extract import extract_quantities

    assert sum(q.is_count for q in extract_quantities(text)) == counts


# ----- money, versions, ranges in words, denied bounds, hypothetical figures ---------------------------------
@pytest.mark.parametrize(
    ("text", "unit", "low", "high", "bound"),
    [
        ("$6 billion a year", "usd", 6e9, 6e9, "exact"),
        ("more than $6 billion", "usd", 6e9, 6e9, "at_least"),
        ("US$ 2.5bn", "usd", 2.5e9, 2.5e9, "exact"),
        ("€40m", "eur", 4e7, 4e7, "exact"),
        ("6 billion dollars", "usd", 6e9, 6e9, "exact"),
        ("from sixteen to twenty times", "times", 16, 20, "range"),
        ("five or six times", "times", 5, 6, "range"),
        ("do not yet average much more than five times", "times", 5, 5, "at_most"),
    ],
)
def test_money_ranges_and_denied_bounds_are_read(text, unit, low, high, bound):
    (q,) = [q for q in extract_quantities(text) if q.unit == unit]
    assert (q.low, q.high, q.bound) == (low, high, bound)


def test_versions_are_compared_part_by_part_not_as_close_numbers():
    (a,) = extract_quantities("It requires Python 3.6 or later.")
    (b,) = extract_quantities("It requires Python 3.5 or later.")
    (c,) = extract_quantities("It requires Python 3 or later.") or [None]
    assert a.version == (3, 6) and a.unit == "version:python"
    assert not agrees(a, b)
    assert agrees(a, a)
    assert c is None or not c.is_version  # "Python 3" alone is no dotted version
    assert [q.unit for q in extract_quantities("Mach 5.5, 3.5 million and 2.5 km")] == ["mach", "count:", "km"]


@pytest.mark.parametrize(
    ("claim", "outcome"),
    [
        ("Prices have risen to three times their 1990 level.", "supported"),
        ("Prices have risen to twelve times their 1990 level.", "contradicted"),
    ],
)
def test_a_supposed_figure_is_not_the_stated_one(claim, outcome):
    evidence = Evidence(
        "Prices ought to be about twelve times their 1990 level if wages are to keep pace, but in fact they have "
        "risen to only three times that level."
    )
    assert compare(Claim.parse(claim), evidence, 0.7).outcome == outcome


# ----- the issue's number and coverage rules, end to end through compare, each on two topics ----------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        # money and magnitudes, the period written before or after the figure
        (
            "The legal publishers earn $6 billion a year.",
            "Each year, the legal publishers earn more than $6 billion from their subscribers.",
            "supported",
        ),
        (
            "The city spends €40 million a year on its parks.",
            "Every year the city spends about €40 million on its parks.",
            "supported",
        ),
        (
            "The city spends €25 million a year on its parks.",
            "Every year the city spends about €40 million on its parks.",
            "contradicted",
        ),
        # a figure above a lower bound is not denied by it
        (
            "The legal publishers earn $9 billion a year.",
            "Each year, the legal publishers earn more than $6 billion from their subscribers.",
            "unrelated",
        ),
        # versions, part by part
        ("The toolkit requires Python 3.6.", "The toolkit requires Python 3.5 or later.", "contradicted"),
        ("The toolkit requires Python 3.5.", "The toolkit requires Python 3.5 or later.", "supported"),
        ("The plugin runs on Node 18.2.", "The plugin runs on Node 16.4 and newer.", "contradicted"),
        # numbers meet only the number in the same slot
        (
            "The bridge is 300 metres long.",
            "The bridge, opened in 1990 after 300 days of work, is 450 metres long.",
            "contradicted",
        ),
        ("The dam took 300 days to build.", "The dam, 450 metres long, took 300 days to build.", "supported"),
        # an example list names some members only
        (
            "The module offers a mode function.",
            "The module offers functions such as mean, median and variance for samples.",
            "unrelated",
        ),
        (
            "The bakery sells rye bread.",
            "The bakery sells breads such as sourdough, baguette and brioche.",
            "unrelated",
        ),
        (
            "The bakery sells brioche bread.",
            "The bakery sells breads such as sourdough, baguette and brioche.",
            "supported",
        ),
    ],
)
def test_issue_number_and_list_rules_hold_through_compare(claim: str, evidence: str, outcome: str) -> None:
    assert compare(Claim.parse(claim), Evidence(evidence), 0.75).outcome == outcome


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Proof-of-work is essentially one-CPU-one-vote.", []),
        ("The coach met each player one-on-one.", []),
        ("The guild follows a one-member-one-vote rule.", []),
        ("The inn served first-rate food to two guests.", [2.0]),
        ("She heard it second-hand.", []),
        # quantities written as compounds stay figures
        ("Two-thirds of the members voted.", [2.0]),
        ("A twenty-five-year-old pilot flew the plane.", [25.0]),
        ("He was a one-time champion.", [1.0]),
        ("The council adopted a five-year plan.", [5.0]),
    ],
)
def test_number_words_inside_word_compounds_are_not_figures(text: str, figures: list[float]) -> None:
    assert [q.low for q in extract_quantities(text)] == figures


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "The agency is essentially one-member-one-vote.",
            "The agency is essentially one-member-one-vote.",
            "supported",
        ),
        ("The coach met each player one-on-one.", "The coach met each player one-on-one.", "supported"),
        ("The coach met each player one-on-one.", "The coach met the players as a group.", "unrelated"),
        ("The guild follows a one-member-one-vote rule.", "The guild follows a one-share-one-vote rule.", "unrelated"),
    ],
)
def test_a_word_compound_is_compared_as_a_term(claim: str, evidence: str, outcome: str) -> None:
    assert compare(Claim.parse(claim), Evidence(evidence), 0.7).outcome == outcome


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        ("The guild amounts to one-member-one-vote.", "The guild is essentially one-share-one-vote.", "contradicted"),
        ("The guild is one-member-one-vote.", "The guild is one-share-one-vote.", "contradicted"),
        ("The guild is one-member-one-vote.", "The guild is not one-share-one-vote.", "unrelated"),
        ("The guild is one-member-one-vote.", "The league is one-share-one-vote.", "unrelated"),
        ("The guild is one-member-one-vote.", "The guild is one-member-one-vote.", "supported"),
    ],
)
def test_a_subject_said_to_be_another_term_of_the_same_make_is_contradicted(
    claim: str, evidence: str, outcome: str
) -> None:
    assert compare(Claim.parse(claim), Evidence(evidence), 0.7).outcome == outcome


def test_the_other_term_is_given_as_the_opposite_words() -> None:
    j = compare(Claim.parse("The guild is one-member-one-vote."), Evidence("The guild is one-share-one-vote."), 0.7)
    assert (j.reason, j.opposite) == ("attribute", "one-share-one-vote")
