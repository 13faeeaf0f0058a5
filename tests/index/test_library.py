"""The brief repository, against the embedded SQLite file and a real PostgreSQL: lossless round trip, one
transaction per save, not-found errors, a stamp every process sees change, damaged rows skipped."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from corpus.errors import BriefNotFound
from corpus.settings import Settings
from index.db.schema import briefs
from index.library import BriefRepository, brief_from_dict, brief_to_dict


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request, tmp_path):
    fields = {} if request.param == "sqlite" else {"database_url": request.getfixturevalue("pg_url")}
    if fields:
        from index.db import connect
        from index.db.migrate import upgrade

        db = connect.create(fields["database_url"])
        upgrade(db)
        db.engine.dispose()
    return Settings(data_dir=tmp_path, **fields)


@pytest.fixture
def repo(settings):
    return BriefRepository(settings)


def test_round_trip_is_lossless(bundled_brief):
    assert brief_from_dict(brief_to_dict(bundled_brief)) == bundled_brief


def test_save_get_all_delete(repo, bundled_brief):
    assert repo.all() == []
    repo.save(bundled_brief)
    assert repo.get(bundled_brief.id) == bundled_brief
    assert repo.all() == [bundled_brief]
    repo.delete(bundled_brief.id)
    assert repo.all() == []


def test_save_replaces_the_one_row_of_the_id(repo, bundled_brief):
    repo.save(bundled_brief)
    changed = dataclasses.replace(bundled_brief, content_hash="0" * 64)
    repo.save(changed)
    assert repo.get(bundled_brief.id).content_hash == "0" * 64
    with repo.db.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(briefs)).scalar_one() == 1


def test_stamp_changes_when_the_library_changes(repo, bundled_brief):
    before = repo.stamp()
    repo.save(bundled_brief)
    saved = repo.stamp()
    assert saved != before
    repo.delete(bundled_brief.id)
    assert repo.stamp() != saved


def test_a_brief_saved_through_one_repository_is_seen_through_another(settings, bundled_brief):
    writer, reader = BriefRepository(settings), BriefRepository(settings)
    assert reader.all() == []
    before = reader.stamp()
    writer.save(bundled_brief)
    assert reader.stamp() != before
    assert [b.id for b in reader.all()] == [bundled_brief.id]
    writer.delete(bundled_brief.id)
    assert reader.all() == []


def test_a_failed_write_rolls_back_the_stamp_too(repo, bundled_brief):
    before = repo.stamp()
    with pytest.raises(BriefNotFound):
        repo.delete("never-saved")
    assert repo.stamp() == before


@pytest.mark.parametrize("brief_id", ["missing", "../etc/passwd", "", "a/b"])
def test_unknown_or_unsafe_ids_are_not_found(repo, brief_id):
    with pytest.raises(BriefNotFound):
        repo.get(brief_id)
    with pytest.raises(BriefNotFound):
        repo.delete(brief_id)


def test_all_reads_only_the_rows_that_changed(repo, bundled_brief):
    repo.save(bundled_brief)
    other = dataclasses.replace(bundled_brief, id="other")
    repo.save(other)
    first = repo.all()
    second = repo.all()
    assert all(x is y for x, y in zip(first, second, strict=True))  # the same objects: not parsed again
    changed = dataclasses.replace(other, content_hash="0" * 64)
    repo.save(changed)
    third = repo.all()
    assert third[0] is first[0] or third[1] is first[1]
    assert [b.content_hash for b in third if b.id == "other"] == ["0" * 64]
    repo.delete("other")
    assert repo.all() == [bundled_brief]


def _store_raw(repo, brief_id, payload):
    with repo.writing() as tx:
        tx._conn.execute(
            sa.insert(briefs).values(
                id=brief_id, content_hash="x", payload=payload, saved_version=tx.version, updated_at=0.0
            )
        )


def test_a_damaged_row_is_skipped_reported_and_quarantined(repo, bundled_brief, settings):
    repo.save(bundled_brief)
    _store_raw(repo, "broken", "{not json")
    assert [b.id for b in repo.all()] == [bundled_brief.id]
    assert [i for i, _ in repo.unreadable()] == ["broken"]
    moved = repo.quarantine("broken")
    assert moved == settings.data_dir / "quarantine" / "broken.json"
    assert moved.read_text(encoding="utf-8") == "{not json"
    assert repo.unreadable() == []
    assert [b.id for b in repo.all()] == [bundled_brief.id]
