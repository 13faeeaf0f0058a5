"""``GET /briefs/{id}/audit`` and ``GET /briefs/{id}/verify-citations``: the brief's own citations, checked."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import EngineDep
from api.schemas import ErrorOut
from api.schemas_check import AuditResponse, VerifyCitationsResponse
from bot.audit.fetch_sources import audit_with_sources
from bot.audit.sources import source_index_for, verify_citations

router = APIRouter(prefix="/briefs", tags=["audit"])

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown brief"},
    422: {"model": ErrorOut, "description": "A sources folder that cannot be read (bad sources.toml, bad file)"},
    503: {"model": ErrorOut, "description": "The index is loading or the store is unavailable"},
}


@router.get("/{brief_id}/audit", response_model=AuditResponse, responses=ERRORS)
def audit(brief_id: str, engine: EngineDep) -> AuditResponse:
    """Orphan and undefined footnotes, metadata that disagrees with itself, uncited factual sentences,
    suggestions (``suggested: true``): possible mis-citations and likely sources, and from fetched sources: dead
    links (an archived copy used) and sources that could not be fetched."""
    brief = engine.brief(brief_id)
    return AuditResponse.of(brief, audit_with_sources(brief, engine.embedder, engine.settings))


@router.get("/{brief_id}/verify-citations", response_model=VerifyCitationsResponse, responses=ERRORS)
def verify(brief_id: str, engine: EngineDep) -> VerifyCitationsResponse:
    """Every cited sentence against its footnote's source file: supported, contradicted, source_silent or
    source_not_provided, each with the deciding source quote."""
    brief = engine.brief(brief_id)
    index = source_index_for(engine)
    return VerifyCitationsResponse.of(brief, index, verify_citations(brief, index))
