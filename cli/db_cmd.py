"""``citebot db upgrade|status|import``: the database of briefs, sessions and quiz state.

``upgrade`` applies the schema migrations (required on PostgreSQL before ``serve``; the embedded SQLite file
upgrades itself). ``import`` copies a data dir of the layout before the database (``briefs/*.json``,
``sessions.sqlite3``, ``quiz.sqlite3``, the fetched sources under ``fetched/``) into it, losing nothing; running
it again adds nothing.
"""

from __future__ import annotations

from pathlib import Path

import click

from corpus.errors import InvalidRequest
from corpus.settings import get_settings
from index.db import open_database
from index.db.migrate import status as schema_status
from index.db.migrate import upgrade as apply_migrations


@click.group()
def db() -> None:
    """The database (CITEBOT_DATABASE_URL; default: <data dir>/citebot.sqlite3)."""


@db.command("upgrade")
def upgrade() -> None:
    """Apply the schema migrations this citebot ships."""
    database = open_database(get_settings(), check=False)
    before, after = apply_migrations(database)
    state = schema_status(database)
    if before == after:
        click.echo(f"{state.url}: schema already at revision {after}")
    else:
        click.echo(f"{state.url}: schema upgraded from revision {before or 'none (empty)'} to {after}")


@db.command("status")
def status() -> None:
    """Where the database's schema stands (exit 1 when it needs `citebot db upgrade`)."""
    state = schema_status(open_database(get_settings(), check=False))
    verdict = "up to date" if state.up_to_date else "needs `citebot db upgrade`"
    click.echo(f"{state.url}: schema revision {state.current or 'none'}, this citebot needs {state.head}: {verdict}")
    if not state.up_to_date:
        raise SystemExit(1)


@db.command("import")
@click.option(
    "--from",
    "source",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The data dir to read (default: CITEBOT_DATA_DIR).",
)
def import_(source: Path | None) -> None:
    """Copy briefs/*.json, sessions.sqlite3, quiz.sqlite3 and fetched/ of a data dir into the database."""
    from index.db.transfer import import_data_dir
    from index.library import BriefRepository

    settings = get_settings()
    folder = source or settings.data_dir
    if not folder.is_dir():
        raise InvalidRequest(f"no such data dir: {folder}")
    counts = import_data_dir(BriefRepository(settings), folder)
    kinds = ("briefs", "sessions", "turns", "quiz sessions", "quiz turns", "source records", "source files")
    added = ", ".join(f"{counts.added.get(k, 0)} {k}" for k in kinds)
    kept = ("briefs", "sessions", "quiz sessions", "source records")
    present = ", ".join(f"{counts.present.get(k, 0)} {k}" for k in kept)
    click.echo(f"imported {added}")
    click.echo(f"already in the database: {present}")
    for problem in counts.problems:
        click.echo(f"not imported: {problem}")
    if counts.problems:
        raise SystemExit(1)


COMMANDS = [db]
