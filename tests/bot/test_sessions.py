"""SessionStore: sessions in the database (the embedded SQLite file in WAL mode, or a real PostgreSQL) that survive
a restart and are shared by threads and processes."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.sessions import SessionStore, Turn
from corpus.errors import InvalidRequest, SessionNotFound
from index.db import open_url
from index.db.migrate import upgrade


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path):
    """Where sessions are kept: an SQLite file, or a migrated PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "sessions.sqlite3"
    db = open_url(request.getfixturevalue("pg_url"), check=False)
    upgrade(db)
    return db


@pytest.fixture
def store(target):
    return SessionStore(target)


def test_a_session_started_through_one_store_continues_through_another(target):
    first, second = SessionStore(target), SessionStore(target)
    sid = first.record(None, "asked on the first", "a", None)
    second.record(sid, "followed up on the second", "b", None)
    assert first.user_messages(sid) == ["asked on the first", "followed up on the second"]


def test_create_returns_a_new_unguessable_id(store):
    a, b = store.create(), store.create()
    assert a != b
    assert len(a) == 32
    assert store.exists(a) and store.exists(b)


def test_unknown_session_does_not_exist(store):
    assert not store.exists("nope")


def test_turns_come_back_in_order(store):
    sid = store.create()
    store.append(sid, "user", "first")
    store.append(sid, "assistant", "answer one", '{"abstained": false}')
    store.append(sid, "user", "second")
    turns = store.history(sid)
    assert [(t.role, t.text) for t in turns] == [("user", "first"), ("assistant", "answer one"), ("user", "second")]
    assert turns[1].payload_json == '{"abstained": false}'
    assert all(isinstance(t, Turn) for t in turns)


def test_user_messages_are_the_questions_oldest_first(store):
    sid = store.record(None, "q1", "a1", None)
    store.record(sid, "q2", "a2", None)
    store.record(sid, "q3", "a3", None)
    assert store.user_messages(sid) == ["q1", "q2", "q3"]
    assert store.user_messages(sid, limit=2) == ["q2", "q3"]


def test_record_without_an_id_creates_the_session_with_both_turns(store):
    sid = store.record(None, "question", "answer", '{"x": 1}')
    assert [(t.role, t.text, t.payload_json) for t in store.history(sid)] == [
        ("user", "question", None),
        ("assistant", "answer", '{"x": 1}'),
    ]


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.append("nope", "user", "x"),
        lambda s: s.record("nope", "q", "a", None),
        lambda s: s.history("nope"),
        lambda s: s.user_messages("nope"),
    ],
    ids=["append", "record", "history", "user_messages"],
)
def test_unknown_session_raises_session_not_found(store, call):
    with pytest.raises(SessionNotFound, match="nope"):
        call(store)


def test_a_turn_for_an_unknown_session_is_not_stored(store, tmp_path):
    with pytest.raises(SessionNotFound):
        store.record("nope", "q", "a", None)
    with store.db.read() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM turns WHERE session_id = 'nope'")).scalar_one() == 0


def test_an_unknown_role_is_refused(store):
    sid = store.create()
    with pytest.raises(InvalidRequest):
        store.append(sid, "system", "x")  # type: ignore[arg-type]


def test_sessions_survive_a_new_store_over_the_same_file(tmp_path):
    path = tmp_path / "sessions.sqlite3"
    sid = SessionStore(path).record(None, "before restart", "a", None)
    again = SessionStore(path)
    assert again.exists(sid)
    assert again.user_messages(sid) == ["before restart"]


def test_the_database_uses_wal(tmp_path):
    store = SessionStore(tmp_path / "sessions.sqlite3")
    with sqlite3.connect(store.db.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_data_folder_is_created(tmp_path):
    store = SessionStore(tmp_path / "a" / "b" / "sessions.sqlite3")
    assert store.exists(store.create())


def test_count(store):
    before = store.count()
    store.create()
    store.record(None, "q", "a", None)
    assert store.count() == before + 2


def test_created_at_comes_from_the_clock(tmp_path):
    store = SessionStore(tmp_path / "s.sqlite3", clock=lambda: 1234.5)
    sid = store.record(None, "q", "a", None)
    assert {t.created_at for t in store.history(sid)} == {1234.5}


def test_concurrent_threads_keep_every_exchange_together(store):
    sid = store.create()

    def worker(n: int) -> None:
        for i in range(10):
            store.record(sid, f"q{n}-{i}", f"a{n}-{i}", None)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    turns = store.history(sid)
    assert len(turns) == 80
    for question, answer in zip(turns[::2], turns[1::2], strict=True):
        assert question.role == "user" and answer.role == "assistant"
        assert answer.text == "a" + question.text[1:]


def _process_worker(path: str, sid: str, n: int) -> None:
    store = SessionStore(Path(path))
    for i in range(10):
        store.record(sid, f"q{n}-{i}", f"a{n}-{i}", None)


def test_several_processes_share_one_session(tmp_path):
    path = tmp_path / "sessions.sqlite3"
    sid = SessionStore(path).create()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_process_worker, args=(str(path), sid, n)) for n in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    questions = SessionStore(path).user_messages(sid, limit=100)
    assert sorted(questions) == sorted(f"q{n}-{i}" for n in range(3) for i in range(10))


def test_threads_each_creating_sessions_see_each_others_writes(store):
    before = store.count()
    ids: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for i in range(5):
                ids.append(store.record(None, f"q{i}", "a", None))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.count() == before + 20
    assert all(store.user_messages(sid) for sid in ids)


def test_prune_deletes_only_sessions_idle_past_the_limit_with_their_turns(target):
    now = [1000.0]
    store = SessionStore(target, clock=lambda: now[0])
    old = store.record(None, "old question", "a", None)
    now[0] = 5000.0
    kept = store.record(None, "recent question", "a", None)
    now[0] = 6000.0
    assert store.prune(max_idle_seconds=2000) == 1
    assert not store.exists(old)
    assert store.user_messages(kept) == ["recent question"]
    with store.db.read() as conn:
        left = conn.execute(sa.text("SELECT COUNT(*) FROM turns WHERE session_id = :s"), {"s": old}).scalar_one()
    assert left == 0


def test_a_reply_keeps_an_old_session_alive(tmp_path):
    now = [1000.0]
    store = SessionStore(tmp_path / "s.sqlite3", clock=lambda: now[0])
    sid = store.record(None, "first", "a", None)
    now[0] = 5000.0
    store.record(sid, "follow-up", "a", None)
    now[0] = 6000.0
    assert store.prune(max_idle_seconds=2000) == 0
    assert store.user_messages(sid) == ["first", "follow-up"]
