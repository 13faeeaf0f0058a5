"""``GET /jobs/{id}`` and ``POST /jobs/{id}/cancel``: background jobs of any kind (source fetches, ...).

The registry lives on ``app.state.jobs``, made on first use, so every route that starts a job shares it
through ``JobsDep``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from api.schemas import ErrorOut
from api.schemas_jobs import JobOut
from bot.jobs import JobRegistry

router = APIRouter(prefix="/jobs", tags=["jobs"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "Unknown job"}}


async def get_jobs(request: Request) -> JobRegistry:
    # async: runs on the event loop, so two first requests cannot both make a registry.
    registry: JobRegistry | None = getattr(request.app.state, "jobs", None)
    if registry is None:
        registry = request.app.state.jobs = JobRegistry()
    return registry


JobsDep = Annotated[JobRegistry, Depends(get_jobs)]


@router.get("/{job_id}", response_model=JobOut, responses=NOT_FOUND)
async def get_job(job_id: str, jobs: JobsDep) -> dict[str, Any]:
    """A job's status and progress (done/total), its messages so far, and its result once done."""
    return jobs.get(job_id).snapshot()


@router.post("/{job_id}/cancel", response_model=JobOut, responses=NOT_FOUND)
async def cancel_job(job_id: str, jobs: JobsDep) -> dict[str, Any]:
    """Ask a job to stop; it stops between steps (work in flight finishes) and ends as 'cancelled'."""
    job = jobs.get(job_id)
    job.cancel()
    return job.snapshot()
