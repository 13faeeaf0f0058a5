"""The quiz's store (the embedded SQLite file and a real PostgreSQL) and the Quiz service: no repeats (also under
concurrent requests), scores, mistakes."""

from __future__ import annotations

import json
import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.quiz.generate import generate_questions
from bot.quiz.master import Quiz
from bot.quiz.store import QuizStore
from corpus.errors import BriefNotFound, InvalidRequest, SessionNotFound
from index.db import open_url
from index.db.migrate import upgrade


class Library:
    def __init__(self, *briefs):
        self._briefs = {b.id: b for b in briefs}

    def briefs(self):
        return list(self._briefs.values())

    def brief(self, brief_id):
        if brief_id not in self._briefs:
            raise BriefNotFound(brief_id)
        return self._briefs[brief_id]


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path):
    """Where quiz state is kept: an SQLite file, or a migrated PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "quiz.sqlite3"
    db = open_url(request.getfixturevalue("pg_url"), check=False)
    upgrade(db)
    return db


@pytest.fixture
def quiz(target, bundled_brief):
    return Quiz(Library(bundled_brief), QuizStore(target), rng=random.Random(7))


def test_a_full_round_asks_every_question_once_then_starts_again(quiz, bundled_brief):
    pool = generate_questions(bundled_brief)
    first = quiz.next(None)
    session = first.session_id
    ids = [first.question.id] + [quiz.next(session).question.id for _ in range(len(pool) - 1)]
    assert sorted(ids) == sorted(q.id for q in pool)
    second = quiz.next(session)
    assert second.progress.round == 2 and second.progress.used == 1


def test_concurrent_requests_of_one_session_never_get_the_same_question(quiz, bundled_brief):
    pool = generate_questions(bundled_brief)
    session = quiz.store.create()
    with ThreadPoolExecutor(max_workers=8) as ex:
        asked = list(ex.map(lambda _: quiz.next(session).question.id, range(len(pool))))
    assert len(set(asked)) == len(pool)


def test_state_is_kept_in_the_database_and_seen_by_another_store(target, bundled_brief):
    path = target
    first = Quiz(Library(bundled_brief), QuizStore(path))
    asked = first.next(None)
    first.answer(asked.session_id, asked.question.id, asked.question.answer)
    again = Quiz(Library(bundled_brief), QuizStore(path))
    assert again.score(asked.session_id).correct == 1
    assert again.next(asked.session_id).question.id != asked.question.id


def test_answers_are_recorded_once_and_only_for_asked_questions(quiz):
    asked = quiz.next(None)
    graded = quiz.answer(asked.session_id, asked.question.id, asked.question.answer)
    assert graded.grade.correct and graded.citation is not None and graded.citation.verified
    with pytest.raises(InvalidRequest, match="already answered"):
        quiz.answer(asked.session_id, asked.question.id, "again")
    with pytest.raises(InvalidRequest, match="not asked"):
        quiz.answer(asked.session_id, "q-unknown", "x")
    with pytest.raises(SessionNotFound):
        quiz.answer("quiz-nope", asked.question.id, "x")


def test_mistakes_keep_the_wrong_answer_and_a_verified_quote(quiz, bundled_brief):
    asked = quiz.next(None)
    quiz.answer(asked.session_id, asked.question.id, "zebra")
    (mistake,) = quiz.mistakes(asked.session_id)
    assert mistake.answer == "zebra"
    c = mistake.citation
    assert c is not None and c.verified
    assert bundled_brief.text[c.start : c.end] == c.quote
    assert c.footnotes == bundled_brief.passage(asked.question.passage_id).footnotes


def test_a_removed_brief_leaves_the_score_but_no_unverifiable_quote(tmp_path, bundled_brief):
    library = Library(bundled_brief)
    quiz = Quiz(library, QuizStore(tmp_path / "q.sqlite3"))
    asked = quiz.next(None)
    quiz.answer(asked.session_id, asked.question.id, "zebra")
    library._briefs.clear()
    (mistake,) = quiz.mistakes(asked.session_id)
    assert mistake.citation is None
    assert quiz.score(asked.session_id).wrong == 1


def test_an_empty_library_is_a_clear_error(tmp_path):
    quiz = Quiz(Library(), QuizStore(tmp_path / "q.sqlite3"))
    with pytest.raises(InvalidRequest, match="nothing to ask"):
        quiz.next(None)


def _chat(target, bundled_brief, question):
    """A chat session whose one answer quoted the sentence ``question`` is about."""
    from bot.sessions import SessionStore

    payload = {
        "citations": [{"brief_id": bundled_brief.id, "start": question.answer_start, "end": question.answer_end}]
    }
    return SessionStore(target).record(None, "a question", "an answer", json.dumps(payload))


def test_a_chat_session_id_continues_as_the_quiz_session(target, bundled_brief):
    sid = _chat(target, bundled_brief, generate_questions(bundled_brief)[0])
    quiz = Quiz(Library(bundled_brief), QuizStore(target), rng=random.Random(7))
    asked = quiz.next(sid)
    assert asked.session_id == sid  # one study session id for chat and quiz
    assert quiz.score(sid).asked == 1


def test_the_quiz_asks_first_about_what_the_chat_quoted(target, bundled_brief):
    pool = generate_questions(bundled_brief)
    read = pool[len(pool) // 2]
    sid = _chat(target, bundled_brief, read)
    quiz = Quiz(Library(bundled_brief), QuizStore(target), rng=random.Random(7))
    first = quiz.next(sid).question
    assert first.answer_start < read.answer_end and read.answer_start < first.answer_end


def test_an_id_that_is_neither_a_chat_nor_a_quiz_session_is_not_found(quiz):
    with pytest.raises(SessionNotFound):
        quiz.next("no-such-session")
