"""``GET /health``: 200 "ready" only once the index is loaded and both stores answer; 503 otherwise.

The vector store and the database (sessions and quiz state, and with them the library's records) are probed
separately, each with one round trip whose latency is reported, so an operator behind a load balancer sees which
one is down. ``worker`` is the answering process's id: with ``citebot serve --workers N`` it tells them apart.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import StateDep
from api.errors import RETRY_AFTER_SECONDS
from api.lifecycle import AppState
from api.schemas import CheckOut, HealthOut
from bot.qa.index_state import version_key
from corpus.errors import CitebotError
from corpus.settings import Settings

router = APIRouter(tags=["health"])

T = TypeVar("T")


def database_kind(settings: Settings) -> str:
    """The database engine /health names: sqlite (the file under the data dir), or the server URL's scheme."""
    # ``database_url`` arrives with the move of storage into a database (index/db); until then there is none.
    url: str | None = getattr(settings, "database_url", None)
    return url.split(":", 1)[0].split("+", 1)[0] if url else "sqlite"


def ping_database(state: AppState) -> int:
    """One round trip to the database; returns the number of chat sessions (reported as ``sessions``).

    The only place /health asks the database: when the storage offers a ping of its own, call it here."""
    return state.open_sessions().count()


def probe(kind: str, call: Callable[[], T]) -> tuple[CheckOut, T | None]:
    """Run ``call`` once and time it; a CitebotError (the store is unreachable) is a check that failed."""
    began = time.perf_counter()
    try:
        value = call()
    except CitebotError as exc:
        elapsed = round((time.perf_counter() - began) * 1000, 2)
        return CheckOut(status="unavailable", latency_ms=elapsed, kind=kind, detail=str(exc)), None
    return CheckOut(status="ok", latency_ms=round((time.perf_counter() - began) * 1000, 2), kind=kind), value


def _unready(status: str, detail: str | None, checks: dict[str, CheckOut] | None = None) -> JSONResponse:
    body = HealthOut(status=status, detail=detail, worker=os.getpid(), checks=checks).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


@router.get(
    "/health", response_model=HealthOut, response_model_exclude_none=True, responses={503: {"model": HealthOut}}
)
def health(state: StateDep) -> Any:
    """Readiness, each store's check and latency, counts, and the engine's metrics (questions, abstentions,
    citations served and dropped)."""
    engine = state.engine
    if engine is None:
        return _unready("starting", state.last_error)
    store_kind = "server" if engine.settings.chroma_url else "embedded"
    # A real round trip even for an empty library: a Chroma server that is down shows up.
    store_check, _ = probe(store_kind, engine.store.count)
    database_check, sessions = probe(database_kind(state.settings), lambda: ping_database(state))
    checks = {"vector_store": store_check, "database": database_check}
    failed = [c for c in checks.values() if c.status != "ok"]
    if failed:
        return _unready("unavailable", failed[0].detail, checks)
    briefs = engine.briefs()
    # Only the active versions' vectors: leftovers of a killed ingest are not the library (doctor removes them).
    versions = [version_key(b) for b in briefs]
    try:
        vectors = engine.store.count({"version": {"$in": versions}}) if versions else 0
    except CitebotError as exc:  # the store went away between the probe and this count
        return _unready("unavailable", str(exc), checks)
    return HealthOut(
        status="ready",
        worker=os.getpid(),
        checks=checks,
        briefs=len(briefs),
        passages=sum(len(b.passages) for b in briefs),
        footnotes=sum(len(b.footnotes) for b in briefs),
        vectors=vectors,
        sessions=sessions,
        store=store_kind,
        load_seconds=state.load_seconds,
        metrics=dict(engine.metrics),
    )
