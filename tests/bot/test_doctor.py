"""``bot.doctor``: damaged stored briefs are quarantined and the rest served, orphan vectors found and deleted,
missing vectors re-embedded, a store that cannot be opened rebuilt, damaged SQLite files reported. Real Chroma,
real MiniLM (the session embedder)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.doctor import diagnose
from bot.ingest_records import stored_docs
from bot.qa.index_state import version_key
from index.db.schema import briefs
from index.views import passage_views

pytestmark = pytest.mark.slow


@pytest.fixture
def opener(make_engine):
    """The doctor's engine opener, over the test's data dir and the session embedder."""
    return lambda settings, repository: make_engine(data_dir=settings.data_dir)


def problems(findings):
    return [f for f in findings if not f.ok and not f.repaired]


def test_a_healthy_library_has_no_problems(engine, opener):
    findings = diagnose(engine.settings, open_engine=opener)
    assert problems(findings) == []
    assert any(f.check == "vectors" and f.ok for f in findings)


def _store_broken_row(repository, brief_id, payload):
    with repository.writing() as tx:
        tx._conn.execute(
            sa.insert(briefs).values(
                id=brief_id, content_hash="x", payload=payload, saved_version=tx.version, updated_at=0.0
            )
        )


def test_an_unreadable_stored_brief_is_reported_then_quarantined_and_the_rest_still_served(engine, opener):
    data = Path(engine.settings.data_dir)
    _store_broken_row(engine.repository, "broken", "{not json")
    assert [b.id for b in engine.repository.all()] == [engine.briefs()[0].id]  # the rest still load

    found = diagnose(engine.settings, open_engine=opener)
    assert any("the stored brief broken is unreadable" in f.message for f in problems(found))
    assert [i for i, _ in engine.repository.unreadable()] == ["broken"]  # a check alone moves nothing

    repaired = diagnose(engine.settings, repair=True, open_engine=opener)
    assert problems(repaired) == []
    assert engine.repository.unreadable() == []
    assert (data / "quarantine" / "broken.json").read_text(encoding="utf-8") == "{not json"


def test_orphan_vectors_of_a_killed_ingest_are_found_and_deleted(engine, opener, bundled_brief):
    ghost = replace(
        bundled_brief, id="ghost", passages=tuple(replace(p, brief_id="ghost") for p in bundled_brief.passages)
    )
    # vectors stored, brief file never saved: what a kill between the two steps of an ingest leaves
    engine.store.add(stored_docs(passage_views(ghost), version_key(ghost)))
    before = engine.store.count()
    found = diagnose(engine.settings, open_engine=opener)
    assert any("orphan vectors" in f.message for f in problems(found))

    diagnose(engine.settings, repair=True, open_engine=opener)
    assert engine.store.count({"brief_id": "ghost"}) == 0
    assert engine.store.count() < before
    assert problems(diagnose(engine.settings, open_engine=opener)) == []


def test_missing_vectors_are_reported_and_embedded_again(engine, opener):
    brief = engine.briefs()[0]
    engine.store.delete({"brief_id": brief.id})
    assert any("missing vectors" in f.message for f in problems(diagnose(engine.settings, open_engine=opener)))
    diagnose(engine.settings, repair=True, open_engine=opener)
    assert engine.store.count({"brief_id": brief.id}) > 0
    assert problems(diagnose(engine.settings, open_engine=opener)) == []


def test_a_store_that_cannot_be_opened_is_rebuilt_from_the_briefs(engine, make_engine):
    calls = {"n": 0}

    def flaky_opener(settings, repository):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("database disk image is malformed")
        return make_engine(data_dir=settings.data_dir)

    found = diagnose(engine.settings, repair=True, open_engine=flaky_opener)
    assert any(f.check == "store" and f.repaired for f in found)
    assert (Path(engine.settings.data_dir) / "quarantine" / "chroma").exists()
    assert problems(found) == []


def test_a_damaged_sqlite_file_is_reported_with_what_to_do(engine, opener):
    data = Path(engine.settings.data_dir)
    good = data / "sessions.sqlite3"
    with sqlite3.connect(good) as conn:
        conn.execute("CREATE TABLE t (x)")
    (data / "quiz.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    found = diagnose(engine.settings, open_engine=opener)
    damaged = [f for f in problems(found) if f.check == "sqlite"]
    assert [f.message.split(" ")[0] for f in damaged] == ["quiz.sqlite3"]
    assert "restore it from a backup" in damaged[0].message
    assert str(data) not in damaged[0].message  # no absolute paths in messages
    assert any(f.ok and f.message.startswith("sessions.sqlite3") for f in found)


def _damage(db: Path) -> None:
    data = bytearray(db.read_bytes())
    for i in range(100, len(data), 997):
        data[i] = 0xAB
    db.write_bytes(bytes(data))


def test_a_damaged_chroma_file_is_unavailable_not_a_traceback_and_doctor_rebuilds_it(engine, opener):
    from chromadb.api.shared_system_client import SharedSystemClient

    from corpus.errors import IndexUnavailable

    question = "Why did the Hanoi summit fail?"
    expected = [c.quote for c in engine.ask(question).citations]
    data = Path(engine.settings.data_dir)
    SharedSystemClient.clear_system_cache()  # as if the process had stopped
    _damage(data / "chroma" / "chroma.sqlite3")

    with pytest.raises(IndexUnavailable, match="doctor --repair"):
        opener(engine.settings, engine.repository).store.count()
    found = diagnose(engine.settings, open_engine=opener)
    assert any(f.check == "store" and not f.ok for f in problems(found))

    repaired = diagnose(engine.settings, repair=True, open_engine=opener)
    assert problems(repaired) == []
    again = opener(engine.settings, engine.repository)
    assert [c.quote for c in again.ask(question).citations] == expected


def test_files_of_the_earlier_layout_not_yet_imported_are_reported_until_imported(tmp_path, bundled_brief):
    import json

    from bot.doctor import check_database
    from corpus.settings import Settings
    from index.db.transfer import import_data_dir
    from index.library import BriefRepository, brief_to_dict

    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / f"{bundled_brief.id}.json").write_text(json.dumps(brief_to_dict(bundled_brief)))
    repository = BriefRepository(Settings(data_dir=tmp_path))
    found = check_database(repository, tmp_path)
    assert [f.message for f in found if not f.ok] == [
        "the data dir holds 1 briefs of the earlier layout: `citebot db import` adds them"
    ]
    assert any(f.ok and f.message.startswith("citebot.sqlite3 at schema revision") for f in found)
    assert repository.all() == []  # a check alone imports nothing
    import_data_dir(repository, tmp_path)
    assert all(f.ok for f in check_database(repository, tmp_path))
