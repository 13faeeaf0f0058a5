"""A question in the reader's own words is still answered by the document's (bot/qa/kin.py and the abstention
evidence of bot/qa/evidence.py): a related word of general English meets in part a question word the document
uses elsewhere ("provided" / "supplied", "finished" / "completed") and says the asked phase ("adopted" /
"chosen"), but a related verb is not the asked event ("live" / "lasts"); a light verb ("set sail") names no event
of its own. Sentences from several real documents of tests/data/real/SOURCE.md (a Wikipedia article, Faraday's
lectures, a linguistics survey, Franklin's autobiography), each against a sentence that does not answer."""

from __future__ import annotations

import pytest

from bot.qa.abstain import states_phase
from bot.qa.evidence import OTHER_EVENT, evidence
from bot.qa.kin import kin, kin_coverage, kin_of_all
from bot.qa.query import analyse
from bot.qa.question_kind import asked
from corpus.text.words import stem
from index.lexical import LexicalIndex, content_terms
from tests.bot.qa.factories import candidate, sentence_state


@pytest.mark.parametrize(
    ("word", "other"),
    [("provide", "supply"), ("adopt", "choose"), ("finish", "complete"), ("collect", "gather")],
)
def test_kin_relates_general_english_words(word: str, other: str) -> None:
    assert stem(other) in kin(stem(word))
    assert stem(word) in kin_of_all([stem(word)])  # a word is its own kin


def test_question_frame_words_have_no_kin() -> None:
    assert kin(stem("happen")) == frozenset()


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "Who provided Faraday with the candles and materials he showed?",
            "Mr. Field, of Lambeth, has supplied me abundantly with beautiful illustrations of the candle and its "
            "materials.",
        ),
        (
            "How many people finished the whole survey?",
            "A total of 64 informants completed the survey in its entirety.",
        ),
    ],
)
def test_a_related_word_covers_a_question_word_in_part(question: str, answer: str) -> None:
    index = LexicalIndex([answer, "Rainfall rose in the north.", "It was provided and finished."])
    terms = content_terms(question)
    assert kin_coverage(index, terms, index.terms[0]) > index.coverage(terms, 0)
    assert kin_coverage(index, terms, index.terms[1]) == index.coverage(terms, 1)  # no related word there


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (
            "On what date was the Firefox name adopted?",
            "The current name, Firefox, was chosen on February 9, 2004.",
            True,
        ),
        ("On what date was the Firefox name adopted?", "Firefox 3.0 was released on June 17, 2008.", False),
        ("When was the painter born?", "In 1859 he chose to spend several weeks in Rome.", False),  # not kin of "born"
    ],
)
def test_a_related_word_of_the_asked_phase_says_it(question: str, text: str, expected: bool) -> None:
    assert states_phase(asked(question).question_stems, text) is expected


def test_a_related_verb_is_not_the_asked_event() -> None:
    # A Wikipedia article: "lives" is the document's word elsewhere; "lasts" is a related word of "live" in another
    # sense (a partnership lasting a year is no lifespan), so the typed passage keeps the other-event discount.
    state, passages = sentence_state(
        "Ducks generally only have one partner at a time, although the partnership usually only lasts one year.",
        "Sea ducks spend a majority of their lives in saltwater.",
    )
    query = analyse("How long do ducks usually live in the wild?")
    ev = evidence([candidate(state, passages[0])], False, query, state, "b")
    assert ev.typed == pytest.approx(OTHER_EVENT * (0.5 * 0.6 + 0.5 * 0.5))


def test_a_light_verb_names_no_event() -> None:
    # Franklin's autobiography: "set sail" is reported as "sail'd"; "set" is a word the document uses elsewhere.
    state, passages = sentence_state(
        "E sail'd from Gravesend on the 23rd of July, 1726.",
        "He set out for New York before me.",
    )
    query = analyse("When did Franklin set sail from Gravesend?")
    ev = evidence([candidate(state, passages[0])], False, query, state, "b")
    assert ev.typed == pytest.approx(0.5 * 0.6 + 0.5 * max(0.5, ev.typed_coverage))


def test_another_verb_is_still_another_event() -> None:
    # Asked when the survey was closed; the sentence says when it was distributed (no kin of "close").
    state, passages = sentence_state(
        "The survey was distributed in October 2021 using social media.",
        "The survey closed later.",
    )
    query = analyse("When was the survey closed?")
    ev = evidence([candidate(state, passages[0])], False, query, state, "b")
    assert ev.typed < 0.5 * 0.6 + 0.5 * 0.5
