"""Where fetched sources are kept: in the database (``index.db``), one record per footnote beside the raw bytes
and extracted texts, each stored once by its sha256 (``fetch_records``, ``fetch_blobs``). So every process that
shares the database sees the same fetched sources.

A record is replaced in one statement, so a run killed midway leaves either the old record or the new one; a blob
is written before the record that names it, and one that does not hash to its name is treated as missing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from corpus.settings import Settings
from index.db import Database, open_database, open_url, sqlite_url
from index.db.schema import fetch_blobs, fetch_records

OK_STATUSES = ("fetched", "archived")
# Failures worth trying again on the next run without --refresh: the cause may have gone away.
RETRY_KINDS = ("timeout", "network", "error", "robots_unavailable")


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """What happened to one footnote's URL. ``status``: fetched | archived | failed."""

    brief_id: str
    footnote: int
    url: str
    status: str
    final_url: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    sha256: str | None = None  # of the raw bytes
    text_sha256: str | None = None  # of the extracted text
    format: str | None = None  # html | pdf | text
    title: str | None = None
    fetched_at: str | None = None
    archive_url: str | None = None  # the snapshot used, when the live link was dead
    archive_date: str | None = None  # YYYY-MM-DD of that snapshot
    kind: str | None = None  # FetchFailed.kind when failed
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.status in OK_STATUSES

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FetchRecord:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


FOLDER = "fetched"  # the layout before the database: ``<data_dir>/fetched/``, read by `citebot db import`


class FetchStore:
    """Records and blobs of fetched sources in the database (a folder path means an SQLite file in it)."""

    def __init__(self, target: Database | Path | str) -> None:
        self.db = target if isinstance(target, Database) else open_url(sqlite_url(Path(target) / "fetch.sqlite3"))

    @classmethod
    def for_settings(cls, settings: Settings) -> FetchStore:
        return cls(open_database(settings))

    # ----- blobs
    def put_blob(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        with self.db.begin() as conn:
            conn.execute(self.db.insert(fetch_blobs).values(sha256=sha, data=data).on_conflict_do_nothing())
        return sha

    def get_blob(self, sha: str) -> bytes | None:
        with self.db.read() as conn:
            row = conn.execute(sa.select(fetch_blobs.c.data).where(fetch_blobs.c.sha256 == sha)).first()
        if row is None:
            return None
        data = bytes(row[0])
        # A blob that does not hash to its name was damaged: treat it as missing, so it is fetched again.
        return data if hashlib.sha256(data).hexdigest() == sha else None

    def has_blob(self, sha: str) -> bool:
        with self.db.read() as conn:
            return conn.execute(sa.select(fetch_blobs.c.sha256).where(fetch_blobs.c.sha256 == sha)).first() is not None

    def text(self, record: FetchRecord) -> str | None:
        if not record.ok or record.text_sha256 is None:
            return None
        data = self.get_blob(record.text_sha256)
        return data.decode("utf-8") if data is not None else None

    # ----- records
    def put(self, record: FetchRecord) -> None:
        body = json.dumps(record.to_json(), ensure_ascii=False)
        values = {"brief_id": record.brief_id, "footnote": record.footnote, "url": record.url, "payload": body}
        statement = self.db.insert(fetch_records).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=[fetch_records.c.brief_id, fetch_records.c.footnote],
            set_={"url": record.url, "payload": body},
        )
        with self.db.begin() as conn:
            conn.execute(statement)

    def delete(self, brief_id: str, footnote: int) -> None:
        """Forget one footnote's record (its blobs stay: other records may share them)."""
        with self.db.begin() as conn:
            conn.execute(
                sa.delete(fetch_records).where(
                    fetch_records.c.brief_id == brief_id, fetch_records.c.footnote == footnote
                )
            )

    def get(self, brief_id: str, footnote: int) -> FetchRecord | None:
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(fetch_records.c.payload).where(
                    fetch_records.c.brief_id == brief_id, fetch_records.c.footnote == footnote
                )
            ).first()
        return None if row is None else _record(row[0])

    def records(self, brief_id: str) -> dict[int, FetchRecord]:
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(fetch_records.c.payload)
                .where(fetch_records.c.brief_id == brief_id)
                .order_by(fetch_records.c.footnote)
            ).all()
        found = [rec for (payload,) in rows if (rec := _record(payload)) is not None]
        return {rec.footnote: rec for rec in found}

    def is_done(self, brief_id: str, footnote: int, url: str) -> bool:
        """True when a run needs nothing more for this footnote: a usable copy is here, or a lasting failure."""
        rec = self.get(brief_id, footnote)
        if rec is None or rec.url != url:
            return False
        if rec.ok:
            return (
                rec.sha256 is not None
                and rec.text_sha256 is not None
                and self.has_blob(rec.sha256)
                and self.text(rec) is not None
            )
        return rec.kind not in RETRY_KINDS


def _record(payload: str) -> FetchRecord | None:
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    return FetchRecord.from_json(data) if isinstance(data, dict) else None
