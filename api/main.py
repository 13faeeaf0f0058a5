"""Builds the FastAPI app: ``create_app()``; ``uvicorn --factory api.main:create_app`` also works.

Routers live in ``api/routes/<name>.py`` (each exports ``router``) and are imported plainly and listed in
``ROUTE_MODULES``. "ui" comes last because it may mount static files at "/".
"""

from __future__ import annotations

from types import ModuleType

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.asgi import WorkerHeaderMiddleware
from api.auth import KeyMiddleware
from api.errors import install_error_handlers
from api.guard import LOOPBACK_HOSTS, BrowserGuardMiddleware, split_list
from api.lifecycle import AppState, EngineBuilder, load_engine, make_lifespan
from api.limits import JSON_BODY_LIMIT, BodyLimitMiddleware
from api.ratelimit import RateLimitMiddleware
from api.routes import audit, briefs, chat, check, health, jobs, library, quiz, sources, ui
from bot.engine import Engine
from bot.sessions import SessionStore
from corpus.settings import Settings, get_settings

ROUTE_MODULES: tuple[ModuleType, ...] = (health, briefs, chat, check, audit, library, quiz, sources, jobs, ui)


def allowed_hosts(settings: Settings, bound_host: str | None) -> tuple[str, ...]:
    """The Host names to accept: the setting, else the localhost names for a loopback bind, else any."""
    if settings.allowed_hosts:
        return split_list(settings.allowed_hosts)
    if bound_host is not None and bound_host in LOOPBACK_HOSTS:
        return LOOPBACK_HOSTS
    return ()


def create_app(
    settings: Settings | None = None,
    engine: Engine | None = None,
    *,
    sessions: SessionStore | None = None,
    build: EngineBuilder = load_engine,
    bound_host: str | None = None,
) -> FastAPI:
    """The app. Without ``engine`` the lifespan builds one in the background with ``build`` (retrying until it
    succeeds); ``/health`` answers 503 "starting" until then. ``bound_host`` is the address the server listens on:
    on loopback, and with no ``CITEBOT_ALLOWED_HOSTS``, only the localhost names are accepted as ``Host``."""
    settings = settings or get_settings()
    app = FastAPI(
        title="citebot",
        summary="Citation-verified answers from footnoted briefs",
        version="0.1.0",
        lifespan=make_lifespan(build),
    )
    app.state.citebot = AppState(settings=settings, engine=engine, sessions=sessions)
    install_error_handlers(app)
    app.add_middleware(
        BodyLimitMiddleware,
        upload_limit=settings.max_upload_bytes,
        json_limit=JSON_BODY_LIMIT,
        body_timeout=settings.body_timeout,
    )
    # Middleware added later runs earlier: a request without its key is refused before its body is read.
    app.add_middleware(
        KeyMiddleware,
        write_key=settings.write_key.get_secret_value() if settings.write_key else None,
        read_key=settings.read_key.get_secret_value() if settings.read_key else None,
    )
    limits = {"write": settings.rate_limit_write, "check": settings.rate_limit_check, "chat": settings.rate_limit_chat}
    app.add_middleware(RateLimitMiddleware, limits=limits)
    if settings.cors_origins:  # answers preflights before the key check, which they cannot pass
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(split_list(settings.cors_origins)),
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type"],
        )
    # Outermost: a foreign Host or Origin is refused before keys or bodies are looked at.
    app.add_middleware(
        BrowserGuardMiddleware,
        allowed_hosts=allowed_hosts(settings, bound_host),
        cors_origins=split_list(settings.cors_origins),
    )
    app.add_middleware(WorkerHeaderMiddleware)  # outermost: even a refused request names its worker
    for module in ROUTE_MODULES:
        app.include_router(module.router)
    return app
