"""The asked specific (bot/qa/specifics.py, bot/qa/event_subject.py, bot/qa/evidence.py): a passage that names the
question's subject but not the asked fact does not answer it. "How old" wants an age, "what exact date" a day, "who
was the captain" a sentence naming the captain, "when did X die" X's death, not another's. Sentences quoted from
several real documents (a translation of Sun Tzu, Franklin's autobiography, an FAA rule, a Wikipedia article on
Mozilla, an appeals court order, an essay on Audubon)."""

from __future__ import annotations

import pytest

from bot.qa.event_subject import asked_phase, dates_subject, subject_names
from bot.qa.evidence import evidence
from bot.qa.query import analyse
from bot.qa.specifics import AGE, DAY, YEAR, specific
from tests.bot.qa.factories import candidate, sentence_state

SUN_TZU_LADIES = (
    "The answer was again in the affirmative, so arrangements were made to bring 180 ladies out of the Palace."
)
TRIPLET_AGE = "While in custody, Triplet, then seventeen years old, attempted to escape."
FRANKLIN_JUNTO = (
    "I should have mentioned before, that, in the autumn of the preceding year, I had form'd most of my ingenious "
    "acquaintance into a club of mutual improvement, which was called the Junto; we met on Friday evenings."
)
FIREFOX_NAME = "The current name, Firefox, was chosen on February 9, 2004."
LION_AIR = (
    "On October 29, 2018, a Boeing Model 737-8 airplane operated by Lion Air (Lion Air Flight 610) was involved in "
    "an accident after takeoff from Soekarno-Hatta International Airport in Jakarta, Indonesia."
)
MOZILLA_BAKER = (
    "Due to the controversy, Eich voluntarily stepped down on April 3, 2014 and Mitchell Baker, executive "
    "chairwoman of Mozilla Corporation, posted a statement on the Mozilla blog."
)
HUAI_NAN = "We have here the earliest direct reference for Sun Tzu, for Huai-nan Tzu died in 122 B.C."
SUN_WU_PATRON = (
    "This is the latest date at which anything is recorded of Sun Wu. He does not appear to have survived his "
    "patron, who died from the effects of a wound in 496."
)


@pytest.mark.parametrize(
    ("question", "what", "role"),
    [
        ("How old was Sun Tzu when he drilled the palace ladies?", AGE, ""),
        ("At what ages did Franklin's father and mother die?", AGE, ""),
        ("On what exact date was the Junto founded?", DAY, ""),
        ("On what date was the Firefox name adopted?", DAY, ""),
        ("In what year did Audubon marry Lucy Bakewell?", YEAR, ""),
        ("Who was the captain flying Lion Air Flight 610?", "", "captain"),
        ("Who succeeded Brendan Eich as CEO of Mozilla?", "", "ceo"),
        ("What was the name of the master who taught Dickens the piano at school?", "", "master"),
        ("What was the name of the newspaper Franklin's brother started?", "", ""),
        ("What was the average age of the informants who completed the survey?", "", ""),
        ("Who was mayor of Detmold when the monument was inaugurated in 1875?", "", "mayor"),  # no article
        ("Who was secretary of the guild when the charter was granted?", "", "secretary"),
        ("Who was first to cross the strait?", "", ""),  # "first" is no role
    ],
)
def test_the_specific_a_question_asks_is_read_from_its_wording(question, what, role):
    asked = specific(question)
    assert (asked.what, asked.role) == (what, role)


@pytest.mark.parametrize(
    ("question", "text", "stated"),
    [
        ("How old was Sun Tzu when he drilled the palace ladies?", SUN_TZU_LADIES, False),  # a count, no age
        ("How old was Triplet when he tried to escape from custody?", TRIPLET_AGE, True),
        ("At what ages did Franklin's father and mother die?", "He at 89, and she at 85 years of age.", True),
        ("On what exact date was the Junto founded?", FRANKLIN_JUNTO, False),  # a season, no day
        ("On what date was the Firefox name adopted?", FIREFOX_NAME, True),
        ("In what year did Audubon marry Lucy Bakewell?", "In 1808, Audubon married to Lucy Bakewell.", True),
        ("In what year did Audubon marry Lucy Bakewell?", "There were 1,808 plates in all.", False),
        ("In what year did Huai-nan Tzu die?", HUAI_NAN, True),
    ],
)
def test_a_passage_states_the_asked_specific_only_in_its_form(question, text, stated):
    assert specific(question).stated(text) is stated


