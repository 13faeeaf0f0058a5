"""Names a document defines for itself (pure): acronyms by their initials, people by titles, speech and naming,
example lists, exceptions, and the lexicon files being general English."""

from __future__ import annotations

from importlib.resources import files

import pytest

from bot.claims.lists import example_lists, unlisted_member
from bot.claims.names import acronym_pairs, document_names, initials_match, spelled_out, surname_of
from bot.claims.text.negation import denied_names


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("NSS", "National Security Systems", True),
        ("JCPOA", "Joint Comprehensive Plan of Action", True),
        ("WBGT", "wet-bulb globe temperature", True),
        ("OSHA", "Occupational Safety and Health Administration", True),
        ("NSS", "National Science Foundation", False),
        ("WHO", "World Trade Organization", False),
        ("ISSI", "its Syria Strategy", False),
    ],
)
def test_initials_match_both_ways(short, long, expected):
    assert initials_match(short, long.split()) is expected


def test_bracketed_pairs_come_from_the_text():
    text = "The National Security Systems (NSS) met. The Name-12 (XY-17) flew. A rocket launcher system (MLRS) too."
    pairs = acronym_pairs(text)
    assert pairs["nss"] == "National Security Systems"
    assert pairs["xy-17"] == "Name-12"
    assert "mlrs" not in pairs  # its initials do not spell the words before it


def test_a_spelled_out_acronym_is_found_only_as_one_run_of_words():
    assert spelled_out("They revived the Joint Comprehensive Plan of Action.", "JCPOA") is not None
    assert spelled_out("It was in Syria since Iran said so.", "ISSI") is None


def test_people_come_from_titles_speech_and_naming_not_from_a_list():
    text = (
        "Chancellor Anna Berg spoke first. Lopez said that he would resign. A young clerk named Tom Lee Park "
        "wrote it. The Report said that it was late."
    )
    persons = document_names(text).persons
    assert {"anna berg", "berg", "lopez", "tom lee park"} <= persons
    assert "report" not in persons  # a word the text also writes in lower case


def test_a_surname_names_a_person_only_when_no_other_has_it():
    assert surname_of("robert byrd", frozenset({"robert byrd", "byrd"})) == "byrd"
    assert surname_of("donald byrd", frozenset({"robert byrd", "byrd"})) is None
    assert surname_of("ada lee", frozenset({"tom"})) is None


def test_example_lists_name_some_members_only():
    evidence = "The module offers functions such as mean, median and variance for samples."
    assert example_lists(evidence) == [("function", frozenset({"mean", "median", "varianc"}))]
    assert unlisted_member("The module offers a mode function.", ["mode"], evidence) == "mode"
    assert unlisted_member("The module offers a median function.", [], evidence) is None
    assert example_lists("Children with disorders such as depression are at risk.") == []


def test_an_exception_denies_a_name_and_an_inclusion_states_it():
    denied, _ = denied_names("All breeds descend from the mallard, apart from the Muscovy duck.")
    assert "muscovy" in denied
    _, stated = denied_names("All breeds, the Muscovy duck included, descend from the mallard.")
    assert "muscovy" in stated


def test_the_lexicon_names_no_subject_of_the_bundled_brief():
    banned = ("korea", "pyongyang", "hwasong", "hanoi", "trump", "psaki", "missile", "dprk", "kim jong")
    for entry in files("bot.claims").joinpath("wordlists").iterdir():
        text = entry.read_text(encoding="utf-8").lower()
        assert not [w for w in banned if w in text], entry.name


@pytest.mark.parametrize(
    ("text", "denied", "stated"),
    [
        (
            "In 1993, the senator gave lectures on the floor—delivered without notes—tracing the fall of the Roman "
            "Republic.",
            set(),
            "roman republic",
        ),
        ("The museum reopened in May (without the East Wing) under the Parks Board.", "east wing", "parks board"),
        ("The museum reopened in May without the East Wing, under the Parks Board.", "east wing", "parks board"),
    ],
)
def test_a_negation_ends_where_its_aside_ends(text, denied, stated):
    d, s = denied_names(text)
    assert stated in s
    assert not denied or denied in d
