"""Connecting: the default URL is the SQLite file under the data dir, postgresql:// URLs use psycopg 3, and a
database that cannot be reached raises DatabaseUnavailable (HTTP 503) without showing the password."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from corpus.errors import DatabaseUnavailable, IndexUnavailable
from corpus.settings import Settings
from index.db import connect, database_url, open_database
from tests.index.conftest import free_port


def test_the_default_database_is_a_sqlite_file_in_the_data_dir(tmp_path):
    assert database_url(Settings(data_dir=tmp_path)) == f"sqlite:///{(tmp_path / 'citebot.sqlite3').resolve()}"


def test_the_database_url_setting_wins(tmp_path):
    url = "postgresql://citebot@db-host/citebot"
    assert database_url(Settings(data_dir=tmp_path, database_url=url)) == url


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_postgresql_urls_are_served_by_psycopg_3(scheme):
    db = connect.create(f"{scheme}://u:secret@127.0.0.1:1/x")
    assert db.engine.dialect.driver == "psycopg"


def test_an_unreachable_server_is_database_unavailable_without_its_password():
    db = connect.create(f"postgresql://citebot:hunter2@127.0.0.1:{free_port()}/citebot")
    with pytest.raises(DatabaseUnavailable) as caught, db.read() as conn:
        conn.execute(sa.text("SELECT 1"))
    assert isinstance(caught.value, IndexUnavailable)  # so the API answers 503 like for the vector store
    assert "hunter2" not in str(caught.value)
    db.engine.dispose()


def test_the_sqlite_file_uses_wal_and_enforces_foreign_keys(tmp_path):
    db = open_database(Settings(data_dir=tmp_path))
    with db.read() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar_one() == 1


def test_one_database_per_url_is_shared_within_the_process(tmp_path):
    settings = Settings(data_dir=tmp_path)
    assert open_database(settings) is open_database(Settings(data_dir=tmp_path))
