"""``citebot serve [--host 127.0.0.1] [--port 8000]``: index the bundled brief on first start, then serve the API.

The port is bound before the model loads, so a busy port fails at once with a one-line error (exit 2) instead
of after seconds of loading. The engine is built here, before listening, so the first request never waits and
a store that cannot be reached is reported as one line too. ``--port 0`` picks a free port (the ready line says
which). For several worker processes use uvicorn directly: ``uvicorn --factory api.main:create_app --workers N``
with ``CITEBOT_CHROMA_URL`` set (sessions are in SQLite and shared already).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
import time
from collections.abc import Callable

import click
import uvicorn

from corpus.errors import InvalidRequest
from corpus.settings import get_settings

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


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
def serve(host: str, port: int, log_level: str, access_log: bool, no_auth: bool) -> None:
    """Serve the JSON/SSE API (and the web UI), indexing the bundled brief first if the library is empty."""
    from index.onnxmodel.files import checksum_ahead

    checksum_ahead(get_settings())  # the model file is hashed while the imports below run
    from api.main import create_app
    from api.server import guarded_protocol
    from bot.doctor import diagnose
    from bot.factory import build_engine, ingest_bundled

    began = time.monotonic()
    _configure_logging(log_level)
    settings = get_settings()
    if not is_loopback(host) and settings.write_key is None and settings.read_key is None:
        if not no_auth:
            raise InvalidRequest(
                f"refusing to serve {host} without keys: set CITEBOT_WRITE_KEY (and CITEBOT_READ_KEY), "
                "or pass --no-auth to let anyone on the network change the library"
            )
        click.echo(f"citebot: WARNING: serving {host} with --no-auth: anyone who can reach it may change the library")
    sock = bind(host, port)
    try:
        click.echo(f"citebot: loading the index from {settings.data_dir} ...")
        engine = build_engine(settings)
        for report in ingest_bundled(engine, settings):
            click.echo(f"citebot: indexed {report.brief_id} ({report.passages} passages, first start)")
        for finding in diagnose(settings, open_engine=lambda _settings, _repository: engine):
            if not finding.ok:  # read-only: one line per problem; `citebot doctor --repair` fixes them
                click.echo(f"citebot: {finding.check}: {finding.message}")
        app = create_app(settings, engine, bound_host=host)
    except BaseException:
        sock.close()
        raise
    bound_port = sock.getsockname()[1]
    url_host = f"[{host}]" if ":" in host else host
    briefs = engine.briefs()

    def ready() -> None:
        passages = sum(len(b.passages) for b in briefs)
        click.echo(
            f"citebot: ready on http://{url_host}:{bound_port} "
            f"({len(briefs)} brief{'s' if len(briefs) != 1 else ''}, {passages} passages, "
            f"{time.monotonic() - began:.1f} s)"
        )

    config = uvicorn.Config(
        app,
        log_level=log_level,
        access_log=access_log,
        lifespan="on",
        http=guarded_protocol(settings.header_timeout),  # a client that never finishes its headers is dropped
    )
    _ReadyServer(config, ready).run(sockets=[sock])


COMMANDS = [serve]