@pytest.mark.parametrize(
    ("question", "text", "named"),
    [
        ("Who was the captain flying Lion Air Flight 610?", LION_AIR, False),
        ("Who succeeded Brendan Eich as CEO of Mozilla?", MOZILLA_BAKER, False),  # a chairwoman, not the CEO
        ("Who was the Bishop of St. Asaph?", "This was at the house of the Bishop of St. Asaph, Dr. Shipley.", True),
        ("Who was the captain flying the plane?", "The captain, Ann Reed, had flown it for years.", True),
    ],
)
def test_a_sentence_answering_who_held_a_role_names_the_role(question, text, named):
    assert specific(question).in_role(text) is named


def test_a_name_field_of_the_front_matter_answers_a_role_without_naming_it():
    assert specific("Who is the author of the brief?").in_role("Zainab Fatima", sentence=False)


def test_the_names_a_question_asks_about_are_its_capitalised_runs():
    assert subject_names("In what year did Sun Wu die?") == [frozenset({"sun", "wu"})]
    assert subject_names("In what year did Huai-nan Tzu die?") == [frozenset({"huai", "nan", "tzu"})]


@pytest.mark.parametrize(
    ("question", "text", "theirs"),
    [
        ("In what year did Sun Wu die?", HUAI_NAN, False),  # another man's death
        ("In what year did Sun Wu die?", SUN_WU_PATRON, False),  # "his patron, who died": the patron's
        ("In what year did Huai-nan Tzu die?", HUAI_NAN, True),
        ("In what year did Sun Wu die?", "Sun Wu died in 496 B.C., soon after his patron.", True),
        ("In what year did Sun Wu die?", "Of Sun Wu we know little; he died, it seems, in 496.", True),
        ("In what year was the Junto founded?", "In 1727 I founded a club, the Junto.", True),
        ("In what year was the Junto founded?", "The Junto, founded in 1727, met on Friday evenings.", True),
        ("In what year did Sun Wu die?", "In 496 the army marched south.", True),  # no death: other checks decide
    ],
)
def test_a_date_of_the_asked_phase_counts_only_for_the_named_subject(question, text, theirs):
    phase = asked_phase(analyse(question).asked.question_stems)
    assert dates_subject(question, phase, text) is theirs


def _typed(question: str, *sentences: str) -> float:
    state, ps = sentence_state(*sentences)
    return evidence([candidate(state, p) for p in ps], False, analyse(question), state, "b").typed


def test_a_how_old_question_over_a_passage_with_only_a_count_has_no_typed_support():
    assert _typed("How old was Sun Tzu when he drilled the palace ladies?", SUN_TZU_LADIES) == 0.0
    assert _typed("How old was Triplet when he tried to escape from custody?", TRIPLET_AGE) > 0.4


def test_an_exact_date_question_over_a_passage_with_only_a_season_has_no_typed_support():
    assert analyse("On what exact date was the Junto founded?").asked.strict
    assert _typed("On what exact date was the Junto founded?", FRANKLIN_JUNTO) == 0.0


def test_who_held_a_role_over_a_sentence_naming_other_people_has_no_typed_support():
    assert _typed("Who was the captain flying Lion Air Flight 610?", LION_AIR) == 0.0
    assert _typed("Who succeeded Brendan Eich as CEO of Mozilla?", MOZILLA_BAKER) == 0.0


def test_a_when_did_x_die_question_over_other_peoples_deaths_has_no_typed_support():
    assert _typed("In what year did Sun Wu die?", HUAI_NAN, SUN_WU_PATRON) == 0.0
    assert _typed("In what year did Huai-nan Tzu die?", HUAI_NAN) > 0.4


def test_the_names_of_two_people_is_a_question_for_person_names():
    asked = analyse("What were the names of the two concubines whom Sun Tzu had beheaded?").asked
    assert asked.kind == "name" and asked.strict
