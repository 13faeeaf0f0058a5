"""``POST /chat``, ``POST /chat/stream`` (Server-Sent Events) and ``GET /chat/sessions/{id}``."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.sse import EventSourceResponse, format_sse_event

from api.deps import EngineDep, JsonBody, SessionsDep, SettingsDep
from api.errors import error_code, status_for
from api.schemas import ChatRequest, ChatResponse, CitationOut, ErrorOut, SessionOut, TurnOut
from bot.audit.source_answer import source_citations
from bot.engine import Engine
from bot.sessions import SessionStore
from bot.types import Answer
from corpus.errors import CitebotError

log = logging.getLogger("citebot.api")

router = APIRouter(tags=["chat"])

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown session or brief"},
    415: {"model": ErrorOut, "description": "The body is not JSON"},
    422: {"model": ErrorOut, "description": "Invalid request"},
    503: {"model": ErrorOut, "description": "The index is loading or the store is unavailable"},
}


def _history(sessions: SessionStore, session_id: str | None) -> list[str]:
    """The session's earlier questions (SessionNotFound -> 404 for an unknown id); none for a new session."""
    return [] if session_id is None else sessions.user_messages(session_id)


def _ask(engine: Engine, settings_top_k: int, req: ChatRequest, history: list[str]) -> Answer:
    return engine.ask(req.message, brief_id=req.brief_id, top_k=req.top_k or settings_top_k, history=history)


def _record(sessions: SessionStore, req: ChatRequest, answer: Answer, engine: Engine, top_k: int) -> dict[str, Any]:
    """Store the exchange (creating the session if needed) and return the /chat response body. With
    ``"sources": true`` the body also quotes the sources behind the brief's quotes."""
    cites = source_citations(engine, answer, top_k) if req.sources else None
    body = ChatResponse.of(answer, None, cites).model_dump(mode="json", exclude_unset=True)
    session_id = sessions.record(req.session_id, req.message, body["answer"], json.dumps(body, ensure_ascii=False))
    return body | {"session_id": session_id}


# exclude_unset: source_citations appears only when asked for ("sources": true), so other clients see no change.
@router.post(
    "/chat", response_model=ChatResponse, response_model_exclude_unset=True, responses=ERRORS, dependencies=[JsonBody]
)
def chat(req: ChatRequest, engine: EngineDep, sessions: SessionsDep, settings: SettingsDep) -> dict[str, Any]:
    """Answer with verified verbatim quotes and the brief's own footnote numbers, or abstain."""
    history = _history(sessions, req.session_id)
    answer = _ask(engine, settings.top_k, req, history)
    return _record(sessions, req, answer, engine, req.top_k or settings.top_k)


def _event(name: str, data: Any) -> bytes:
    return format_sse_event(event=name, data_str=json.dumps(data, ensure_ascii=False))


@router.post(
    "/chat/stream",
    responses={200: {"content": {"text/event-stream": {}}, "description": "citation* then answer, or error"}, **ERRORS},
    dependencies=[JsonBody],
)
def chat_stream(
    req: ChatRequest, engine: EngineDep, sessions: SessionsDep, settings: SettingsDep
) -> EventSourceResponse:
    """The same as /chat as Server-Sent Events: ``citation`` per verified quote, then ``answer`` (the whole
    /chat response), or a single ``error`` event ({"detail", "code", "status"}) if answering fails."""
    # Checked before the stream starts, so an unknown session or brief is a plain 404, not a 200 stream.
    history = _history(sessions, req.session_id)
    if req.brief_id is not None:
        engine.brief(req.brief_id)

    def events() -> Iterator[bytes]:
        # A sync generator: Starlette iterates it in the thread pool, so the CPU-bound ask never blocks the loop.
        try:
            top_k = req.top_k or settings.top_k
            answer: Answer | None = None
            for item in engine.ask_stream(req.message, brief_id=req.brief_id, top_k=top_k, history=history):
                if isinstance(item, Answer):
                    answer = item
                else:  # sent as soon as it is verified, before the next one is even built
                    yield _event("citation", CitationOut.of(item).model_dump(mode="json"))
            if answer is None:  # pragma: no cover - ask_stream always ends with the Answer
                raise RuntimeError("the engine ended the stream without an answer")
            body = _record(sessions, req, answer, engine, top_k)
        except CitebotError as exc:
            status = status_for(exc)
            detail = str(exc) if status < 500 or status == 503 else "internal error"
            yield _event("error", {"detail": detail, "code": error_code(exc), "status": status})
            return
        except Exception:
            log.exception("POST /chat/stream failed")
            yield _event("error", {"detail": "internal error", "code": "internal_error", "status": 500})
            return
        yield _event("answer", body)

    return EventSourceResponse(events(), headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.get(
    "/chat/sessions/{session_id}",
    response_model=SessionOut,
    response_model_exclude_unset=True,  # an answer shows source_citations only if it was asked for them
    responses={404: ERRORS[404]},
)
def session_history(session_id: str, sessions: SessionsDep) -> SessionOut:
    """A conversation so far: each question, and each answer with its full /chat response."""
    turns = []
    for t in sessions.history(session_id):
        response = json.loads(t.payload_json) | {"session_id": session_id} if t.payload_json else None
        turns.append(TurnOut(role=t.role, text=t.text, created_at=t.created_at, response=response))
    return SessionOut(session_id=session_id, turns=turns)
