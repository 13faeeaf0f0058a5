"""Adding files to the library: the one path the API upload, ``citebot ingest`` and the benchmarks share.

A file is parsed completely before the engine is touched, so a file that cannot be read leaves the library as
it was. A file the library already holds under its id is not parsed again. Replacing a different brief under an
existing id needs ``replace=True``; every replace and removal made through the API is written to the change log.
"""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, datetime
from pathlib import Path, PurePath

from bot.engine import Engine
from bot.ingest_records import IngestReport, replace_refusal
from corpus.errors import BriefExists, BriefNotFound, InvalidRequest
from corpus.limits import Budget, WorkLimits, stage, within
from corpus.loader import content_hash, parse_bytes, slugify
from corpus.models import Brief
from index.store import Progress

CHANGE_LOG = "changes.jsonl"

_BRIEF_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_log_lock = threading.Lock()


def ingest_bytes(
    engine: Engine,
    data: bytes,
    name: str,
    brief_id: str,
    progress: Progress | None = None,
    *,
    replace: bool = True,
    cancel: threading.Event | None = None,
    parsed: Brief | None = None,
) -> tuple[Brief, IngestReport]:
    """Parse and index one file under ``brief_id``. BriefExists when another brief holds the id and ``replace``
    is false; that is checked first (no parsing for a refused upload) and again under the engine's write lock.

    The work is bounded by the engine's settings (``corpus.limits``): sizes and counts give PayloadTooLarge, the
    parse and embed deadlines InputError, and setting ``cancel`` (from any thread) WorkCancelled at the next
    step. Whichever stops it, the library is as it was. ``parsed``, the brief ``parse_ahead`` made of these very
    bytes, is taken instead of parsing them again."""
    try:
        known: Brief | None = engine.brief(brief_id)
    except BriefNotFound:
        known = None
    digest = content_hash(data)
    if known is not None and known.content_hash != digest and not replace:
        raise BriefExists(replace_refusal(known))
    budget = Budget(WorkLimits.from_settings(engine.settings), cancel or threading.Event())
    with within(budget):
        if known is not None and known.content_hash == digest:
            brief = known
        elif parsed is not None and parsed.content_hash == digest and parsed.id == brief_id:
            brief = parsed
        else:
            with stage("parse"):
                brief = parse_bytes(data, name, brief_id=brief_id)
        with stage("embed"):
            return brief, engine.ingest(brief, progress, replace=replace)


def parse_ahead(engine: Engine, data: bytes, name: str, brief_id: str) -> Brief | None:
    """The brief ``ingest_bytes`` would parse of ``data``, parsed now under the same limits (by a caller that parses
    the next file while the engine embeds this one); None when the library already holds these very bytes under
    the id, so there is nothing to parse. A file that cannot be read raises as ``ingest_bytes`` would."""
    try:
        known: Brief | None = engine.brief(brief_id)
    except BriefNotFound:
        known = None
    if known is not None and known.content_hash == content_hash(data):
        return None
    with within(Budget(WorkLimits.from_settings(engine.settings), threading.Event())), stage("parse"):
        return parse_bytes(data, name, brief_id=brief_id)


def upload_name(filename: str | None) -> str:
    """The file's own name, whatever path the client sent with it ("C:\\fakepath\\brief.pdf")."""
    name = PurePath((filename or "").replace("\\", "/")).name
    return name or "upload"


def brief_id_for(name: str, requested: str | None) -> str:
    """The id a file is filed under: the one asked for (validated), else its name's slug."""
    if requested is None or not requested.strip():
        return slugify(PurePath(name).stem)
    wanted = requested.strip()
    if not _BRIEF_ID.match(wanted):
        raise InvalidRequest("brief_id must be 1-80 lower-case letters, digits or hyphens, starting with one of those")
    return wanted


def record_change(data_dir: Path, action: str, brief_id: str, digest: str | None, actor: str) -> None:
    """Append one line to the change log: when, what (``replaced``/``removed``), which brief, its content hash
    and which key made the change. Best effort is not enough here, so a failure to write propagates."""
    line = {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "action": action,
        "brief_id": brief_id,
        "content_hash": digest,
        "key": actor,
    }
    data_dir.mkdir(parents=True, exist_ok=True)
    with _log_lock, (data_dir / CHANGE_LOG).open("a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")
