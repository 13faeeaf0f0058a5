"""A throwaway PostgreSQL cluster for the tests (a pytest plugin, loaded by tests/conftest.py).

``pg_server`` (session): ``initdb`` in a temp dir, ``pg_ctl start`` on a free 127.0.0.1 port, stopped and removed
at the end. PostgreSQL refuses to run as root (CI runs as root), so there it runs as the ``postgres`` user that
Debian's package creates. Where PostgreSQL is not installed (``make test`` installs it) the tests that need it
skip and say so. ``pg_url``: a fresh, empty database on that server for one test.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def _tool(name: str) -> str | None:
    for folder in BIN_DIRS:
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    port: int
    root: Path
    user: str
    owner: str | None  # the OS user the cluster runs as, when not this one
    pg_ctl: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _as_owner(argv: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *argv] if owner else argv


class PgUnavailable(RuntimeError):
    """PostgreSQL is not installed here, or its cluster could not be started (the message says which)."""


def start_cluster() -> PgServer:
    """``initdb`` + ``pg_ctl start`` in a new temp dir on a free loopback port (as ``postgres`` under root)."""
    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise PgUnavailable("PostgreSQL is not installed here (no initdb/pg_ctl; `make test` installs it)")
    owner = None
    if os.geteuid() == 0:  # PostgreSQL refuses root: run the cluster as the package's postgres user
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise PgUnavailable("running as root and there is no postgres user to run PostgreSQL as") from None
        owner = "postgres"
    root = Path(tempfile.mkdtemp(prefix="citebot-pg-"))
    user = owner or pwd.getpwuid(os.geteuid()).pw_name
    if owner:
        shutil.chown(root, owner)
    data = root / "data"
    try:
        subprocess.run(
            _as_owner([initdb, "-D", str(data), "-A", "trust", "-U", user, "--no-sync", "-E", "UTF8"], owner),
            check=True,
            capture_output=True,
            timeout=120,
        )
        port = _free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off"
        subprocess.run(
            _as_owner([pg_ctl, "-D", str(data), "-l", str(root / "log"), "-o", options, "-w", "start"], owner),
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(root, ignore_errors=True)
        raise PgUnavailable(f"PostgreSQL could not be started: {exc} {detail.decode(errors='replace')[-300:]}") from exc
    return PgServer(port, root, user, owner, pg_ctl)


def stop_cluster(server: PgServer) -> None:
    """Stop the cluster and remove its directory."""
    data = server.root / "data"
    subprocess.run(
        _as_owner([server.pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], server.owner), capture_output=True
    )
    shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = start_cluster()
    except PgUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        stop_cluster(server)


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A new empty database on the test cluster."""
    return pg_server.create_database()
