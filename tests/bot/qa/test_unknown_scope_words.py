"""Words that say how much of a thing or what kind of answer is asked ("the *whole* survey", "*altogether*", "the
*name* for ...") are never evidence that a question is off-topic; nor is the noun a count asks for when the
document counts it by its class ("how many *people*" against "64 volunteers", "120 members"). A topic word the
document never uses still is. Two small documents of two topics (a beach clean-up, a chess club)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.bot.qa.factories import markdown_engine, unknown_words

BEACH = """# The Spring Beach Clean-up

The clean-up began on a Saturday morning in April 2019 at the north end of the bay.[^1] A total of 64 volunteers
walked the entire length of the beach, and they filled 212 bags with rubbish.[^2] Most of the rubbish was plastic.

[^1]: Bay Trust newsletter, May 2019.
[^2]: Bay Trust annual report, 2019.
"""

CHESS = """# The Old Mill Chess Club

The Old Mill Chess Club was founded in 1978 in a room above the bakery.[^1] By 1990 it counted 120 members, and
its team won the county league three times.[^2] Playing many games at once against one master is called a
simultaneous exhibition, and the club held one every winter.

[^1]: Club history, club website.
[^2]: County league records, 1985-1995.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Iterator[Any]:
    yield from markdown_engine(
        tmp_path_factory.mktemp("scope-briefs"), embedder, {"beach-clean-up.md": BEACH, "chess-club.md": CHESS}
    )


@pytest.mark.parametrize(
    ("question", "brief"),
    [
        ("How many people walked the whole beach?", "beach-clean-up"),
        ("How many people did the club have altogether by 1990?", "chess-club"),
        ("What is the name for playing many games at once against one master?", "chess-club"),
    ],
)
def test_scope_words_and_a_counted_class_are_notunknown_words(engine, question, brief):
    assert unknown_words(engine, question, brief) == 0


@pytest.mark.parametrize(
    ("question", "brief"),
    [
        ("How many people walked the whole beach?", "beach-clean-up"),
        ("How many people filled the bags altogether?", "beach-clean-up"),
    ],
)
def test_a_count_of_people_met_by_the_documents_class_noun_is_answered(engine, question, brief):
    answer = engine.ask(question, brief_id=brief)
    assert not answer.abstained, question


@pytest.mark.parametrize(
    ("question", "brief"),
    [
        ("How many dolphins were seen during the whole clean-up?", "beach-clean-up"),
        ("How many trophies did the club win altogether?", "chess-club"),
    ],
)
def test_a_topic_word_the_document_never_uses_is_stillunknown_words(engine, question, brief):
    assert unknown_words(engine, question, brief) >= 1
