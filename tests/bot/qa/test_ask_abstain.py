"""Answer types and abstention on small documents of two topics (a museum's history, a folding bicycle), and on
two real development documents when ../shared is there. A document that names the subject but not the asked
fact abstains; a passage with an answer of the asked type ranks above one that only names the subject."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corpus.loader import load_brief
from corpus.settings import Settings

MUSEUM = """---
title: The Harbour Museum
author: Ada Lindqvist
date: 2021-03-04
---

# The Harbour Museum

The Harbour Museum opened in 1911 in a former customs house on the quay.[^1] It closed in 1940 because the
army requisitioned the building for the duration of the war.[^2] The museum reopened on May 7, 1952, after
repairs paid for by the city council.[^3]

Its first director was Clara Weiss, a botanist who had trained in Vienna.[^4] Today the museum receives about
80,000 visitors a year, most of them in the summer months.

[^1]: Town council minutes, 12 June 1911.
[^2]: Letter from the War Office to the museum trustees, 3 September 1940.
[^3]: "Museum opens its doors again", Harbour Gazette, 8 May 1952.
[^4]: Obituary of Clara Weiss, Harbour Gazette, 2 February 1969.
"""

BICYCLE = """---
title: A review of the Falcon 3 folding bicycle
author: Tom Okafor
date: 2023-09-18
---

# The Falcon 3

The Falcon 3 is a folding bicycle made by Ardent Cycles in Leeds.[^1] It weighs 11.5 kg and folds in about
20 seconds, which makes it easy to carry onto a crowded train.[^2] Ardent Cycles was founded in 1998 by two
engineers who wanted a bicycle that fitted under a desk.[^3]

The frame is aluminium, and the hinge is covered by a five-year warranty. Riders praise its stiff frame but
complain about the small wheels on rough roads.

