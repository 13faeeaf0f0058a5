"""The asked noun phrase cut before its verb, durations and origins (bot/qa/noun_phrase.py), and how they rank, on
sentences of several topics (a court, a choir, a harbour, a bakery, words and names)."""

from __future__ import annotations

import pytest

from bot.qa import answer as answering
from bot.qa.cues import cue_bonus, has_answer
from bot.qa.noun_phrase import DURATION, ORIGIN, has_duration, tells_origin, verb_cut
from bot.qa.query import analyse
from bot.qa.question_kind import asked
from corpus.models import Passage
from tests.bot.qa.factories import candidate, sentence_state


def _sentence(text: str) -> Passage:
    return Passage(id="b:1", brief_id="b", kind="sentence", text=text, start=0, end=len(text), paragraph=1)


# ------------------------------------------------------------------------------------------ the asked noun phrase
@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("Which statute governs the court's review of the appeal?", "statute"),  # "governs the": a verb
        ("Which hymn opened the choir's first concert?", "hymn"),
        ("Which music overwhelmed Dickens in Paris?", "music"),  # a past form
        ("Which tribune first called for the vote?", "tribune"),  # an adverb opens the verb phrase
        ("Which statistical technique was used to correct the data?", "technique"),  # the last noun, not the first
        ("Which health outcomes improved most?", "outcome"),  # a plural noun is no verb
    ],
)
def test_the_head_of_the_asked_noun_phrase(question, head):
    assert asked(question).head == head


def test_a_verb_is_cut_only_before_a_determiner_or_a_name():
    assert verb_cut(["statute", "governs"], ["governs", "the", "review"]) == 1
    assert verb_cut(["bakery", "sells"], ["sells", "Easter", "bread"]) == 1
    assert verb_cut(["bakery", "chains"], ["chains", "did", "close"]) == 2  # "bakery chains did ...": a noun


def test_a_verb_is_cut_before_a_noun_phrase_ending_in_a_plural():
    # "What law frees small firms ...": a compound noun has one plural, its last word; "frees" is the verb.
    assert verb_cut(["law", "frees", "small", "firms"], ["frees", "small", "firms", "from"]) == 1
    assert verb_cut(["choir", "trains", "young", "singers"], ["trains", "young", "singers", "to"]) == 1
    assert verb_cut(["state", "tax", "rate"], ["tax", "rate", "applies"]) == 3  # no second plural: one noun


@pytest.mark.parametrize(
    ("question", "head", "verb"),
    [
        ("What law frees small bakeries from the flour tax?", "law", "free"),
        ("Which statute governs the court's review of the appeal?", "statute", "govern"),
        ("Which hymn opened the choir's first concert?", "hymn", "open"),  # a past form ends the phrase too
    ],
)
def test_the_verb_the_asked_noun_phrase_runs_into(question, head, verb):
    a = asked(question)
    assert (a.head, a.verb) == (head, verb)


@pytest.mark.parametrize(
    ("question", "other", "answer"),
    [
        (
            "What law frees small bakeries from the flour tax?",
            "Small bakeries pay no flour tax under the old charter of the guild.",
            "The Bread Act frees small bakeries from the flour tax.",
        ),
        (
            "Which body governs the choir's concerts in the cathedral?",
            "The choir's concerts in the cathedral are planned by the singers.",
            "The choir's concerts in the cathedral are governed by the chapter.",
        ),
    ],
)
def test_the_passage_with_the_asked_verb_ranks_first(question, other, answer):
    state, passages = sentence_state(other, answer)
    ranked = answering.rank([candidate(state, p) for p in passages], analyse(question))
    assert ranked[0][0].passage.text == answer


# ------------------------------------------------------------------------------------------------- durations
@pytest.mark.parametrize(
    "question",
    [
        "What prison term did the defendant receive for the theft?",
        "What probation period did the court set?",
        "What apprenticeship term did the bakers serve?",
    ],
)
def test_a_term_or_period_of_something_asks_a_duration(question):
    a = asked(question)
    assert (a.kind, a.slot) == ("quantity", DURATION)


def test_a_term_alone_is_a_word_not_a_duration():
    assert asked("What term does the author use for the method?").kind == ""
    assert asked("Which sentence opens the chapter?").slot != DURATION


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was sentenced to two years imprisonment on the theft charge.", True),
        ("The apprenticeship lasted 18 months.", True),
        ("She served a three-year term as treasurer.", True),
        ("The choir rehearsed for an hour each week.", True),
        ("He received a life sentence.", True),
        ("He had not previously received an adult sentence.", False),
        ("In 2003 he was charged with theft.", False),  # a year is a date, not a length of time
        ("The bakery sold 300 loaves.", False),
    ],
)
def test_a_duration_is_a_number_of_time_units(text, expected):
    assert has_duration(text) is expected


def test_a_sentence_giving_the_duration_outranks_one_that_only_names_the_term():
    a = asked("What prison term did the defendant receive for the theft?")
    typed = _sentence("He was sentenced to two years imprisonment on the theft charge.")
    untyped = _sentence("He received an adult sentence on the theft charge.")
    assert has_answer(a, typed.text) and not has_answer(a, untyped.text)
    assert cue_bonus(a, typed) > cue_bonus(a, untyped)


# ------------------------------------------------------------------------------------------------- origins
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Where does the snake dance get its name from?", ORIGIN),
        ("Where does the word harbour come from?", ORIGIN),
        ("Where did the custom originate?", ORIGIN),
        ("Where did the choir sing in 1890?", "place"),
        ("Where do most of the bakers live?", "place"),
    ],
)
def test_where_something_comes_from_asks_its_origin_not_a_place(question, kind):
    assert asked(question).kind == kind


def test_a_sentence_telling_the_origin_outranks_one_naming_a_place():
    a = asked("Where does the snake dance get its name from?")
    origin = _sentence("The name is derived from the winding course of the chain of dancers.")
    place = _sentence("The snake dance was performed at Pleasant Point in Maine.")
    assert tells_origin(origin.text) and not tells_origin(place.text)
    assert cue_bonus(a, origin) > cue_bonus(a, place)


# ------------------------------------------------------------------------------------------- the head's kin
@pytest.mark.parametrize(
    ("question", "kin", "other"),
    [
        (
            "Which statistical technique did the authors use to correct the data?",
            "To correct the data, the authors used the quantile mapping method.",
            "To correct the data, the authors worked through every station.",
        ),
        (
            "Which statute governs the harbour board's review of permits?",
            "The review of permits is governed by the Harbours Act of 1964.",
            "The review of permits is governed by long custom of the board.",
        ),
    ],
)
def test_a_passage_naming_a_word_related_to_the_asked_noun_has_the_head_cue(question, kin, other):
    a = asked(question)
    assert a.head_kin  # "technique" -> method, "statute" -> act: words a document uses for the same thing
    assert cue_bonus(a, _sentence(kin)) > cue_bonus(a, _sentence(other))


def test_a_head_with_many_related_words_brings_none():
    assert not asked("Which work did the author finish first?").head_kin  # "work": too many meanings
