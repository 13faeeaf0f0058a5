"""Dependencies for the routes, as ``Annotated`` aliases. All of them read what the lifespan put on app.state.

They are ``async def`` on purpose: they never block, and FastAPI runs a plain ``def`` dependency in the thread
pool, so five sync dependencies cost five thread hand-offs (and GIL handovers) per request before the route runs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from api.lifecycle import AppState
from bot.engine import Engine
from bot.sessions import SessionStore
from corpus.errors import IndexUnavailable
from corpus.settings import Settings


async def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.citebot
    return state


StateDep = Annotated[AppState, Depends(get_state)]


async def get_settings(state: StateDep) -> Settings:
    return state.settings


async def get_engine(state: StateDep) -> Engine:
    """The engine, or 503 while it is still loading."""
    if state.engine is None:
        reason = f" (last attempt: {state.last_error})" if state.last_error else ""
        raise IndexUnavailable(f"citebot is starting: the index is still loading{reason}")
    return state.engine


async def get_sessions(state: StateDep) -> SessionStore:
    return state.open_sessions()


async def require_json(request: Request) -> None:
    """415 unless the body is declared as JSON (curl -d sends form encoding unless told otherwise)."""
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise HTTPException(
            415,
            "send the body as JSON with the header 'Content-Type: application/json'"
            + (f" (got {media!r})" if media else " (no Content-Type was given)"),
        )


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
SessionsDep = Annotated[SessionStore, Depends(get_sessions)]
JsonBody = Depends(require_json)
