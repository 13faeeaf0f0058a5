"""``citebot doctor``: find what is wrong with a data dir, and with ``repair`` fix what can be fixed safely.

Checks, in order:
- the database: its schema revision, and files of the layout before it (``briefs/*.json``, ``sessions.sqlite3``,
  ``quiz.sqlite3``) holding what it lacks: reported with ``citebot db import``;
- stored briefs that cannot be read: reported; repair moves them to ``quarantine/<id>.json`` (the rest keep serving);
- the vector store: opened; if it cannot be, repair moves it to ``quarantine/`` and rebuilds it from the briefs;
- orphan vectors (a brief no longer in the library, or a version that is not the brief's active one, as a killed
  ingest leaves behind): counted; repair deletes them;
- briefs whose active vectors are incomplete: repair embeds what is missing;
- SQLite files (the embedded database, and chat sessions/quiz state of the layout before it): ``quick_check``; a
  damaged one is reported with what to do, never
  deleted (it holds users' history).
Messages name files relative to the data dir, never by absolute path.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine import Engine
from bot.qa.index_state import version_key
from corpus.errors import ModelUnavailable
from corpus.settings import Settings
from index.chroma_startup import forget_embedded
from index.library import BriefRepository
from index.store import make_store


@dataclass(frozen=True)
class Finding:
    check: str  # database | briefs | store | vectors | sqlite
    ok: bool
    message: str
    repaired: bool = False


EngineOpener = Callable[[Settings, BriefRepository], Engine]


def _open_engine(settings: Settings, repository: BriefRepository) -> Engine:
    """The engine's parts without its start-up sync (a read-only check must not embed anything)."""
    from index.embeddings import load_embedder  # here, not at the top: the model stack loads only when it is used

    embedder = load_embedder(settings)
    return Engine(settings, embedder, make_store(settings, embedder), repository)


def check_briefs(repository: BriefRepository, *, repair: bool) -> list[Finding]:
    findings = []
    for brief_id, reason in repository.unreadable():
        what = f"the stored brief {brief_id} is unreadable ({reason})"
        if repair:
            moved = repository.quarantine(brief_id)
            findings.append(Finding("briefs", False, f"{what}; moved to quarantine/{moved.name}", True))
        else:
            findings.append(Finding("briefs", False, f"{what}; --repair quarantines it"))
    count = len(repository.all())
    findings.append(Finding("briefs", True, f"{count} readable brief{'s' if count != 1 else ''}"))
    return findings


def check_vectors(engine: Engine, *, repair: bool) -> list[Finding]:
    store, briefs = engine.store, engine.repository.all()
    ids = [b.id for b in briefs]
    # Chroma wants one operator per filter: with no briefs left, every vector is an orphan.
    orphan_where: dict[str, Any] = {"brief_id": {"$nin": ids}} if ids else {"brief_id": {"$ne": ""}}
    wheres = [orphan_where] if store.count(orphan_where) else []
    for brief in briefs:
        old: dict[str, Any] = {"$and": [{"brief_id": brief.id}, {"version": {"$ne": version_key(brief)}}]}
        if store.count(old):
            wheres.append(old)
    findings = []
    if wheres:
        orphans = sum(store.count(w) for w in wheres)
        what = f"{orphans} orphan vectors (of briefs no longer in the library or of replaced versions)"
        if repair:
            for where in wheres:
                store.delete(where)
            findings.append(Finding("vectors", False, f"{what}; deleted", True))
        else:
            findings.append(Finding("vectors", False, f"{what}; --repair deletes them"))
    incomplete = engine.incomplete()
    if incomplete:
        names = ", ".join(incomplete[:5]) + (" ..." if len(incomplete) > 5 else "")
        what = f"{len(incomplete)} brief(s) with missing vectors: {names}"
        if repair:
            engine.sync()
            findings.append(Finding("vectors", False, f"{what}; embedded", True))
        else:
            findings.append(Finding("vectors", False, f"{what}; --repair embeds them"))
    if not findings:
        findings.append(Finding("vectors", True, f"{store.count()} vectors, all of the library's active versions"))
    return findings


def check_sqlite(data_dir: Path) -> list[Finding]:
    findings = []
    for path in sorted(data_dir.glob("*.sqlite3")):
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
                result = conn.execute("PRAGMA quick_check").fetchone()
            reason = "" if result is not None and result[0] == "ok" else str(result[0] if result else "no answer")
        except sqlite3.Error as exc:
            reason = str(exc)
        if not reason:
            findings.append(Finding("sqlite", True, f"{path.name} is intact"))
            continue
        advice = (
            "stop citebot, then restore it from a backup, or move it aside to start it empty (what it holds is lost)"
        )
        findings.append(Finding("sqlite", False, f"{path.name} is damaged ({reason}): {advice}"))
    return findings


def check_database(repository: BriefRepository, data_dir: Path) -> list[Finding]:
    """The database's schema revision, and files of the layout before the database not yet imported into it."""
    # here, not at the top: Alembic is imported only by the check that needs it (a downward import, not a cycle)
    from index.db.migrate import status
    from index.db.transfer import import_data_dir

    state = status(repository.db)
    path = repository.db.path
    where = path.name if path is not None and path.parent == data_dir.resolve() else state.url
    findings = [Finding("database", True, f"{where} at schema revision {state.current}")]
    waiting = import_data_dir(repository, data_dir, write=False).added
    if waiting:
        what = ", ".join(f"{n} {kind}" for kind, n in waiting.items() if n)
        findings.append(
            Finding(
                "database", False, f"the data dir holds {what} of the earlier layout: `citebot db import` adds them"
            )
        )
    return findings


def _quarantine_store(data_dir: Path) -> None:
    chroma = data_dir / "chroma"
    if chroma.exists():
        target = data_dir / "quarantine" / "chroma"
        n = 1
        while target.exists():
            n += 1
            target = target.with_name(f"chroma.{n}")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(chroma, target)
    forget_embedded(chroma)


def diagnose(settings: Settings, *, repair: bool = False, open_engine: EngineOpener = _open_engine) -> list[Finding]:
    """Every check above, in order. With ``repair``, each fixable problem is fixed and marked ``repaired``."""
    data_dir = Path(settings.data_dir)
    repository = BriefRepository(settings)
    findings = [*check_database(repository, data_dir), *check_briefs(repository, repair=repair)]
    try:
        engine = open_engine(settings, repository)
        engine.store.count()
    except ModelUnavailable:
        raise  # the model's files, not the store: moving the store aside would not help
    except Exception as exc:  # a damaged store raises whatever its backend raises
        what = f"the vector store cannot be opened ({type(exc).__name__})"
        if not repair or settings.chroma_url:  # a Chroma server is not ours to move aside
            advice = "; --repair rebuilds it from the briefs" if not settings.chroma_url else ""
            return [*findings, Finding("store", False, what + advice), *check_sqlite(data_dir)]
        _quarantine_store(data_dir)
        engine = open_engine(settings, repository)
        findings.append(Finding("store", False, f"{what}; moved to quarantine/ and rebuilt", True))
    else:
        findings.append(Finding("store", True, "the vector store opens"))
    return [*findings, *check_vectors(engine, repair=repair), *check_sqlite(data_dir)]
