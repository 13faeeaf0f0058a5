"""Background jobs' snapshots in the database: the job runs in one process, any process reports or cancels it.

A job's thread publishes its snapshot (status, progress, messages, result) as it goes; ``GET /jobs/{id}`` on
another process reads the latest one. Cancelling from another process sets a flag that the running process polls.
Only the newest ``keep`` finished jobs are kept, as the in-memory registry did.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from index.db.connect import Database
from index.db.schema import jobs

FINISHED = ("done", "failed", "cancelled")


@dataclass(frozen=True, slots=True)
class StoredJob:
    """A job as last published: its snapshot, the name of the exception that ended it, and the cancel flag."""

    snapshot: dict[str, Any]
    error_type: str | None
    cancel_requested: bool


class JobBoard:
    """The jobs table: publish, load, request a cancel, and see which running jobs were asked to stop."""

    def __init__(self, db: Database, *, keep: int = 200, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.keep = keep
        self._clock = clock

    def publish(self, snapshot: Mapping[str, Any], error_type: str | None = None) -> None:
        """Write the job's latest snapshot (insert or replace). A cancel asked for elsewhere is kept."""
        row = {
            "id": snapshot["id"],
            "kind": snapshot["kind"],
            "status": snapshot["status"],
            "snapshot": json.dumps(snapshot, ensure_ascii=False, default=str),
            "error_type": error_type,
            "cancel_requested": bool(snapshot.get("cancel_requested")),
            "updated_at": self._clock(),
        }
        insert = self.db.insert(jobs).values(**row)
        changed = {k: insert.excluded[k] for k in ("status", "snapshot", "error_type", "updated_at")}
        # A cancel flag only ever goes from false to true: the other process may have set it meanwhile.
        changed["cancel_requested"] = sa.or_(jobs.c.cancel_requested, insert.excluded.cancel_requested)
        with self.db.begin() as conn:
            conn.execute(insert.on_conflict_do_update(index_elements=[jobs.c.id], set_=changed))
        if snapshot["status"] in FINISHED:
            # After the commit: of jobs finishing at once, the one committing last then sees every finished row
            # (inside the transaction, two of them each missed the other and both stayed, one over ``keep``).
            with self.db.begin() as conn:
                self._prune(conn)

    def load(self, job_id: str) -> StoredJob | None:
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(jobs.c.snapshot, jobs.c.error_type, jobs.c.cancel_requested).where(jobs.c.id == job_id)
            ).first()
        if row is None:
            return None
        snapshot = json.loads(row.snapshot)
        snapshot["cancel_requested"] = bool(row.cancel_requested)
        return StoredJob(snapshot, row.error_type, bool(row.cancel_requested))

    def request_cancel(self, job_id: str) -> bool:
        """Ask the job to stop (whichever process runs it); False if there is no such job."""
        with self.db.begin() as conn:
            result = conn.execute(sa.update(jobs).where(jobs.c.id == job_id).values(cancel_requested=True))
        return bool(result.rowcount)

    def cancel_requested(self, job_ids: Iterable[str]) -> set[str]:
        """Which of these jobs were asked to stop."""
        ids = list(job_ids)
        if not ids:
            return set()
        with self.db.read() as conn:
            rows = conn.execute(sa.select(jobs.c.id).where(jobs.c.id.in_(ids), jobs.c.cancel_requested))
            return {r.id for r in rows}

    def _prune(self, conn: sa.Connection) -> None:
        finished = (
            sa.select(jobs.c.id).where(jobs.c.status.in_(FINISHED)).order_by(jobs.c.updated_at.desc()).offset(self.keep)
        )
        old = [r.id for r in conn.execute(finished)]
        if old:
            conn.execute(sa.delete(jobs).where(jobs.c.id.in_(old)))
