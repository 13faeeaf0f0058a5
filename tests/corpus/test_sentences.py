"""Sentence splitting on legal and bibliographic abbreviations: general signals, not a topic list."""

from __future__ import annotations

import pytest

from corpus.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "See Okla. Stat. Ann. tit. 22, § 1089 (2000).",
        "He filed a 28 U.S.C. § 2254(d) petition.",
        "See Cargle v. Mullin, 317 F.3d 1196, 1202 (10th Cir. 2003).",
        "State, 824 P.2d 364, 372 (Okla. Crim. App. 1991).",
        "Abbott, 117 Fed. Appx. 72, 75-77 (10th Cir. Apr. 21, 1998) (unpublished).",
        "See OKLA. CONST. art. 2, § 7.",
        "See No. 5 and pp. 12-14 of vol. 3.",
        "Smith et al. 2004 showed it, e.g. in fig. 2.",
        "See the order (R. Doc. 10-9 at 1-2).",
        "The rule (“all courts, including the . . . Juvenile Courts . . . .”) applies.",
    ],
)
def test_citation_abbreviations_do_not_end_a_sentence(sentence: str) -> None:
    assert _split(f"{sentence} It ended.") == [sentence, "It ended."]


def test_id_and_titles_may_begin_a_sentence() -> None:
    assert _split("He cited the statute. Id. at 5. He moved to Ohio. Dr. Smith came.") == [
        "He cited the statute.",
        "Id. at 5.",
        "He moved to Ohio.",
        "Dr. Smith came.",
    ]


def test_number_abbreviation_ends_a_sentence_before_a_capital() -> None:
    assert _split("The answer was no. Then it rained.") == ["The answer was no.", "Then it rained."]


def test_short_capitalised_word_before_a_number_outside_a_citation_ends_the_sentence() -> None:
    assert _split("They sailed to Guam. 12 ships followed.") == ["They sailed to Guam.", "12 ships followed."]


def test_parenthesised_sentence_is_its_own_sentence() -> None:
    assert _split("(R. Doc. 10-9 at 1-2.) The court agreed.") == ["(R. Doc. 10-9 at 1-2.)", "The court agreed."]
