"""Where fetched sources are kept: content-addressed bytes beside one JSON record per footnote.

Layout under ``<data_dir>/fetched/``:

- ``blobs/<sha[:2]>/<sha256>``: raw response bytes and extracted texts, each stored once by its sha256;
- ``<brief-id>/<n>.json``: the record of footnote ``n`` (see ``FetchRecord``).

Every write goes to a temporary file first and is renamed into place, so a run killed midway leaves either the
old record or the new one, never half of one; a blob named by its hash is complete or absent.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.settings import Settings

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


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class FetchStore:
    """Records and blobs of fetched sources under one data dir."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def for_settings(cls, settings: Settings) -> FetchStore:
        return cls(settings.data_dir / "fetched")

    # ----- blobs
    def blob_path(self, sha: str) -> Path:
        return self.root / "blobs" / sha[:2] / sha

    def put_blob(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        path = self.blob_path(sha)
        if not path.is_file():
            _atomic_write(path, data)
        return sha

    def get_blob(self, sha: str) -> bytes | None:
        path = self.blob_path(sha)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        # A blob that does not hash to its name was damaged: treat it as missing, so it is fetched again.
        return data if hashlib.sha256(data).hexdigest() == sha else None

    def text(self, record: FetchRecord) -> str | None:
        if not record.ok or record.text_sha256 is None:
            return None
        data = self.get_blob(record.text_sha256)
        return data.decode("utf-8") if data is not None else None

    # ----- records
    def record_path(self, brief_id: str, footnote: int) -> Path:
        return self.root / brief_id / f"{footnote}.json"

    def put(self, record: FetchRecord) -> None:
        body = json.dumps(record.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
        _atomic_write(self.record_path(record.brief_id, record.footnote), body)

    def get(self, brief_id: str, footnote: int) -> FetchRecord | None:
        try:
            data = json.loads(self.record_path(brief_id, footnote).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return FetchRecord.from_json(data) if isinstance(data, dict) else None

    def records(self, brief_id: str) -> dict[int, FetchRecord]:
        folder = self.root / brief_id
        if not folder.is_dir():
            return {}
        out = {}
        for path in folder.glob("*.json"):
            if path.stem.isdigit() and (rec := self.get(brief_id, int(path.stem))) is not None:
                out[rec.footnote] = rec
        return dict(sorted(out.items()))

    def is_done(self, brief_id: str, footnote: int, url: str) -> bool:
        """True when a run needs nothing more for this footnote: a usable copy is here, or a lasting failure."""
        rec = self.get(brief_id, footnote)
        if rec is None or rec.url != url:
            return False
        if rec.ok:
            return (
                rec.sha256 is not None
                and rec.text_sha256 is not None
                and self.blob_path(rec.sha256).is_file()
                and self.text(rec) is not None
            )
        return rec.kind not in RETRY_KINDS
