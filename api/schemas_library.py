"""Response models of ``POST /briefs`` (uploads). The brief summary is the same shape ``GET /briefs`` lists."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.schemas_brief import BriefSummaryOut, WarningOut
from bot.ingest_records import IngestReport
from corpus.models import Brief


class IngestOut(BaseModel):
    """What an upload did to the library, and what the parser found in the file."""

    status: Literal["added", "updated", "unchanged"] = Field(
        description='"unchanged": the same file was already indexed (nothing was re-embedded).'
    )
    filename: str
    brief: BriefSummaryOut
    warnings: list[WarningOut]

    @classmethod
    def of(cls, brief: Brief, report: IngestReport, filename: str) -> IngestOut:
        """The ``POST /briefs`` body (also one item of ``citebot ingest --json``)."""
        return cls(
            status=report.status,  # type: ignore[arg-type]  # IngestReport.status is one of the three
            filename=filename,
            brief=BriefSummaryOut.of(brief),
            warnings=[WarningOut.of(w) for w in brief.warnings],
        )
