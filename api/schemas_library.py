"""Response models of ``POST /briefs`` (uploads). The brief summary is the same shape ``GET /briefs`` lists."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.schemas import BriefSummaryOut


class WarningOut(BaseModel):
    code: str = Field(description="orphan_footnote | undefined_marker | duplicate_footnote | out_of_order_footnote")
    footnote: int | None
    message: str


class IngestOut(BaseModel):
    """What an upload did to the library, and what the parser found in the file."""

    status: Literal["added", "updated", "unchanged"] = Field(
        description='"unchanged": the same file was already indexed (nothing was re-embedded).'
    )
    filename: str
    brief: BriefSummaryOut
    warnings: list[WarningOut]
