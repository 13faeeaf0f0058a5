"""The initial schema: library version, briefs, chat sessions and turns, quiz sessions and turns.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    library = op.create_table(
        "library",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_library"),
    )
    op.bulk_insert(library, [{"id": 1, "version": 0}])
    op.create_table(
        "briefs",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("content_hash", sa.String(128), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("saved_version", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_briefs"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
    )
    op.create_table(
        "turns",
        sa.Column("seq", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.CheckConstraint("role IN ('user', 'assistant')", name="ck_turns_role"),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name="fk_turns_session_id_sessions", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("seq", name="pk_turns"),
    )
    op.create_index("turns_by_session", "turns", ["session_id", "seq"])
    op.create_table(
        "quiz_sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quiz_sessions"),
    )
    op.create_table(
        "quiz_turns",
        sa.Column("seq", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("question_id", sa.String(200), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("asked_at", sa.Float, nullable=False),
        sa.Column("answer", sa.Text, nullable=True),
        sa.Column("correct", sa.Boolean, nullable=True),
        sa.Column("answered_at", sa.Float, nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"], ["quiz_sessions.id"], name="fk_quiz_turns_session_id_quiz_sessions", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("seq", name="pk_quiz_turns"),
    )
    op.create_index("quiz_turns_by_session", "quiz_turns", ["session_id", "question_id"])


def downgrade() -> None:
    for table in ("quiz_turns", "quiz_sessions", "turns", "sessions", "briefs", "library"):
        op.drop_table(table)
