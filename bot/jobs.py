"""A small in-memory registry of background jobs (source fetches, uploads, ...), each run in its own thread.

A job has an id, a kind, a status (queued -> running -> done | failed | cancelled), progress as done/total,
messages (one line per step), a result and a cancel flag that the work polls (an upload passes it to
``corpus.limits``, whose checkpoints stop the work and leave the library as it was). Jobs live in memory: a
restart forgets them, and only the newest ``keep`` finished jobs are kept.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from corpus.errors import CitebotError, JobNotFound, WorkCancelled

FINISHED = ("done", "failed", "cancelled")


@dataclass
class Job:
    """One background job. Mutated only through its methods, under its lock, by the thread doing the work."""

    id: str
    kind: str
    subject: str | None = None  # what it works on, e.g. a brief id
    label: str | None = None  # what a person would call it, e.g. the uploaded file's name
    status: str = "queued"
    done: int = 0
    total: int | None = None
    messages: list[str] = field(default_factory=list)
    result: Any = None
    error: str | None = None
    error_type: type[Exception] | None = None  # the API turns it into the status the request would have had
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    finished_at: str | None = None
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def progress(self, done: int | None = None, total: int | None = None, message: str | None = None) -> None:
        with self._lock:
            if done is not None:
                self.done = done
            if total is not None:
                self.total = total
            if message is not None:
                self.messages.append(message)

    def step(self, message: str | None = None) -> None:
        """One more unit of work done."""
        with self._lock:
            self.done += 1
            if message is not None:
                self.messages.append(message)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def cancel_event(self) -> threading.Event:
        """The flag itself, for work that waits on it or hands it on (``corpus.limits`` budgets)."""
        return self._cancel

    def cancel(self) -> None:
        self._cancel.set()

    def _finish(
        self, status: str, result: Any = None, error: str | None = None, error_type: type[Exception] | None = None
    ) -> None:
        with self._lock:
            self.status, self.result, self.error, self.error_type = status, result, error, error_type
            self.finished_at = datetime.now(UTC).isoformat(timespec="seconds")

    def snapshot(self) -> dict[str, Any]:
        """A consistent JSON-ready copy (the ``GET /jobs/{id}`` body)."""
        with self._lock:
            return {
                "id": self.id,
                "kind": self.kind,
                "subject": self.subject,
                "label": self.label,
                "status": self.status,
                "done": self.done,
                "total": self.total,
                "messages": list(self.messages),
                "result": self.result,
                "error": self.error,
                "cancel_requested": self._cancel.is_set(),
                "created_at": self.created_at,
                "finished_at": self.finished_at,
            }


class JobRegistry:
    """Starts jobs in daemon threads and finds them by id."""

    def __init__(self, keep: int = 200) -> None:
        self.keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def start(
        self, kind: str, work: Callable[[Job], Any], *, subject: str | None = None, label: str | None = None
    ) -> Job:
        """Run ``work(job)`` in a new thread; its return value becomes the result. An exception fails the job."""
        job = Job(uuid.uuid4().hex, kind, subject, label)
        with self._lock:
            self._jobs[job.id] = job
            self._prune()

        def run() -> None:
            with job._lock:
                job.status = "running"
            try:
                result = work(job)
            except WorkCancelled as exc:
                job._finish("cancelled", error=str(exc), error_type=type(exc))
                return
            except CitebotError as exc:  # citebot's own errors read as sentences already
                job._finish("failed", error=str(exc), error_type=type(exc))
                return
            except Exception as exc:  # the job reports it; nothing else would see it
                job._finish("failed", error=f"{type(exc).__name__}: {exc}", error_type=type(exc))
                return
            job._finish("cancelled" if job.cancelled else "done", result=result)

        threading.Thread(target=run, name=f"job-{kind}-{job.id[:8]}", daemon=True).start()
        return job

    def _prune(self) -> None:
        finished = [j.id for j in self._jobs.values() if j.status in FINISHED]
        for job_id in finished[: max(0, len(finished) - self.keep)]:
            del self._jobs[job_id]

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise JobNotFound(f"no job with id {job_id!r}")
        return job

    def cancel(self, job_id: str) -> Job:
        """Ask the job to stop at its next step (a finished job is left as it is)."""
        job = self.get(job_id)
        job.cancel()
        return job

    def running(self, kind: str, subject: str | None) -> Job | None:
        """An unfinished job of this kind on this subject, so a second request can join it instead."""
        with self._lock:
            for job in self._jobs.values():
                if job.kind == kind and job.subject == subject and job.status not in FINISHED:
                    return job
        return None
