"""Quiz sessions in SQLite (``<data_dir>/quiz.sqlite3``): which questions each session was asked, its answers
and their grades, so scores, "no repeats" and the review of mistakes survive a restart.

Choosing the next question and recording it happen in one ``BEGIN IMMEDIATE`` transaction, so two requests
of the same session at once can never both be given the same question.
"""

from __future__ import annotations

import dataclasses
import json
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.quiz.generate import Question
from corpus.errors import IndexUnavailable, InvalidRequest, SessionNotFound

_SCHEMA = """
CREATE TABLE IF NOT EXISTS quiz_sessions (
    id         TEXT PRIMARY KEY,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS quiz_turns (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id  TEXT NOT NULL REFERENCES quiz_sessions(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    question    TEXT NOT NULL,
    asked_at    REAL NOT NULL,
    answer      TEXT,
    correct     INTEGER,
    answered_at REAL
);
CREATE INDEX IF NOT EXISTS quiz_turns_by_session ON quiz_turns(session_id, question_id);
"""

Chooser = Callable[[Sequence[Question]], Question]
QUIZ_FILE = "quiz.sqlite3"  # under settings.data_dir, next to the chat sessions


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


class QuizStore:
    """Quiz sessions and their turns in one SQLite file (WAL, one short connection per call)."""

    def __init__(self, path: Path | str, *, clock: Callable[[], float] = time.time, timeout: float = 10.0) -> None:
        self.path = Path(path)
        self._clock = clock
        self._timeout = timeout
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
            try:
                # WAL is a property of the file (set once, outside a transaction): readers never wait for a writer.
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(_SCHEMA)
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise IndexUnavailable(
                f"the quiz store {self.path.name} cannot be opened ({exc}); see citebot doctor"
            ) from exc

    @contextmanager
    def _connect(self, *, immediate: bool = False) -> Iterator[sqlite3.Connection]:
        """A fresh connection in one transaction (write-locked from the start when ``immediate``)."""
        try:
            conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise IndexUnavailable(
                f"the quiz store {self.path.name} cannot be opened ({exc}); see citebot doctor"
            ) from exc
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            raise IndexUnavailable(f"the quiz store is unavailable: {exc}") from exc
        finally:
            conn.close()

    @staticmethod
    def _require(conn: sqlite3.Connection, session_id: str) -> None:
        if conn.execute("SELECT 1 FROM quiz_sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise SessionNotFound(f"no quiz session with id {session_id!r}")

    def create(self) -> str:
        """Start a new quiz session and return its id."""
        session_id = "quiz-" + secrets.token_hex(12)
        with self._connect() as conn:
            conn.execute("INSERT INTO quiz_sessions (id, created_at) VALUES (?, ?)", (session_id, self._clock()))
        return session_id

    def exists(self, session_id: str) -> bool:
        with self._connect() as conn:
            return conn.execute("SELECT 1 FROM quiz_sessions WHERE id = ?", (session_id,)).fetchone() is not None

    def ask_next(self, session_id: str, pool: Sequence[Question], choose: Chooser) -> tuple[Question, Progress]:
        """Pick (with ``choose``) one of the pool's questions this session has seen least often, and record it.

        So no question comes back until every question of the pool has been asked once, then twice, and so on.
        """
        if not pool:
            raise InvalidRequest("there is nothing to ask: the brief has no cited sentences to make questions from")
        with self._connect(immediate=True) as conn:
            self._require(conn, session_id)
            rows = conn.execute(
                "SELECT question_id, COUNT(*) FROM quiz_turns WHERE session_id = ? GROUP BY question_id", (session_id,)
            ).fetchall()
            counts: dict[str, int] = dict(rows)
            least = min(counts.get(q.id, 0) for q in pool)
            fresh = [q for q in pool if counts.get(q.id, 0) == least]
            question = choose(fresh)
            conn.execute(
                "INSERT INTO quiz_turns (session_id, question_id, question, asked_at) VALUES (?, ?, ?, ?)",
                (session_id, question.id, _question_json(question), self._clock()),
            )
        return question, Progress(used=len(pool) - len(fresh) + 1, pool=len(pool), round=least + 1)

    def open_turn(self, session_id: str, question_id: str) -> QuizTurn:
        """The latest time ``question_id`` was put to the session, if it is still unanswered."""
        with self._connect() as conn:
            self._require(conn, session_id)
            row = conn.execute(
                "SELECT seq, question, asked_at, answer, correct, answered_at FROM quiz_turns "
                "WHERE session_id = ? AND question_id = ? ORDER BY seq DESC LIMIT 1",
                (session_id, question_id),
            ).fetchone()
        if row is None:
            raise InvalidRequest(f"question {question_id!r} was not asked in this quiz session; ask /quiz/next first")
        turn = self._turn(row)
        if turn.answer is not None:
            raise InvalidRequest(f"question {question_id!r} was already answered; ask /quiz/next for another")
        return turn

    def record_answer(self, session_id: str, seq: int, answer: str, correct: bool) -> None:
        """Store the answer and its grade (once: a turn already answered is left as it was)."""
        with self._connect(immediate=True) as conn:
            updated = conn.execute(
                "UPDATE quiz_turns SET answer = ?, correct = ?, answered_at = ? "
                "WHERE seq = ? AND session_id = ? AND answer IS NULL",
                (answer, int(correct), self._clock(), seq, session_id),
            ).rowcount
        if not updated:
            raise InvalidRequest("this question was already answered; ask /quiz/next for another")

    def turns(self, session_id: str) -> list[QuizTurn]:
        """Every question put to the session, oldest first (SessionNotFound for an unknown id)."""
        with self._connect() as conn:
            self._require(conn, session_id)
            rows = conn.execute(
                "SELECT seq, question, asked_at, answer, correct, answered_at FROM quiz_turns "
                "WHERE session_id = ? ORDER BY seq",
                (session_id,),
            ).fetchall()
        return [self._turn(r) for r in rows]

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
