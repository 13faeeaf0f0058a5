"""Pydantic models of ``/jobs/{id}`` and of a brief's fetched sources (``/briefs/{id}/sources``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.errors import status_for
from bot.audit.fetch_sources import FootnoteSource, SourceStatus
from bot.jobs import Job
from corpus.errors import CitebotError


class JobOut(BaseModel):
    """A background job: what it is, how far it got, and its messages and result so far."""

    id: str
    kind: str = Field(description="What the job does, e.g. 'sources-fetch'.")
    subject: str | None = Field(description="What it works on, e.g. a brief id.")
    label: str | None = Field(default=None, description="What a person calls it, e.g. the uploaded file's name.")
    status: str = Field(description="queued, running, done, failed or cancelled.")
    done: int = Field(description="Units of work finished (for a fetch: footnotes).")
    total: int | None = Field(description="Units of work in all, once known.")
    messages: list[str] = Field(description="One line per finished step, oldest first.")
    result: Any = Field(description="The job's result once done (for a fetch: counts and one row per footnote).")
    error: str | None = Field(description="Why the job failed or was cancelled.")
    error_status: int | None = Field(default=None, description="The HTTP status the work would have had as a request.")
    cancel_requested: bool
    created_at: str
    finished_at: str | None

    @classmethod
    def of(cls, job: Job) -> JobOut:
        """The job's consistent snapshot, plus the HTTP status its error would have had as a request."""
        kind = job.error_type
        error_status = (status_for(kind("")) if issubclass(kind, CitebotError) else 500) if kind else None
        return cls(**job.snapshot(), error_status=error_status)


class JobStartedOut(BaseModel):
    job_id: str
    status_url: str = Field(description="Poll this for progress: GET /jobs/{id}.")
    job: JobOut


class SourceStatusOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    footnote: int
    url: str | None
    status: str = Field(description="local, fetched, archived, failed or not_fetched.")
    reason: str | None = Field(description="Why it failed or where a local copy came from.")
    final_url: str | None = Field(description="The URL after redirects.")
    archived: str | None = Field(description="The Wayback snapshot used when the live link was dead.")
    archive_date: str | None
    fetched_at: str | None
    title: str | None
    passages: int = Field(description="Sentences of the source indexed for answers and checks.")


class SourcesOut(BaseModel):
    brief_id: str
    sources: list[SourceStatusOut]

    @classmethod
    def of(cls, brief_id: str, statuses: list[SourceStatus]) -> SourcesOut:
        return cls(brief_id=brief_id, sources=[SourceStatusOut.model_validate(s) for s in statuses])


class SourcePassageOut(BaseModel):
    """A sentence of the footnote's source (not the brief): ``source_text[start:end] == quote``."""

    model_config = ConfigDict(from_attributes=True)

    quote: str
    start: int
    end: int
    score: float
    verified: bool


class FootnoteSourceOut(SourceStatusOut):
    label: str | None = Field(description="How answers name this source; an archived copy says so, with its date.")
    passage: SourcePassageOut | None = Field(description="The source sentence best matching the citing sentence.")

    @classmethod
    def of(cls, found: FootnoteSource) -> FootnoteSourceOut:
        passage = SourcePassageOut.model_validate(found.passage) if found.passage is not None else None
        return cls(**asdict(found.status), label=found.label, passage=passage)
