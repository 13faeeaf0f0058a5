"""Uploads run in the background (``POST /briefs?background=true``): a small in-memory registry of jobs.

Each job runs its work in its own thread, reports its embedding progress, and can be cancelled: the cancel flag
is the one ``corpus.limits`` checks between steps, so a cancelled job stops at its next step and leaves the
library as it was. Jobs live only as long as the process; finished ones are forgotten oldest first.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from corpus.errors import CitebotError, NotFound, WorkCancelled

# Finished jobs kept for their results; older ones are dropped (running ones never are).
KEEP_FINISHED = 200
FINISHED = frozenset({"done", "failed", "cancelled"})


@dataclass
class Job:
    """One upload's progress and outcome. Mutated only by its worker thread (and ``cancel``)."""

    id: str
    filename: str
    brief_id: str
    state: str = "running"  # "running" | "done" | "failed" | "cancelled"
    done: int = 0
    total: int = 0
    result: dict[str, Any] | None = None
    error: str | None = None
    error_type: type[CitebotError] | None = None
    created: float = field(default_factory=time.time)
    cancel: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total


class JobRegistry:
    def __init__(self, keep_finished: int = KEEP_FINISHED) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._keep = keep_finished

    def start(self, filename: str, brief_id: str, work: Callable[[Job], dict[str, Any]]) -> Job:
        """Run ``work(job)`` in a new thread; its return value is the job's result."""
        job = Job(uuid.uuid4().hex, filename, brief_id)
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        threading.Thread(target=self._run, args=(job, work), name=f"citebot-job-{job.id[:8]}", daemon=True).start()
        return job

    def _run(self, job: Job, work: Callable[[Job], dict[str, Any]]) -> None:
        try:
            job.result = work(job)
            job.state = "done"
        except WorkCancelled as exc:
            job.error, job.error_type, job.state = str(exc), type(exc), "cancelled"
        except CitebotError as exc:
            job.error, job.error_type, job.state = str(exc), type(exc), "failed"
        except Exception as exc:  # a bug: the job says so instead of vanishing with its thread
            job.error, job.error_type, job.state = f"the upload failed ({type(exc).__name__})", CitebotError, "failed"
            raise

    def _forget_old(self) -> None:
        finished = [jid for jid, job in self._jobs.items() if job.state in FINISHED]
        for jid in finished[: max(0, len(finished) - self._keep)]:
            del self._jobs[jid]

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"no job with id {job_id!r}")
        return job

    def cancel(self, job_id: str) -> Job:
        """Ask the job to stop at its next step (a finished job is left as it is)."""
        job = self.get(job_id)
        job.cancel.set()
        return job
