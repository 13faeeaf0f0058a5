"""``POST /check``: fact-check a claim against the indexed briefs (and, when provided, the cited sources)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import EngineDep, JsonBody
from api.schemas import ErrorOut
from api.schemas_check import CheckRequest, CheckResponse
from bot.audit.sources import check_with_sources

router = APIRouter(tags=["check"])

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown brief"},
    415: {"model": ErrorOut, "description": "The body is not JSON"},
    422: {"model": ErrorOut, "description": "Invalid request (e.g. an empty or over-long claim)"},
    503: {"model": ErrorOut, "description": "The index is loading or the store is unavailable"},
}


@router.post("/check", response_model=CheckResponse, responses=ERRORS, dependencies=[JsonBody])
def check(req: CheckRequest, engine: EngineDep) -> CheckResponse:
    """supported / contradicted / not_found, with the verified quotes that decide it and the deciding difference."""
    return CheckResponse.of(check_with_sources(engine, req.claim, req.brief_id))
