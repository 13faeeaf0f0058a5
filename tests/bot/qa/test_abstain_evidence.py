"""The evidence of the abstention rule (bot/qa/answer.py, bot/qa/abstain.py): a name asked about in the
possessive ("Clara Weiss's") is the name the document writes without it, not a name the document never uses,
even where the document has a possessive's "s" standing alone ("the clerk's."). A word the document uses only
with a prefix ("Atlantic" in "transatlantic") or a compound of a prefix and known or question-frame words
("co-authors") is known too. Asked when someone was born (or something began, or ended), a date of something else
the subject did does not answer. Two small documents of two topics (a museum, a choir)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.bot.qa.factories import markdown_engine, unknown_words

MUSEUM = """# The Harbour Museum

The Harbour Museum opened in 1911 in a former customs house on the quay.[^1] Its first director was Clara Weiss,
a botanist who had trained in Vienna.[^2] Clara Weiss catalogued the museum's collection of ship models in
1920, and her catalogue listed 214 models.[^3] The idea of a catalogue had been the town clerk's.

[^1]: Town council minutes, 12 June 1911.
[^2]: Obituary of Clara Weiss, Harbour Gazette, 2 February 1969.
[^3]: Catalogue of ship models, Harbour Museum, 1920.
"""

CHOIR = """# The Riverside Choir

The Riverside Choir was founded in 1952 by Tomas Berg, a schoolteacher.[^1] Tomas Berg conducted the choir's
first concert in the town hall in 1953, with an audience of about 300 people.[^2] The hall was the council's.
In 1961 the choir made a transatlantic tour of nine cities, and its singers wrote the songs of the tour together.

[^1]: Riverside Choir, "Our history", choir website.
[^2]: "Choir sings for the first time", Riverside Courier, 4 May 1953.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Iterator[Any]:
    yield from markdown_engine(
        tmp_path_factory.mktemp("possessive-briefs"),
        embedder,
        {"harbour-museum.md": MUSEUM, "riverside-choir.md": CHOIR},
    )


@pytest.mark.parametrize(
    ("question", "brief", "expected"),
    [
        ("How many models did Clara Weiss's catalogue list?", "harbour-museum", "214 models"),
        ("How many people came to Tomas Berg's first concert?", "riverside-choir", "about 300 people"),
    ],
)
def test_a_name_asked_in_the_possessive_is_the_documents_name(engine, question, brief, expected):
    answer = engine.ask(question, brief_id=brief)
    assert not answer.abstained, question
    assert expected in answer.citations[0].quote


@pytest.mark.parametrize(
    ("question", "brief"),
    [
        ("How many models did Clara Weiss's catalogue list?", "harbour-museum"),
        ("Who came to Tomas Berg's first concert in the town hall?", "riverside-choir"),
    ],
)
def test_a_possessive_name_is_no_unknown_word(engine, question, brief):
    from bot.qa import answer as answering

    state = engine._current()
    query = engine._query(state, question, brief)
    candidates = engine._candidates(state, query.search, brief, None, 3)
    ev = answering.evidence(candidates, False, query, state, brief)
    assert ev.unknown == 0
    assert not ev.absent_subject


def test_a_name_the_document_never_writes_together_still_counts(engine):
    from bot.qa import answer as answering

    state = engine._current()
    question = "How many models did Tomas Weiss's catalogue list?"  # both words used, never as one name
    query = engine._query(state, question, "harbour-museum")
    candidates = engine._candidates(state, query.search, "harbour-museum", None, 3)
    assert answering.evidence(candidates, False, query, state, "harbour-museum").unknown >= 1


@pytest.mark.parametrize(
    "question",
    [
        "When did the choir tour across the Atlantic?",  # "transatlantic"
        "Who were the co-authors of the songs of the tour?",  # "co-" and a word of the question frame
    ],
)
def test_a_word_the_document_uses_with_a_prefix_is_known(engine, question):
    assert unknown_words(engine, question, "riverside-choir") == 0


def test_a_word_the_document_never_uses_in_any_form_isunknown_words(engine):
    assert unknown_words(engine, "When did the choir tour across the Pacific?", "riverside-choir") == 1


@pytest.mark.parametrize(
    ("question", "brief"),
    [
        ("In what year was Tomas Berg born?", "riverside-choir"),  # only the years he founded and conducted
        ("When did Clara Weiss retire?", "harbour-museum"),  # only the year she catalogued the models
    ],
)
def test_a_date_of_another_event_does_not_answer_when_someone_was_born_or_retired(engine, question, brief):
    answer = engine.ask(question, brief_id=brief)
    assert answer.abstained, [c.quote for c in answer.citations]


@pytest.mark.parametrize(
    ("question", "brief", "expected"),
    [
        ("When was the Riverside Choir founded?", "riverside-choir", "founded in 1952"),
        ("When did the Harbour Museum open?", "harbour-museum", "opened in 1911"),
        ("When did the choir make its transatlantic tour?", "riverside-choir", "In 1961"),  # no phase asked
    ],
)
def test_a_date_of_the_asked_phase_answers(engine, question, brief, expected):
    answer = engine.ask(question, brief_id=brief)
    assert not answer.abstained, question
    assert expected in answer.citations[0].quote


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("When was the painter born?", "In 1859 he spent several weeks in Rome.", False),
        ("When was the painter born?", "He was born in Leeds in 1859.", True),
        ("When did the mill close?", "The mill opened in 1820.", False),
        ("When did the mill close?", "The mill was finally closed in 1901.", True),
        ("When did the mill reach its largest size?", "In 1850 it had 300 workers.", True),  # no phase asked
        ("When did the strike begin and when did it end?", "The strike lasted from May to July 1926.", True),
    ],
)
def test_states_phase(question, text, expected):
    from bot.qa.abstain import states_phase
    from bot.qa.question_kind import asked

    assert states_phase(asked(question).question_stems, text) is expected
