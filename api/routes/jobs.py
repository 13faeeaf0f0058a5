"""``GET /jobs/{id}``, ``DELETE /jobs/{id}`` and ``POST /jobs/{id}/cancel``: background jobs of any kind
(uploads with ``POST /briefs?background=true``, source fetches with ``POST /briefs/{id}/sources/fetch``).

The registry lives on ``app.state.jobs``, made on first use, so every route that starts a job shares it. It
publishes jobs to the database, so any API process over the same database reports and cancels any job.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, status

from api.lifecycle import AppState
from api.schemas import ErrorOut
from api.schemas_jobs import JobOut
from bot.jobs import JobRegistry
from index.db import open_database
from index.db.jobs import JobBoard

router = APIRouter(prefix="/jobs", tags=["jobs"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "Unknown job"}}
_registry_lock = threading.Lock()


def registry(request: Request) -> JobRegistry:
    """The app's job registry, made on first use (sync routes call this from worker threads, hence the lock)."""
    state = request.app.state
    with _registry_lock:
        found: JobRegistry | None = getattr(state, "jobs", None)
        if found is None:
            app_state: AppState = state.citebot
            found = state.jobs = JobRegistry(board=JobBoard(open_database(app_state.settings)))
    return found


async def get_jobs(request: Request) -> JobRegistry:
    return registry(request)


JobsDep = Annotated[JobRegistry, Depends(get_jobs)]


@router.get("/{job_id}", response_model=JobOut, responses=NOT_FOUND)
async def get_job(job_id: str, jobs: JobsDep) -> JobOut:
    """A job's status and progress (done/total), its messages so far, and its result or error once finished."""
    return JobOut.of(jobs.get(job_id))


@router.delete("/{job_id}", response_model=JobOut, status_code=status.HTTP_202_ACCEPTED, responses=NOT_FOUND)
async def delete_job(job_id: str, jobs: JobsDep) -> JobOut:
    """Cancel a job: it stops at its next step (an upload leaves the library as it was); a finished job is kept."""
    return JobOut.of(jobs.cancel(job_id))


@router.post("/{job_id}/cancel", response_model=JobOut, responses=NOT_FOUND)
async def cancel_job(job_id: str, jobs: JobsDep) -> JobOut:
    """The same as ``DELETE /jobs/{id}``, for clients that cannot send DELETE."""
    return JobOut.of(jobs.cancel(job_id))
