"""``GET /health``: 200 "ready" only once the index is loaded and the store answers; 503 otherwise."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import StateDep
from api.errors import RETRY_AFTER_SECONDS
from api.schemas import HealthOut
from bot.qa.retrieval import version_key
from corpus.errors import CitebotError

router = APIRouter(tags=["health"])


def _unready(status: str, detail: str | None) -> JSONResponse:
    body = HealthOut(status=status, detail=detail).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


@router.get(
    "/health", response_model=HealthOut, response_model_exclude_none=True, responses={503: {"model": HealthOut}}
)
def health(state: StateDep) -> Any:
    """Readiness plus counts and the engine's metrics (questions, abstentions, citations served and dropped)."""
    engine = state.engine
    if engine is None:
        return _unready("starting", state.last_error)
    briefs = engine.briefs()
    # Only the active versions' vectors: leftovers of a killed ingest are not the library (doctor removes them).
    versions = [version_key(b) for b in briefs]
    try:
        engine.store.count()  # a real round trip even for an empty library: a Chroma server that is down shows up
        vectors = engine.store.count({"version": {"$in": versions}}) if versions else 0
    except CitebotError as exc:
        return _unready("unavailable", str(exc))
    sessions = state.open_sessions()
    return HealthOut(
        status="ready",
        briefs=len(briefs),
        passages=sum(len(b.passages) for b in briefs),
        footnotes=sum(len(b.footnotes) for b in briefs),
        vectors=vectors,
        sessions=sessions.count(),
        store="server" if engine.settings.chroma_url else "embedded",
        load_seconds=state.load_seconds,
        metrics=dict(engine.metrics),
    )
