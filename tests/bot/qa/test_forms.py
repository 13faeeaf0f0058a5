"""Ranking by the form of what is asked (``bot.qa.forms``): the asked event in other words and not its other phase,
a figure of the asked measure, a cause asked as "what made ...", and lines that only label. Sentences from several
real documents (a Wikipedia article, an FAA airworthiness directive, a policy brief, a court opinion, an essay
and a museum catalogue); each pair is given equal retrieval evidence, so only the form decides."""

from __future__ import annotations

import dataclasses

import pytest

from bot.qa import answer as answering
from bot.qa.events import asked_event, match
from bot.qa.forms import label_line
from bot.qa.measures import asked_measure, gives_measure, vague_amount
from bot.qa.query import analyse
from corpus.models import Passage
from index.lexical import question_verbs
from tests.bot.qa.factories import candidate, sentence_state


def _first(question: str, wrong: str, right: str) -> str:
    state, passages = sentence_state(wrong, right)
    ranked = answering.rank([candidate(state, p) for p in passages], analyse(question))
    return ranked[0][0].passage.text


@pytest.mark.parametrize(
    ("question", "wrong", "right"),
    [
        (  # Wikipedia (Mozilla): asked when he resigned, the promotion is the other end of the office
            "When did Brendan Eich resign as CEO?",
            "On March 24, 2014, Mozilla promoted Brendan Eich to the role of CEO.",
            "Due to the controversy, Eich voluntarily stepped down on April 3, 2014.",
        ),
        (  # a court opinion: "give up" is "waive"
            "Under Oklahoma law, what does a voluntary guilty plea give up?",
            "Under Oklahoma law, all appeals taken from any conviction on a plea of guilty shall be taken by petition.",
            "A voluntary guilty plea waives all non-jurisdictional defects.",
        ),
        (  # a book (Free Culture): who "ran" a company is its president
            "Who ran RCA when Armstrong invented FM?",
            "When Armstrong and the nation were distracted by World War II, RCA's work began to succeed.",
            "RCA's president, David Sarnoff, a friend of Armstrong's, was eager that Armstrong remove static.",
        ),
    ],
)
def test_the_asked_event_in_other_words_ranks_above_another_event(question, wrong, right):
    assert _first(question, wrong, right) == right


def test_an_event_and_its_other_phase_are_told_by_the_verb_families():
    q = "When did Brendan Eich resign as CEO?"
    event = asked_event(q, question_verbs(q))
    assert event.phase == "end"
    assert match(event, "Mozilla promoted Brendan Eich to the role of CEO.").other_phase
    assert match(event, "Eich voluntarily stepped down on April 3, 2014.").kin
    resigned = match(event, "Eich resigned on April 3, 2014, a week after he was appointed.")
    assert not resigned.other_phase  # the asked verb itself is there: same_event's business, never a malus
    assert not asked_event("What did the mayor say?", question_verbs("What did the mayor say?")).families


@pytest.mark.parametrize(
    ("question", "wrong", "right"),
    [
        (  # a policy brief: asked how fast, a distance is another measure
            "How fast can the hypersonic missile travel?",
            "The Hwasong-12 reached an altitude of 2,000 km and travelled 800 km.",
            "In addition, it can also achieve more than five times the speed of sound.",
        ),
        (  # an FAA directive: asked how often, a count of sensors is no frequency
            "Under the revised control laws, how often can MCAS activate during a single high angle-of-attack event?",
            "The flight control laws would use inputs from two AOA sensors for MCAS activation.",
            "The revised flight control laws would permit only one activation of MCAS per sensed high AOA event.",
        ),
    ],
)
def test_a_figure_of_the_asked_measure_ranks_above_a_figure_of_another(question, wrong, right):
    assert _first(question, wrong, right) == right


def test_measures_and_vague_amounts_are_read_from_the_unit_after_a_figure():
    assert asked_measure("How fast can it travel?") == "fast"
    assert asked_measure("How often does the board meet?") == "often"
    assert asked_measure("How did the board meet?") == ""
    assert gives_measure("fast", "It flies at about 6,200 km/h.")
    assert not gives_measure("fast", "It travelled 800 km.")
    assert gives_measure("far", "It travelled 800 km.")
    assert gives_measure("hot", "The adjustment ranged from +1.1 to +4.5 ºC.")
    assert gives_measure("often", "The council meets twice a year.")
    assert not gives_measure("often", "The council has two chambers.")
    assert vague_amount("Differences greater than a certain threshold would cause an alert.")
    assert not vague_amount("Differences greater than 10 degrees, a certain threshold, would cause an alert.")


def test_a_cause_asked_as_what_made_ranks_a_causal_sentence_first():
    # a museum catalogue (Audubon): "what made him leave" asks why
    question = "What made the young Audubon leave for the United States?"
    wrong = "This exhibition situates Audubon's monumental work into a larger conversation about natural history."
    right = "At eighteen, John James Audubon came to the United States because of the war between France and England."
    assert _first(question, wrong, right) == right


def test_a_line_that_only_labels_never_ranks_first():
    # an essay's heading left among its sentences, and a list label of another essay
    assert _first(
        "What kind of error does the author say imposter syndrome is?",
        "You don't have Imposter Syndrome",
        "The thing is though, imposter syndrome is a logical fallacy.",
    ).endswith("fallacy.")
    assert _first(
        "What does the author blame for the slow adoption of REST?",
        "1. feels fast",
        'The relevant force here is "crappy internet."',
    ).endswith('internet."')


def test_the_documents_title_is_a_label_unless_a_title_or_the_document_is_asked_about():
    _, (p, _) = sentence_state("Imposter Syndrome", "Imposter syndrome is a logical fallacy.")
    title = dataclasses.replace(p, kind="metadata", label="title")
    assert label_line(title)
    assert not label_line(dataclasses.replace(p, text="The thing is though, imposter syndrome is a fallacy."))
    assert not label_line(dataclasses.replace(p, kind="table_row", text="Sonata: Op. 81A"))
    assert isinstance(title, Passage)
