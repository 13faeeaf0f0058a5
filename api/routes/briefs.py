"""``GET /briefs``, ``GET /briefs/{id}`` and ``GET /briefs/{id}/footnotes``: what is in the library."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter

from api.deps import EngineDep
from api.schemas import ErrorOut
from api.schemas_brief import BriefDetailOut, BriefSummaryOut, FootnoteOut, FootnotesOut

router = APIRouter(prefix="/briefs", tags=["briefs"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "Unknown brief"}}


@router.get("", response_model=list[BriefSummaryOut])
def list_briefs(engine: EngineDep) -> list[BriefSummaryOut]:
    """Every brief in the library, by id."""
    return [BriefSummaryOut.of(b) for b in engine.briefs()]


@router.get("/{brief_id}", response_model=BriefDetailOut, responses=NOT_FOUND)
def get_brief(brief_id: str, engine: EngineDep) -> BriefDetailOut:
    """A brief's metadata, parse warnings and canonical text (the text every quote's offsets point into)."""
    return BriefDetailOut.of(engine.brief(brief_id))


@router.get("/{brief_id}/footnotes", response_model=FootnotesOut, responses=NOT_FOUND)
def get_footnotes(brief_id: str, engine: EngineDep) -> FootnotesOut:
    """The brief's footnotes as parsed, with how often each is cited in the text (0 for an orphan)."""
    brief = engine.brief(brief_id)
    cited = Counter(number for number, _ in brief.markers)
    return FootnotesOut(
        brief_id=brief.id,
        footnotes=[FootnoteOut.of_cited(f, cited[f.number]) for f in brief.footnotes],
    )
