"""Chat sessions in the database (``index.db``), so a conversation survives a restart and continues on any process
that shares the database: the embedded SQLite file, or PostgreSQL when several hosts serve.

A session's turns are appended in one transaction per exchange, so two requests in the same session never
interleave a question with the other's answer. Every write transaction writes first (it takes the lock first:
SQLite writers then queue on the busy timeout instead of failing).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import sqlalchemy as sa

from corpus.errors import InvalidRequest, SessionNotFound
from index.db import Database, open_url, sqlite_url, transfer
from index.db.schema import sessions, turns

Role = Literal["user", "assistant"]
ROLES: frozenset[str] = frozenset({"user", "assistant"})


@dataclass(frozen=True, slots=True)
class Turn:
    """One message of a session: the user's question or the assistant's answer (with its JSON payload)."""

    role: Role
    text: str
    payload_json: str | None
    created_at: float


SESSIONS_FILE = transfer.SESSIONS_FILE  # the layout before the database: `citebot db import` reads it


def _database(target: Database | Path | str) -> Database:
    """A Database as given, or the SQLite file at a path (made ready on first use)."""
    return target if isinstance(target, Database) else open_url(sqlite_url(target))


class SessionStore:
    """Sessions and their turns in the database (a path means an SQLite file of its own)."""

    def __init__(self, target: Database | Path | str, *, clock: Callable[[], float] = time.time) -> None:
        self.db = _database(target)
        self._clock = clock

    def close(self) -> None:
        """Nothing to release: the database's connection pool belongs to the process."""

    def _require(self, conn: sa.Connection, session_id: str) -> None:
        if conn.execute(sa.select(sessions.c.id).where(sessions.c.id == session_id)).first() is None:
            raise SessionNotFound(f"no session with id {session_id!r}")

    def create(self) -> str:
        """Start a new, empty session and return its id."""
        session_id = secrets.token_hex(16)
        now = self._clock()
        with self.db.begin() as conn:
            conn.execute(sa.insert(sessions).values(id=session_id, created_at=now, updated_at=now))
        return session_id

    def exists(self, session_id: str) -> bool:
        with self.db.read() as conn:
            return conn.execute(sa.select(sessions.c.id).where(sessions.c.id == session_id)).first() is not None

    def append(self, session_id: str, role: Role, text: str, payload_json: str | None = None) -> None:
        """Add one turn to a session (SessionNotFound if it does not exist)."""
        self.append_many(session_id, [(role, text, payload_json)])

    def append_many(self, session_id: str, new: Sequence[tuple[Role, str, str | None]]) -> None:
        """Add several turns in one transaction (SessionNotFound if the session does not exist)."""
        for role, _, _ in new:
            if role not in ROLES:
                raise InvalidRequest(f"a turn's role must be 'user' or 'assistant', not {role!r}")
        now = self._clock()
        if not self.db.embedded:
            # The CTE's UPDATE locks the session's row before any turn is inserted: exchanges still queue.
            touch = "UPDATE sessions SET updated_at = :now WHERE id = :sid RETURNING id"
            if not self._in_one_statement(touch, session_id, new, now):
                raise SessionNotFound(f"no session with id {session_id!r}")
            return
        with self.db.begin() as conn:
            # The update comes first: it locks the session's row, so concurrent exchanges append one after another.
            touched = conn.execute(sa.update(sessions).where(sessions.c.id == session_id).values(updated_at=now))
            if not touched.rowcount:
                raise SessionNotFound(f"no session with id {session_id!r}")
            self._insert(conn, session_id, new, now)

    def _in_one_statement(
        self, head: str, session_id: str, new: Sequence[tuple[Role, str, str | None]], now: float
    ) -> int:
        """On a server: the session's row statement (``head``: UPDATE or INSERT ... RETURNING id) and the turns in
        one statement run in autocommit: one round trip instead of four (BEGIN, two statements, COMMIT), and just
        as atomic. Textual SQL, because SQLAlchemy would compile a VALUES list with data anew on every call.
        Returns the turns inserted (0: no such session)."""
        given = ", ".join(
            f"({i}, CAST(:role{i} AS VARCHAR), CAST(:text{i} AS TEXT), CAST(:payload{i} AS TEXT))"
            for i in range(len(new))
        )
        statement = sa.text(
            f"WITH session_row AS ({head}) "
            "INSERT INTO turns (session_id, role, text, payload, created_at) "
            "SELECT session_row.id, given.role, given.text, given.payload, CAST(:now AS DOUBLE PRECISION) "
            f"FROM session_row CROSS JOIN (VALUES {given}) AS given (ord, role, text, payload) "
            "ORDER BY given.ord RETURNING seq"  # sequence numbers follow the order given
        )
        params: dict[str, object] = {"sid": session_id, "now": now}
        for i, (role, text, payload) in enumerate(new):
            params |= {f"role{i}": role, f"text{i}": text, f"payload{i}": payload}
        with self.db.read() as conn:  # autocommit; the driver reports no rowcount for this form: count the rows
            return len(conn.execute(statement, params).all())

    @staticmethod
    def _insert(conn: sa.Connection, session_id: str, new: Sequence[tuple[Role, str, str | None]], now: float) -> None:
        # One multi-row INSERT (one round trip to a server); rows get their sequence numbers in the order given.
        rows = [
            {"session_id": session_id, "role": role, "text": text, "payload": payload, "created_at": now}
            for role, text, payload in new
        ]
        conn.execute(sa.insert(turns).values(rows))

    def record(self, session_id: str | None, question: str, answer: str, payload_json: str | None) -> str:
        """Store one question and its answer atomically, creating the session when ``session_id`` is None.

        Creating the session here, after the answer exists, means a request that fails never leaves an empty
        session behind. Returns the session id.
        """
        exchange: list[tuple[Role, str, str | None]] = [("user", question, None), ("assistant", answer, payload_json)]
        if session_id is None:
            session_id = secrets.token_hex(16)
            now = self._clock()
            if not self.db.embedded:
                head = "INSERT INTO sessions (id, created_at, updated_at) VALUES (:sid, :now, :now) RETURNING id"
                self._in_one_statement(head, session_id, exchange, now)
                return session_id
            with self.db.begin() as conn:
                conn.execute(sa.insert(sessions).values(id=session_id, created_at=now, updated_at=now))
                self._insert(conn, session_id, exchange, now)
            return session_id
        self.append_many(session_id, exchange)
        return session_id

    def history(self, session_id: str) -> list[Turn]:
        """Every turn of a session, oldest first (SessionNotFound if it does not exist)."""
        with self.db.read() as conn:
            self._require(conn, session_id)
            rows = conn.execute(
                sa.select(turns.c.role, turns.c.text, turns.c.payload, turns.c.created_at)
                .where(turns.c.session_id == session_id)
                .order_by(turns.c.seq)
            ).all()
        return [Turn(role, text, payload, created_at) for role, text, payload, created_at in rows]

    def user_messages(self, session_id: str, *, limit: int = 20) -> list[str]:
        """The session's last ``limit`` questions, oldest first: the ``history`` a follow-up is resolved against."""
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(turns.c.text)
                .where(turns.c.session_id == session_id, turns.c.role == "user")
                .order_by(turns.c.seq.desc())
                .limit(limit)
            ).all()
            if not rows:  # only then is the session's existence in question (one query less per follow-up)
                self._require(conn, session_id)
        return [text for (text,) in reversed(rows)]

    def prune(self, max_idle_seconds: float) -> int:
        """Delete sessions (and their turns) idle for longer than ``max_idle_seconds``; returns how many."""
        cutoff = self._clock() - max_idle_seconds
        with self.db.begin() as conn:
            return int(conn.execute(sa.delete(sessions).where(sessions.c.updated_at < cutoff)).rowcount)

    def count(self) -> int:
        """How many sessions exist (reported by /health)."""
        with self.db.read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(sessions)).scalar_one())
