"""``drawn_from``: the questions a chat's quotes hold, by the answer's offsets and the brief it is in."""

from __future__ import annotations

from bot.quiz.generate import generate_questions
from bot.quiz.master import Span, drawn_from


def test_a_question_is_drawn_when_its_answer_lies_inside_a_quote_of_its_brief(bundled_brief):
    pool = generate_questions(bundled_brief)
    q = pool[0]
    passage = bundled_brief.passage(q.passage_id)
    assert passage is not None
    exact = Span(bundled_brief.id, q.answer_start, q.answer_end)
    assert q in drawn_from(pool, [exact])
    assert q in drawn_from(pool, [Span(bundled_brief.id, passage.start, passage.end)])


def test_a_quote_elsewhere_or_in_another_brief_draws_nothing_of_it(bundled_brief):
    pool = generate_questions(bundled_brief)
    q = pool[0]
    assert q not in drawn_from(pool, [Span("other-brief", q.answer_start, q.answer_end)])
    assert q not in drawn_from(pool, [Span(bundled_brief.id, q.answer_start + 1, q.answer_end)])
    assert drawn_from(pool, []) == []