[^1]: Ardent Cycles, "Our bicycles", company website, 2023.
[^2]: Manufacturer's specification sheet, 2023.
[^3]: Interview with the founders, Cycling Weekly, 14 March 2018.
"""


@pytest.fixture(scope="module")
def small_engine(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Iterator[Any]:
    from bot.engine import Engine
    from index.library import BriefRepository
    from index.store import make_store

    folder = tmp_path_factory.mktemp("small-briefs")
    settings = Settings(data_dir=folder / "data")
    settings.ensure_dirs()
    eng = Engine(settings, embedder, make_store(settings, embedder), BriefRepository(settings))
    for name, text in (("harbour-museum.md", MUSEUM), ("falcon-bicycle.md", BICYCLE)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        eng.ingest(load_brief(path))
    yield eng
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def _first_quote(engine: Any, question: str) -> str:
    answer = engine.ask(question)
    assert not answer.abstained, question
    return str(answer.citations[0].quote)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When did the museum reopen?", "reopened on May 7, 1952"),
        ("Why did the museum close in 1940?", "because the\narmy requisitioned"),
        ("Who was the first director of the museum?", "Clara Weiss"),
        ("How many visitors does the museum receive each year?", "80,000"),
        ("How much does the Falcon 3 weigh?", "11.5 kg"),
        ("When was Ardent Cycles founded?", "founded in 1998"),
    ],
)
def test_the_sentence_with_the_asked_type_comes_first(small_engine, question, expected):
    assert expected.replace("\n", " ") in _first_quote(small_engine, question).replace("\n", " ")


@pytest.mark.parametrize(
    "question",
    [
        "How much did the repairs of the museum cost?",  # a figure the document does not give
        "How many Falcon 3 bicycles were sold in 2020?",  # a statistic about a product it only describes
        "What is the price of the Falcon 3?",
        "Which city is Ardent Cycles going to move to?",
    ],
)
def test_a_document_that_names_the_subject_but_not_the_fact_abstains(small_engine, question):
    answer = small_engine.ask(question)
    assert answer.abstained, [c.quote for c in answer.citations]


def test_a_successor_of_someone_the_document_only_names_abstains(small_engine):
    # "Vienna" (after "in") is a place, and "Clara Weiss" is the question's own name: no other person is named
    assert small_engine.ask("Who succeeded Clara Weiss as director of the museum?").abstained


@pytest.mark.parametrize(
    "question",
    [
        "When did the museum's first director die?",  # no date of her death, only of her obituary's notes
        "When did Ardent Cycles close?",  # only its founding year: the other end of the event
        "Which town is the Harbour Museum's director from?",  # "trained in Vienna" is not where she is from
    ],
)
def test_a_fact_of_another_type_or_event_does_not_answer(small_engine, question):
    answer = small_engine.ask(question)
    assert answer.abstained, [c.quote for c in answer.citations]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which city is the Falcon 3 made in?", "in Leeds"),
        ("Who makes the Falcon 3?", "Ardent Cycles"),  # an organisation answers "who"
        ("Who trained in Vienna?", "Clara Weiss"),
        ("When did the museum close?", "closed in 1940"),
        ("When was Ardent Cycles founded?", "founded in 1998"),
    ],
)
def test_an_answer_of_the_asked_type_and_event_is_given(small_engine, question, expected):
    assert expected in _first_quote(small_engine, question).replace("\n", " ")


REAL_DEV = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "real-dev"


@pytest.fixture(scope="module")
def real_engine(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Iterator[Any]:
    if not REAL_DEV.is_dir():
        pytest.skip("../shared/eval/real-dev is not here")
    from bot.engine import Engine
    from index.library import BriefRepository
    from index.store import make_store

    settings = Settings(data_dir=tmp_path_factory.mktemp("real-dev") / "data")
    settings.ensure_dirs()
    eng = Engine(settings, embedder, make_store(settings, embedder), BriefRepository(settings))
    for path in (
        REAL_DEV / "malamud-twelve-tables" / "malamud-twelve-tables-or-7-11-2011.pdf",
        REAL_DEV / "wikipedia-duck" / "wikipedia-duck-2024.html",
        REAL_DEV / "keynes-europe-after-the-treaty" / "keynes-economic-consequences-ch6-europe-after-the-treaty.docx",
    ):
        eng.ingest(load_brief(path))
    yield eng
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many ducks are killed for meat every year?", "3 billion ducks are slaughtered"),
        ("Which continent has no ducks?", "every continent except Antarctica"),
        ("How many European families were on unemployment allowances in mid-1919?", "15,000,000 families"),
        ("How much had Germany's note circulation grown since before the war?", "about ten times"),
    ],
)
def test_real_documents_answer_with_the_typed_sentence(real_engine, question, expected):
    assert expected in _first_quote(real_engine, question)


@pytest.mark.parametrize(
    "question",
    [
        "How many eggs does a mallard typically lay in one clutch?",
        "How fast can a duck fly?",
        "How many people starved to death in Russia in 1919?",
        "How large was Italy's total national debt in lire in 1919?",
    ],
)
def test_real_documents_abstain_on_facts_they_do_not_give(real_engine, question):
    answer = real_engine.ask(question)
    assert answer.abstained, [c.quote for c in answer.citations]


@pytest.mark.parametrize(
    "question",
    [
        # names the law schools and their deans, but never which school: "a famous West Coast law school"
        "Which university's dean did Malamud first go to see?",
        "Which law school on the West Coast did Malamud go to first?",
        # "the top 10 legal information retailers in total revenues" is a rank, not a sum
        "How much money in revenue do the biggest legal information vendors take in?",
    ],
)
def test_a_real_document_that_names_the_subject_but_not_the_typed_fact_abstains(real_engine, question):
    answer = real_engine.ask(question)
    assert answer.abstained, [c.quote for c in answer.citations]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("In which state did Robert Byrd work as a shipyard welder?", "West Virginia"),
        ("Which tribune called for the law to be written down?", "Gaius Terentilius Harsa"),
    ],
)
def test_a_real_document_answers_with_a_name_of_the_asked_kind(real_engine, question, expected):
    answers = real_engine.ask(question)
    assert not answers.abstained
    assert any(expected in c.quote for c in answers.citations)
