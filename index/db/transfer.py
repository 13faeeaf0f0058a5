"""Moving a data dir of the layout before the database (``briefs/*.json``, ``sessions.sqlite3``, ``quiz.sqlite3``,
``fetched/``) into the database, and writing the database back out in that layout (what a backup archive holds).

The import loses nothing and can run again: a brief already stored with the same content is left alone, one
stored with other content is kept and reported (the database's copy is the live one); sessions already present
are skipped, so a second run adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from corpus.errors import BriefNotFound
from index.db.connect import Database
from index.db.schema import briefs, quiz_sessions, quiz_turns, sessions, turns
from index.fetch_store import FOLDER, FetchRecord, FetchStore
from index.library import BriefRepository, brief_from_dict

SESSIONS_FILE = "sessions.sqlite3"
QUIZ_FILE = "quiz.sqlite3"

LEGACY_SESSIONS = """
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, created_at REAL NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('user', 'assistant')), text TEXT NOT NULL, payload TEXT,
    created_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS turns_by_session ON turns(session_id, seq);
"""
LEGACY_QUIZ = """
CREATE TABLE IF NOT EXISTS quiz_sessions (id TEXT PRIMARY KEY, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS quiz_turns (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES quiz_sessions(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL, question TEXT NOT NULL, asked_at REAL NOT NULL,
    answer TEXT, correct INTEGER, answered_at REAL);
CREATE INDEX IF NOT EXISTS quiz_turns_by_session ON quiz_turns(session_id, question_id);
"""


@dataclass
class Counts:
    """What an import added, left alone (already there) or could not take."""

    added: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, kind: str, n: int = 1) -> None:
        self.added[kind] = self.added.get(kind, 0) + n

    def keep(self, kind: str, n: int = 1) -> None:
        self.present[kind] = self.present.get(kind, 0) + n


def _import_briefs(repository: BriefRepository, folder: Path, counts: Counts, *, write: bool) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith(".tmp-"):
            continue
        try:
            brief = brief_from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError, OSError) as exc:
            counts.problems.append(f"briefs/{path.name} is unreadable ({exc}); not imported")
            continue
        if not write:
            try:
                repository.get(brief.id)
            except BriefNotFound:
                counts.add("briefs")
            else:
                counts.keep("briefs")
            continue
        with repository.writing() as tx:
            stored = tx.raw(brief.id)
            if stored is None:
                tx.save(brief)
                counts.add("briefs")
                continue
        counts.keep("briefs")
        if json.loads(stored).get("content_hash") != brief.content_hash:
            counts.problems.append(f"briefs/{path.name}: the database holds other content for {brief.id}; kept that")


def _rows(path: Path, query: str) -> list[tuple[object, ...]]:
    """The rows of a query on an SQLite file of the earlier layout; ValueError when it cannot be read as one."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as conn:
            return conn.execute(query).fetchall()
    except sqlite3.Error as exc:
        raise ValueError(f"{path.name} cannot be read ({exc}); not imported") from exc


def _sessions_and_turns(
    path: Path, heads_query: str, turns_query: str, counts: Counts
) -> tuple[list[tuple[object, ...]], dict[object, list[tuple[object, ...]]]] | None:
    """An old SQLite file's session rows and its turns grouped by session (first column); None when the file is
    absent, or unreadable (then said in ``counts.problems``)."""
    if not path.is_file():
        return None
    try:
        heads = _rows(path, heads_query)
        lines = _rows(path, turns_query)
    except ValueError as exc:
        counts.problems.append(str(exc))
        return None
    by_session: dict[object, list[tuple[object, ...]]] = {}
    for line in lines:
        by_session.setdefault(line[0], []).append(line)
    return heads, by_session


def _import_sessions(db: Database, path: Path, counts: Counts, *, write: bool) -> None:
    found = _sessions_and_turns(
        path,
        "SELECT id, created_at, updated_at FROM sessions ORDER BY created_at, id",
        "SELECT session_id, role, text, payload, created_at FROM turns ORDER BY seq",
        counts,
    )
    if found is None:
        return
    heads, by_session = found
    with db.begin() as conn:
        known = {r[0] for r in conn.execute(sa.select(sessions.c.id))}
        for sid, created, updated in heads:
            if sid in known:
                counts.keep("sessions")
                continue
            counts.add("sessions")
            counts.add("turns", len(by_session.get(sid, [])))
            if not write:
                continue
            conn.execute(sa.insert(sessions).values(id=sid, created_at=created, updated_at=updated))
            for _, role, text, payload, at in by_session.get(sid, []):
                conn.execute(
                    sa.insert(turns).values(session_id=sid, role=role, text=text, payload=payload, created_at=at)
                )


def _import_quiz(db: Database, path: Path, counts: Counts, *, write: bool) -> None:
    found = _sessions_and_turns(
        path,
        "SELECT id, created_at FROM quiz_sessions ORDER BY created_at, id",
        "SELECT session_id, question_id, question, asked_at, answer, correct, answered_at FROM quiz_turns ORDER BY seq",
        counts,
    )
    if found is None:
        return
    heads, by_session = found
    with db.begin() as conn:
        known = {r[0] for r in conn.execute(sa.select(quiz_sessions.c.id))}
        for sid, created in heads:
            if sid in known:
                counts.keep("quiz sessions")
                continue
            counts.add("quiz sessions")
            counts.add("quiz turns", len(by_session.get(sid, [])))
            if not write:
                continue
            conn.execute(sa.insert(quiz_sessions).values(id=sid, created_at=created))
            for _, qid, question, asked, answer, correct, answered in by_session.get(sid, []):
                conn.execute(
                    sa.insert(quiz_turns).values(
                        session_id=sid,
                        question_id=qid,
                        question=question,
                        asked_at=asked,
                        answer=answer,
                        correct=None if correct is None else bool(correct),
                        answered_at=answered,
                    )
                )


def _import_fetched(folder: Path, counts: Counts, store: FetchStore, *, write: bool) -> None:
    if not folder.is_dir():
        return
    blobs = folder / "blobs"
    for path in sorted(blobs.glob("*/*")) if blobs.is_dir() else []:
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != path.name:
            continue  # damaged on disk: the next `citebot sources` run fetches it again
        if store.has_blob(path.name):
            continue
        counts.add("source files")
        if write:
            store.put_blob(data)
    for path in sorted(folder.glob("*/*.json")):
        if not path.stem.isdigit() or path.parent.name == "blobs":
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            record = FetchRecord.from_json(data)
        except (ValueError, TypeError, OSError) as exc:
            counts.problems.append(f"{FOLDER}/{path.parent.name}/{path.name} is unreadable ({exc}); not imported")
            continue
        if store.get(record.brief_id, record.footnote) is not None:
            counts.keep("source records")
            continue
        counts.add("source records")
        if write:
            store.put(record)


def import_data_dir(repository: BriefRepository, source: Path, *, write: bool = True) -> Counts:
    """Copy a data dir's briefs, chat sessions and quiz state into the repository's database; with ``write``
    false, only count what a copy would add (``citebot doctor`` and ``serve`` say when that is not nothing)."""
    counts = Counts()
    _import_briefs(repository, Path(source) / "briefs", counts, write=write)
    _import_sessions(repository.db, Path(source) / SESSIONS_FILE, counts, write=write)
    _import_quiz(repository.db, Path(source) / QUIZ_FILE, counts, write=write)
    _import_fetched(Path(source) / FOLDER, counts, FetchStore(repository.db), write=write)
    return counts


def export_sessions(db: Database, folder: Path) -> list[str]:
    """Write the chat sessions and quiz state to ``sessions.sqlite3`` and ``quiz.sqlite3`` in ``folder`` (the
    layout ``import_data_dir`` reads); returns the file names written."""
    with db.read() as conn:
        heads = conn.execute(sa.select(sessions.c.id, sessions.c.created_at, sessions.c.updated_at)).all()
        lines = conn.execute(
            sa.select(turns.c.session_id, turns.c.role, turns.c.text, turns.c.payload, turns.c.created_at).order_by(
                turns.c.seq
            )
        ).all()
        quiz_heads = conn.execute(sa.select(quiz_sessions.c.id, quiz_sessions.c.created_at)).all()
        quiz_lines = conn.execute(
            sa.select(
                quiz_turns.c.session_id,
                quiz_turns.c.question_id,
                quiz_turns.c.question,
                quiz_turns.c.asked_at,
                quiz_turns.c.answer,
                quiz_turns.c.correct,
                quiz_turns.c.answered_at,
            ).order_by(quiz_turns.c.seq)
        ).all()
    with sqlite3.connect(folder / SESSIONS_FILE) as out:
        out.executescript(LEGACY_SESSIONS)
        out.executemany("INSERT INTO sessions VALUES (?, ?, ?)", [tuple(r) for r in heads])
        out.executemany(
            "INSERT INTO turns (session_id, role, text, payload, created_at) VALUES (?, ?, ?, ?, ?)",
            [tuple(r) for r in lines],
        )
    with sqlite3.connect(folder / QUIZ_FILE) as out:
        out.executescript(LEGACY_QUIZ)
        out.executemany("INSERT INTO quiz_sessions VALUES (?, ?)", [tuple(r) for r in quiz_heads])
        out.executemany(
            "INSERT INTO quiz_turns (session_id, question_id, question, asked_at, answer, correct, answered_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(*r[:5], None if r[5] is None else int(r[5]), r[6]) for r in quiz_lines],
        )
    return [SESSIONS_FILE, QUIZ_FILE]


def is_empty(db: Database) -> bool:
    """No brief, chat session or quiz session stored yet."""
    with db.read() as conn:
        return not any(
            conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in (briefs, sessions, quiz_sessions)
        )
