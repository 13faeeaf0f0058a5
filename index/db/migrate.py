"""Schema migrations with Alembic, shipped inside the package (``index/db/migrations``).

``upgrade`` applies them; ``status`` says where a database stands; ``ensure_schema`` is what opening the database
does: the embedded SQLite file is upgraded on the spot (``make run`` needs no step), a server's schema must be
current, or SchemaOutdated says to run ``citebot db upgrade``.
"""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from corpus.errors import SchemaOutdated
from index.db.connect import Database, guard, redact

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_upgrading = threading.Lock()


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    """The revision this citebot's code expects."""
    found = ScriptDirectory.from_config(_config()).get_current_head()
    assert found is not None, "the package ships no migration"
    return found


def current(db: Database) -> str | None:
    """The database's revision (None: no schema yet)."""
    with db.read() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass(frozen=True)
class Status:
    url: str
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def status(db: Database) -> Status:
    return Status(redact(db.url), current(db), head())


@contextmanager
def _exclusive(db: Database) -> Iterator[None]:
    """Only one upgrade at a time: a thread lock, and for SQLite a file lock beside the database (two processes
    starting at once on a new data dir), for PostgreSQL the transaction Alembic runs in."""
    with _upgrading:
        if db.path is None:
            yield
            return
        db.path.parent.mkdir(parents=True, exist_ok=True)
        with open(db.path.with_name(db.path.name + ".migrate-lock"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def upgrade(db: Database, revision: str = "head") -> tuple[str | None, str]:
    """Apply the pending migrations (up to ``revision``, the newest by default); returns (before, after)."""
    with _exclusive(db):
        before = current(db)
        target = head() if revision == "head" else revision
        if before != target:
            config = _config()
            with guard(db.url), db.engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, target)
        return before, target


def ensure_schema(db: Database) -> None:
    """Make sure the schema is the code's: upgrade the embedded SQLite file, refuse an old server schema."""
    state = status(db)
    if state.up_to_date:
        return
    known = state.current is None or _is_known(state.current)
    if not known:
        raise SchemaOutdated(
            f"the database {state.url} has schema revision {state.current}, which this citebot does not know "
            "(a newer citebot made it): upgrade citebot"
        )
    if db.embedded:
        upgrade(db)
        return
    raise SchemaOutdated(
        f"the database {state.url} has schema revision {state.current or 'none'}, this citebot needs {state.head}: "
        "run `citebot db upgrade`"
    )


def _is_known(revision: str) -> bool:
    scripts = ScriptDirectory.from_config(_config())
    return any(script.revision == revision for script in scripts.walk_revisions())
