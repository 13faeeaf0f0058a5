"""Asked what someone died of ("What did X die of?", "What killed X?", "What caused X's death?"), the answer must
state a cause: a passage that only says X died, or when, does not answer, and the bot declines. Asked how many
died of a named cause, the question still asks a count. Sentences and two small documents of several topics (a
composer, a lighthouse keeper)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.qa.cause import CAUSE
from bot.qa.cues import has_answer
from bot.qa.question_kind import asked
from tests.bot.qa.factories import markdown_engine


@pytest.mark.parametrize(
    "question",
    [
        "What did the composer die of?",
        "What did most of the sailors die from?",
        "What killed the last wolf in the valley?",
        "What caused the death of the old king?",
        "What caused the bishop's death?",
        "What was the cause of her death?",
    ],
)
def test_a_question_of_what_someone_died_of_asks_a_stated_cause(question):
    a = asked(question)
    assert (a.kind, a.slot) == ("reason", CAUSE)
    assert a.strict


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many people died of cholera in the city?", "quantity"),  # a count, the cause is given
        ("What percentage of patients die from the infection?", "quantity"),
        ("When did the composer die?", "date"),
        ("Why did the bank close its branches?", "reason"),  # a reason of any kind, not strictly checked
    ],
)
def test_other_questions_about_dying_or_reasons_keep_their_type(question, kind):
    a = asked(question)
    assert a.kind == kind
    assert a.slot != CAUSE


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("What did the composer die of?", "In that same year died the greatest composer of the age.", False),
        ("What did the composer die of?", "She died in Vienna in 1791, aged thirty-five.", False),
        ("What did the composer die of?", "He died of a fever contracted on the journey home.", True),
        ("What killed the last wolf in the valley?", "The last wolf was killed by a shepherd in 1890.", True),
        ("What killed the last wolf in the valley?", "The last wolf of the valley was seen in 1890.", False),
        ("What caused the death of the old king?", "The king succumbed to his wounds after the battle.", True),
        ("What caused the death of the old king?", "Since 1420 the king had ruled alone.", False),  # "since": time
        ("What was the cause of her death?", "Her death was caused by a fall from a horse.", True),
    ],
)
def test_only_a_stated_cause_answers(question, text, expected):
    assert has_answer(asked(question), text) is expected


COMPOSER = """# The Court Composer

Anton Reiter was the court composer of the town for thirty years.[^1] He wrote eleven operas and more than two
hundred songs for the court theatre. In 1795 died Anton Reiter, the most admired musician of the town, and the
theatre was closed for a month in his honour.[^2]

[^1]: Court records, 1765.
[^2]: Town chronicle, 1795.
"""

LIGHTHOUSE = """# The North Point Lighthouse

The lighthouse on North Point was built in 1840 and kept by Jonas Holm for twenty-two years.[^1] Jonas Holm died
of pneumonia in the winter of 1862, after a storm in which he rowed out to a wrecked schooner.[^2]

[^1]: Harbour board report, 1841.
[^2]: Parish register, 1862.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Iterator[Any]:
    yield from markdown_engine(
        tmp_path_factory.mktemp("cause-of-death-briefs"),
        embedder,
        {"court-composer.md": COMPOSER, "north-point-lighthouse.md": LIGHTHOUSE},
    )


def test_a_passage_that_only_says_someone_died_does_not_answer_what_he_died_of(engine):
    answer = engine.ask("What did Anton Reiter die of?", brief_id="court-composer")
    assert answer.abstained, [c.quote for c in answer.citations]


def test_a_passage_that_states_the_cause_answers_what_he_died_of(engine):
    answer = engine.ask("What did Jonas Holm die of?", brief_id="north-point-lighthouse")
    assert not answer.abstained
    assert "pneumonia" in answer.citations[0].quote
