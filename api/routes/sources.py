"""``POST /briefs/{id}/sources/fetch`` (a background job) and ``GET /briefs/{id}/sources`` (status per footnote)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import EngineDep
from api.routes.jobs import JobsDep
from api.schemas import ErrorOut
from api.schemas_jobs import FootnoteSourceOut, JobOut, JobStartedOut, SourcesOut
from bot.audit.fetch_sources import fetch_job, footnote_source, source_statuses
from bot.audit.sources import source_index_for

router = APIRouter(prefix="/briefs", tags=["sources"])

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown brief"},
    503: {"model": ErrorOut, "description": "The index is loading"},
}


@router.post("/{brief_id}/sources/fetch", status_code=202, response_model=JobStartedOut, responses=ERRORS)
async def fetch(
    brief_id: str, engine: EngineDep, jobs: JobsDep, refresh: bool = False, archive: bool = True
) -> JobStartedOut:
    """Start fetching every footnote URL of the brief (live, else an archived snapshot), then index what was
    fetched. Returns the job at once; poll ``GET /jobs/{id}``. A fetch already running for the brief is returned
    instead of starting a second one."""
    brief = engine.brief(brief_id)
    job = jobs.running("sources-fetch", brief.id)
    if job is None:
        work = fetch_job([brief], engine.settings, source_index_for(engine), refresh=refresh, archive=archive)
        job = jobs.start("sources-fetch", work, subject=brief.id)
    return JobStartedOut(job_id=job.id, status_url=f"/jobs/{job.id}", job=JobOut.of(job))


@router.get("/{brief_id}/sources", response_model=SourcesOut, responses=ERRORS)
async def sources(brief_id: str, engine: EngineDep) -> SourcesOut:
    """Per footnote: local file, fetched, archived, failed (with why) or not fetched; final URL, archive URL,
    fetched_at and how many of its sentences are indexed."""
    brief = engine.brief(brief_id)
    statuses = await run_in_threadpool(source_statuses, brief, engine.settings, source_index_for(engine))
    return SourcesOut.of(brief.id, statuses)


@router.get("/{brief_id}/sources/{footnote}", response_model=FootnoteSourceOut, responses=ERRORS)
async def get_footnote_source(
    brief_id: str, footnote: int, engine: EngineDep, sentence: str | None = None
) -> FootnoteSourceOut:
    """One footnote's fetch status and links, and the source sentence that best matches ``sentence`` (the
    sentence citing it), for the UI's footnote panel."""
    brief = engine.brief(brief_id)
    index = source_index_for(engine)
    text = (sentence or "")[:2000]
    found = await run_in_threadpool(footnote_source, brief, footnote, text, engine.settings, index)
    return FootnoteSourceOut.of(found)
