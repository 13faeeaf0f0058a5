"""``GET /jobs/{id}`` (a background upload's progress and outcome) and ``DELETE /jobs/{id}`` (cancel it).

A job is started by ``POST /briefs?background=true`` (202). The registry is ``bot.jobs``'s, one per app.
"""

from __future__ import annotations

import threading
from typing import Any, Literal

from fastapi import APIRouter, Request, status
from pydantic import BaseModel, Field

from api.errors import status_for
from api.schemas import ErrorOut
from bot.jobs import Job, JobRegistry

router = APIRouter(prefix="/jobs", tags=["library"])
_registry_lock = threading.Lock()


class JobOut(BaseModel):
    """A background upload: how far it has got and, once finished, what it did."""

    id: str
    filename: str
    brief_id: str
    state: Literal["running", "done", "failed", "cancelled"] = Field(
        description='"cancelled": stopped by DELETE /jobs/{id} or a limit on its client; the library is unchanged.'
    )
    embedded: int = Field(description="Vectors stored so far.")
    total: int = Field(description="Vectors to store (0 until embedding starts).")
    result: dict[str, Any] | None = Field(default=None, description="The POST /briefs body, once done.")
    error: str | None = Field(default=None, description="Why the upload failed or was cancelled.")
    error_status: int | None = Field(default=None, description="The HTTP status the upload would have had.")


def registry(request: Request) -> JobRegistry:
    """The app's job registry, made on first use."""
    state = request.app.state
    with _registry_lock:
        found: JobRegistry | None = getattr(state, "citebot_jobs", None)
        if found is None:
            found = JobRegistry()
            state.citebot_jobs = found
    return found


def job_json(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "filename": job.filename,
        "brief_id": job.brief_id,
        "state": job.state,
        "embedded": job.done,
        "total": job.total,
        "result": job.result,
        "error": job.error,
        "error_status": status_for(job.error_type("")) if job.error_type is not None else None,
    }


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "Unknown job"}}


@router.get("/{job_id}", response_model=JobOut, responses=NOT_FOUND, summary="A background upload")
def get_job(job_id: str, request: Request) -> dict[str, Any]:
    """The job's state, its embedding progress, and its result or error once finished."""
    return job_json(registry(request).get(job_id))


@router.delete(
    "/{job_id}",
    response_model=JobOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses=NOT_FOUND,
    summary="Cancel a background upload",
)
def cancel_job(job_id: str, request: Request) -> dict[str, Any]:
    """Stop the upload at its next step; the library is left as it was. A finished job is unchanged."""
    return job_json(registry(request).cancel(job_id))
