"""Source-fetch records and their content-addressed bytes move into the database.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fetch_records",
        sa.Column("brief_id", sa.String(200), nullable=False),
        sa.Column("footnote", sa.Integer, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("brief_id", "footnote", name="pk_fetch_records"),
    )
    op.create_table(
        "fetch_blobs",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_fetch_blobs"),
    )


def downgrade() -> None:
    op.drop_table("fetch_blobs")
    op.drop_table("fetch_records")
