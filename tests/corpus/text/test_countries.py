"""The one country table and the case-sensitive names of the United States."""

from __future__ import annotations

import pytest

from corpus.text.countries import COUNTRY_FORMS, COUNTRY_GROUPS, US_NAME, named_forms


def test_table_gives_a_country_its_other_names() -> None:
    assert "united states" in COUNTRY_FORMS["usa"]
    assert "holland" in COUNTRY_FORMS["netherlands"]


def test_a_line_without_a_colon_lists_countries_with_no_other_names() -> None:
    assert COUNTRY_FORMS["zimbabwe"] == ()
    assert not any("zimbabwe" in group for group in COUNTRY_GROUPS)


def test_group_holds_the_key_with_spaces_and_every_form() -> None:
    group = next(g for g in COUNTRY_GROUPS if "sri lankan" in g)
    assert "sri lanka" in group
    assert not any("_" in form for form in group)


def test_named_forms_reads_keys_forms_and_bare_lists() -> None:
    assert named_forms(["north: northern | the north", "east west"]) == {
        "north": ("northern", "the north"),
        "east": (),
        "west": (),
    }


@pytest.mark.parametrize("text", ["U.S.", "U.S.A.", "US", "USA", "United States", "united states of America"])
def test_us_name_matches_the_written_names(text: str) -> None:
    assert US_NAME.fullmatch(text)


@pytest.mark.parametrize("text", ["us", "Us", "America", "USAF", "BUS"])
def test_us_name_leaves_the_pronoun_and_other_words(text: str) -> None:
    assert not US_NAME.search(text)
