"""The documents of an eval run: found by path or plain name under a folder, every supported file when no item
names one."""

from __future__ import annotations

import pytest

from bot.eval_docs import documents
from corpus.errors import InputError


def test_documents_are_found_by_path_or_by_plain_name(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "report [draft].md").write_text("x")
    (tmp_path / "a" / "notes.txt").write_text("x")
    items = [{"doc": "report [draft].md", "line": 1}, {"doc": "a/notes.txt", "line": 2}]
    assert documents(items, tmp_path) == {
        "report [draft].md": tmp_path / "a" / "b" / "report [draft].md",
        "a/notes.txt": tmp_path / "a" / "notes.txt",
    }


def test_a_name_found_twice_is_ambiguous(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.md").write_text("x")
    with pytest.raises(InputError, match="matches 2 files"):
        documents([{"doc": "same.md", "line": 1}], tmp_path)


def test_without_named_documents_every_supported_file_is_taken(tmp_path):
    (tmp_path / "one.md").write_text("x")
    (tmp_path / "two.pdf").write_bytes(b"x")
    (tmp_path / "data.csv").write_text("x")
    assert sorted(documents([{"line": 1}], tmp_path)) == ["one.md", "two.pdf"]
