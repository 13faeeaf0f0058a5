"""Migrations: an empty database (SQLite or a real PostgreSQL) is brought to the head revision; a server's old
schema is refused with a message naming ``citebot db upgrade``; the embedded SQLite file upgrades itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from corpus.errors import SchemaOutdated
from corpus.settings import Settings
from index.db import connect, open_database
from index.db.migrate import alembic_head, current, ensure_schema, head, status, upgrade
from index.db.schema import metadata

ROOT = str(Path(__file__).resolve().parents[3])


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    db = connect.create(url)
    yield db
    db.engine.dispose()


def test_upgrade_from_an_empty_database_creates_every_table(empty_db):
    assert current(empty_db) is None
    before, after = upgrade(empty_db)
    assert (before, after) == (None, head())
    tables = set(sa.inspect(empty_db.engine).get_table_names())
    assert set(metadata.tables) <= tables
    with empty_db.read() as conn:
        assert conn.execute(sa.text("SELECT version FROM library WHERE id = 1")).scalar_one() == 0


def test_upgrade_twice_changes_nothing(empty_db):
    upgrade(empty_db)
    assert upgrade(empty_db) == (head(), head())
    assert status(empty_db).up_to_date


def test_the_migrated_schema_matches_the_metadata(empty_db):
    upgrade(empty_db)
    inspector = sa.inspect(empty_db.engine)
    for table in metadata.tables.values():
        assert {c["name"] for c in inspector.get_columns(table.name)} == set(table.columns.keys()), table.name


def test_upgrading_from_the_first_revision_keeps_what_it_holds(empty_db):
    upgrade(empty_db, "0001")
    with empty_db.begin() as conn:
        conn.execute(sa.text("INSERT INTO sessions (id, created_at, updated_at) VALUES ('kept', 1.0, 1.0)"))
    assert upgrade(empty_db) == ("0001", head())
    with empty_db.read() as conn:
        assert conn.execute(sa.text("SELECT id FROM sessions")).scalars().all() == ["kept"]
        assert conn.execute(sa.text("SELECT COUNT(*) FROM fetch_records")).scalar_one() == 0


def test_a_server_schema_that_is_too_old_is_refused_with_the_command_to_run(pg_url):
    db = connect.create(pg_url)
    with pytest.raises(SchemaOutdated, match="run `citebot db upgrade`"):
        ensure_schema(db)
    upgrade(db)
    ensure_schema(db)  # now current: no error
    db.engine.dispose()


def test_the_embedded_sqlite_file_upgrades_itself_on_first_open(tmp_path):
    db = open_database(Settings(data_dir=tmp_path))
    assert current(db) == head()
    assert db.path == (tmp_path / connect.SQLITE_FILE).resolve()


def test_a_revision_from_a_newer_citebot_is_refused(tmp_path):
    db = connect.create(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    upgrade(db)
    with db.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'ffff'"))
    with pytest.raises(SchemaOutdated, match="newer citebot"):
        ensure_schema(db)


def test_a_postgresql_url_uses_psycopg_3(pg_url):
    db = connect.create(pg_url)
    assert db.engine.dialect.driver == "psycopg"
    assert not db.embedded and db.path is None
    db.engine.dispose()


def test_the_head_read_from_the_migration_files_is_alembics():
    assert head() == alembic_head()


def test_the_stored_revision_read_without_alembic_is_alembics(empty_db):
    from alembic.runtime.migration import MigrationContext

    for revision in ("0001", "head"):
        upgrade(empty_db, revision)
        with empty_db.read() as conn:
            assert current(empty_db) == MigrationContext.configure(conn).get_current_revision()


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path):
    open_database(Settings(data_dir=tmp_path))  # creates the schema (with alembic) in this process
    script = (
        "import sys; from corpus.settings import Settings; from index.db import open_database; "
        f"open_database(Settings(data_dir={str(tmp_path)!r})); print('alembic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": ROOT},
    )
    assert done.stdout.strip() == "False"
