"""The database's tables, in one ``MetaData`` (SQLAlchemy Core): what the Alembic migrations create.

- ``library``: one row whose ``version`` goes up in the same transaction as every brief saved or removed. Every
  process compares it with the version its snapshot was built from, so a change made anywhere is seen at once.
  Updating that row first is also the lock that orders every process's brief writes.
- ``briefs``: one row per parsed brief, its JSON payload and content hash (the brief's *active version*).
- ``sessions``/``turns``: chat sessions; ``quiz_sessions``/``quiz_turns``: quiz state.
- ``fetch_records``/``fetch_blobs``: what fetching each footnote's source gave, and the bytes by sha256.
- ``jobs``: each background job's latest snapshot, so any process can report it and ask it to stop.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

# Named constraints, so later migrations can alter them by name on both backends.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

LIBRARY_ROW = 1

library = Table(
    "library",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)

briefs = Table(
    "briefs",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("content_hash", String(128), nullable=False),
    Column("payload", Text, nullable=False),
    Column("saved_version", BigInteger, nullable=False),  # library.version of the save: what readers cache by
    Column("updated_at", Float, nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)

turns = Table(
    "turns",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("payload", Text, nullable=True),
    Column("created_at", Float, nullable=False),
    CheckConstraint("role IN ('user', 'assistant')", name="role"),
)
Index("turns_by_session", turns.c.session_id, turns.c.seq)

quiz_sessions = Table(
    "quiz_sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("created_at", Float, nullable=False),
)

quiz_turns = Table(
    "quiz_turns",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(64), ForeignKey("quiz_sessions.id", ondelete="CASCADE"), nullable=False),
    Column("question_id", String(200), nullable=False),
    Column("question", Text, nullable=False),
    Column("asked_at", Float, nullable=False),
    Column("answer", Text, nullable=True),
    Column("correct", Boolean, nullable=True),
    Column("answered_at", Float, nullable=True),
)
Index("quiz_turns_by_session", quiz_turns.c.session_id, quiz_turns.c.question_id)

fetch_records = Table(
    "fetch_records",
    metadata,
    Column("brief_id", String(200), primary_key=True),
    Column("footnote", Integer, primary_key=True),
    Column("url", Text, nullable=False),
    Column("payload", Text, nullable=False),  # the FetchRecord as JSON
)

fetch_blobs = Table(
    "fetch_blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("snapshot", Text, nullable=False),  # the job's JSON snapshot (the GET /jobs/{id} body)
    Column("error_type", String(200), nullable=True),  # the qualified name of the exception that ended it
    Column("cancel_requested", Boolean, nullable=False),
    Column("updated_at", Float, nullable=False),
)
