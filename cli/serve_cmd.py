"""``citebot serve [--host 127.0.0.1] [--port 8000] [--workers N]``: index the bundled brief on first start, then
serve the API.

The port is bound before the model loads, so a busy port fails at once with a one-line error (exit 2) instead
of after seconds of loading. The engine is built here, before listening, so the first request never waits and
a store that cannot be reached is reported as one line too. ``--port 0`` picks a free port (the ready line says
which).

``--workers N`` (N > 1) runs N worker processes (uvicorn's supervisor, spawned) on the one socket bound here. One
short-lived process first builds the engine, indexes the bundled brief if the library is empty and runs the
read-only checks, so first-start indexing happens once and not N times racing; then each worker builds its own
engine before it accepts a connection, and this process only supervises them. The ready line is printed once
every worker has started.
Workers share nothing in memory: briefs, sessions and quiz state are read from storage on each request (the
library is reloaded when its stamp changes), and the vectors live in a Chroma server, which N > 1 requires
because the embedded store belongs to one process.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import multiprocessing
import os
import socket
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

import click
import uvicorn
from uvicorn.supervisors.multiprocess import Multiprocess

from corpus.errors import CitebotError, InvalidRequest
from corpus.settings import Settings, get_settings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from bot.engine import Engine

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")
# Each worker holds its own model and index (~200 MB); more than this many per core only adds memory and
# context switches, since a worker already keeps a core busy on its own.
WORKERS_PER_CORE = 4
log = logging.getLogger("citebot.serve")


class _ReadyServer(uvicorn.Server):
    """A uvicorn server that calls ``on_ready`` once it is accepting connections."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and not self.should_exit:
            self._on_ready()


def bind(host: str, port: int) -> socket.socket:
    """A bound (not yet listening) TCP socket for ``host:port``; InvalidRequest if that is impossible."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise InvalidRequest(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise InvalidRequest(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    sock.set_inheritable(True)
    return sock


def is_loopback(host: str) -> bool:
    """Whether every address ``host`` names is on this machine only (127.0.0.0/8, ::1, localhost)."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in infos)


def check_workers(workers: int, settings: Settings, cores: int | None = None) -> None:
    """InvalidRequest unless ``workers`` is a sensible number of processes for this machine and store."""
    cores = cores or os.cpu_count() or 1
    if workers < 1:
        raise InvalidRequest(f"--workers must be at least 1, got {workers}")
    most = WORKERS_PER_CORE * cores
    if workers > most:
        raise InvalidRequest(
            f"--workers {workers} is more than {WORKERS_PER_CORE} per core ({cores} cores here, so at most {most}): "
            "each worker loads its own copy of the model and the index"
        )
    if workers > 1 and not settings.chroma_url:
        raise InvalidRequest(
            f"--workers {workers} needs a Chroma server, because the embedded vector store belongs to one process: "
            "run `chroma run --path DIR --port 8001` and set CITEBOT_CHROMA_URL=http://127.0.0.1:8001"
        )


