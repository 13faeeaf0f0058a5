"""Parsed briefs persisted in the database, so quotes can be verified against the exact parsed text after a restart
and every process serves the same library.

One row per brief (``index.db.schema.briefs``): its JSON payload and content hash, which *is* the brief's active
version in the index (see ``bot.engine``). A save replaces the row in one transaction, so a reader sees the old
brief or the new one, never half of either. Every save and removal bumps the library's version number in the
same transaction: ``stamp()`` reads it, and a process whose snapshot is older reloads (another process changed
the library). Updating that one row first also makes every process's brief writes queue behind each other.

One damaged row never takes the library down: ``all()`` skips it (logged once) and serves the rest, and
``quarantine()`` moves it to ``<data_dir>/quarantine/<id>.json`` (``citebot doctor --repair``), where it can be
inspected.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from corpus.errors import BriefNotFound, IndexUnavailable
from corpus.models import Author, Brief, Footnote, ParseWarning, Passage, Reference
from corpus.settings import Settings
from index.db import Database, open_database
from index.db.schema import LIBRARY_ROW, briefs, library

log = logging.getLogger("citebot.library")

SCHEMA = 1
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """Every field of a Brief as plain JSON data (lossless)."""
    data = asdict(brief)
    data["schema"] = SCHEMA
    return data


def _reference(d: dict[str, Any]) -> Reference:
    return Reference(d["title"], d["publisher"], d["date"], d["date_raw"], d["url"], d["raw"])


def _passage(d: dict[str, Any]) -> Passage:
    return Passage(
        id=d["id"],
        brief_id=d["brief_id"],
        kind=d["kind"],
        text=d["text"],
        start=d["start"],
        end=d["end"],
        paragraph=d["paragraph"],
        footnotes=tuple(d["footnotes"]),
        direct=d["direct"],
        seq=d["seq"],
        label=d["label"],
        references=tuple(_reference(r) for r in d["references"]),
    )


def brief_from_dict(d: dict[str, Any]) -> Brief:
    """Inverse of :func:`brief_to_dict`."""
    return Brief(
        id=d["id"],
        title=d["title"],
        text=d["text"],
        authors=tuple(Author(a["name"], a["role"]) for a in d["authors"]),
        editors=tuple(d["editors"]),
        organisation=d["organisation"],
        date=d["date"],
        disclaimer=d["disclaimer"],
        footnotes=tuple(
            Footnote(f["number"], f["title"], f["publisher"], f["date"], f["date_raw"], f["url"], f["raw"])
            for f in d["footnotes"]
        ),
        passages=tuple(_passage(p) for p in d["passages"]),
        warnings=tuple(ParseWarning(w["code"], w["message"], w["footnote"]) for w in d["warnings"]),
        format=d["format"],
        content_hash=d["content_hash"],
        source_path=d["source_path"],
        markers=tuple((int(n), int(o)) for n, o in d["markers"]),
    )


def _bump(conn: sa.Connection) -> int:
    """Raise the library version (the first write of a transaction: it takes the lock) and return the new one."""
    conn.execute(sa.update(library).where(library.c.id == LIBRARY_ROW).values(version=library.c.version + 1))
    return int(conn.execute(sa.select(library.c.version).where(library.c.id == LIBRARY_ROW)).scalar_one())


class LibraryWrite:
    """Brief reads and writes inside one locked transaction (see ``BriefRepository.writing``)."""

    def __init__(self, conn: sa.Connection, version: int) -> None:
        self._conn = conn
        self.version = version

    def raw(self, brief_id: str) -> str | None:
        """The stored payload as this transaction sees it, or None."""
        row = self._conn.execute(sa.select(briefs.c.payload).where(briefs.c.id == brief_id)).first()
        return None if row is None else str(row[0])

    def get(self, brief_id: str) -> Brief | None:
        """The stored brief as this transaction sees it, or None."""
        raw = self.raw(brief_id)
        return None if raw is None else _load(raw, brief_id)

    def save(self, brief: Brief) -> None:
        _check_id(brief.id)
        payload = json.dumps(brief_to_dict(brief), ensure_ascii=False)
        self._conn.execute(sa.delete(briefs).where(briefs.c.id == brief.id))
        self._conn.execute(
            sa.insert(briefs).values(
                id=brief.id,
                content_hash=brief.content_hash,
                payload=payload,
                saved_version=self.version,
                updated_at=time.time(),
            )
        )

    def delete(self, brief_id: str) -> None:
        """Remove a brief; BriefNotFound if there is none."""
        _check_id(brief_id)
        if not self._conn.execute(sa.delete(briefs).where(briefs.c.id == brief_id)).rowcount:
            raise BriefNotFound(f"no brief with id {brief_id!r}")


def _check_id(brief_id: str) -> None:
    if not _SAFE_ID.match(brief_id):
        raise BriefNotFound(f"no brief with id {brief_id!r}")


def _load(raw: str, brief_id: str) -> Brief:
    try:
        return brief_from_dict(json.loads(raw))
    except (ValueError, KeyError, TypeError) as exc:
        raise IndexUnavailable(f"the stored brief {brief_id} is unreadable: {exc}") from exc


class BriefRepository:
    """The library of parsed briefs in the database."""

    def __init__(self, settings: Settings, database: Database | None = None) -> None:
        self.db = database or open_database(settings)
        self.quarantine_dir = Path(settings.data_dir) / "quarantine"
        self._reported: set[str] = set()
        # Parsed briefs by id, with the library version they were saved at: an unchanged row is not parsed again,
        # and the same Brief object comes back (so an index snapshot can keep what it built from it).
        self._parsed: dict[str, tuple[int, Brief]] = {}

    @contextmanager
    def writing(self) -> Iterator[LibraryWrite]:
        """One transaction that holds the library's write lock (every process's writers queue for it) and bumps
        its version: what it saves or deletes is seen by all processes at once, on commit, or not at all."""
        with self.db.begin() as conn:
            yield LibraryWrite(conn, _bump(conn))

    def save(self, brief: Brief) -> None:
        """Store the brief, replacing any stored under its id, in one transaction."""
        _check_id(brief.id)
        with self.writing() as tx:
            tx.save(brief)

    def get(self, brief_id: str) -> Brief:
        """The stored brief; BriefNotFound if there is none."""
        _check_id(brief_id)
        with self.db.read() as conn:
            row = conn.execute(sa.select(briefs.c.payload).where(briefs.c.id == brief_id)).first()
        if row is None:
            raise BriefNotFound(f"no brief with id {brief_id!r}")
        return _load(row[0], brief_id)

    def all(self) -> list[Brief]:
        """Every readable stored brief, sorted by id; an unreadable row is skipped (and logged once)."""
        with self.db.read() as conn:
            rows = conn.execute(sa.select(briefs.c.id, briefs.c.saved_version).order_by(briefs.c.id)).all()
            saved = {str(i): int(v) for i, v in rows}
            for gone in self._parsed.keys() - saved.keys():
                self._parsed.pop(gone, None)
            stale = [i for i, v in saved.items() if i not in self._parsed or self._parsed[i][0] != v]
            fresh = (
                conn.execute(
                    sa.select(briefs.c.id, briefs.c.saved_version, briefs.c.payload).where(briefs.c.id.in_(stale))
                ).all()
                if stale
                else []
            )
        for brief_id in stale:  # re-read below; gone if it was deleted or damaged meanwhile
            self._parsed.pop(brief_id, None)
        for brief_id, version, payload in fresh:
            try:
                # The row as read now, which may be newer than the listing: the caller read the stamp first.
                self._parsed[brief_id] = (int(version), _load(payload, brief_id))
            except IndexUnavailable as exc:
                if brief_id not in self._reported:
                    self._reported.add(brief_id)
                    log.warning("skipping brief %s: %s (citebot doctor --repair quarantines it)", brief_id, exc)
        return [self._parsed[i][1] for i in saved if i in self._parsed]

    def unreadable(self) -> list[tuple[str, str]]:
        """The stored briefs that cannot be read, each id with the reason."""
        with self.db.read() as conn:
            rows = conn.execute(sa.select(briefs.c.id, briefs.c.payload).order_by(briefs.c.id)).all()
        found = []
        for brief_id, payload in rows:
            try:
                _load(payload, brief_id)
            except IndexUnavailable as exc:
                found.append((str(brief_id), str(exc.__cause__ or exc)))
        return found

    def quarantine(self, brief_id: str) -> Path:
        """Move a stored brief out of the library into ``quarantine/<id>.json``; returns where it went."""
        _check_id(brief_id)
        with self.writing() as tx:
            raw = tx.raw(brief_id)
            if raw is None:
                raise BriefNotFound(f"no brief with id {brief_id!r}")
            self.quarantine_dir.mkdir(parents=True, exist_ok=True)
            target = self.quarantine_dir / f"{brief_id}.json"
            n = 1
            while target.exists():
                n += 1
                target = self.quarantine_dir / f"{brief_id}.{n}.json"
            tmp = target.with_name(f".tmp-{target.name}")
            tmp.write_text(raw, encoding="utf-8")
            os.replace(tmp, target)
            tx.delete(brief_id)
        return target

    def delete(self, brief_id: str) -> None:
        """Remove a brief; BriefNotFound if there is none."""
        _check_id(brief_id)
        with self.writing() as tx:
            tx.delete(brief_id)

    def stamp(self) -> int:
        """The library's version: it changes whenever any process saves or deletes a brief."""
        with self.db.read() as conn:
            return int(conn.execute(sa.select(library.c.version).where(library.c.id == LIBRARY_ROW)).scalar_one())
