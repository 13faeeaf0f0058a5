"""Follow-ups resolve against the earlier turns of a conversation."""

from __future__ import annotations

import pytest

from bot.qa.query import analyse


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("what did Trump promise there?", True),
        ("How far did it fly?", True),
        ("And its maximum altitude?", True),
        ("Why?", True),
        ("What is the range of the Hwasong-14?", False),
        ("Who won the 2018 World Cup?", False),
    ],
)
def test_is_followup(message, expected):
    assert (analyse(message, history=["An earlier question?"]).followup is not None) is expected


def test_a_followup_appends_the_last_earlier_question():
    query = analyse("How far did it fly?", history=["Hello", "When was the monster missile tested?", "  "])
    assert query.followup == "How far did it fly? When was the monster missile tested?"
    assert query.earlier == "When was the monster missile tested?"
    alone = analyse("How far did it fly?")
    assert (alone.followup, alone.earlier) == (None, None)
    own = analyse("What is the range of the Hwasong-14?", history=["Why did the Hanoi summit fail?"])
    assert (own.followup, own.earlier) == (None, None)


def test_trump_promise_there_resolves_to_the_hanoi_paragraph(engine):
    first = engine.ask("Why did the Hanoi summit fail?")
    hanoi_paragraph = first.citations[0]
    answer = engine.ask("what did Trump promise there?", history=["Why did the Hanoi summit fail?"])
    assert not answer.abstained
    top = answer.citations[0]
    assert top.footnotes == (11,)
    assert "Trump" in top.quote
    assert "promised" in top.quote or "pledged" in top.quote
    brief = engine.brief(top.brief_id)
    paragraphs = {brief.passage(pid).paragraph for pid in top.passage_ids}
    assert paragraphs == {brief.passage(hanoi_paragraph.passage_ids[0]).paragraph}


def test_pronoun_follow_up_needs_the_history(engine):
    question = "How far did it fly?"
    alone = engine.ask(question)
    followed = engine.ask(question, history=["When did North Korea test its monster missile?"])
    assert "1,090 km" in followed.citations[0].quote
    assert alone.abstained or "1,090 km" not in alone.citations[0].quote


def test_a_new_self_contained_question_ignores_the_history(engine):
    answer = engine.ask("What is the range of the Hwasong-14?", history=["Why did the Hanoi summit fail?"])
    assert "10,400 km" in answer.citations[0].quote


def test_off_topic_follow_up_still_abstains(engine):
    answer = engine.ask("Who won the 2018 World Cup?", history=["Why did the Hanoi summit fail?"])
    assert answer.abstained
