"""Alembic's environment: migrations run on the connection ``index.db.migrate`` hands over (never a URL of its own)."""

from __future__ import annotations

from alembic import context

from index.db.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `citebot db upgrade` (index.db.migrate), not the alembic command")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
