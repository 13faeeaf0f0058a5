"""Schema migrations with Alembic, shipped inside the package (``index/db/migrations``).

``upgrade`` applies them; ``status`` says where a database stands; ``ensure_schema`` is what opening the database
does: the embedded SQLite file is upgraded on the spot (``make run`` needs no step), a server's schema must be
current, or SchemaOutdated says to run ``citebot db upgrade``.

Alembic itself (~0.2 s of imports, a fifth of a restart) is loaded only to change a schema or to tell an unknown
revision from an old one. Opening a database that is already at head, as every start does, needs two facts read
without it: the head, from the ``revision``/``down_revision`` lines of the migration files, and the stored
revision, the one row of Alembic's version table.
"""

from __future__ import annotations

import ast
import fcntl
import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from corpus.errors import SchemaOutdated
from index.db.connect import Database, guard, redact

if TYPE_CHECKING:  # for annotations only: importing alembic is what this module avoids until a schema changes
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's default; env.py does not rename it
_upgrading = threading.Lock()


def _config() -> Config:
    from alembic.config import Config  # start time: alembic only where a schema is changed or walked

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _literal(node: ast.stmt, name: str) -> tuple[bool, Any]:
    """(True, value) if ``node`` assigns a literal to ``name`` at module level (``x = "a"``, ``x: str = "a"``)."""
    if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)) or (
        isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name
    ):
        value = node.value
    else:
        return False, None
    try:
        return value is not None, ast.literal_eval(value) if value is not None else None
    except ValueError:  # not a literal: only Alembic can say
        return False, None


def _read_head() -> str | None:
    """The head revision from the migration files' ``revision``/``down_revision`` lines, without importing them;
    None when they do not say it plainly (no literal, a branch with several heads)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        if path.name.startswith(("__", ".#")):  # the files Alembic skips too (``__init__.py``, editor locks)
            continue
        found: dict[str, Any] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            for name in ("revision", "down_revision"):
                ok, value = _literal(node, name)
                if ok:
                    found[name] = value
        if not isinstance(found.get("revision"), str) or "down_revision" not in found:
            return None
        revisions.add(found["revision"])
        down = found["down_revision"]
        parents.update([down] if isinstance(down, str) else down or ())
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


@functools.cache
def head() -> str:
    """The revision this citebot's code expects."""
    found = _read_head()
    if found is None:
        found = alembic_head()
    return found


def alembic_head() -> str:
    """The head as Alembic computes it, by loading the migration scripts."""
    from alembic.script import ScriptDirectory  # start time: see the module docstring

    found = ScriptDirectory.from_config(_config()).get_current_head()
    assert found is not None, "the package ships no migration"
    return found


def current(db: Database) -> str | None:
    """The database's revision (None: no schema yet): the one row of Alembic's version table."""
    with db.read() as conn:
        if not sa.inspect(conn).has_table(VERSION_TABLE):
            return None
        rows = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
        if len(rows) <= 1:
            return rows[0] if rows else None
        from alembic.runtime.migration import MigrationContext  # several heads: Alembic's own error says so

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
            from alembic import command  # start time: see the module docstring

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
    from alembic.script import ScriptDirectory  # start time: see the module docstring

    scripts = ScriptDirectory.from_config(_config())
    return any(script.revision == revision for script in scripts.walk_revisions())
