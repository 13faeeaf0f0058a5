"""Quiz question generation from a brief's cited sentences."""

from __future__ import annotations

from bot.quiz.generate import BLANK, generate_questions
from corpus.loader import parse_bytes


def test_every_question_comes_from_a_cited_sentence_and_points_at_its_answer(bundled_brief):
    questions = generate_questions(bundled_brief)
    assert len(questions) >= 30
    for q in questions:
        passage = bundled_brief.passage(q.passage_id)
        assert passage is not None and passage.kind == "sentence" and passage.footnotes
        assert passage.start <= q.answer_start < q.answer_end <= passage.end
        assert bundled_brief.text[q.answer_start : q.answer_end] == q.answer
        if q.style == "cloze":
            assert BLANK in q.prompt


def test_uncited_sentences_give_no_questions(bundled_brief):
    asked = {q.passage_id for q in generate_questions(bundled_brief)}
    uncited = {p.id for p in bundled_brief.passages if p.kind == "sentence" and not p.footnotes}
    assert uncited and not asked & uncited
    # "It flew for 1,090 km …" is after the paragraph's last marker: not a quiz source.
    assert not any(q.answer == "1,090" for q in generate_questions(bundled_brief))


def test_the_four_kinds_on_the_bundled_brief(bundled_brief):
    by = {(q.kind, q.answer): q for q in generate_questions(bundled_brief)}
    number = by[("number", "10,400")]
    assert number.prompt.startswith(f"Hwasong-14 has a range of {BLANK} km")
    assert ("number", "six") in by  # number words count as numbers
    assert by[("date", "March 4 2022")].prompt.startswith(f"On {BLANK}, it fired")
    assert by[("actor", "Trump")].style in {"cloze", "short_answer"}
    who = next(q for q in generate_questions(bundled_brief) if q.prompt.startswith("Who pledged"))
    assert who.answer == "Trump" and who.prompt.endswith("?")
    cause = by[("cause", "Pyongyang wanted sanctions to be lifted completely but the US could not accept the demand")]
    assert cause.style == "short_answer" and "came to a halt because" in cause.prompt
    # Names like "Hwasong-14" and glued units like "600m" are not numbers to ask about.
    assert not any(q.kind == "number" and q.answer in {"14", "600", "23"} for q in by.values())


def test_pronoun_sentences_carry_the_sentence_before_as_context(bundled_brief):
    q = next(q for q in generate_questions(bundled_brief) if q.kind == "number" and q.answer == "250")
    assert q.context is not None and q.context.startswith("North Korea has conducted six underground")


def test_ids_are_stable_and_unique(bundled_brief):
    first = [q.id for q in generate_questions(bundled_brief)]
    assert first == [q.id for q in generate_questions(bundled_brief)]
    assert len(set(first)) == len(first)


def test_another_brief_gets_questions_too():
    text = (
        "GRAIN AND THE HARBOUR\n\nMay 10, 2021\n\n"
        "The council approved 4,200 tonnes of grain in May 2021.¹ "
        "The harbour closed because the storm destroyed the old wooden pier.²\n\n"
        '¹ "Grain deal" Daily News, May 3, 2021, <https://example.org/a>\n'
        '² "Harbour shut" Daily News, June 1, 2021, <https://example.org/b>\n'
    ).encode()
    brief = parse_bytes(text, "grain.txt")
    questions = generate_questions(brief)
    answers = {(q.kind, q.answer) for q in questions}
    assert ("number", "4,200") in answers
    assert ("date", "May 2021") in answers
    assert any(kind == "cause" and "storm destroyed the old wooden pier" in a for kind, a in answers)
