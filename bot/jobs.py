"""A small in-memory registry of background jobs (source fetches, uploads, ...), each run in its own thread.

A job has an id, a kind, a status (queued -> running -> done | failed | cancelled), progress as done/total,
messages (one line per step), a result and a cancel flag that the work polls (an upload passes it to
``corpus.limits``, whose checkpoints stop the work and leave the library as it was). Only the newest ``keep``
finished jobs are kept.

With a ``JobBoard`` (the database) the registry publishes each job's snapshot as it goes, so another API process
(``serve --workers``, another host) answers ``GET /jobs/{id}`` for it, and a cancel asked there reaches the
process running it within ``poll_seconds``. Without one, jobs live in this process's memory only.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import corpus.errors
from corpus.errors import CitebotError, JobNotFound, WorkCancelled
from index.db.jobs import JobBoard, StoredJob

FINISHED = ("done", "failed", "cancelled")
# Progress is published at most this often (a finish or a status change always is): an upload reports many steps.
PUBLISH_EVERY_SECONDS = 0.25

log = logging.getLogger("citebot.jobs")


def type_name(kind: type[Exception]) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def type_of(name: str | None) -> type[Exception] | None:
    """The exception class a published job ended with: citebot's own by name, anything else a plain Exception
    (which the API reports as 500, as it would in the process that ran it)."""
    if name is None:
        return None
    module, _, qualname = name.rpartition(".")
    found = getattr(corpus.errors, qualname, None) if module == corpus.errors.__name__ else None
    return found if isinstance(found, type) and issubclass(found, Exception) else Exception


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
    # Set by a registry with a board: called with the job after it changes (``force`` for status changes).
    _publish: Callable[[Job], None] | None = field(default=None, repr=False)
    _published_at: float = field(default=0.0, repr=False)
    _dirty: bool = field(default=False, repr=False)  # changed since last published (the registry's watcher sends it)
    # Snapshot and write under one lock: two threads publishing at once must not store the older state last.
    _publish_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # A job read back from the board: it runs in another process, so cancelling goes through the board.
    remote: bool = field(default=False, repr=False)

    def progress(self, done: int | None = None, total: int | None = None, message: str | None = None) -> None:
        with self._lock:
            if done is not None:
                self.done = done
            if total is not None:
                self.total = total
            if message is not None:
                self.messages.append(message)
        self._changed()

    def step(self, message: str | None = None) -> None:
        """One more unit of work done."""
        with self._lock:
            self.done += 1
            if message is not None:
                self.messages.append(message)
        self._changed()

    def _changed(self, *, force: bool = False) -> None:
        if self._publish is None:
            return
        now = time.monotonic()
        if not force and now - self._published_at < PUBLISH_EVERY_SECONDS:
            self._dirty = True
            return
        with self._publish_lock:
            self._published_at, self._dirty = now, False
            self._publish(self)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def cancel_event(self) -> threading.Event:
        """The flag itself, for work that waits on it or hands it on (``corpus.limits`` budgets)."""
        return self._cancel

    def cancel(self) -> None:
        self._cancel.set()
        self._changed(force=True)

    def _start(self) -> None:
        with self._lock:
            self.status = "running"
        self._changed(force=True)

    def _finish(
        self, status: str, result: Any = None, error: str | None = None, error_type: type[Exception] | None = None
    ) -> None:
        with self._lock:
            self.status, self.result, self.error, self.error_type = status, result, error, error_type
            self.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        self._changed(force=True)

    @classmethod
    def restored(cls, stored: StoredJob) -> Job:
        """A read-only view of a job that another process runs or ran, from its last published snapshot."""
        snap = stored.snapshot
        job = cls(
            id=snap["id"],
            kind=snap["kind"],
            subject=snap.get("subject"),
            label=snap.get("label"),
            status=snap["status"],
            done=snap.get("done", 0),
            total=snap.get("total"),
            messages=list(snap.get("messages") or []),
            result=snap.get("result"),
            error=snap.get("error"),
            error_type=type_of(stored.error_type),
            created_at=snap["created_at"],
            finished_at=snap.get("finished_at"),
            remote=True,
        )
        if stored.cancel_requested:
            job._cancel.set()
        return job

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
    """Starts jobs in daemon threads and finds them by id (here, or on the board when another process runs them)."""

    def __init__(self, keep: int = 200, *, board: JobBoard | None = None, poll_seconds: float = 0.5) -> None:
        self.keep = keep
        self.board = board
        self.poll_seconds = poll_seconds
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._watcher: threading.Thread | None = None

    def _publish(self, job: Job) -> None:
        if self.board is None:
            return
        snapshot = job.snapshot()
        try:
            self.board.publish(snapshot, type_name(job.error_type) if job.error_type else None)
        except CitebotError as exc:  # the job goes on; other processes see it once the database is back
            log.warning("could not publish job %s: %s", job.id, exc)

    def _watch(self) -> None:
        """Publish progress the throttle held back, and pass on cancels asked through other processes to the jobs
        running here."""
        assert self.board is not None
        while True:
            time.sleep(self.poll_seconds)
            with self._lock:
                running = {j.id: j for j in self._jobs.values() if j.status not in FINISHED and not j.cancelled}
            for job in running.values():
                if job._dirty:
                    job._changed(force=True)
            if not running:
                continue
            try:
                asked = self.board.cancel_requested(running)
            except CitebotError:
                continue
            for job_id in asked:
                running[job_id].cancel()

    def start(
        self, kind: str, work: Callable[[Job], Any], *, subject: str | None = None, label: str | None = None
    ) -> Job:
        """Run ``work(job)`` in a new thread; its return value becomes the result. An exception fails the job."""
        job = Job(uuid.uuid4().hex, kind, subject, label)
        with self._lock:
            self._jobs[job.id] = job
            self._prune()
            if self.board is not None:
                job._publish = self._publish
                if self._watcher is None:
                    self._watcher = threading.Thread(target=self._watch, name="job-board", daemon=True)
                    self._watcher.start()
        job._changed(force=True)  # visible everywhere before its id is handed out

        def run() -> None:
            job._start()
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
        if job is not None:
            return job
        stored = self.board.load(job_id) if self.board is not None else None
        if stored is None:
            raise JobNotFound(f"no job with id {job_id!r}")
        return Job.restored(stored)

    def cancel(self, job_id: str) -> Job:
        """Ask the job to stop at its next step (a finished job is left as it is)."""
        job = self.get(job_id)
        if not job.remote:
            job.cancel()
            return job
        assert self.board is not None  # a remote job came from the board
        if job.status not in FINISHED:
            self.board.request_cancel(job_id)
        return self.get(job_id)

    def running(self, kind: str, subject: str | None) -> Job | None:
        """An unfinished job of this kind on this subject, so a second request can join it instead."""
        with self._lock:
            for job in self._jobs.values():
                if job.kind == kind and job.subject == subject and job.status not in FINISHED:
                    return job
        return None