class WorkerConfig(uvicorn.Config):
    """uvicorn's config for a spawned worker: it is pickled into each worker, so it carries plain values and
    builds the guarded protocol class (a class made at run time cannot be pickled) in the worker."""

    def __init__(self, *args: object, header_timeout: float, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.header_timeout = header_timeout

    def load(self) -> None:
        from api.server import guarded_protocol

        self.http = guarded_protocol(self.header_timeout)
        super().load()


def worker_app(bound_host: str, log_level: str) -> FastAPI:
    """The app of one worker (called in the worker by uvicorn, as a factory): the engine is built before the
    worker accepts a connection. If that fails (the Chroma server went away since the parent checked), the
    worker serves 503 "starting" and keeps retrying in the background rather than dying and being respawned."""
    from api.main import create_app
    from bot.factory import build_engine

    _configure_logging(log_level)
    settings = get_settings()
    try:
        engine = build_engine(settings)
    except Exception as exc:  # any failure: the background loader retries with backoff and /health says why
        log.warning("worker %d could not load the index (retrying in the background): %s", os.getpid(), exc)
        return create_app(settings, build=build_engine, bound_host=bound_host)
    return create_app(settings, engine, bound_host=bound_host)


class _Supervisor(Multiprocess):
    """uvicorn's worker supervisor, calling ``on_ready`` once every worker has finished its startup."""

    def __init__(self, config: uvicorn.Config, sockets: list[socket.socket], on_ready: Callable[[], None]) -> None:
        super().__init__(config, sockets)
        self._on_ready = on_ready
        self.announced = False

    def keep_subprocess_alive(self) -> None:
        super().keep_subprocess_alive()
        if self.announced or self.should_exit.is_set():
            return
        if all(process.is_ready(timeout=1) for process in self.processes):
            self.announced = True
            self._on_ready()


def prepare(settings: Settings) -> tuple[Engine, tuple[int, int]]:
    """Build the engine, index the bundled briefs if the library is empty (first start) and print one line per
    problem the read-only checks find; returns the engine and the library's (briefs, passages)."""
    from bot.doctor import diagnose
    from bot.factory import build_engine, ingest_bundled

    engine = build_engine(settings)
    for report in ingest_bundled(engine, settings):
        click.echo(f"citebot: indexed {report.brief_id} ({report.passages} passages, first start)")
    for finding in diagnose(settings, open_engine=lambda _settings, _repository: engine):
        if not finding.ok:  # read-only: one line per problem; `citebot doctor --repair` fixes them
            click.echo(f"citebot: {finding.check}: {finding.message}")
    briefs = engine.briefs()
    return engine, (len(briefs), sum(len(b.passages) for b in briefs))


def _prepare_counts() -> tuple[int, int] | str:
    """``prepare`` in a process of its own (settings from the same environment); a CitebotError as its message."""
    try:
        return prepare(get_settings())[1]
    except CitebotError as exc:
        return str(exc)


def prepare_apart() -> tuple[int, int]:
    """``prepare`` in a short-lived spawned process, before the workers start: first-start indexing happens
    once, and the model and index it loads are freed when it exits instead of staying in the supervisor."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        outcome = pool.submit(_prepare_counts).result()
    if isinstance(outcome, str):
        raise InvalidRequest(outcome)
    return outcome


def _configure_logging(level: str) -> None:
    # uvicorn configures its own loggers; citebot's (ingest, dropped citations, 503s) get the same level.
    logger = logging.getLogger("citebot")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level.upper())


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on (0: any free)."
)
@click.option("--log-level", type=click.Choice(LOG_LEVELS), default="info", show_default=True)
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log every request.")
@click.option("--no-auth", is_flag=True, help="Serve a non-loopback address without CITEBOT_WRITE_KEY/READ_KEY.")
@click.option(
    "--workers",
    type=int,
    default=1,
    show_default=True,
    help="Worker processes (more than 1 needs CITEBOT_CHROMA_URL).",
)
def serve(host: str, port: int, log_level: str, access_log: bool, no_auth: bool, workers: int) -> None:
    """Serve the JSON/SSE API (and the web UI), indexing the bundled brief first if the library is empty."""
    settings = get_settings()
    if workers == 1:  # with more, the model is loaded in other processes (the preparing one, each worker)
        from index.embeddings import load_ahead

        # The model file is hashed and its ONNX session built in a thread (both release the GIL) while the imports
        # below run; imported here rather than at the top so that `citebot serve --help` stays light.
        load_ahead(settings)
    from api.main import create_app
    from api.server import guarded_protocol

    began = time.monotonic()
    _configure_logging(log_level)
    if not is_loopback(host) and settings.write_key is None and settings.read_key is None:
        if not no_auth:
            raise InvalidRequest(
                f"refusing to serve {host} without keys: set CITEBOT_WRITE_KEY (and CITEBOT_READ_KEY), "
                "or pass --no-auth to let anyone on the network change the library"
            )
        click.echo(f"citebot: WARNING: serving {host} with --no-auth: anyone who can reach it may change the library")
    check_workers(workers, settings)
    # A database schema older than this code stops here with one line naming `citebot db upgrade` (exit 2); the
    # embedded SQLite file is upgraded in place instead. Imported here: the other commands need no database driver.
    from index.db import open_database

    open_database(settings)
    sock = bind(host, port)
    app: FastAPI | None = None
    try:
        click.echo(f"citebot: loading the index from {settings.data_dir} ...")
        if workers == 1:
            engine, (n_briefs, n_passages) = prepare(settings)
            app = create_app(settings, engine, bound_host=host)
        else:
            n_briefs, n_passages = prepare_apart()
    except BaseException:
        sock.close()
        raise
    bound_port = sock.getsockname()[1]
    url_host = f"[{host}]" if ":" in host else host
    counts = f"{n_briefs} brief{'s' if n_briefs != 1 else ''}, {n_passages} passages"
    if workers > 1:
        counts = f"{workers} workers, {counts}"

    def ready() -> None:
        click.echo(f"citebot: ready on http://{url_host}:{bound_port} ({counts}, {time.monotonic() - began:.1f} s)")

    if app is None:
        _serve_workers(workers, host, sock, log_level, access_log, settings, ready)
        return

    config = uvicorn.Config(
        app,
        log_level=log_level,
        access_log=access_log,
        lifespan="on",
        http=guarded_protocol(settings.header_timeout),  # a client that never finishes its headers is dropped
    )
    _ReadyServer(config, ready).run(sockets=[sock])


def _serve_workers(
    workers: int,
    host: str,
    sock: socket.socket,
    log_level: str,
    access_log: bool,
    settings: Settings,
    ready: Callable[[], None],
) -> None:
    config = WorkerConfig(
        functools.partial(worker_app, host, log_level),
        factory=True,
        workers=workers,
        log_level=log_level,
        access_log=access_log,
        lifespan="on",
        header_timeout=settings.header_timeout,
    )
    supervisor = _Supervisor(config, [sock], ready)
    try:
        supervisor.run()
    finally:
        sock.close()
    if not supervisor.announced:
        raise InvalidRequest("the workers stopped before they were ready (see the messages above)")


COMMANDS = [serve]
