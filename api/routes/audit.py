"""``GET /briefs/{id}/audit`` and ``GET /briefs/{id}/verify-citations``: the brief's own citations, checked."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import EngineDep
from api.schemas import ErrorOut
from api.schemas_check import AuditResponse, VerifyCitationsResponse
from bot.audit import audit_brief
from bot.sources import source_index_for, verify_citations

router = APIRouter(prefix="/briefs", tags=["audit"])

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown brief"},
    422: {"model": ErrorOut, "description": "A sources folder that cannot be read (bad sources.toml, bad file)"},
    503: {"model": ErrorOut, "description": "The index is loading or the store is unavailable"},
}


@router.get("/{brief_id}/audit", response_model=AuditResponse, responses=ERRORS)
def audit(brief_id: str, engine: EngineDep) -> AuditResponse:
    """Orphan and undefined footnotes, metadata that disagrees with itself, uncited factual sentences, and
    suggestions (``suggested: true``): possible mis-citations and likely sources."""
    brief = engine.brief(brief_id)
    return AuditResponse.of(brief, audit_brief(brief, engine.embedder))


@router.get("/{brief_id}/verify-citations", response_model=VerifyCitationsResponse, responses=ERRORS)
def verify(brief_id: str, engine: EngineDep) -> VerifyCitationsResponse:
    """Every cited sentence against its footnote's source file: supported, contradicted, source_silent or
    source_not_provided, each with the deciding source quote."""
    brief = engine.brief(brief_id)
    index = source_index_for(engine)
    return VerifyCitationsResponse.of(brief, index, verify_citations(brief, index))
