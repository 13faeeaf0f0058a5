"""The documents of an eval run: found by path or plain name under a folder, every supported file when no item
names one; parsed and ingested in order, the next parsed while the previous is ingested."""

from __future__ import annotations

import threading

import pytest

from bot import eval_docs
from bot.eval_docs import documents, ingest_documents, parse_and_ingest, parse_documents
from corpus.errors import InputError
from corpus.settings import Settings


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


class _Recording:
    """An engine that records what it ingests, in order."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.ingested: list[str] = []
        self.started = threading.Event()
        self._fail_on = fail_on

    def ingest(self, brief):
        self.started.set()
        if brief.id == self._fail_on:
            raise RuntimeError("the store is gone")
        self.ingested.append(brief.id)


def _three_docs(tmp_path):
    for name in ("alpha", "beta", "gamma"):
        (tmp_path / f"{name}.md").write_text(f"# {name.title()}\n\nThe {name} report says what it says.\n")
    return documents([{"line": 1}], tmp_path)


def test_parse_and_ingest_ingests_every_document_in_order_with_the_ids_of_parse_then_ingest(tmp_path):
    docs = _three_docs(tmp_path)
    engine = _Recording()
    lines: list[str] = []
    made, ids = parse_and_ingest(docs, Settings(data_dir=tmp_path / "data"), lambda: engine, report=lines.append)
    assert made is engine
    assert engine.ingested == ["alpha", "beta", "gamma"]
    assert ids == ingest_documents(_Recording(), parse_documents(docs, Settings(data_dir=tmp_path / "data")))
    assert [line.split()[1] for line in lines] == ["1/3", "2/3", "3/3"]


def test_the_next_document_is_parsed_while_the_previous_one_is_ingested(tmp_path, monkeypatch):
    docs = _three_docs(tmp_path)
    engine = _Recording()
    overlapped: list[bool] = []
    real_load = eval_docs.load_brief

    def load(path, **kw):
        if path.stem == "beta":  # parsed while alpha's ingest runs (or this waits for nothing and says so)
            overlapped.append(engine.started.wait(timeout=60))
        return real_load(path, **kw)

    monkeypatch.setattr(eval_docs, "load_brief", load)
    parse_and_ingest(docs, Settings(data_dir=tmp_path / "data"), lambda: engine)
    assert overlapped == [True]
    assert engine.ingested == ["alpha", "beta", "gamma"]


def test_a_document_that_cannot_be_parsed_stops_the_run_and_names_its_file(tmp_path):
    docs = _three_docs(tmp_path)
    (tmp_path / "beta.md").write_bytes(b"")
    engine = _Recording()
    lines: list[str] = []
    with pytest.raises(InputError, match=r"beta\.md"):
        parse_and_ingest(docs, Settings(data_dir=tmp_path / "data"), lambda: engine, report=lines.append)
    assert "gamma" not in engine.ingested
    assert lines == []  # the error is the run's one line, though alpha may have been ingested meanwhile


def test_a_failed_ingest_is_raised_in_the_caller(tmp_path):
    docs = _three_docs(tmp_path)
    engine = _Recording(fail_on="beta")
    with pytest.raises(RuntimeError, match="the store is gone"):
        parse_and_ingest(docs, Settings(data_dir=tmp_path / "data"), lambda: engine)
    assert engine.ingested == ["alpha"]
