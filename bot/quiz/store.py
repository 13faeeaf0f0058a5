"""Quiz sessions in the database (``index.db``): which questions each session was asked, its answers and their
grades, so scores, "no repeats" and the review of mistakes survive a restart and continue on any process.

A quiz may continue a chat session under the same id (one study session): its questions then favour what the
chat's answers quoted. Choosing the next question and recording it happen in one transaction that first locks
the session's row, so two requests of the same session at once can never both be given the same question.
"""

from __future__ import annotations

import dataclasses
import json
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.quiz.generate import Question
from corpus.errors import InvalidRequest, SessionNotFound
from index.db import Database, open_url, sqlite_url, transfer
from index.db.schema import quiz_sessions, quiz_turns, sessions, turns

Chooser = Callable[[Sequence[Question]], Question]
QUIZ_FILE = transfer.QUIZ_FILE  # the layout before the database: `citebot db import` reads it


@dataclass(frozen=True, slots=True)
class QuizTurn:
    """One question put to a session, and the answer if one was given."""

    seq: int
    question: Question
    asked_at: float
    answer: str | None
    correct: bool | None
    answered_at: float | None


@dataclass(frozen=True, slots=True)
class Progress:
    """Where the session is in the pool: ``used`` of ``pool`` questions seen in the current ``round``."""

    used: int
    pool: int
    round: int


@dataclass(frozen=True, slots=True)
class Score:
    asked: int
    answered: int
    correct: int
    wrong: int
    by_kind: dict[str, dict[str, int]]


def _question_json(q: Question) -> str:
    return json.dumps(dataclasses.asdict(q), ensure_ascii=False)


def _question(text: str) -> Question:
    data: dict[str, Any] = json.loads(text)
    return Question(**data)


_TURN = (
    quiz_turns.c.seq,
    quiz_turns.c.question,
    quiz_turns.c.asked_at,
    quiz_turns.c.answer,
    quiz_turns.c.correct,
    quiz_turns.c.answered_at,
)


