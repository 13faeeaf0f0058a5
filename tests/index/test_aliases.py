"""Acronyms a document defines for itself, and questions that use the other form."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.qa.index_state import IndexState
from bot.qa.query import alternatives
from corpus.loader import load_brief
from index.aliases import Acronym, defined_acronyms, expand_question
from index.lexical import LexicalIndex, content_terms


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("Among them, the wet-bulb globe temperature (WBGT) is the most used.", "WBGT", "wet-bulb globe temperature"),
        (
            "Review is governed by the Antiterrorism and Effective Death Penalty Act of 1996 (“AEDPA”).",
            "AEDPA",
            "Antiterrorism and Effective Death Penalty Act",
        ),
        ("It is run by the Office of the Surgeon General (OSG) in Washington.", "OSG", "Office of the Surgeon General"),
        ("Children with adverse childhood experiences (ACEs) are at risk.", "ACEs", "adverse childhood experiences"),
        ("The National Hockey League (NHL) expanded in 1967.", "NHL", "National Hockey League"),
    ],
)
def test_an_acronym_in_brackets_after_its_long_form_is_defined(text: str, short: str, long: str) -> None:
    assert defined_acronyms(text) == (Acronym(short, long),)


@pytest.mark.parametrize(
    "text",
    [
        "The figure (Fig) shows it.",  # one capital: a word, not an acronym
        "The results were clear (see Table 2).",
        "Sales rose in the third quarter (USA).",  # the words before do not spell it
        "In 2020 (COVID) we stayed home.",
    ],
)
def test_brackets_that_define_nothing_give_no_acronym(text: str) -> None:
    assert defined_acronyms(text) == ()


def test_only_the_first_definition_of_an_acronym_counts() -> None:
    text = "The World Health Organization (WHO) said so. Later the Weather History Office (WHO) agreed."
    assert [a.long for a in defined_acronyms(text)] == ["World Health Organization"]


@pytest.mark.parametrize(
    ("question", "expanded"),
    [
        ("How is the wet-bulb globe temperature computed?", "How is the wet-bulb globe temperature computed? (WBGT)"),
        ("What does WBGT measure?", "What does WBGT measure? (wet-bulb globe temperature)"),
        ("When did the NHL expand?", "When did the NHL expand? (National Hockey League)"),
    ],
)
def test_a_question_gains_the_other_form(question: str, expanded: str) -> None:
    acronyms = (Acronym("WBGT", "wet-bulb globe temperature"), Acronym("NHL", "National Hockey League"))
    assert expand_question(question, acronyms) == expanded


def test_a_question_with_both_forms_or_neither_is_left_alone() -> None:
    acronyms = (Acronym("WBGT", "wet-bulb globe temperature"),)
    for q in ("What does the wet-bulb globe temperature (WBGT) measure?", "How hot was the summer?"):
        assert expand_question(q, acronyms) == q


def test_either_form_meets_the_concept_in_coverage() -> None:
    docs = [
        "Originally developed to monitor heat illness, WBGT combines four variables.",
        "The wet-bulb globe temperature was originally developed to monitor heat illness.",
        "Originally developed to monitor heat illness, the index combines four variables.",
    ]
    index = LexicalIndex(docs)
    acronyms = (Acronym("WBGT", "wet-bulb globe temperature"),)
    query = expand_question("What was the wet-bulb globe temperature originally developed for?", acronyms)
    same = alternatives(query, acronyms)
    terms = content_terms(query)
    acronym_only, long_only, neither = (index.coverage(terms, i, same) for i in range(3))
    assert acronym_only == pytest.approx(1.0)
    assert long_only == pytest.approx(1.0)
    assert neither < 0.7
    assert index.coverage(terms, 0) < acronym_only  # without the pair, the long form's words count against it


REAL_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "real-dev"


@pytest.mark.parametrize(
    ("relative", "short", "long"),
    [
        ("carbonplan-extreme-heat/carbonplan-modeling-extreme-heat-2023.md", "WBGT", "wet-bulb globe temperature"),
        (
            "tenth-circuit-triplet/triplet-v-franklin-10th-cir-2010.pdf",
            "AEDPA",
            "Antiterrorism and Effective Death Penalty Act",
        ),
        ("sg-youth-mental-health/sg-protecting-youth-mental-health-2021.pdf", "ACEs", "adverse childhood experiences"),
    ],
)
def test_a_real_documents_acronyms_are_kept_with_its_index_state(relative: str, short: str, long: str) -> None:
    path = REAL_DEV / relative
    if not path.is_file():
        pytest.skip(f"{relative} is not here (the real-dev set lives beside the repository)")
    brief = load_brief(path)
    state = IndexState.build([brief])
    assert Acronym(short, long) in state.acronyms(brief.id)
    assert Acronym(short, long) in state.acronyms(None)
    assert state.acronyms("another-brief") == state.acronyms(None)
