"""What the app holds for its lifetime (settings, session store, engine) and how it gets ready.

The engine (MiniLM, Chroma, the parsed briefs) is built once. Either the caller passes one in (``citebot serve``
builds it before listening; tests pass theirs), or the lifespan builds it in a worker thread while the server
already answers: ``/health`` says 503 "starting" and the other endpoints 503 until it is loaded. A build that
fails (e.g. the Chroma server is not up yet) is retried with backoff, so the app becomes ready on its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import anyio.to_thread
from fastapi import FastAPI

from bot.engine import Engine
from bot.sessions import SessionStore
from corpus.errors import InputError
from corpus.settings import Settings
from index.db import open_database

log = logging.getLogger("citebot.api")

RETRY_FIRST_SECONDS = 1.0
RETRY_MAX_SECONDS = 30.0

EngineBuilder = Callable[[Settings], Engine]


def load_engine(settings: Settings) -> Engine:
    """Build the engine and, on first start (empty library), index the briefs in ``settings.briefs_dir``."""
    from bot.factory import build_engine, ingest_bundled

    engine = build_engine(settings)
    try:
        for report in ingest_bundled(engine, settings):
            log.info("indexed %s (%s, %d passages)", report.brief_id, report.status, report.passages)
    except InputError as exc:
        # A broken file in the briefs folder must not keep the API down: serve an empty library and say why.
        log.warning("could not index the bundled briefs: %s", exc)
    return engine


@dataclass
class AppState:
    """Everything the routes need, on ``app.state.citebot``; filled in once, by ``create_app`` or the lifespan."""

    settings: Settings
    engine: Engine | None = None
    sessions: SessionStore | None = None
    last_error: str | None = None
    started_at: float = field(default_factory=time.monotonic)
    load_seconds: float | None = None
    ready: threading.Event = field(default_factory=threading.Event)

    def set_engine(self, engine: Engine, *, loaded_here: bool = True) -> None:
        self.engine = engine
        self.last_error = None
        if loaded_here:  # an engine passed in was loaded elsewhere; its load time is not ours to report
            self.load_seconds = round(time.monotonic() - self.started_at, 3)
        self.ready.set()
        engine.warm_up()  # the first question should not build the phrase postings

    def open_sessions(self) -> SessionStore:
        if self.sessions is None:
            self.sessions = SessionStore(open_database(self.settings))
        return self.sessions


async def _load_until_ready(state: AppState, build: EngineBuilder) -> None:
    delay = RETRY_FIRST_SECONDS
    while True:
        try:
            engine = await anyio.to_thread.run_sync(build, state.settings, abandon_on_cancel=True)
        except Exception as exc:  # any failure: report it on /health and try again
            state.last_error = str(exc) or type(exc).__name__
            log.warning("the index could not be loaded (retrying in %.0f s): %s", delay, state.last_error)
            await asyncio.sleep(delay)
            delay = min(delay * 2, RETRY_MAX_SECONDS)
            continue
        state.set_engine(engine)
        log.info("citebot is ready (%d briefs, loaded in %.1f s)", len(engine.briefs()), state.load_seconds or 0)
        return


def make_lifespan(build: EngineBuilder) -> Callable[[FastAPI], contextlib.AbstractAsyncContextManager[None]]:
    """The lifespan: open the session store, and build the engine in the background unless one was given."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state: AppState = app.state.citebot
        state.settings.ensure_dirs()
        sessions = state.open_sessions()
        if state.settings.session_ttl_days > 0:
            pruned = sessions.prune(state.settings.session_ttl_days * 86400)
            if pruned:
                log.info("deleted %d chat sessions idle for over %g days", pruned, state.settings.session_ttl_days)
        loader: asyncio.Task[None] | None = None
        if state.engine is None:
            loader = asyncio.create_task(_load_until_ready(state, build))
        else:
            state.set_engine(state.engine, loaded_here=False)
        try:
            yield
        finally:
            if loader is not None and not loader.done():
                loader.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await loader
            if state.sessions is not None:
                state.sessions.close()

    return lifespan