class QuizStore:
    """Quiz sessions and their turns in the database (a path means an SQLite file of its own)."""

    def __init__(self, target: Database | Path | str, *, clock: Callable[[], float] = time.time) -> None:
        self.db = target if isinstance(target, Database) else open_url(sqlite_url(target))
        self._clock = clock

    @staticmethod
    def _require(conn: sa.Connection, session_id: str) -> None:
        if conn.execute(sa.select(quiz_sessions.c.id).where(quiz_sessions.c.id == session_id)).first() is None:
            raise SessionNotFound(f"no quiz session with id {session_id!r}")

    def create(self) -> str:
        """Start a new quiz session and return its id."""
        session_id = "quiz-" + secrets.token_hex(12)
        with self.db.begin() as conn:
            conn.execute(sa.insert(quiz_sessions).values(id=session_id, created_at=self._clock()))
        return session_id

    def exists(self, session_id: str) -> bool:
        with self.db.read() as conn:
            found = conn.execute(sa.select(quiz_sessions.c.id).where(quiz_sessions.c.id == session_id)).first()
        return found is not None

    def adopt(self, session_id: str) -> bool:
        """Make a chat session's id a quiz session too, so chat and quiz share one study session id. True when
        ``session_id`` is a quiz session now; False when it names no session at all."""
        with self.db.begin() as conn:
            if conn.execute(sa.select(sessions.c.id).where(sessions.c.id == session_id)).first() is None:
                return False
            row = {"id": session_id, "created_at": self._clock()}
            conn.execute(self.db.insert(quiz_sessions).values(**row).on_conflict_do_nothing())
        return True

    def cited_spans(self, session_id: str) -> list[tuple[str, int, int]]:
        """(brief id, start, end) of every quote the study session's chat answers cited: what the student read."""
        with self.db.read() as conn:
            payloads = conn.execute(
                sa.select(turns.c.payload).where(
                    turns.c.session_id == session_id, turns.c.role == "assistant", turns.c.payload.is_not(None)
                )
            ).scalars()
            spans = []
            for payload in payloads:
                try:
                    citations = json.loads(payload).get("citations") or []
                    spans += [(str(c["brief_id"]), int(c["start"]), int(c["end"])) for c in citations]
                except (ValueError, TypeError, KeyError, AttributeError):
                    continue  # a payload of another shape says nothing about what was read
        return spans

    def ask_next(self, session_id: str, pool: Sequence[Question], choose: Chooser) -> tuple[Question, Progress]:
        """Pick (with ``choose``) one of the pool's questions this session has seen least often, and record it.

        So no question comes back until every question of the pool has been asked once, then twice, and so on.
        A chat session's id is taken on as a quiz session (``adopt``).
        """
        try:
            return self._ask_next(session_id, pool, choose)
        except SessionNotFound:
            if not self.adopt(session_id):
                raise
            return self._ask_next(session_id, pool, choose)

    def _ask_next(self, session_id: str, pool: Sequence[Question], choose: Chooser) -> tuple[Question, Progress]:
        if not pool:
            raise InvalidRequest("there is nothing to ask: the brief has no cited sentences to make questions from")
        with self.db.begin() as conn:
            # A write first: it locks the session's row (PostgreSQL) or the file (SQLite) until the turn is recorded.
            locked = conn.execute(
                sa.update(quiz_sessions)
                .where(quiz_sessions.c.id == session_id)
                .values(created_at=quiz_sessions.c.created_at)
            )
            if not locked.rowcount:
                raise SessionNotFound(f"no quiz session with id {session_id!r}")
            rows = conn.execute(
                sa.select(quiz_turns.c.question_id, sa.func.count())
                .where(quiz_turns.c.session_id == session_id)
                .group_by(quiz_turns.c.question_id)
            ).all()
            counts: dict[str, int] = {str(q): int(n) for q, n in rows}
            least = min(counts.get(q.id, 0) for q in pool)
            fresh = [q for q in pool if counts.get(q.id, 0) == least]
            question = choose(fresh)
            conn.execute(
                sa.insert(quiz_turns).values(
                    session_id=session_id,
                    question_id=question.id,
                    question=_question_json(question),
                    asked_at=self._clock(),
                )
            )
        return question, Progress(used=len(pool) - len(fresh) + 1, pool=len(pool), round=least + 1)

    def open_turn(self, session_id: str, question_id: str) -> QuizTurn:
        """The latest time ``question_id`` was put to the session, if it is still unanswered."""
        with self.db.read() as conn:
            self._require(conn, session_id)
            row = conn.execute(
                sa.select(*_TURN)
                .where(quiz_turns.c.session_id == session_id, quiz_turns.c.question_id == question_id)
                .order_by(quiz_turns.c.seq.desc())
                .limit(1)
            ).first()
        if row is None:
            raise InvalidRequest(f"question {question_id!r} was not asked in this quiz session; ask /quiz/next first")
        turn = self._turn(tuple(row))
        if turn.answer is not None:
            raise InvalidRequest(f"question {question_id!r} was already answered; ask /quiz/next for another")
        return turn

    def record_answer(self, session_id: str, seq: int, answer: str, correct: bool) -> None:
        """Store the answer and its grade (once: a turn already answered is left as it was)."""
        with self.db.begin() as conn:
            updated = conn.execute(
                sa.update(quiz_turns)
                .where(quiz_turns.c.seq == seq, quiz_turns.c.session_id == session_id, quiz_turns.c.answer.is_(None))
                .values(answer=answer, correct=correct, answered_at=self._clock())
            )
        if not updated.rowcount:
            raise InvalidRequest("this question was already answered; ask /quiz/next for another")

    def turns(self, session_id: str) -> list[QuizTurn]:
        """Every question put to the session, oldest first (SessionNotFound for an unknown id)."""
        with self.db.read() as conn:
            self._require(conn, session_id)
            rows = conn.execute(
                sa.select(*_TURN).where(quiz_turns.c.session_id == session_id).order_by(quiz_turns.c.seq)
            ).all()
        return [self._turn(tuple(r)) for r in rows]

    @staticmethod
    def _turn(row: tuple[Any, ...]) -> QuizTurn:
        seq, question, asked_at, answer, correct, answered_at = row
        graded = None if correct is None else bool(correct)
        return QuizTurn(seq, _question(question), asked_at, answer, graded, answered_at)

    def score(self, session_id: str) -> Score:
        """Questions asked and answered, right and wrong, overall and per kind."""
        turns = self.turns(session_id)
        by_kind: dict[str, dict[str, int]] = {}
        for t in turns:
            if t.correct is None:
                continue
            tally = by_kind.setdefault(t.question.kind, {"answered": 0, "correct": 0})
            tally["answered"] += 1
            tally["correct"] += int(t.correct)
        answered = [t for t in turns if t.correct is not None]
        correct = sum(1 for t in answered if t.correct)
        return Score(len(turns), len(answered), correct, len(answered) - correct, by_kind)
