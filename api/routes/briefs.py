"""``GET /briefs``, ``GET /briefs/{id}`` and ``GET /briefs/{id}/footnotes``: what is in the library."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter

from api.deps import EngineDep
from api.schemas import BriefDetailOut, BriefSummaryOut, ErrorOut, FootnoteOut, FootnotesOut
from corpus.models import Brief
from corpus.serialize import brief_meta_json, reference_json, warning_json

router = APIRouter(prefix="/briefs", tags=["briefs"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "Unknown brief"}}


def _summary(brief: Brief) -> dict[str, Any]:
    meta = brief_meta_json(brief, with_text=False)
    return {
        "id": meta["id"],
        "title": meta["title"],
        "date": meta["date"],
        "authors": meta["authors"],
        "organisation": meta["organisation"],
        "format": meta["format"],
        "counts": {
            "passages": len(brief.passages),
            "sentences": sum(1 for p in brief.passages if p.kind == "sentence"),
            "footnotes": len(brief.footnotes),
            "warnings": len(brief.warnings),
        },
    }


@router.get("", response_model=list[BriefSummaryOut])
def list_briefs(engine: EngineDep) -> list[dict[str, Any]]:
    """Every brief in the library, by id."""
    return [_summary(b) for b in engine.briefs()]


@router.get("/{brief_id}", response_model=BriefDetailOut, responses=NOT_FOUND)
def get_brief(brief_id: str, engine: EngineDep) -> dict[str, Any]:
    """A brief's metadata, parse warnings and canonical text (the text every quote's offsets point into)."""
    brief = engine.brief(brief_id)
    meta = brief_meta_json(brief)
    return _summary(brief) | {
        "editors": meta["editors"],
        "disclaimer": meta["disclaimer"],
        "content_hash": meta["content_hash"],
        "warnings": [warning_json(w) for w in brief.warnings],
        "text": meta["text"],
    }


@router.get("/{brief_id}/footnotes", response_model=FootnotesOut, responses=NOT_FOUND)
def get_footnotes(brief_id: str, engine: EngineDep) -> FootnotesOut:
    """The brief's footnotes as parsed, with how often each is cited in the text (0 for an orphan)."""
    brief = engine.brief(brief_id)
    cited = Counter(number for number, _ in brief.markers)
    return FootnotesOut(
        brief_id=brief.id,
        footnotes=[FootnoteOut(**reference_json(f), cited=cited[f.number]) for f in brief.footnotes],
    )
