"""Backups: ``backup(settings, file)`` writes one archive of a library; ``restore(settings, file)`` lays it out
in an empty data dir.

The archive (``.tar.gz``) holds what cannot be rebuilt: the parsed briefs (one JSON file each, read from the
database), the chat sessions and quiz state written out as the SQLite files of the layout before the database
(``index.db.transfer``; so archives of either layout restore alike), the change log, and a manifest. A restore
imports them into the configured database. On PostgreSQL, ``pg_dump`` is the backup of record; this archive
is a portable copy. Vectors are left out on
purpose: after a restore the engine's start-up sync embeds every brief again, which gives an index consistent
with the briefs by construction, whatever was being written when the backup was taken.
"""

from __future__ import annotations

import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.ingest import CHANGE_LOG
from bot.quiz.store import QUIZ_FILE
from bot.sessions import SESSIONS_FILE
from corpus.errors import InvalidRequest
from corpus.settings import Settings
from index.db.transfer import export_sessions, import_data_dir, is_empty
from index.library import BriefRepository, brief_to_dict

MANIFEST = "citebot-backup.json"
FORMAT = 1
DATABASES = (SESSIONS_FILE, QUIZ_FILE)
MAX_MEMBER_BYTES = 2_000_000_000  # a member larger than this is not one citebot wrote


@dataclass(frozen=True)
class Manifest:
    created: str
    briefs: tuple[str, ...]
    databases: tuple[str, ...]


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


def backup(settings: Settings, target: Path) -> Manifest:
    """Write the archive to ``target`` atomically (a temporary file, then renamed)."""
    data_dir = Path(settings.data_dir)
    repository = BriefRepository(settings)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".citebot-backup-", suffix=".tmp")
    os.close(fd)
    briefs: list[str] = []
    databases: list[str] = []
    try:
        with tempfile.TemporaryDirectory() as work, tarfile.open(tmp, "w:gz") as tar:
            for brief in repository.all():  # only readable briefs: a damaged row is not worth keeping
                payload = json.dumps(brief_to_dict(brief), ensure_ascii=False).encode()
                _add_bytes(tar, f"briefs/{brief.id}.json", payload)
                briefs.append(brief.id)
            for name in export_sessions(repository.db, Path(work)):
                _add_bytes(tar, name, (Path(work) / name).read_bytes())
                databases.append(name)
            if (data_dir / CHANGE_LOG).is_file():
                _add_bytes(tar, CHANGE_LOG, (data_dir / CHANGE_LOG).read_bytes())
            manifest = Manifest(datetime.now(UTC).isoformat(timespec="seconds"), tuple(briefs), tuple(databases))
            body = {"format": FORMAT, "created": manifest.created, "briefs": briefs, "databases": databases}
            _add_bytes(tar, MANIFEST, json.dumps(body, indent=2).encode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return manifest


def _allowed(name: str) -> bool:
    if name in (MANIFEST, CHANGE_LOG, *DATABASES):
        return True
    folder, _, file = name.partition("/")
    return folder == "briefs" and file.endswith(".json") and "/" not in file and not file.startswith(".")


def read_manifest(source: Path) -> Manifest:
    """The archive's manifest; InvalidRequest if the file is not a citebot backup."""
    try:
        with tarfile.open(source, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            body = json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise InvalidRequest(f"{Path(source).name} is not a citebot backup ({type(exc).__name__})") from exc
    if body.get("format") != FORMAT:
        raise InvalidRequest(f"{Path(source).name} is a backup of an unknown format: {body.get('format')!r}")
    return Manifest(str(body.get("created")), tuple(body.get("briefs", ())), tuple(body.get("databases", ())))


def restore(settings: Settings, source: Path) -> Manifest:
    """Lay the archive out in ``settings.data_dir``, which must hold no library yet. Nothing is written unless
    every member is one citebot writes (no paths outside the data dir, no links)."""
    source = Path(source)
    if not source.is_file():
        raise InvalidRequest(f"no such backup file: {source.name}")
    manifest = read_manifest(source)
    data_dir = Path(settings.data_dir)
    repository = BriefRepository(settings)
    if not is_empty(repository.db):
        raise InvalidRequest(
            "restore needs an empty library: point CITEBOT_DATA_DIR (and CITEBOT_DATABASE_URL) at new ones"
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".restore-") as work, tarfile.open(source, "r:gz") as tar:
        members = tar.getmembers()
        for member in members:
            if not member.isfile() or not _allowed(member.name) or member.size > MAX_MEMBER_BYTES:
                raise InvalidRequest(f"{source.name} holds {member.name!r}, which a citebot backup never does")
        tar.extractall(work, members=members, filter="data")
        staged = Path(work)
        counts = import_data_dir(repository, staged)
        if counts.problems:
            raise InvalidRequest(f"{source.name} could not be restored whole: {'; '.join(counts.problems)}")
        if (staged / CHANGE_LOG).is_file():
            os.replace(staged / CHANGE_LOG, data_dir / CHANGE_LOG)
    return manifest
