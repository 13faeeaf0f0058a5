"""Quiz endpoints over the real app and engine: generation, grading both ways, no repeats, scores, mistakes."""

from __future__ import annotations

import re

import pytest

from bot.quiz.generate import generate_questions


@pytest.fixture
def answers(bundled_brief):
    """question id -> the question, as the server generates them from the same brief."""
    return {q.id: q for q in generate_questions(bundled_brief)}


def _next(client, session_id=None, **extra):
    r = client.post("/quiz/next", json={"session_id": session_id, **extra})
    assert r.status_code == 200, r.text
    return r.json()


def _answer(client, session_id, question_id, answer):
    r = client.post("/quiz/answer", json={"session_id": session_id, "question_id": question_id, "answer": answer})
    assert r.status_code == 200, r.text
    return r.json()


def _next_of_kind(client, session_id, answers, kind):
    """Draw questions (answering none) until one of ``kind`` comes up."""
    for _ in range(len(answers)):
        body = _next(client, session_id)
        if body["question"]["kind"] == kind:
            return body
    raise AssertionError(f"no {kind} question was asked")


def test_next_starts_a_session_and_asks_a_question_without_its_answer(client, answers, bundled_brief):
    body = _next(client)
    assert body["session_id"].startswith("quiz-")
    q = body["question"]
    assert q["id"] in answers
    assert q["brief_id"] == bundled_brief.id
    assert q["brief_title"] == bundled_brief.title
    assert q["kind"] in {"number", "date", "actor", "cause"}
    assert q["style"] in {"cloze", "short_answer"}
    assert "answer" not in q and "expected" not in q
    if q["style"] == "cloze":
        assert "_____" in q["prompt"]
        assert answers[q["id"]].answer not in q["prompt"].replace("_____", "")
    assert body["progress"] == {"used": 1, "pool": len(answers), "round": 1}


def test_questions_come_from_cited_sentences_of_every_kind(answers, bundled_brief):
    kinds = {q.kind for q in answers.values()}
    assert kinds == {"number", "date", "actor", "cause"}
    for q in answers.values():
        passage = bundled_brief.passage(q.passage_id)
        assert passage.kind == "sentence" and passage.footnotes
        assert bundled_brief.text[q.answer_start : q.answer_end] == q.answer


def test_correct_answer_is_graded_correct_with_the_verified_quote(client, answers, bundled_brief):
    body = _next(client)
    q = answers[body["question"]["id"]]
    result = _answer(client, body["session_id"], q.id, q.answer)
    assert result["correct"] is True
    assert result["expected"] == re.sub(r"\s+", " ", q.answer.replace("*", ""))
    c = result["citation"]
    passage = bundled_brief.passage(q.passage_id)
    assert c["verified"] is True
    assert c["quote"] == bundled_brief.text[c["start"] : c["end"]] == passage.text
    assert c["footnotes"] == list(passage.footnotes)
    assert [s["number"] for s in c["sources"]] == list(passage.footnotes)
    assert result["score"]["correct"] == 1 and result["score"]["wrong"] == 0


def test_wrong_answer_is_graded_wrong_and_still_shows_the_quote(client, answers):
    body = _next(client)
    q = answers[body["question"]["id"]]
    result = _answer(client, body["session_id"], q.id, "the moon landing of 1969 by penguins")
    assert result["correct"] is False
    assert q.answer.replace("*", "") in result["feedback"] or result["expected"] in result["feedback"]
    assert result["citation"]["quote"]
    assert result["score"]["wrong"] == 1


@pytest.mark.parametrize(
    ("expected", "given", "correct"),
    [
        ("10,400", "10400 km", True),
        ("10,400", "10 400", True),
        ("10,400", "10.4 thousand", True),
        ("10,400", "10,000", False),
        ("six", "6", True),
        ("8,500-13,000", "8500 to 13000 km", True),
        ("8,500-13,000", "13,000", False),
    ],
)
def test_number_answers_are_graded_whatever_their_format(client, answers, expected, given, correct):
    target = next(q for q in answers.values() if q.kind == "number" and q.answer == expected)
    session = None
    for _ in range(len(answers)):  # one round asks every question once, so the target comes up in it
        body = _next(client, session)
        session = body["session_id"]
        if body["question"]["id"] == target.id:
            break
    else:
        raise AssertionError("the target question never came up")
    assert _answer(client, session, target.id, given)["correct"] is correct


def test_actor_and_date_answers_tolerate_other_names_and_formats(client, answers):
    session = _next(client)["session_id"]
    actor = _next_of_kind(client, session, answers, "actor")
    gold = answers[actor["question"]["id"]].answer
    alias = {"Trump": "Donald Trump", "Kim": "Kim Jong-un"}  # a fuller name of the same person
    assert _answer(client, session, actor["question"]["id"], alias.get(gold, gold.upper()))["correct"] is True
    date = _next_of_kind(client, session, answers, "date")
    gold = answers[date["question"]["id"]].answer
    assert _answer(client, session, date["question"]["id"], f"in {gold}")["correct"] is True


def test_no_question_repeats_until_all_have_been_asked(client, answers):
    session = _next(client)["session_id"]
    seen = [_next(client, session)["question"]["id"] for _ in range(len(answers) - 1)]
    first = client.get(f"/quiz/sessions/{session}/score").json()["asked"]
    assert first == len(answers)
    ids = [*seen]
    assert len(set(ids)) == len(ids) == len(answers) - 1
    again = _next(client, session)
    assert again["progress"]["round"] == 2
    assert again["question"]["id"] in answers


