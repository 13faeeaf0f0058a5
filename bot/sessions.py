"""Chat sessions in SQLite, so a conversation survives a restart and is shared by several workers.

One connection per thread, kept open: SQLite connections must not cross threads, and closing the last
connection to a WAL database checkpoints and fsyncs, which cost more than the whole answer did. Several processes
still share the file: WAL lets readers proceed beside a writer, and a busy timeout makes concurrent writers queue
instead of failing. A session's turns are appended in one transaction per exchange, so two
requests in the same session never interleave a question with the other's answer.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corpus.errors import IndexUnavailable, InvalidRequest, SessionNotFound

Role = Literal["user", "assistant"]
ROLES: frozenset[str] = frozenset({"user", "assistant"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id         TEXT PRIMARY KEY,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    text       TEXT NOT NULL,
    payload    TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS turns_by_session ON turns(session_id, seq);
"""


@dataclass(frozen=True, slots=True)
class Turn:
    """One message of a session: the user's question or the assistant's answer (with its JSON payload)."""

    role: Role
    text: str
    payload_json: str | None
    created_at: float


SESSIONS_FILE = "sessions.sqlite3"  # under settings.data_dir


class SessionStore:
    """Sessions and their turns in one SQLite file (``<data_dir>/sessions.sqlite3``)."""

    def __init__(self, path: Path | str, *, clock: Callable[[], float] = time.time, timeout: float = 10.0) -> None:
        self.path = Path(path)
        self._clock = clock
        self._timeout = timeout
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        with self._connect() as conn:
            # WAL is a property of the database file: set once, every later connection (any process) uses it.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        try:
            # check_same_thread=False only so close() may close every thread's connection; each is used by one.
            conn = sqlite3.connect(self.path, timeout=self._timeout, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a crash can lose the last turn, never corrupt
        except sqlite3.Error as exc:
            raise IndexUnavailable(
                f"the session store {self.path.name} cannot be opened ({exc}); see citebot doctor"
            ) from exc
        self._local.conn = conn
        with self._all_lock:
            self._all.append(conn)
        return conn

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection inside a transaction: committed on success, rolled back on error."""
        conn = self._connection()
        try:
            with conn:
                yield conn
        except sqlite3.OperationalError as exc:
            # "database is locked" after the busy timeout, disk full, ...: a temporary condition, not a bug.
            raise IndexUnavailable(f"the session store is unavailable: {exc}") from exc

    def close(self) -> None:
        """Close every thread's connection (at shutdown); the store reopens lazily if used again."""
        with self._all_lock:
            conns, self._all = self._all, []
        self._local = threading.local()
        for conn in conns:
            conn.close()

    def create(self) -> str:
        """Start a new, empty session and return its id."""
        session_id = secrets.token_hex(16)
        now = self._clock()
        with self._connect() as conn:
            conn.execute("INSERT INTO sessions (id, created_at, updated_at) VALUES (?, ?, ?)", (session_id, now, now))
        return session_id

    def exists(self, session_id: str) -> bool:
        with self._connect() as conn:
            return conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is not None

    def append(self, session_id: str, role: Role, text: str, payload_json: str | None = None) -> None:
        """Add one turn to a session (SessionNotFound if it does not exist)."""
        self.append_many(session_id, [(role, text, payload_json)])

    def append_many(self, session_id: str, turns: Sequence[tuple[Role, str, str | None]]) -> None:
        """Add several turns in one transaction (SessionNotFound if the session does not exist)."""
        for role, _, _ in turns:
            if role not in ROLES:
                raise InvalidRequest(f"a turn's role must be 'user' or 'assistant', not {role!r}")
        now = self._clock()
        with self._connect() as conn:
            updated = conn.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (now, session_id)).rowcount
            if not updated:
                raise SessionNotFound(f"no session with id {session_id!r}")
            conn.executemany(
                "INSERT INTO turns (session_id, role, text, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                [(session_id, role, text, payload, now) for role, text, payload in turns],
            )

    def record(self, session_id: str | None, question: str, answer: str, payload_json: str | None) -> str:
        """Store one question and its answer atomically, creating the session when ``session_id`` is None.

        Creating the session here, after the answer exists, means a request that fails never leaves an empty
        session behind. Returns the session id.
        """
        if session_id is None:
            session_id = secrets.token_hex(16)
            now = self._clock()
            with self._connect() as conn:
                conn.execute(
                    "INSERT INTO sessions (id, created_at, updated_at) VALUES (?, ?, ?)", (session_id, now, now)
                )
                conn.executemany(
                    "INSERT INTO turns (session_id, role, text, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                    [(session_id, "user", question, None, now), (session_id, "assistant", answer, payload_json, now)],
                )
            return session_id
        self.append_many(session_id, [("user", question, None), ("assistant", answer, payload_json)])
        return session_id

    def history(self, session_id: str) -> list[Turn]:
        """Every turn of a session, oldest first (SessionNotFound if it does not exist)."""
        with self._connect() as conn:
            if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
                raise SessionNotFound(f"no session with id {session_id!r}")
            rows = conn.execute(
                "SELECT role, text, payload, created_at FROM turns WHERE session_id = ? ORDER BY seq", (session_id,)
            ).fetchall()
        return [Turn(role, text, payload, created_at) for role, text, payload, created_at in rows]

    def user_messages(self, session_id: str, *, limit: int = 20) -> list[str]:
        """The session's last ``limit`` questions, oldest first: the ``history`` a follow-up is resolved against."""
        with self._connect() as conn:
            if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
                raise SessionNotFound(f"no session with id {session_id!r}")
            rows = conn.execute(
                "SELECT text FROM turns WHERE session_id = ? AND role = 'user' ORDER BY seq DESC LIMIT ?",
                (session_id, limit),
            ).fetchall()
        return [text for (text,) in reversed(rows)]

    def prune(self, max_idle_seconds: float) -> int:
        """Delete sessions (and their turns) idle for longer than ``max_idle_seconds``; returns how many."""
        cutoff = self._clock() - max_idle_seconds
        with self._connect() as conn:
            return conn.execute("DELETE FROM sessions WHERE updated_at < ?", (cutoff,)).rowcount

    def count(self) -> int:
        """How many sessions exist (reported by /health)."""
        with self._connect() as conn:
            row = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()
        return int(row[0])
