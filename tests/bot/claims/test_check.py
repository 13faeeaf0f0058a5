"""check_claim over the bundled brief with the real MiniLM model and a real Chroma store.

The claim table in test_check_claims.jsonl was written for these tests (none of it is in the shared dev file);
each claim is its own test case. A claim marked ``xfail`` names the general mechanism it still lacks.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.schemas_check import CheckResponse
from bot.claims.check import MAX_CLAIM_CHARS, check_claim
from corpus.errors import BriefNotFound, InvalidRequest

pytestmark = pytest.mark.slow

CLAIMS = [
    json.loads(line)
    for line in (Path(__file__).parent / "test_check_claims.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@pytest.fixture(scope="module")
def checker(tmp_path_factory, embedder, bundled_brief):
    from bot.engine import Engine
    from corpus.settings import Settings
    from index.library import BriefRepository
    from index.store import make_store

    settings = Settings(data_dir=tmp_path_factory.mktemp("check-engine"))
    settings.ensure_dirs()
    engine = Engine(settings, embedder, make_store(settings, embedder), BriefRepository(settings))
    engine.ingest(bundled_brief)
    return engine


@pytest.mark.parametrize("item", CLAIMS, ids=[c["claim"][:70] for c in CLAIMS])
def test_claim_table(checker, item):
    r = check_claim(checker, item["claim"])
    if r.verdict != item["verdict"] and item.get("xfail"):
        pytest.xfail(item["xfail"])
    assert r.verdict == item["verdict"], r.explanation
    for c in r.citations:
        assert c.verified


def test_the_issue_example_explains_the_deciding_difference(checker, bundled_brief):
    r = check_claim(checker, "The Hwasong-17 flew 2,000 km.")
    assert r.verdict == "contradicted"
    assert "1,090 km" in r.explanation
    assert "not 2,000 km" in r.explanation
    assert "Hwasong-17" in r.explanation
    assert "(uncited in the brief)" in r.explanation
    first = r.citations[0]
    assert "It flew for 1,090 km" in first.quote
    assert first.footnotes == ()
    assert bundled_brief.text[first.start : first.end] == first.quote
    # The 2,000 km the claim borrowed belongs to the Hwasong-12: shown as a second, cited quote.
    assert any("Hwasong-12" in c.quote and c.footnotes == (2,) for c in r.citations[1:])


@pytest.mark.parametrize(
    ("claim", "footnotes"),
    [
        ("The Hwasong-14 has a range of 5,000 km.", (13,)),
        ("The 2017 nuclear device was equal to 100 kilotons of TNT.", (12,)),
    ],
)
def test_contradictions_cite_the_brief_with_its_footnotes(checker, claim, footnotes):
    r = check_claim(checker, claim)
    assert r.verdict == "contradicted"
    assert r.citations[0].footnotes == footnotes
    assert f"[{footnotes[0]}]" in r.explanation


def test_supported_claim_cites_the_deciding_sentence(checker):
    r = check_claim(checker, "The Hwasong-15 can travel up to 13,000 km.")
    assert r.verdict == "supported"
    assert r.citations[0].footnotes == (14,)
    assert "8,500-13,000 km" in r.citations[0].quote
    assert 0.5 < r.confidence <= 1.0


def test_unmentioned_subject_is_not_found_without_citations(checker):
    r = check_claim(checker, "Russia supplied North Korea with hypersonic missiles.")
    assert r.verdict == "not_found"
    assert "Russia" in r.explanation
    assert r.citations == ()


def test_check_json_has_the_design_shape(checker):
    body = CheckResponse.of(check_claim(checker, "The Hwasong-14 has a range of 10400 km.")).model_dump(mode="json")
    assert {"verdict", "confidence", "citations", "explanation"} <= set(body)
    assert body["verdict"] == "supported"
    c = body["citations"][0]
    shape = {"quote", "footnotes", "sources", "brief_id", "start", "end", "kind", "score", "verified", "uncited"}
    assert shape <= set(c)
    assert c["verified"] is True
    assert c["sources"][0]["number"] == 13


@pytest.mark.parametrize("claim", ["", "   ", "x" * (MAX_CLAIM_CHARS + 1)])
def test_bad_claims_are_rejected(checker, claim):
    with pytest.raises(InvalidRequest):
        check_claim(checker, claim)


def test_unknown_brief_is_not_found(checker):
    with pytest.raises(BriefNotFound):
        check_claim(checker, "The Hwasong-17 flew 2,000 km.", brief_id="no-such-brief")


def test_empty_library_checks_nothing(make_engine):
    r = check_claim(make_engine(), "The Hwasong-17 flew 2,000 km.")
    assert r.verdict == "not_found"
    assert r.citations == ()


@pytest.mark.parametrize(
    ("claim", "verdict", "named"),
    [
        # stance: both the brief's words and the claim's are named
        ("North Korea welcomes the joint military exercises between the US and South Korea.", "contradicted", "threat"),
        # the front matter: the byline, the editor line and the date decide claims about the brief itself
        ("The brief was authored by Malik Qasim Mustafa.", "contradicted", "Zainab Fatima"),
        ("The brief is dated May 2022.", "contradicted", "April 29, 2022"),
        ("The brief was edited by Malik Qasim Mustafa.", "supported", "Edited by"),
    ],
)
def test_explanations_name_the_deciding_difference(checker, claim, verdict, named):
    r = check_claim(checker, claim)
    assert r.verdict == verdict, r.explanation
    assert named in r.explanation
    assert r.citations and all(c.verified for c in r.citations)


def test_a_negation_explanation_quotes_both_sides(checker):
    r = check_claim(checker, "North Korea welcomes the joint military exercises between the US and South Korea.")
    assert "welcomes" in r.explanation
    assert "major threat" in r.explanation


def test_a_possessive_owner_does_not_swallow_the_name_it_owns():
    from bot.claims.text.entities import entities

    names = [e.text for e in entities("North Korea's Hwasong-14 has a range of 10,400 km.")]
    assert names == ["North Korea's", "Hwasong-14"]


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("North Korea's Hwasong-14 can reach most of the continental US with its 10,400 km range.", "supported"),
        ("North Korea's Hwasong-14 has a range of 5,000 km.", "contradicted"),
    ],
)
def test_claims_naming_a_thing_by_its_owner_are_judged_on_the_thing(checker, claim, verdict):
    assert check_claim(checker, claim).verdict == verdict


def test_alias_claims_through_the_checker_cite_the_bracketing_passage(checker):
    yes = check_claim(checker, "The Hwasong-12 is also designated KN-17.")
    assert yes.verdict == "supported"
    assert "Hwasong-12 (KN-17)" in yes.citations[0].quote
    no = check_claim(checker, "The Hwasong-12 is also known as the KN-20.")
    assert no.verdict == "contradicted"
    assert "KN-17, not KN-20" in no.explanation


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("The Hanoi summit took place in early 2019.", "supported"),
        ("The Hanoi summit took place in late 2019.", "contradicted"),
    ],
)
def test_a_part_of_a_year_is_checked_against_the_month(checker, claim, verdict):
    assert check_claim(checker, claim).verdict == verdict


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("The short-range ballistic missiles North Korea launched in 2020 could fly more than 500 km.", "contradicted"),
        ("The short-range ballistic missiles North Korea launched in 2020 could fly less than 500 km.", "supported"),
    ],
)
def test_an_opposite_bound_contradicts_even_when_another_figure_meets_the_claims_bound(checker, claim, verdict):
    assert check_claim(checker, claim).verdict == verdict


def test_where_a_title_is_held_is_not_part_of_the_persons_name():
    from bot.claims.text.entities import entities

    assert [e.text for e in entities("White House Press Secretary Jen Psaki spoke.")] == ["Press Secretary Jen Psaki"]
    assert [e.text for e in entities("Chancellor Olaf Scholz spoke.")] == ["Chancellor Olaf Scholz"]


def test_a_person_named_with_a_fuller_title_than_the_brief_gives_is_still_that_person(checker):
    claim = (
        "White House Press Secretary Jen Psaki stated that the US would not step back from its goal of complete "
        "denuclearisation of the Korean Peninsula."
    )
    assert check_claim(checker, claim).verdict == "supported"


def test_a_multiple_is_a_comparison():
    from bot.claims.text.comparatives import comparisons

    (c,) = comparisons("It caused an explosion 16 times the size of the bomb dropped on Hiroshima.")
    assert (c.dimension, c.direction, c.other) == ("size", 1, "hiroshima")
    (half,) = comparisons("The new plant is half the size of the Hinkley plant.")
    assert half.direction == -1


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("North Korea's 2017 nuclear test was smaller than the Hiroshima bomb.", "contradicted"),
        ("North Korea's 2017 nuclear test was bigger than the Hiroshima bomb.", "supported"),
    ],
)
def test_a_comparison_is_checked_against_a_multiple(checker, claim, verdict):
    assert check_claim(checker, claim).verdict == verdict


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("Five times the speed of sound is about 3,600 km/h.", "contradicted"),
        ("Five times the speed of sound is about 6,200 km/h.", "supported"),
    ],
)
def test_a_matching_measurement_anchors_a_mismatched_one(checker, claim, verdict):
    assert check_claim(checker, claim).verdict == verdict
