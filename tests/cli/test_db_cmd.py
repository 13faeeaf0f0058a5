"""``citebot db upgrade|status|import`` against the embedded SQLite file and a real PostgreSQL, and ``serve``
refusing a schema that is too old."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from click.testing import CliRunner

from bot.quiz.store import QuizStore
from bot.sessions import SessionStore
from cli.main import cli
from corpus.settings import Settings
from index.db import open_database
from index.db.migrate import head
from index.db.transfer import LEGACY_QUIZ, LEGACY_SESSIONS
from index.fetch_store import FetchRecord, FetchStore
from index.library import BriefRepository, brief_to_dict


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_upgrade_on_postgresql_prints_from_and_to_then_status_is_up_to_date(pg_url, monkeypatch):
    monkeypatch.setenv("CITEBOT_DATABASE_URL", pg_url)
    before = run("db", "status")
    assert before.exit_code == 1 and "needs `citebot db upgrade`" in before.output
    done = run("db", "upgrade")
    assert done.exit_code == 0, done.output
    assert f"upgraded from revision none (empty) to {head()}" in done.output
    again = run("db", "upgrade")
    assert f"already at revision {head()}" in again.output
    assert run("db", "status").exit_code == 0


def test_serve_refuses_a_postgresql_schema_that_is_too_old(pg_url, monkeypatch):
    monkeypatch.setenv("CITEBOT_DATABASE_URL", pg_url)
    result = run("serve", "--port", "0")
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "run `citebot db upgrade`" in lines[0]


def test_serve_refuses_a_postgresql_schema_one_migration_behind(pg_url, monkeypatch):
    from index.db import connect
    from index.db.migrate import upgrade

    db = connect.create(pg_url)
    upgrade(db, "0001")
    db.engine.dispose()
    monkeypatch.setenv("CITEBOT_DATABASE_URL", pg_url)
    result = run("serve", "--port", "0")
    assert result.exit_code == 2
    assert f"has schema revision 0001, this citebot needs {head()}: run `citebot db upgrade`" in result.output
    assert run("db", "upgrade").output.strip().endswith(f"upgraded from revision 0001 to {head()}")


def _old_layout(folder, brief):
    """A data dir as citebot wrote it before the database: briefs/*.json and two SQLite files."""
    (folder / "briefs").mkdir(parents=True)
    (folder / "briefs" / f"{brief.id}.json").write_text(json.dumps(brief_to_dict(brief)), encoding="utf-8")
    with sqlite3.connect(folder / "sessions.sqlite3") as conn:
        conn.executescript(LEGACY_SESSIONS)
        conn.execute("INSERT INTO sessions VALUES ('s1', 1.0, 2.0)")
        conn.executemany(
            "INSERT INTO turns (session_id, role, text, payload, created_at) VALUES ('s1', ?, ?, ?, 1.5)",
            [("user", "first question", None), ("assistant", "first answer", "{}"), ("user", "follow-up", None)],
        )
    with sqlite3.connect(folder / "quiz.sqlite3") as conn:
        conn.executescript(LEGACY_QUIZ)
        conn.execute("INSERT INTO quiz_sessions VALUES ('quiz-1', 3.0)")
        question = json.dumps(
            {
                "id": "q1",
                "brief_id": brief.id,
                "passage_id": "x",
                "kind": "number",
                "style": "cloze",
                "prompt": "p",
                "answer": "a",
                "answer_start": 0,
                "answer_end": 1,
            }
        )
        conn.execute(
            "INSERT INTO quiz_turns (session_id, question_id, question, asked_at, answer, correct, answered_at) "
            "VALUES ('quiz-1', 'q1', ?, 4.0, 'a', 1, 5.0)",
            (question,),
        )
    text = b"The source's own words."
    sha = hashlib.sha256(text).hexdigest()
    (folder / "fetched" / "blobs" / sha[:2]).mkdir(parents=True)
    (folder / "fetched" / "blobs" / sha[:2] / sha).write_bytes(text)
    record = FetchRecord(brief.id, 1, "https://example.org/a", "fetched", sha256=sha, text_sha256=sha, format="text")
    (folder / "fetched" / brief.id).mkdir()
    (folder / "fetched" / brief.id / "1.json").write_text(json.dumps(record.to_json()), encoding="utf-8")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_env(request, monkeypatch, tmp_path):
    data = tmp_path / "new-data"
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(data))
    fields = {}
    if request.param == "postgresql":
        fields["database_url"] = request.getfixturevalue("pg_url")
        monkeypatch.setenv("CITEBOT_DATABASE_URL", fields["database_url"])
        assert run("db", "upgrade").exit_code == 0
    return Settings(data_dir=data, **fields)


def test_import_moves_an_old_data_dir_in_whole_and_a_second_run_adds_nothing(database_env, tmp_path, bundled_brief):
    old = tmp_path / "old-data"
    _old_layout(old, bundled_brief)
    first = run("db", "import", "--from", str(old))
    assert first.exit_code == 0, first.output
    assert (
        "imported 1 briefs, 1 sessions, 3 turns, 1 quiz sessions, 1 quiz turns, 1 source records, 1 source files"
        in first.output
    )

    db = open_database(database_env)
    assert BriefRepository(database_env).get(bundled_brief.id) == bundled_brief
    sessions = SessionStore(db)
    assert [t.text for t in sessions.history("s1")] == ["first question", "first answer", "follow-up"]
    assert sessions.history("s1")[1].payload_json == "{}"
    quiz_turns = QuizStore(db).turns("quiz-1")
    assert [(t.question.id, t.answer, t.correct) for t in quiz_turns] == [("q1", "a", True)]
    fetched = FetchStore(db)
    assert fetched.text(fetched.records(bundled_brief.id)[1]) == "The source's own words."
    assert fetched.is_done(bundled_brief.id, 1, "https://example.org/a")

    second = run("db", "import", "--from", str(old))
    assert second.exit_code == 0, second.output
    assert (
        "imported 0 briefs, 0 sessions, 0 turns, 0 quiz sessions, 0 quiz turns, 0 source records, 0 source files"
        in (second.output)
    )
    assert "already in the database: 1 briefs, 1 sessions, 1 quiz sessions, 1 source records" in second.output
    assert len(sessions.history("s1")) == 3
