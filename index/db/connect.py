"""Connecting to the database: the URL, the engine, and the translation of driver errors.

The URL comes from ``CITEBOT_DATABASE_URL``; without it, the SQLite file ``<data_dir>/citebot.sqlite3`` (the
embedded default, created and upgraded on first use). ``postgresql://`` URLs are served by psycopg 3. Errors of
the driver (server down, file locked past the busy timeout, disk full) become ``DatabaseUnavailable``.
``index.db.shared`` keeps one Database per URL and process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import URL, make_url

from corpus.errors import DatabaseUnavailable
from corpus.settings import Settings

SQLITE_FILE = "citebot.sqlite3"  # under settings.data_dir
BUSY_SECONDS = 30.0  # SQLite writers queue this long for each other before giving up


def database_url(settings: Settings) -> str:
    """The configured URL, or the embedded SQLite file's."""
    if settings.database_url:
        return settings.database_url
    return sqlite_url(Path(settings.data_dir) / SQLITE_FILE)


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def _driver_url(url: str) -> URL:
    parsed = make_url(url)
    # A plain postgresql:// URL would pick psycopg2, which citebot does not ship; psycopg 3 is the driver.
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return "<invalid database URL>"


@dataclass(frozen=True, eq=False)
class Database:
    """An engine and what kind of database it reaches."""

    engine: sa.Engine
    url: str

    @property
    def embedded(self) -> bool:
        """The SQLite file (one host; citebot upgrades its schema itself) as opposed to a server."""
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server."""
        return Path(self.engine.url.database) if self.embedded and self.engine.url.database else None

    def insert(self, table: sa.Table) -> Any:
        """An INSERT that can say ON CONFLICT DO NOTHING/UPDATE (each backend's own dialect spells it alike)."""
        if self.engine.dialect.name == "postgresql":
            # Start time: the PostgreSQL dialect package imports all its drivers' modules (~50 ms), which a server
            # on the embedded SQLite file never uses; a PostgreSQL engine has loaded it already by now.
            from sqlalchemy.dialects import postgresql

            return postgresql.insert(table)
        return sqlite.insert(table)

    @contextmanager
    def begin(self) -> Iterator[sa.Connection]:
        """One transaction: committed on success, rolled back on error; driver errors -> DatabaseUnavailable."""
        with guard(self.url), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A connection for reading. On a server it runs in autocommit: no BEGIN and ROLLBACK around the query,
        two round trips fewer per read (what a follow-up's history read costs is mostly round trips)."""
        with guard(self.url), self.engine.connect() as conn:
            if not self.embedded:
                conn.execution_options(isolation_level="AUTOCOMMIT")
            yield conn


@contextmanager
def guard(url: str) -> Iterator[None]:
    """Turn the driver's operational errors into DatabaseUnavailable (HTTP 503, CLI one line)."""
    try:
        yield
    except (exc.OperationalError, exc.InterfaceError) as error:
        reason = str(error.orig) if error.orig is not None else str(error)
        first = reason.strip().splitlines()[0] if reason.strip() else type(error).__name__
        raise DatabaseUnavailable(f"the database {redact(url)} is unavailable: {first}") from error


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # the turns of a deleted session go with it
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer (several processes share the file)
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash can lose the last write, never corrupt
    cursor.close()


def create(url: str) -> Database:
    """A new Database for ``url`` (callers normally use ``index.db.open_database``, which shares one per URL)."""
    target = _driver_url(url)
    if target.get_backend_name() == "sqlite":
        if target.database:
            Path(target.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(target, connect_args={"timeout": BUSY_SECONDS, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        # No pre-ping (a round trip per request): when the server drops connections (restart, failover), the first
        # request that meets one fails with DatabaseUnavailable (503) and SQLAlchemy invalidates the whole pool, so
        # the next requests reconnect.
        engine = sa.create_engine(target, connect_args={"connect_timeout": 5})
    return Database(engine, url)
