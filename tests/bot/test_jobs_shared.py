"""Jobs published to the database: a job started by one registry (one API process) is reported and cancelled by
another over the same database, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from bot.jobs import Job, JobRegistry, type_name, type_of
from corpus.errors import JobNotFound, PayloadTooLarge
from index.db import open_url, sqlite_url
from index.db.connect import Database
from index.db.jobs import JobBoard
from index.db.migrate import upgrade


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> Database:
    if request.param == "sqlite":
        return open_url(sqlite_url(tmp_path / "citebot.sqlite3"))
    found = open_url(request.getfixturevalue("pg_url"), check=False)
    upgrade(found)
    return found


def until(check: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def two_processes(db: Database) -> tuple[JobRegistry, JobRegistry]:
    """Two registries that share nothing but the database, as two API processes do."""
    return JobRegistry(board=JobBoard(db), poll_seconds=0.05), JobRegistry(board=JobBoard(db), poll_seconds=0.05)


def test_a_job_started_in_one_process_is_found_with_its_progress_and_result_in_another(db):
    here, there = two_processes(db)
    release = threading.Event()

    def work(job: Job) -> dict[str, int]:
        job.progress(done=1, total=2, message="half way")
        release.wait(10)
        return {"briefs": 1}

    job = here.start("upload", work, subject="b1", label="b1.pdf")
    seen = there.get(job.id)
    assert (seen.kind, seen.subject, seen.label) == ("upload", "b1", "b1.pdf")
    until(lambda: there.get(job.id).messages == ["half way"])
    assert there.get(job.id).status == "running" and there.get(job.id).done == 1
    release.set()
    until(lambda: there.get(job.id).status == "done")
    assert there.get(job.id).result == {"briefs": 1} and there.get(job.id).finished_at


def test_a_cancel_asked_in_another_process_stops_the_job_where_it_runs(db):
    here, there = two_processes(db)

    def work(job: Job) -> str:
        job.cancel_event.wait(10)
        return "stopped" if job.cancelled else "ran out"

    job = here.start("sources-fetch", work, subject="b1")
    until(lambda: there.get(job.id).status == "running")
    assert there.cancel(job.id).cancelled  # the flag is on the board at once
    until(lambda: job.status == "cancelled")
    assert job.cancelled
    until(lambda: there.get(job.id).status == "cancelled")


def test_a_failed_job_keeps_its_error_type_for_the_http_status_elsewhere(db):
    here, there = two_processes(db)

    def work(job: Job) -> None:
        raise PayloadTooLarge("the file is larger than the upload limit")

    job = here.start("upload", work)
    until(lambda: there.get(job.id).status == "failed")
    seen = there.get(job.id)
    assert seen.error == "the file is larger than the upload limit"
    assert seen.error_type is PayloadTooLarge


def test_an_unknown_job_is_not_found_in_any_process(db):
    _, there = two_processes(db)
    with pytest.raises(JobNotFound):
        there.get("no-such-job")
    with pytest.raises(JobNotFound):
        there.cancel("no-such-job")


def test_only_the_newest_finished_jobs_stay_on_the_board(db):
    board = JobBoard(db, keep=2)
    registry = JobRegistry(board=board)
    jobs = [registry.start("demo", lambda job: None) for _ in range(4)]
    for job in jobs:
        until(lambda job=job: job.status == "done")
    other = JobRegistry(board=JobBoard(db, keep=2))
    # A job's status turns "done" in memory just before its last snapshot is published and the board pruned.
    until(lambda: sum(board.load(j.id) is not None for j in jobs) == 2)
    kept = [j.id for j in jobs if board.load(j.id) is not None]
    assert len(kept) == 2
    with pytest.raises(JobNotFound):
        other.get(next(j.id for j in jobs if j.id not in kept))


def test_error_types_round_trip_by_name_and_foreign_ones_read_as_plain_exceptions():
    assert type_of(type_name(PayloadTooLarge)) is PayloadTooLarge
    assert type_of(type_name(ValueError)) is Exception
    assert type_of(None) is None
