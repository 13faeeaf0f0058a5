"""Backups: an archive taken from a live library restores into an empty data dir with the same answers;
hostile or foreign archives are refused before anything is written."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from bot.backup import MANIFEST, backup, read_manifest, restore
from bot.sessions import SESSIONS_FILE, SessionStore
from corpus.errors import InvalidRequest
from corpus.settings import Settings
from index.db import open_database

pytestmark = pytest.mark.slow
QUESTION = "Why did the Hanoi summit fail?"


def test_backup_then_restore_gives_the_same_answers_and_sessions(engine, make_engine, tmp_path):
    sessions = SessionStore(open_database(engine.settings))
    sid = sessions.record(None, QUESTION, engine.ask(QUESTION).text, None)  # the WAL is live during the backup
    archive = tmp_path / "out" / "library.tar.gz"

    manifest = backup(engine.settings, archive)
    assert manifest.briefs == (engine.briefs()[0].id,)
    assert SESSIONS_FILE in manifest.databases

    fresh = Settings(data_dir=tmp_path / "restored")
    restore(fresh, archive)
    restored = make_engine(data_dir=fresh.data_dir)
    restored.sync()  # what `citebot restore` does through build_engine
    assert [c.quote for c in restored.ask(QUESTION).citations] == [c.quote for c in engine.ask(QUESTION).citations]
    assert SessionStore(open_database(fresh)).history(sid)
    assert not (fresh.data_dir / SESSIONS_FILE).exists()  # imported into the database, not laid out as a file


def test_restore_refuses_a_data_dir_that_already_has_a_library(engine, tmp_path):
    archive = tmp_path / "a.tar.gz"
    backup(engine.settings, archive)
    with pytest.raises(InvalidRequest, match="empty library"):
        restore(engine.settings, archive)


def _tar(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize("name", ["../escape.json", "briefs/../../x.json", "/etc/cron.d/x", "other.txt"])
def test_a_hostile_archive_is_refused_and_writes_nothing(tmp_path, name):
    manifest = b'{"format": 1, "created": "now", "briefs": [], "databases": []}'
    archive = _tar(tmp_path / "bad.tar.gz", {MANIFEST: manifest, name: b"{}"})
    target = Settings(data_dir=tmp_path / "target")
    with pytest.raises(InvalidRequest, match="never does"):
        restore(target, archive)
    assert not (tmp_path / "escape.json").exists()
    assert not list((tmp_path / "target").glob("briefs/*"))


def test_a_file_that_is_not_a_backup_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(InvalidRequest, match="not a citebot backup"):
        read_manifest(junk)


def test_a_library_on_postgresql_backs_up_and_restores_into_another_database(pg_url, tmp_path, bundled_brief):
    from index.db import connect
    from index.db.migrate import upgrade
    from index.library import BriefRepository

    db = connect.create(pg_url)
    upgrade(db)
    db.engine.dispose()
    source = Settings(data_dir=tmp_path / "pg-host", database_url=pg_url)
    BriefRepository(source).save(bundled_brief)
    sid = SessionStore(open_database(source)).record(None, QUESTION, "an answer", '{"citations": []}')
    archive = tmp_path / "pg.tar.gz"
    manifest = backup(source, archive)
    assert manifest.briefs == (bundled_brief.id,)

    target = Settings(data_dir=tmp_path / "restored")  # the embedded SQLite file this time
    restore(target, archive)
    assert BriefRepository(target).get(bundled_brief.id) == bundled_brief
    assert [t.text for t in SessionStore(open_database(target)).history(sid)] == [QUESTION, "an answer"]
