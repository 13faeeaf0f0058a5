"""``POST /briefs`` (multipart upload) and ``DELETE /briefs/{id}``: changing what is in the library.

Reading the library (``GET /briefs``, ``GET /briefs/{id}``) lives in ``api/routes/briefs.py``.

An upload is parsed completely before the engine is touched, so a file that cannot be read (unsupported,
encrypted, damaged, scanned) is refused with a reason and the library is unchanged. The size limit is enforced
twice: by ``api.limits`` while the body streams in, and here on the file itself. The type is checked from the
content (``corpus.loader.detect_format``), not trusted from the extension or the declared content type.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Response, UploadFile, status

from api.deps import EngineDep, SettingsDep
from api.schemas import ErrorOut
from api.schemas_library import IngestOut
from bot.engine import Engine, IngestReport
from corpus.errors import BriefNotFound, InvalidRequest, PayloadTooLarge
from corpus.loader import SUPPORTED_TYPES, content_hash, parse_bytes, slugify
from corpus.models import Brief
from corpus.serialize import brief_meta_json, warning_json
from index.store import Progress

router = APIRouter(prefix="/briefs", tags=["library"])

_BRIEF_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")

UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorOut, "description": "The file is larger than the upload limit"},
    415: {"model": ErrorOut, "description": "A kind of file citebot does not read (image, spreadsheet, archive)"},
    422: {"model": ErrorOut, "description": "The file cannot be read as a brief (format, encryption, damage)"},
    503: {"model": ErrorOut, "description": "The index is loading or the store is unavailable"},
}


def brief_summary_json(brief: Brief) -> dict[str, Any]:
    """The brief as ``GET /briefs`` lists it."""
    meta = brief_meta_json(brief, with_text=False)
    return {
        "id": brief.id,
        "title": brief.title,
        "date": brief.date,
        "authors": meta["authors"],
        "organisation": brief.organisation,
        "format": brief.format,
        "counts": {
            "passages": len(brief.passages),
            "sentences": sum(1 for p in brief.passages if p.kind == "sentence"),
            "footnotes": len(brief.footnotes),
            "warnings": len(brief.warnings),
        },
    }


def ingest_json(brief: Brief, report: IngestReport, filename: str) -> dict[str, Any]:
    """The ``POST /briefs`` body (also ``citebot ingest --json``)."""
    return {
        "status": report.status,
        "filename": filename,
        "brief": brief_summary_json(brief),
        "warnings": [warning_json(w) for w in brief.warnings],
    }


def ingest_bytes(
    engine: Engine, data: bytes, name: str, brief_id: str, progress: Progress | None = None
) -> tuple[Brief, IngestReport]:
    """Parse and index one file. A file the library already holds under that id is not parsed again: the
    stored brief goes to ``Engine.ingest``, which only checks that its vectors are all there."""
    try:
        known: Brief | None = engine.brief(brief_id)
    except BriefNotFound:
        known = None
    if known is not None and known.content_hash == content_hash(data):
        brief = known
    else:
        brief = parse_bytes(data, name, brief_id=brief_id)
    return brief, engine.ingest(brief, progress)


def upload_name(filename: str | None) -> str:
    """The file's own name, whatever path the client sent with it ("C:\\fakepath\\brief.pdf")."""
    name = PurePath((filename or "").replace("\\", "/")).name
    return name or "upload"


def brief_id_for(name: str, requested: str | None) -> str:
    if requested is None or not requested.strip():
        return slugify(PurePath(name).stem)
    wanted = requested.strip()
    if not _BRIEF_ID.match(wanted):
        raise InvalidRequest("brief_id must be 1-80 lower-case letters, digits or hyphens, starting with one of those")
    return wanted


@router.post(
    "",
    response_model=IngestOut,
    responses={201: {"model": IngestOut, "description": "A new brief was added"}, **UPLOAD_ERRORS},
    summary="Upload a brief",
)
def upload_brief(
    file: Annotated[UploadFile, File(description=f"The brief: {SUPPORTED_TYPES}.")],
    engine: EngineDep,
    settings: SettingsDep,
    response: Response,
    brief_id: Annotated[
        str | None,
        Form(description="Id to file it under (default: from the file name); an existing id is replaced."),
    ] = None,
) -> dict[str, Any]:
    """Parse the file, index it, and return the parse summary and warnings.

    The same file twice is a no-op (``"unchanged"``); a changed file under an existing id replaces the old
    version atomically (``"updated"``); a new id is ``"added"`` (HTTP 201).
    """
    limit = settings.max_upload_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"the file is larger than the upload limit of {limit} bytes")
    name = upload_name(file.filename)
    brief, report = ingest_bytes(engine, data, name, brief_id_for(name, brief_id))
    if report.status == "added":
        response.status_code = status.HTTP_201_CREATED
    return ingest_json(brief, report, name)


@router.delete(
    "/{brief_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"model": ErrorOut, "description": "Unknown brief"}},
    summary="Remove a brief",
)
def delete_brief(brief_id: str, engine: EngineDep) -> Response:
    """Remove the brief and its passages from the library and the index."""
    engine.remove(brief_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
