"""Alias claims ("X is also known as Y") decided from the names a brief gives in brackets."""

from __future__ import annotations

import pytest

from bot.claims.alias import alias_claim, check_alias


@pytest.mark.parametrize(
    ("claim", "names"),
    [
        ("The Hwasong-12 is also known as the KN-17.", ("Hwasong-12", "KN-17")),
        ("The Hwasong-12 is also designated KN-17.", ("Hwasong-12", "KN-17")),
        ("The Korean Central News Agency is also called KCNA.", ("Korean Central News Agency", "KCNA")),
        ("Trump is known as a dealmaker.", None),
        ("The Hwasong-12 flew 800 km.", None),
    ],
)
def test_alias_claims_are_recognised(claim, names):
    assert alias_claim(claim) == names


def test_a_bracketed_second_name_supports_the_alias(bundled_brief):
    found = check_alias("The Hwasong-12 is also known as the KN-17.", [bundled_brief])
    assert found is not None and found.verdict == "supported"
    assert found.found == "Hwasong-12 (KN-17)"
    assert bundled_brief.text[found.passage.start : found.passage.end] == found.passage.text


def test_another_designation_in_the_brackets_contradicts_it(bundled_brief):
    found = check_alias("The Hwasong-12 is also known as the KN-20.", [bundled_brief])
    assert found is not None and found.verdict == "contradicted"
    assert found.other == "KN-17"


def test_an_acronym_is_matched_against_acronyms(bundled_brief):
    assert check_alias("The Korean Central News Agency is also called KCNA.", [bundled_brief]).verdict == "supported"
    wrong = check_alias("The Korean Central News Agency is also called KCTV.", [bundled_brief])
    assert wrong is not None and wrong.verdict == "contradicted" and wrong.other == "KCNA"


def test_a_name_the_brief_never_brackets_is_left_to_the_general_check(bundled_brief):
    assert check_alias("The Hwasong-17 is also known as the KN-28.", [bundled_brief]) is None
