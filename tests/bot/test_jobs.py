"""The in-memory job registry: status, progress, results, failures, cancelling, lookup."""

from __future__ import annotations

import threading
import time

import pytest

from bot.jobs import Job, JobRegistry
from corpus.errors import JobNotFound


def wait(job: Job, timeout: float = 5.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snap = job.snapshot()
        if snap["status"] in ("done", "failed", "cancelled"):
            return snap
        time.sleep(0.01)
    raise AssertionError(f"job still {job.snapshot()['status']}")


def test_job_runs_in_background_and_reports_progress_and_result():
    def work(job: Job) -> int:
        job.progress(done=0, total=3)
        for i in range(3):
            job.step(f"step {i}")
        return 42

    registry = JobRegistry()
    job = registry.start("demo", work, subject="b1")
    snap = wait(job)
    assert snap["status"] == "done" and snap["result"] == 42
    assert (snap["done"], snap["total"]) == (3, 3)
    assert snap["messages"] == ["step 0", "step 1", "step 2"]
    assert snap["kind"] == "demo" and snap["subject"] == "b1" and snap["finished_at"]
    assert registry.get(job.id) is job


def test_exception_fails_the_job_with_its_message():
    def work(job: Job) -> None:
        raise ValueError("bad input")

    snap = wait(JobRegistry().start("demo", work))
    assert snap["status"] == "failed" and snap["error"] == "ValueError: bad input"


def test_cancel_flag_is_seen_by_the_work_and_ends_cancelled():
    started = threading.Event()

    def work(job: Job) -> None:
        started.set()
        while not job.cancelled:
            time.sleep(0.01)

    registry = JobRegistry()
    job = registry.start("demo", work)
    started.wait(5)
    job.cancel()
    assert wait(job)["status"] == "cancelled"


def test_unknown_job_id_is_not_found():
    with pytest.raises(JobNotFound):
        JobRegistry().get("nope")


def test_running_finds_an_unfinished_job_of_the_same_kind_and_subject():
    release = threading.Event()
    registry = JobRegistry()
    job = registry.start("fetch", lambda j: release.wait(5), subject="b1")
    assert registry.running("fetch", "b1") is job
    assert registry.running("fetch", "b2") is None
    release.set()
    wait(job)
    assert registry.running("fetch", "b1") is None


def test_only_the_newest_finished_jobs_are_kept():
    registry = JobRegistry(keep=2)
    jobs = [registry.start("demo", lambda j: None) for _ in range(3)]
    for j in jobs:
        wait(j)
    registry.start("demo", lambda j: None)  # starting prunes
    with pytest.raises(JobNotFound):
        registry.get(jobs[0].id)
    assert registry.get(jobs[2].id) is jobs[2]