def test_session_scores_count_right_and_wrong_per_kind(client, answers):
    session = None
    for i in range(4):
        body = _next(client, session)
        session = body["session_id"]
        q = answers[body["question"]["id"]]
        _answer(client, session, q.id, q.answer if i % 2 == 0 else "zebra")
    _next(client, session)  # asked, not answered
    score = client.get(f"/quiz/sessions/{session}/score").json()
    assert score["asked"] == 5
    assert score["answered"] == 4
    assert score["correct"] == 2 and score["wrong"] == 2
    assert score["accuracy"] == 0.5
    assert sum(k["answered"] for k in score["by_kind"].values()) == 4
    # Another session's score is its own.
    other = _next(client)["session_id"]
    assert client.get(f"/quiz/sessions/{other}/score").json()["answered"] == 0


def test_mistakes_list_the_missed_questions_with_their_quotes(client, answers):
    body = _next(client)
    session, missed = body["session_id"], answers[body["question"]["id"]]
    _answer(client, session, missed.id, "zebra")
    body = _next(client, session)
    right = answers[body["question"]["id"]]
    _answer(client, session, right.id, right.answer)
    r = client.get(f"/quiz/sessions/{session}/mistakes")
    assert r.status_code == 200
    mistakes = r.json()["mistakes"]
    assert [m["question"]["id"] for m in mistakes] == [missed.id]
    assert mistakes[0]["answer"] == "zebra"
    assert mistakes[0]["citation"]["verified"] is True
    assert missed.answer.replace("*", "") in mistakes[0]["citation"]["quote"].replace("*", "")


def test_questions_can_be_scoped_to_a_brief(client, bundled_brief):
    body = _next(client, brief_id=bundled_brief.id)
    assert body["question"]["brief_id"] == bundled_brief.id
    r = client.post("/quiz/next", json={"session_id": None, "brief_id": "no-such-brief"})
    assert r.status_code == 404


def test_answering_twice_or_an_unasked_question_is_a_clear_422(client, answers):
    body = _next(client)
    session, qid = body["session_id"], body["question"]["id"]
    _answer(client, session, qid, "x")
    again = client.post("/quiz/answer", json={"session_id": session, "question_id": qid, "answer": "y"})
    assert again.status_code == 422 and "already answered" in again.json()["detail"]
    unasked = next(i for i in answers if i != qid)
    r = client.post("/quiz/answer", json={"session_id": session, "question_id": unasked, "answer": "y"})
    assert r.status_code == 422 and "not asked" in r.json()["detail"]


def test_unknown_sessions_are_404_and_bad_bodies_422(client):
    assert client.post("/quiz/next", json={"session_id": "quiz-nope"}).status_code == 404
    assert client.get("/quiz/sessions/quiz-nope/score").status_code == 404
    assert client.get("/quiz/sessions/quiz-nope/mistakes").status_code == 404
    r = client.post("/quiz/answer", json={"session_id": "quiz-nope", "question_id": "q", "answer": "1"})
    assert r.status_code == 404
    r = client.post("/quiz/answer", json={"session_id": "s"})
    assert r.status_code == 422 and "question_id" in r.json()["detail"]


def test_quiz_state_survives_a_new_app_over_the_same_data_dir(engine, answers):
    from fastapi.testclient import TestClient

    from api.main import create_app

    with TestClient(create_app(engine.settings, engine)) as c:
        body = _next(c)
        session = body["session_id"]
        _answer(c, session, body["question"]["id"], "zebra")
    with TestClient(create_app(engine.settings, engine)) as c:
        assert c.get(f"/quiz/sessions/{session}/score").json()["wrong"] == 1
        assert _next(c, session)["question"]["id"] != body["question"]["id"]


def _chat(client, message, session_id=None):
    r = client.post("/chat", json={"message": message, "session_id": session_id})
    assert r.status_code == 200, r.text
    return r.json()


def test_a_quiz_on_a_chat_asks_about_the_passages_it_quoted(client, answers):
    first = _chat(client, "Why did the Hanoi summit fail?")
    chat = _chat(client, "How far did the Hwasong-17 fly?", first["session_id"])
    quoted = [(c["start"], c["end"]) for turn in (first, chat) for c in turn["citations"]]
    inside = [q for q in answers.values() if any(s <= q.answer_start and q.answer_end <= e for s, e in quoted)]
    assert inside, "the chat's quotes hold no quiz question; pick other chat questions"
    body = _next(client, chat_session_id=chat["session_id"])
    session = body["session_id"]
    assert body["progress"]["pool"] == len(inside)  # only what the student has read
    asked = {body["question"]["id"]}
    for _ in range(len(inside) - 1):
        asked.add(_next(client, session, chat_session_id=chat["session_id"])["question"]["id"])
    assert asked == {q.id for q in inside}  # every one of them, none from elsewhere in the brief


def test_a_quiz_on_a_chat_whose_quotes_make_no_question_asks_about_the_quoted_briefs(client, answers, engine):
    chat = _chat(client, "Who edited the brief?")  # a metadata quote: no cited sentence to make a question of
    spans = [(c["brief_id"], c["start"], c["end"]) for c in chat["citations"]]
    assert spans
    if any(s <= q.answer_start and q.answer_end <= e for _, s, e in spans for q in answers.values()):
        pytest.skip("this quote does make a question")
    body = _next(client, chat_session_id=chat["session_id"])
    assert body["question"]["brief_id"] == spans[0][0]
    assert body["progress"]["pool"] == len(answers)


def test_a_quiz_on_an_unknown_chat_is_404_and_on_a_chat_that_quoted_nothing_422(client):
    assert client.post("/quiz/next", json={"chat_session_id": "nope"}).status_code == 404
    abstained = _chat(client, "What is the capital of France?")
    assert abstained["abstained"]
    r = client.post("/quiz/next", json={"chat_session_id": abstained["session_id"]})
    assert r.status_code == 422
    assert "has not quoted any passage" in r.json()["detail"]
