"""The brief repository: lossless JSON round trip, atomic writes, not-found errors."""

from __future__ import annotations

import dataclasses

import pytest

from corpus.errors import BriefNotFound
from corpus.settings import Settings
from index.library import BriefRepository, brief_from_dict, brief_to_dict


@pytest.fixture
def repo(tmp_path):
    return BriefRepository(Settings(data_dir=tmp_path))


def test_round_trip_is_lossless(bundled_brief):
    assert brief_from_dict(brief_to_dict(bundled_brief)) == bundled_brief


def test_save_get_all_delete(repo, bundled_brief):
    assert repo.all() == []
    repo.save(bundled_brief)
    assert repo.get(bundled_brief.id) == bundled_brief
    assert repo.all() == [bundled_brief]
    repo.delete(bundled_brief.id)
    assert repo.all() == []


def test_save_replaces_atomically_and_leaves_no_temp_files(repo, bundled_brief):
    repo.save(bundled_brief)
    changed = dataclasses.replace(bundled_brief, content_hash="0" * 64)
    repo.save(changed)
    assert repo.get(bundled_brief.id).content_hash == "0" * 64
    assert [p.name for p in repo.root.iterdir()] == [f"{bundled_brief.id}.json"]


def test_stamp_changes_when_the_library_changes(repo, bundled_brief):
    before = repo.stamp()
    repo.save(bundled_brief)
    assert repo.stamp() != before


@pytest.mark.parametrize("brief_id", ["missing", "../etc/passwd", "", "a/b"])
def test_unknown_or_unsafe_ids_are_not_found(repo, brief_id):
    with pytest.raises(BriefNotFound):
        repo.get(brief_id)
    with pytest.raises(BriefNotFound):
        repo.delete(brief_id)


def test_all_reads_only_the_files_that_changed(repo, bundled_brief):
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
